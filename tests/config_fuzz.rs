//! `config::parse` (reader and lint) never panics: proptest feeds it 12,000
//! configs, half generated from the format's grammar (mostly valid, so the
//! lint's enumeration runs on them) and half mutations of the built-in
//! screener (mostly invalid, so every error path runs), and asserts each
//! parses to a questionnaire or to a list of problems with messages.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::generated;
use program_fit_screener::core::config::parse;
use program_fit_screener::BUILTIN_CONFIG;
use proptest::collection::vec;
use proptest::prelude::*;
use serde_json::{json, Value};

const CASES: u32 = 6_000;
/// Words a mutation may put in: the format's keys and the built-in's ids.
const WORDS: &[&str] = &[
    "id",
    "kind",
    "text",
    "options",
    "show_if",
    "question",
    "is",
    "any_of",
    "includes",
    "answered",
    "score",
    "gte",
    "eq",
    "all",
    "any",
    "not",
    "when",
    "reasons",
    "levels",
    "fallback",
    "scores",
    "interrupt",
    "exclusive",
    "x-note",
    "en",
    "es",
    "alcohol",
    "audit_c",
    "structure",
    "crisis",
    "detox",
    "asq_now",
    "withdrawal",
    "yes",
    "no",
    "none",
    "outpatient",
    "",
];

fn assert_parses_or_explains(json: &str) {
    match parse(json) {
        Ok(q) => assert!(q.fallback < q.outcomes.len() && !q.questions.is_empty()),
        Err(problems) => {
            if std::env::var("FUZZ_TRACE").is_ok() {
                eprintln!("E {}", problems[0].message);
            }
            assert!(!problems.is_empty());
            assert!(problems.iter().all(|p| !p.message.is_empty()), "{problems:?}");
        }
    }
}

/// Any JSON value, built from the format's words and odd numbers.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        prop_oneof![any::<i64>(), -5i64..15, Just(i64::from(i32::MAX) + 1)].prop_map(Value::from),
        any::<f64>().prop_map(|f| json!(f)),
        prop::sample::select(WORDS).prop_map(Value::from),
        "\\PC{0,8}".prop_map(Value::from),
    ];
    leaf.prop_recursive(2, 8, 3, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..3).prop_map(Value::Array),
            vec((prop::sample::select(WORDS), inner), 0..3)
                .prop_map(|kv| Value::Object(kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect())),
        ]
    })
}

/// A node of `v` picked by a random descent: the keys and indices that
/// lead to it. Each step goes down with probability 4/5.
fn pick_node(v: &Value, mut pick: usize) -> Vec<Value> {
    let mut path = Vec::new();
    let mut here = v;
    loop {
        let (choice, rest) = (pick % 5, pick / 5);
        let children: Vec<(Value, &Value)> = match here {
            Value::Object(m) => m.iter().map(|(k, c)| (json!(k), c)).collect(),
            Value::Array(a) => a.iter().enumerate().map(|(i, c)| (json!(i), c)).collect(),
            _ => Vec::new(),
        };
        if choice == 0 || children.is_empty() {
            return path;
        }
        let (key, child) = children[rest % children.len()].clone();
        path.push(key);
        here = child;
        pick = (rest / children.len().max(1)) ^ rest.rotate_left(17);
    }
}

fn node_mut<'v>(v: &'v mut Value, path: &[Value]) -> Option<&'v mut Value> {
    path.iter().try_fold(v, |v, key| match key {
        Value::String(k) => v.get_mut(k.as_str()),
        other => v.get_mut(other.as_u64()? as usize),
    })
}

/// Applies one mutation to the node chosen by `pick`.
fn mutate(v: &mut Value, op: usize, pick: usize, other: usize, new: Value) {
    let path = pick_node(v, pick);
    let Some((last, parent_path)) = path.split_last() else { return *v = new };
    let Some(parent) = node_mut(v, parent_path) else { return };
    match (op, parent) {
        (0, _) => {
            if let Some(n) = node_mut(v, &path) {
                *n = new;
            }
        }
        (1, Value::Object(m)) => {
            m.remove(last.as_str().unwrap_or_default());
        }
        (1, Value::Array(a)) => {
            a.remove(last.as_u64().unwrap_or(0) as usize % a.len().max(1));
        }
        (2, Value::Array(a)) if !a.is_empty() => {
            let i = last.as_u64().unwrap_or(0) as usize % a.len();
            let item = a[i].clone();
            a.insert(other % (a.len() + 1), item);
        }
        (3, Value::Array(a)) if !a.is_empty() => {
            let (i, j) = (last.as_u64().unwrap_or(0) as usize % a.len(), other % a.len());
            a.swap(i, j);
        }
        (_, Value::Object(m)) => {
            let key = last.as_str().unwrap_or_default().to_string();
            if let Some(value) = m.remove(&key) {
                m.insert(format!("{}{}", WORDS[other % WORDS.len()], &key[..key.len() / 2]), value);
            }
        }
        _ => {}
    }
}

/// The built-in screener with its long texts cut short (ids, structure and
/// translations stay), parsed once: the mutations are about structure.
fn builtin() -> &'static Value {
    static BUILTIN: std::sync::OnceLock<Value> = std::sync::OnceLock::new();
    BUILTIN.get_or_init(|| {
        fn shorten(v: &mut Value) {
            match v {
                Value::String(s) if s.chars().count() > 16 => *s = s.chars().take(16).collect(),
                Value::Array(a) => a.iter_mut().for_each(shorten),
                Value::Object(m) => m.values_mut().for_each(shorten),
                _ => {}
            }
        }
        let mut v: Value = serde_json::from_str(BUILTIN_CONFIG).expect("the built-in is JSON");
        shorten(&mut v);
        v
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: CASES, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn generated_configs_parse_or_explain(config in generated()) {
        assert_parses_or_explains(&config.to_string());
    }

    #[test]
    fn mutated_builtin_parses_or_explains(changes in vec((0usize..5, any::<usize>(), any::<usize>(), any_json()), 1..4), cut in any::<usize>()) {
        let mut v = builtin().clone();
        for (op, pick, other, new) in changes {
            mutate(&mut v, op, pick, other, new);
        }
        let text = v.to_string();
        assert_parses_or_explains(&text);
        // And cut short anywhere, which is malformed JSON.
        let at = cut % (text.len() + 1);
        if text.is_char_boundary(at) {
            assert_parses_or_explains(&text[..at]);
        }
    }
}
