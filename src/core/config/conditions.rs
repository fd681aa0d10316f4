//! Reading conditions (`show_if`, outcome rules, reasons): answer tests,
//! score comparisons and `all` / `any` / `not`. Invariant: a condition that
//! reads ambiguously (two tests, two comparisons) is an error, never a guess.

use super::Parser;
use crate::core::condition::{Cmp, Condition};
use crate::core::format::{shape, Shape};
use crate::core::json::Value;
use crate::core::reader::{as_array, as_i32, as_str, index, kind_of, Errors, Obj};

impl Parser {
    pub(super) fn condition(&self, v: &Value, path: &str, errors: &mut Errors) -> Option<Condition> {
        let mut obj = Obj::new(v, path, Shape::NONE, errors)?;
        let cond = if obj.has("all") || obj.has("any") {
            let (key, shape) = if obj.has("all") { ("all", shape::AllOf) } else { ("any", shape::AnyOf) };
            obj.reshape(shape);
            let p = obj.at(key);
            let list: Vec<Condition> = obj
                .req(key, errors)
                .and_then(|v| as_array(v, &p, errors))
                .map(|a| a.iter().enumerate().filter_map(|(i, v)| self.condition(v, &index(&p, i), errors)).collect())
                .unwrap_or_default();
            if list.is_empty() {
                errors.push(&p, "must list at least one condition");
            }
            Some(if key == "all" { Condition::All(list) } else { Condition::Any(list) })
        } else if obj.has("not") {
            obj.reshape(shape::NotOf);
            let p = obj.at("not");
            obj.req("not", errors).and_then(|v| self.condition(v, &p, errors)).map(|c| Condition::Not(Box::new(c)))
        } else if obj.has("score") {
            obj.reshape(shape::ScoreTest);
            self.score_condition(&mut obj, errors)
        } else if obj.has("question") {
            obj.reshape(shape::AnswerTest);
            self.answer_condition(&mut obj, errors)
        } else {
            errors.push(path, "must have one of question, score, all, any or not");
            None
        };
        obj.finish(errors);
        cond
    }

    fn score_condition(&self, obj: &mut Obj, errors: &mut Errors) -> Option<Condition> {
        let scale_path = obj.at("score");
        let scale = obj.req_str("score", errors).and_then(|id| self.lookup(&self.scales, id, "scale", &scale_path, errors));
        let mut found = Vec::new();
        for (key, cmp) in Cmp::ALL {
            let p = obj.at(key);
            if let Some(n) = obj.opt(key).and_then(|v| as_i32(v, &p, errors)) {
                found.push((key, cmp, n));
            }
        }
        match found[..] {
            [] => errors.push(&obj.path, "needs one comparison: eq, gte, lte, gt or lt"),
            [_] => {}
            _ => errors.push(&obj.path, format!("has {} comparisons; use one, and \"all\" to combine", found.len())),
        }
        let &[(_, cmp, value)] = &found[..] else { return None };
        Some(Condition::Score { scale: scale?, cmp, value })
    }

    fn answer_condition(&self, obj: &mut Obj, errors: &mut Errors) -> Option<Condition> {
        let qpath = obj.at("question");
        let ids: Vec<String> = self.questions.iter().map(|(id, _)| id.clone()).collect();
        let question = obj.req_str("question", errors).and_then(|id| self.lookup(&ids, id, "question", &qpath, errors));
        let options = question.and_then(|q| self.questions.get(q)).map(|(_, o)| o.clone()).unwrap_or_default();
        let option = |id: &Value, p: &str, errors: &mut Errors| -> Option<usize> {
            let id = as_str(id, p, errors)?;
            question.and_then(|_| self.lookup(&options, id, "option", p, errors))
        };
        // `is` names one option; `any_of` and `includes` one or a list.
        let is = obj.opt("is").map(|v| option(v, &obj.at("is"), errors));
        let mut lists = Vec::new();
        for key in ["any_of", "includes"] {
            let p = obj.at(key);
            let Some(v) = obj.opt(key) else { continue };
            let items: Vec<&Value> = match v {
                Value::Array(a) => a.iter().collect(),
                other => vec![other],
            };
            if items.is_empty() {
                errors.push(&p, "must name at least one option");
            }
            let found: Vec<Option<usize>> = items.iter().enumerate().map(|(i, v)| option(v, &index(&p, i), errors)).collect();
            lists.push((key, found.into_iter().collect::<Option<Vec<usize>>>()));
        }
        let answered = obj.opt("answered");
        if let Some(v) = answered.filter(|v| v.as_bool() != Some(true)) {
            let found = if v.is_boolean() { v.to_string() } else { kind_of(v).to_string() };
            errors.push(&obj.at("answered"), format!("must be true, found {found} (use \"not\" for an unanswered question)"));
        }
        let tests = usize::from(is.is_some()) + lists.len() + usize::from(answered.is_some());
        if tests != 1 {
            let what = if tests == 0 { "needs one of" } else { "may have only one of" };
            errors.push(&obj.path, format!("{what} is, any_of, includes or answered"));
            return None;
        }
        let question = question?;
        if let Some(option) = is {
            return Some(Condition::Is { question, option: option? });
        }
        if let Some((key, options)) = lists.pop() {
            let options = options?;
            return Some(if key == "any_of" { Condition::AnyOf { question, options } } else { Condition::Includes { question, options } });
        }
        answered.filter(|v| v.as_bool() == Some(true)).map(|_| Condition::Answered { question })
    }
}
