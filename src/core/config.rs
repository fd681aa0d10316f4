//! Config format v1: JSON in, a validated `Questionnaire` or every problem
//! out. Invariant: `parse` never panics and never returns a questionnaire
//! with a dangling reference.

use super::condition::{Cmp, Condition};
use super::model::*;
use super::reader::{as_array, as_i32, as_str, closest, index, join, kind_of, ConfigError, Errors, Obj};
use super::text::Text;
use serde_json::Value;

/// The only config version this build understands.
pub const VERSION: u32 = 1;

/// Parses and validates a config. On failure, returns every problem found.
pub fn parse(json: &str) -> Result<Questionnaire, Vec<ConfigError>> {
    let value: Value = serde_json::from_str(json).map_err(|e| {
        vec![ConfigError {
            path: String::new(),
            message: format!("is not valid JSON: {} at line {}, column {}", strip_position(&e), e.line(), e.column()),
        }]
    })?;
    let mut errors = Errors::default();
    let q = Parser::new(&value).read(&value, &mut errors);
    match q {
        Some(q) if errors.0.is_empty() => Ok(q),
        _ => Err(errors.0),
    }
}

fn strip_position(e: &serde_json::Error) -> String {
    let s = e.to_string();
    s.split(" at line ").next().unwrap_or(&s).to_string()
}

/// Ids gathered in a first pass so references can be checked in the second.
struct Parser {
    questions: Vec<(String, Vec<String>)>,
    scales: Vec<String>,
    interrupts: Vec<String>,
    levels: Vec<String>,
    outcomes: Vec<String>,
    locales: Vec<String>,
}

fn ids_of(root: &Value, key: &str) -> Vec<String> {
    root.get(key)
        .and_then(Value::as_array)
        .map(|a| a.iter().map(|v| v.get("id").and_then(Value::as_str).unwrap_or("").to_string()).collect())
        .unwrap_or_default()
}

impl Parser {
    fn new(root: &Value) -> Self {
        let questions = root
            .get("questions")
            .and_then(Value::as_array)
            .map(|qs| {
                qs.iter()
                    .map(|q| {
                        let id = q.get("id").and_then(Value::as_str).unwrap_or("").to_string();
                        (id, ids_of(q, "options"))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let locales = root
            .get("locales")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_str).map(String::from).collect())
            .unwrap_or_default();
        Parser {
            questions,
            scales: ids_of(root, "scales"),
            interrupts: ids_of(root, "interrupts"),
            levels: ids_of(root, "levels"),
            outcomes: ids_of(root, "outcomes"),
            locales,
        }
    }

    fn read(&self, root: &Value, errors: &mut Errors) -> Option<Questionnaire> {
        let mut obj = Obj::new(root, "", errors)?;
        let version = obj.req("version", errors).and_then(|v| as_i32(v, "version", errors));
        if let Some(v) = version {
            if v != VERSION as i32 {
                errors.push("version", format!("is {v}, but this widget reads version {VERSION}"));
            }
        }
        let locales = match obj.opt("locales") {
            Some(v) => self.locales_list(v, errors),
            None => vec!["en".to_string()],
        };
        let scales = self.list(&mut obj, "scales", false, errors, |p, v, e| self.scale(v, p, e));
        let interrupts = self.list(&mut obj, "interrupts", false, errors, |p, v, e| self.interrupt(v, p, e));
        let questions = self.list(&mut obj, "questions", true, errors, |p, v, e| self.question(v, p, e));
        let levels = self.list(&mut obj, "levels", true, errors, |p, v, e| self.level(v, p, e));
        let outcomes = self.list(&mut obj, "outcomes", true, errors, |p, v, e| self.outcome(v, p, e));
        let fallback = obj
            .req_str("fallback", errors)
            .and_then(|id| self.lookup(&self.outcomes, id, "outcome", "fallback", errors));
        obj.finish(errors);
        check_unique(&self.questions.iter().map(|(id, _)| id.clone()).collect::<Vec<_>>(), "questions", errors);
        for (key, ids) in [("scales", &self.scales), ("interrupts", &self.interrupts), ("levels", &self.levels), ("outcomes", &self.outcomes)] {
            check_unique(ids, key, errors);
        }
        for (i, (_, opts)) in self.questions.iter().enumerate() {
            check_unique(opts, &join(&index("questions", i), "options"), errors);
        }
        Some(Questionnaire {
            version: version? as u32,
            locales,
            scales,
            questions,
            interrupts,
            levels,
            outcomes,
            fallback: fallback?,
        })
    }

    fn locales_list(&self, v: &Value, errors: &mut Errors) -> Vec<String> {
        let list: Vec<String> = as_array(v, "locales", errors)
            .map(|a| a.iter().enumerate().filter_map(|(i, l)| as_str(l, &index("locales", i), errors)).map(String::from).collect())
            .unwrap_or_default();
        if list.is_empty() {
            errors.push("locales", "must list at least one locale, such as \"en\"");
        }
        list
    }

    /// Reads the list at `key` with `item`, keeping the items that parsed.
    fn list<T>(
        &self,
        obj: &mut Obj,
        key: &'static str,
        required: bool,
        errors: &mut Errors,
        item: impl Fn(&str, &Value, &mut Errors) -> Option<T>,
    ) -> Vec<T> {
        let path = obj.at(key);
        let value = if required { obj.req(key, errors) } else { obj.opt(key) };
        let Some(arr) = value.and_then(|v| as_array(v, &path, errors)) else { return Vec::new() };
        if required && arr.is_empty() {
            errors.push(&path, "must not be empty");
        }
        arr.iter().enumerate().filter_map(|(i, v)| item(&index(&path, i), v, errors)).collect()
    }

    fn text(&self, v: &Value, path: &str, errors: &mut Errors) -> Option<Text> {
        match v {
            Value::String(_) if self.locales.len() > 1 => {
                errors.push(path, format!("has one wording, but the config declares the locales {}: give one per locale, like {{\"{}\": \"...\"}}", self.locales.join(", "), self.locales[0]));
                None
            }
            Value::String(_) => as_str(v, path, errors).map(Text::plain),
            Value::Object(map) => {
                let mut variants = Vec::new();
                for (locale, s) in map {
                    if let Some(s) = as_str(s, &join(path, locale), errors) {
                        variants.push((locale.clone(), s.to_string()));
                    }
                }
                for locale in &self.locales {
                    if !map.contains_key(locale) {
                        errors.push(path, format!("has no \"{locale}\" translation"));
                    }
                }
                // The first declared locale is the fallback wording.
                variants.sort_by_key(|(l, _)| self.locales.iter().position(|d| d == l).unwrap_or(usize::MAX));
                Some(Text::localized(variants))
            }
            _ => {
                errors.push(path, format!("must be a text (a string or {{\"en\": ...}}), found {}", kind_of(v)));
                None
            }
        }
    }

    fn opt_text(&self, obj: &mut Obj, key: &'static str, errors: &mut Errors) -> Option<Text> {
        let path = obj.at(key);
        obj.opt(key).and_then(|v| self.text(v, &path, errors))
    }

    fn req_text(&self, obj: &mut Obj, key: &'static str, errors: &mut Errors) -> Option<Text> {
        let path = obj.at(key);
        obj.req(key, errors).and_then(|v| self.text(v, &path, errors))
    }

    fn texts(&self, obj: &mut Obj, key: &'static str, errors: &mut Errors) -> Vec<Text> {
        let path = obj.at(key);
        let Some(arr) = obj.opt(key).and_then(|v| as_array(v, &path, errors)) else { return Vec::new() };
        arr.iter().enumerate().filter_map(|(i, v)| self.text(v, &index(&path, i), errors)).collect()
    }

    fn lookup(&self, ids: &[String], id: &str, what: &str, path: &str, errors: &mut Errors) -> Option<usize> {
        let found = ids.iter().position(|x| x == id);
        if found.is_none() {
            let names: Vec<&str> = ids.iter().map(String::as_str).collect();
            let hint = closest(id, &names).map(|c| format!(" (did you mean \"{c}\"?)")).unwrap_or_default();
            errors.push(path, format!("refers to unknown {what} \"{id}\"{hint}"));
        }
        found
    }

    fn scale(&self, v: &Value, path: &str, errors: &mut Errors) -> Option<Scale> {
        let mut obj = Obj::new(v, path, errors)?;
        let id = obj.req_str("id", errors);
        let label = self.req_text(&mut obj, "label", errors);
        obj.finish(errors);
        Some(Scale { id: id?.to_string(), label: label? })
    }

    fn interrupt(&self, v: &Value, path: &str, errors: &mut Errors) -> Option<Interrupt> {
        let mut obj = Obj::new(v, path, errors)?;
        let id = obj.req_str("id", errors);
        let title = self.req_text(&mut obj, "title", errors);
        let body = self.texts(&mut obj, "body", errors);
        let actions_path = obj.at("actions");
        let actions = obj
            .opt("actions")
            .and_then(|v| as_array(v, &actions_path, errors))
            .map(|a| a.iter().enumerate().filter_map(|(i, v)| self.link(v, &index(&actions_path, i), errors)).collect())
            .unwrap_or_default();
        let continue_label = self.req_text(&mut obj, "continue_label", errors);
        obj.finish(errors);
        Some(Interrupt { id: id?.to_string(), title: title?, body, actions, continue_label: continue_label? })
    }

    fn link(&self, v: &Value, path: &str, errors: &mut Errors) -> Option<Link> {
        let mut obj = Obj::new(v, path, errors)?;
        let label = self.req_text(&mut obj, "label", errors);
        let href = obj.req_str("href", errors);
        obj.finish(errors);
        let href = href?;
        if !is_safe_href(href) {
            errors.push(&join(path, "href"), "must start with tel:, sms:, mailto: or https:");
            return None;
        }
        Some(Link { label: label?, href: href.to_string() })
    }

    fn question(&self, v: &Value, path: &str, errors: &mut Errors) -> Option<Question> {
        let position = self.questions.len();
        let mut obj = Obj::new(v, path, errors)?;
        let id = obj.req_str("id", errors);
        let me = id.and_then(|id| self.questions.iter().position(|(q, _)| q == id)).unwrap_or(position);
        let kind = obj.req_str("kind", errors).and_then(|k| match k {
            "single" => Some(Kind::Single),
            "multi" => Some(Kind::Multi),
            "yes_no" => Some(Kind::YesNo),
            "scale" => Some(Kind::Scale),
            other => {
                errors.push(&obj.at("kind"), format!("is \"{other}\"; use single, multi, yes_no or scale"));
                None
            }
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
        obj.finish(errors);
        if let Some(cond) = &show_if {
            let mut refs = Vec::new();
            cond.questions(&mut refs);
            if refs.iter().any(|r| *r >= me) {
                errors.push(&show_if_path, "may only refer to questions that come before this one");
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
        Some(Question { id: id?.to_string(), kind, text: text?, hint, options, show_if })
    }

    fn choice(&self, v: &Value, path: &str, errors: &mut Errors) -> Option<Choice> {
        let mut obj = Obj::new(v, path, errors)?;
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
        let interrupt_path = obj.at("interrupt");
        let interrupt = obj
            .opt("interrupt")
            .and_then(|v| as_str(v, &interrupt_path, errors))
            .and_then(|id| self.lookup(&self.interrupts, id, "interrupt", &interrupt_path, errors));
        let exclusive = obj.bool_or("exclusive", false, errors);
        obj.finish(errors);
        Some(Choice { id: id?.to_string(), label: label?, hint, scores, interrupt, exclusive })
    }

    fn level(&self, v: &Value, path: &str, errors: &mut Errors) -> Option<Level> {
        let mut obj = Obj::new(v, path, errors)?;
        let id = obj.req_str("id", errors);
        let name = self.req_text(&mut obj, "name", errors);
        let summary = self.req_text(&mut obj, "summary", errors);
        let involves = self.texts(&mut obj, "involves", errors);
        let schedule = self.opt_text(&mut obj, "schedule", errors);
        let benefits = self.texts(&mut obj, "benefits", errors);
        obj.finish(errors);
        Some(Level { id: id?.to_string(), name: name?, summary: summary?, involves, schedule, benefits })
    }

    fn outcome(&self, v: &Value, path: &str, errors: &mut Errors) -> Option<Outcome> {
        let mut obj = Obj::new(v, path, errors)?;
        let id = obj.req_str("id", errors);
        let title = self.req_text(&mut obj, "title", errors);
        let summary = self.req_text(&mut obj, "summary", errors);
        let levels_path = obj.at("levels");
        let levels: Vec<usize> = obj
            .req("levels", errors)
            .and_then(|v| as_array(v, &levels_path, errors))
            .map(|a| {
                a.iter()
                    .enumerate()
                    .filter_map(|(i, v)| {
                        let p = index(&levels_path, i);
                        as_str(v, &p, errors).and_then(|id| self.lookup(&self.levels, id, "level", &p, errors))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let when_path = obj.at("when");
        let when = obj.opt("when").and_then(|v| self.condition(v, &when_path, errors));
        let reasons_path = obj.at("reasons");
        let reasons = obj
            .opt("reasons")
            .and_then(|v| as_array(v, &reasons_path, errors))
            .map(|a| a.iter().enumerate().filter_map(|(i, v)| self.reason(v, &index(&reasons_path, i), errors)).collect())
            .unwrap_or_default();
        let urgent_path = obj.at("urgent");
        let urgent = obj
            .opt("urgent")
            .and_then(|v| as_str(v, &urgent_path, errors))
            .and_then(|id| self.lookup(&self.interrupts, id, "interrupt", &urgent_path, errors));
        let contact = obj.bool_or("contact", true, errors);
        obj.finish(errors);
        Some(Outcome { id: id?.to_string(), title: title?, summary: summary?, levels, when, reasons, urgent, contact })
    }

    fn reason(&self, v: &Value, path: &str, errors: &mut Errors) -> Option<Reason> {
        let mut obj = Obj::new(v, path, errors)?;
        let when_path = obj.at("when");
        let when = obj.opt("when").and_then(|v| self.condition(v, &when_path, errors));
        let text = self.req_text(&mut obj, "text", errors);
        obj.finish(errors);
        Some(Reason { when, text: text? })
    }

    fn condition(&self, v: &Value, path: &str, errors: &mut Errors) -> Option<Condition> {
        let mut obj = Obj::new(v, path, errors)?;
        let cond = if obj.has("all") || obj.has("any") {
            let key = if obj.has("all") { "all" } else { "any" };
            let p = obj.at(key);
            let list: Vec<Condition> = obj
                .opt(key)
                .and_then(|v| as_array(v, &p, errors))
                .map(|a| a.iter().enumerate().filter_map(|(i, v)| self.condition(v, &index(&p, i), errors)).collect())
                .unwrap_or_default();
            if list.is_empty() {
                errors.push(&p, "must list at least one condition");
            }
            Some(if key == "all" { Condition::All(list) } else { Condition::Any(list) })
        } else if obj.has("not") {
            let p = obj.at("not");
            obj.opt("not").and_then(|v| self.condition(v, &p, errors)).map(|c| Condition::Not(Box::new(c)))
        } else if obj.has("score") {
            let scale = obj
                .req_str("score", errors)
                .and_then(|id| self.lookup(&self.scales, id, "scale", &join(path, "score"), errors));
            let mut found = None;
            for (key, cmp) in Cmp::ALL {
                let p = obj.at(key);
                if let Some(n) = obj.opt(key).and_then(|v| as_i32(v, &p, errors)) {
                    found = Some((cmp, n));
                }
            }
            if found.is_none() {
                errors.push(path, "needs one comparison: eq, gte, lte, gt or lt");
            }
            let (cmp, value) = found?;
            Some(Condition::Score { scale: scale?, cmp, value })
        } else if obj.has("question") {
            self.answer_condition(&mut obj, errors)
        } else {
            errors.push(path, "must have one of question, score, all, any or not");
            None
        };
        obj.finish(errors);
        cond
    }

    fn answer_condition(&self, obj: &mut Obj, errors: &mut Errors) -> Option<Condition> {
        let qpath = obj.at("question");
        let ids: Vec<String> = self.questions.iter().map(|(id, _)| id.clone()).collect();
        let question = obj.req_str("question", errors).and_then(|id| self.lookup(&ids, id, "question", &qpath, errors));
        let options = question.map(|q| self.questions[q].1.clone()).unwrap_or_default();
        let option_list = |key: &'static str, obj: &mut Obj, errors: &mut Errors| -> Option<Vec<usize>> {
            let p = obj.at(key);
            let v = obj.opt(key)?;
            let items: Vec<&Value> = match v {
                Value::Array(a) => a.iter().collect(),
                other => vec![other],
            };
            let mut found = Vec::new();
            for v in items {
                if let Some(id) = as_str(v, &p, errors) {
                    if question.is_some() {
                        found.extend(self.lookup(&options, id, "option", &p, errors));
                    }
                }
            }
            Some(found)
        };
        let is = option_list("is", obj, errors);
        let any_of = option_list("any_of", obj, errors);
        let includes = option_list("includes", obj, errors);
        let answered = obj.bool_or("answered", false, errors);
        let question = question?;
        if let Some(opts) = is {
            return opts.first().map(|&option| Condition::Is { question, option });
        }
        if let Some(options) = any_of {
            return Some(Condition::AnyOf { question, options });
        }
        if let Some(options) = includes {
            return Some(Condition::Includes { question, options });
        }
        if answered {
            return Some(Condition::Answered { question });
        }
        errors.push(&obj.path, "needs one of is, any_of, includes or answered");
        None
    }
}

/// Only links that cannot run script: `tel:`, `sms:`, `mailto:` and `https:`.
pub fn is_safe_href(href: &str) -> bool {
    let lower = href.trim().to_ascii_lowercase();
    ["tel:", "sms:", "mailto:", "https://"].iter().any(|p| lower.starts_with(p))
        && !href.chars().any(|c| c.is_control() || c == '"' || c == '<' || c == '>')
}

fn check_unique(ids: &[String], path: &str, errors: &mut Errors) {
    for (i, id) in ids.iter().enumerate() {
        if !id.is_empty() && ids[..i].contains(id) {
            errors.push(&index(path, i), format!("repeats the id \"{id}\""));
        }
    }
}

#[cfg(test)]
mod tests;
