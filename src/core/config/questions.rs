//! Reading questions and their options: kinds, texts, points, interrupts,
//! exclusive options and `show_if`. Invariant: a `show_if` reads only
//! earlier questions, so one forward pass decides what is shown.

use super::Parser;
use crate::core::format::{kind_names, shape, KINDS};
use crate::core::json::Value;
use crate::core::model::{Choice, Kind, Question};
use crate::core::reader::{as_array, as_i32, index, join, kind_of, Errors, Obj};

impl Parser {
    pub(super) fn question(&self, v: &Value, path: &str, errors: &mut Errors) -> Option<Question> {
        let position = self.questions.len();
        let mut obj = Obj::new(v, path, shape::Question, errors)?;
        let id = obj.req_str("id", errors);
        let me = id.and_then(|id| self.questions.iter().position(|(q, _)| q == id)).unwrap_or(position);
        let kind = obj.req_str("kind", errors).and_then(|k| {
            let kind = KINDS.iter().find(|(name, _)| *name == k).map(|(_, kind)| *kind);
            if kind.is_none() {
                errors.push(&obj.at("kind"), format!("is \"{k}\"; use {}", kind_names()));
            }
            kind
        });
        let text = self.req_text(&mut obj, "text", errors);
        let hint = self.opt_text(&mut obj, "hint", errors);
        let options_path = obj.at("options");
        let raw_options = obj.req("options", errors).and_then(|v| as_array(v, &options_path, errors));
        let option_count = raw_options.map_or(0, Vec::len);
        let options: Vec<Choice> = raw_options
            .map(|a| a.iter().enumerate().filter_map(|(i, v)| self.choice(v, &index(&options_path, i), errors)).collect())
            .unwrap_or_default();
        let show_if_path = obj.at("show_if");
        let show_if = obj.opt("show_if").and_then(|v| self.condition(v, &show_if_path, errors));
        let same_screen = obj.bool_or("same_screen", false, errors);
        let same_screen_path = obj.at("same_screen");
        obj.finish(errors);
        if same_screen && me == 0 {
            errors.push(&same_screen_path, "cannot be set on the first question: there is no screen before it");
        }
        if let Some(cond) = &show_if {
            let mut refs = Vec::new();
            cond.questions(&mut refs);
            if refs.iter().any(|r| *r >= me) {
                errors.push(&show_if_path, "may only refer to questions that come before this one");
            } else if same_screen && refs.iter().any(|&r| self.screen_start(me) <= r) {
                errors.push(
                    &show_if_path,
                    "may not refer to a question on its own screen (\"same_screen\"): it must be decided before the screen shows",
                );
            }
        }
        let kind = kind?;
        if option_count < 2 || (kind == Kind::YesNo && option_count != 2) {
            let need = if kind == Kind::YesNo { "exactly 2 options" } else { "at least 2 options" };
            errors.push(&options_path, format!("must have {need}"));
        }
        if kind != Kind::Multi && options.iter().any(|o| o.exclusive) {
            errors.push(&options_path, "may use \"exclusive\" only in a multi question");
        }
        Some(Question { id: id?.to_string().into(), kind, text: text?, hint, options, show_if, same_screen })
    }

    /// The first question of the screen that question `me` is on, from the
    /// questions read so far and their `same_screen` flags.
    fn screen_start(&self, me: usize) -> usize {
        (0..=me).rev().find(|&j| !self.same_screen.get(j).copied().unwrap_or(false)).unwrap_or(0)
    }

    fn choice(&self, v: &Value, path: &str, errors: &mut Errors) -> Option<Choice> {
        let mut obj = Obj::new(v, path, shape::Choice, errors)?;
        let id = obj.req_str("id", errors);
        let label = self.req_text(&mut obj, "label", errors);
        let hint = self.opt_text(&mut obj, "hint", errors);
        let scores_path = obj.at("scores");
        let mut scores = Vec::new();
        if let Some(v) = obj.opt("scores") {
            match v.as_object() {
                None => errors.push(&scores_path, format!("must map scale ids to points, found {}", kind_of(v))),
                Some(map) => {
                    for (key, points) in map.iter().filter(|(k, _)| !k.starts_with("x-")) {
                        let p = join(&scores_path, key);
                        let scale = self.lookup(&self.scales, key, "scale", &p, errors);
                        if let (Some(s), Some(n)) = (scale, as_i32(points, &p, errors)) {
                            scores.push((s, n));
                        }
                    }
                }
            }
        }
        let interrupt = self.opt_interrupt(&mut obj, "interrupt", errors);
        let exclusive = obj.bool_or("exclusive", false, errors);
        obj.finish(errors);
        Some(Choice { id: id?.to_string().into(), label: label?, hint, scores, interrupt, exclusive })
    }
}
