//! Config format v1: JSON in, a validated `Questionnaire` or every problem
//! out, structural ones (here and in `config/`) and semantic ones (`lint`).
//! Invariant: `parse` never panics and never returns a questionnaire with a
//! dangling reference.

use super::format::shape;
use super::json::{self, Value};
use super::lint;
use super::model::*;
use super::reader::{as_array, as_i32, as_str, index, join, ConfigError, Errors, KeysRead, Obj};

/// The only config version this build understands.
pub const VERSION: u32 = 1;

/// Parses and validates a config: its structure, then the semantic checks
/// of `lint` (rules that never match, outcomes never reached, questions
/// never shown, thresholds out of range). On failure, returns every problem.
/// The widget runs the same three stages (`read_json`, `structure`,
/// `check`) one main-thread task apiece.
pub fn parse(json: &str) -> Result<Questionnaire, Vec<ConfigError>> {
    check(structure(&read_json(json)?)?)
}

/// Parses a config and checks its structure only (every reference
/// resolves), without the semantic checks; tests use it to hold the lint's
/// findings against real answer paths.
pub fn parse_structure(json: &str) -> Result<Questionnaire, Vec<ConfigError>> {
    structure(&read_json(json)?)
}

/// The most a site's config may weigh: five times the built-in screener in
/// two languages (49 KB), and a bound on the work of reading and checking it.
pub const MAX_BYTES: usize = 256 * 1024;

/// A site's JSON, refused at once when it is larger than `MAX_BYTES`.
pub fn read_bounded(text: &str) -> Result<Value, Vec<ConfigError>> {
    if text.len() > MAX_BYTES {
        let kb = (text.len() / 1024).to_string();
        let message = format!("is {kb} KB, more than the {} KB a questionnaire may be", MAX_BYTES / 1024);
        return Err(vec![ConfigError { path: String::new(), message }]);
    }
    read_json(text)
}

/// The first stage: the text as JSON.
pub fn read_json(json: &str) -> Result<Value, Vec<ConfigError>> {
    json::parse(json).map_err(|e| vec![ConfigError { path: String::new(), message: format!("is not valid JSON: {e}") }])
}

/// The second stage: the questionnaire in the JSON, every reference resolved.
pub fn structure(value: &Value) -> Result<Questionnaire, Vec<ConfigError>> {
    let mut errors = Errors::default();
    match Parser::new(value).read(value, &mut errors) {
        Some(q) if errors.0.is_empty() => Ok(q),
        _ => Err(errors.0),
    }
}

/// The third stage: the semantic checks of `lint`.
pub fn check(q: Questionnaire) -> Result<Questionnaire, Vec<ConfigError>> {
    let mut errors = Errors::default();
    lint::check(&q, &mut errors);
    if errors.0.is_empty() {
        Ok(q)
    } else {
        Err(errors.0)
    }
}

/// The keys the reader reads in each object of `json`, by JSON path, in
/// reading order (empty if `json` is not JSON). The JSON Schema's test
/// compares them with the schema (both come from `format`, and `Obj`
/// checks the reads against it while tests run).
pub fn keys_read(json: &str) -> Vec<KeysRead> {
    let Ok(value) = json::parse(json) else { return Vec::new() };
    let mut errors = Errors::recording_keys();
    Parser::new(&value).read(&value, &mut errors);
    errors.keys_read()
}

/// Ids gathered in a first pass so references can be checked in the second.
struct Parser {
    questions: Vec<(String, Vec<String>)>,
    scales: Vec<String>,
    interrupts: Vec<String>,
    levels: Vec<String>,
    outcomes: Vec<String>,
    locales: Vec<String>,
    voices: Vec<String>,
    /// Each question's `same_screen` flag, as written.
    same_screen: Vec<bool>,
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
            voices: ids_of(root, "voices"),
            same_screen: root
                .get("questions")
                .and_then(Value::as_array)
                .map(|qs| qs.iter().map(|q| matches!(q.get("same_screen"), Some(Value::Bool(true)))).collect())
                .unwrap_or_default(),
        }
    }

    fn read(&self, root: &Value, errors: &mut Errors) -> Option<Questionnaire> {
        let mut obj = Obj::new(root, "", shape::Config, errors)?;
        // For editors: the JSON Schema the file follows; the widget ignores it.
        if let Some(v) = obj.opt("$schema") {
            as_str(v, "$schema", errors);
        }
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
        let fallback = obj.req_str("fallback", errors).and_then(|id| self.lookup(&self.outcomes, id, "outcome", "fallback", errors));
        let voices = self.list(&mut obj, "voices", false, errors, |p, v, e| self.voice(v, p, e));
        let notes = self.list(&mut obj, "notes", false, errors, |p, v, e| self.note(v, p, e));
        obj.finish(errors);
        check_unique(&self.questions.iter().map(|(id, _)| id.clone()).collect::<Vec<_>>(), "questions", errors);
        for (key, ids) in [
            ("scales", &self.scales),
            ("interrupts", &self.interrupts),
            ("levels", &self.levels),
            ("outcomes", &self.outcomes),
            ("voices", &self.voices),
        ] {
            check_unique(ids, key, errors);
        }
        for (i, (_, opts)) in self.questions.iter().enumerate() {
            check_unique(opts, &join(&index("questions", i), "options"), errors);
        }
        for (i, v) in self.voices.iter().enumerate().filter(|(_, v)| self.locales.contains(v)) {
            errors.push(&join(&index("voices", i), "id"), format!("\"{v}\" is a locale; give the voice another id"));
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
            voices,
            notes,
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

    fn lookup(&self, ids: &[String], id: &str, what: &str, path: &str, errors: &mut Errors) -> Option<usize> {
        let found = ids.iter().position(|x| x == id);
        if found.is_none() {
            let names: Vec<&str> = ids.iter().map(String::as_str).collect();
            let hint = errors.closest(id, &names).map(|c| format!(" (did you mean \"{c}\"?)")).unwrap_or_default();
            errors.push(path, format!("refers to unknown {what} \"{id}\"{hint}"));
        }
        found
    }

    /// An optional reference to an interrupt screen at `key` (an option's
    /// `interrupt`, an outcome's `urgent`), as its index.
    fn opt_interrupt(&self, obj: &mut Obj, key: &'static str, errors: &mut Errors) -> Option<usize> {
        let path = obj.at(key);
        let id = as_str(obj.opt(key)?, &path, errors)?;
        self.lookup(&self.interrupts, id, "interrupt", &path, errors)
    }

    fn scale(&self, v: &Value, path: &str, errors: &mut Errors) -> Option<Scale> {
        let mut obj = Obj::new(v, path, shape::Scale, errors)?;
        let id = obj.req_str("id", errors);
        let label = self.req_text(&mut obj, "label", errors);
        obj.finish(errors);
        Some(Scale { id: id?.to_string().into(), label: label? })
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

mod conditions;
mod questions;
mod results;
#[cfg(test)]
mod tests;
mod texts;
