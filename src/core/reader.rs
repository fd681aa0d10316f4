//! A JSON reader that tracks paths and collects every problem instead of
//! stopping at the first. Each object is read against its `format::Shape`:
//! a key it does not list is an error (with a "did you mean" among those it
//! does) unless it starts with `x-`.

use super::format::Shape;
use super::json::{Map, Value};
pub use super::path::{index, join};
use std::fmt;

/// One problem in a config, with the JSON path where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// For example `questions[4].show_if`; empty for the whole document.
    pub path: String,
    /// A sentence a marketer understands.
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// The keys the reader accepted in one object: its path and the keys.
pub type KeysRead = (String, Vec<&'static str>);

/// Collects errors while a config is read and, when asked to, the keys
/// accepted in each object (for the JSON Schema's drift test).
#[derive(Debug, Default)]
pub struct Errors(pub Vec<ConfigError>, Option<Vec<KeysRead>>);

impl Errors {
    pub fn push(&mut self, path: &str, message: impl Into<String>) {
        self.0.push(ConfigError { path: path.to_string(), message: message.into() });
    }

    /// The "did you mean" for an unknown `word`, within a bounded amount of
    /// work (an edit distance costs the product of the lengths): only for
    /// the first `MAX_SUGGESTED` problems, among at most `MAX_CANDIDATES`
    /// names, for words of at most `MAX_WORD` bytes. A crafted config with
    /// thousands of unknown references gets its errors, without suggestions.
    pub fn closest<'c>(&self, word: &str, candidates: &[&'c str]) -> Option<&'c str> {
        const MAX_SUGGESTED: usize = 20;
        const MAX_CANDIDATES: usize = 200;
        const MAX_WORD: usize = 64;
        if self.0.len() >= MAX_SUGGESTED || candidates.len() > MAX_CANDIDATES || word.len() > MAX_WORD {
            return None;
        }
        closest(word, &candidates.iter().copied().filter(|c| c.len() <= MAX_WORD).collect::<Vec<_>>())
    }

    /// An empty collector that also records the keys each object accepts.
    pub fn recording_keys() -> Self {
        Errors(Vec::new(), Some(Vec::new()))
    }

    /// The keys recorded, object by object, in reading order.
    pub fn keys_read(self) -> Vec<KeysRead> {
        self.1.unwrap_or_default()
    }
}

/// Reads one JSON object of a given `Shape`, so that `finish` can report
/// the keys the shape does not list. (While the tests run, it also checks
/// that the code reads exactly the shape's keys, in its order, each as
/// required or optional as the shape says.)
#[derive(Debug)]
pub struct Obj<'a> {
    pub path: String,
    map: &'a Map,
    shape: Shape,
    /// The keys read, for `Errors::recording_keys` and the checks above.
    read: Vec<&'static str>,
}

impl<'a> Obj<'a> {
    /// Reads `value` as an object of `shape`, or records an error and returns `None`.
    pub fn new(value: &'a Value, path: &str, shape: Shape, errors: &mut Errors) -> Option<Self> {
        match value.as_object() {
            Some(map) => Some(Obj { path: path.to_string(), map, shape, read: Vec::new() }),
            None => {
                errors.push(path, format!("must be an object, found {}", kind_of(value)));
                None
            }
        }
    }

    /// Reads the object as `shape` from now on (a condition's shape is known
    /// once its keys are looked at).
    pub fn reshape(&mut self, shape: Shape) {
        self.shape = shape;
    }

    /// The value at `key`, if present.
    pub fn opt(&mut self, key: &'static str) -> Option<&'a Value> {
        debug_assert_eq!(self.shape.required(key), Some(false), "`{}`: \"{key}\" is not an optional key of its shape", self.path);
        self.get(key)
    }

    fn get(&mut self, key: &'static str) -> Option<&'a Value> {
        self.read.push(key);
        self.map.get(key)
    }

    /// The value at `key`, or an error that it is missing.
    pub fn req(&mut self, key: &'static str, errors: &mut Errors) -> Option<&'a Value> {
        debug_assert_eq!(self.shape.required(key), Some(true), "`{}`: \"{key}\" is not a required key of its shape", self.path);
        let v = self.get(key);
        if v.is_none() {
            errors.push(&self.path, format!("is missing \"{key}\""));
        }
        v
    }

    /// A required non-empty string at `key`.
    pub fn req_str(&mut self, key: &'static str, errors: &mut Errors) -> Option<&'a str> {
        let v = self.req(key, errors)?;
        as_str(v, &join(&self.path, key), errors)
    }

    /// An optional boolean at `key` (default when absent).
    pub fn bool_or(&mut self, key: &'static str, default: bool, errors: &mut Errors) -> bool {
        match self.opt(key) {
            None => default,
            Some(Value::Bool(b)) => *b,
            Some(v) => {
                errors.push(&join(&self.path, key), format!("must be true or false, found {}", kind_of(v)));
                default
            }
        }
    }

    /// The path of a key of this object.
    pub fn at(&self, key: &str) -> String {
        join(&self.path, key)
    }

    /// Whether the object has this key (does not mark it as read).
    pub fn has(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }

    /// Reports every key that its shape does not list and is not an `x-` extension.
    pub fn finish(self, errors: &mut Errors) {
        debug_assert!(self.read.iter().copied().eq(self.shape.keys()), "`{}` read {:?}, not its shape's keys", self.path, self.read);
        if let Some(log) = &mut errors.1 {
            log.push((self.path.clone(), self.read.clone()));
        }
        let known: Vec<&str> = self.shape.keys().collect();
        for key in self.map.keys() {
            if !key.starts_with("x-") && !known.contains(&key.as_str()) {
                let hint = errors.closest(key, &known).map(|k| format!(" (did you mean \"{k}\"?)")).unwrap_or_default();
                errors.push(&self.path, format!("has an unknown key \"{key}\"{hint}"));
            }
        }
    }
}

/// A non-empty string, or an error.
pub fn as_str<'a>(v: &'a Value, path: &str, errors: &mut Errors) -> Option<&'a str> {
    match v.as_str() {
        Some(s) if !s.trim().is_empty() => Some(s),
        Some(_) => {
            errors.push(path, "must not be empty");
            None
        }
        None => {
            errors.push(path, format!("must be a string, found {}", kind_of(v)));
            None
        }
    }
}

/// An array, or an error.
pub fn as_array<'a>(v: &'a Value, path: &str, errors: &mut Errors) -> Option<&'a Vec<Value>> {
    let arr = v.as_array();
    if arr.is_none() {
        errors.push(path, format!("must be a list, found {}", kind_of(v)));
    }
    arr
}

/// An integer that fits in i32, or an error.
pub fn as_i32(v: &Value, path: &str, errors: &mut Errors) -> Option<i32> {
    let n = v.as_i64().and_then(|n| i32::try_from(n).ok());
    if n.is_none() {
        errors.push(path, format!("must be a whole number, found {}", kind_of(v)));
    }
    n
}

/// A short description of a JSON value's type for error messages.
pub fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// The candidate closest to `word` by edit distance, if it is close enough.
pub fn closest<'c>(word: &str, candidates: &[&'c str]) -> Option<&'c str> {
    candidates
        .iter()
        .map(|c| (edit_distance(word, c), *c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 4))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_are_bounded_work() {
        let mut errors = Errors::default();
        assert_eq!(errors.closest("q_alcol", &["q_alcohol", "who"]), Some("q_alcohol"));
        let many: Vec<String> = (0..201).map(|i| format!("q_alcohol{i}")).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        assert_eq!(errors.closest("q_alcohol1x", &many), None, "not among more than 200 names");
        assert_eq!(errors.closest(&"q".repeat(65), &["q".repeat(64).as_str()]), None, "not for a word over 64 bytes");
        for _ in 0..20 {
            errors.push("", "a problem");
        }
        assert_eq!(errors.closest("q_alcol", &["q_alcohol", "who"]), None, "not after the first 20 problems");
    }

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(closest("q_alcol", &["q_alcohol", "who"]), Some("q_alcohol"));
        assert_eq!(closest("zzz", &["q_alcohol", "who"]), None);
    }

    #[test]
    fn unknown_keys_are_errors_except_extensions() {
        let v = crate::core::json::parse(r#"{"id": "a", "x-note": 1, "lable": 2}"#).unwrap();
        let mut errors = Errors::default();
        let shape = Shape(&[("id", true), ("label", false)]);
        let mut obj = Obj::new(&v, "q", shape, &mut errors).unwrap();
        obj.req_str("id", &mut errors);
        obj.opt("label");
        obj.finish(&mut errors);
        assert_eq!(errors.0.len(), 1);
        assert_eq!(errors.0[0].to_string(), "q: has an unknown key \"lable\" (did you mean \"label\"?)");
    }
}
