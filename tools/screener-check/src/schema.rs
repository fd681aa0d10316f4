//! The config format v1 described as Rust types, for the JSON Schema only:
//! the widget reads configs by hand (`core::config`) and never uses these.
//! Invariant: each struct has exactly the keys the reader accepts at that
//! place; `tests/schema.rs` compares them with `config::keys_read`.

// The fields are never read: they exist to be described.
#![allow(dead_code)]

use schemars::{JsonSchema, SchemaGenerator};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// A program-fit screener config, format version 1. Keys starting with
/// `x-` are allowed anywhere for notes and are ignored.
#[derive(JsonSchema)]
#[schemars(title = "Program-fit screener config", deny_unknown_fields)]
struct Config {
    /// The JSON Schema this file follows, for editors; the widget ignores it.
    #[schemars(rename = "$schema")]
    schema: Option<String>,
    /// The format version: 1.
    #[schemars(range(min = 1, max = 1))]
    version: u32,
    /// The locales every text is written in, such as `["en", "es"]`; the
    /// first is the fallback. Default: `["en"]`.
    #[schemars(length(min = 1))]
    locales: Option<Vec<String>>,
    /// Named scores summed from the options chosen, such as `audit_c`.
    scales: Option<Vec<Scale>>,
    /// Safety screens that an answer raises before the next question.
    interrupts: Option<Vec<Interrupt>>,
    /// The questions, in the order they are asked.
    #[schemars(length(min = 1))]
    questions: Vec<Question>,
    /// The levels of care the outcomes point to.
    #[schemars(length(min = 1))]
    levels: Vec<Level>,
    /// The outcomes in priority order: the first whose `when` holds wins.
    #[schemars(length(min = 1))]
    outcomes: Vec<Outcome>,
    /// The id of the outcome shown when no rule holds.
    fallback: String,
    /// Who may be answering besides the person themself (for example a
    /// loved one): the first whose `when` holds is the voice every text is
    /// read in; a text gives that voice's wordings under the voice's id.
    voices: Option<Vec<Voice>>,
    /// Advice shown on the result whatever the outcome, each when its `when` holds.
    notes: Option<Vec<Note>>,
}

/// A text: one string, or one per declared locale (`{"en": "...", "es": "..."}`),
/// optionally with a declared voice's wordings under its id
/// (`"loved_one": {"en": "...", "es": "..."}`). With more than one locale,
/// every text needs every locale.
#[derive(JsonSchema)]
#[serde(untagged)]
enum Text {
    Plain(String),
    Localized(BTreeMap<String, Wording>),
}

/// One locale's wording, or (under a voice's id) a voice's wordings.
#[derive(JsonSchema)]
#[serde(untagged)]
enum Wording {
    Plain(String),
    Voiced(BTreeMap<String, String>),
}

#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Voice {
    id: String,
    /// When the texts are read in this voice.
    when: Condition,
}

#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Note {
    id: String,
    /// Shown only when this holds; always without one.
    when: Option<Condition>,
    text: Text,
    /// Links such as "Call Poison Help".
    actions: Option<Vec<Link>>,
}

#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Scale {
    id: String,
    label: Text,
}

#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Interrupt {
    id: String,
    title: Text,
    /// Paragraphs.
    body: Option<Vec<Text>>,
    /// Links such as "Call or text 988".
    actions: Option<Vec<Link>>,
    /// The label of the button that goes on with the questions.
    continue_label: Text,
    /// Also raised, after any screen, as soon as this holds (answers that
    /// are risky together).
    when: Option<Condition>,
}

#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Link {
    label: Text,
    /// Only `tel:`, `sms:`, `mailto:` and `https://` links (any letter case).
    #[schemars(regex(pattern = r"^\s*([Tt][Ee][Ll]:|[Ss][Mm][Ss]:|[Mm][Aa][Ii][Ll][Tt][Oo]:|[Hh][Tt][Tt][Pp][Ss]://)"))]
    href: String,
}

/// How a question is answered.
#[derive(JsonSchema)]
#[serde(rename_all = "snake_case")]
enum Kind {
    /// Exactly one option (radio buttons).
    Single,
    /// One or more options (checkboxes).
    Multi,
    /// Exactly two options.
    YesNo,
    /// One option from an ordered list.
    Scale,
}

#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Question {
    id: String,
    kind: Kind,
    text: Text,
    hint: Option<Text>,
    /// At least two; a yes_no question has exactly two.
    #[schemars(length(min = 2))]
    options: Vec<Choice>,
    /// The question is asked only when this holds; it may read only earlier questions.
    show_if: Option<Condition>,
    /// Shown on the same screen as the question before it; its `show_if`
    /// may not read a question of that screen.
    same_screen: Option<bool>,
}

#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Choice {
    id: String,
    label: Text,
    hint: Option<Text>,
    /// Points added to scales when chosen: `{"audit_c": 2}`.
    #[schemars(extend("patternProperties" = { "^x-": {} }))]
    scores: Option<BTreeMap<String, i32>>,
    /// The id of an interrupt shown before the next question when chosen.
    interrupt: Option<String>,
    /// In a multi question, choosing this option clears the others.
    exclusive: Option<bool>,
}

#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Level {
    id: String,
    name: Text,
    summary: Text,
    involves: Option<Vec<Text>>,
    schedule: Option<Text>,
    benefits: Option<Vec<Text>>,
}

#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Outcome {
    id: String,
    title: Text,
    summary: Text,
    /// Level ids; two mean the answers sit on the boundary between them.
    levels: Vec<String>,
    /// The rule; an outcome without one is reached only as the fallback.
    when: Option<Condition>,
    /// Shown when their `when` holds (or always, without one); three at most.
    reasons: Option<Vec<Reason>>,
    /// The id of an interrupt whose links are repeated at the top of the result.
    urgent: Option<String>,
    /// Whether the contact form follows the result. Default: true.
    contact: Option<bool>,
}

#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Reason {
    when: Option<Condition>,
    text: Text,
}

/// A condition: one answer test, one score comparison, or `all` / `any` / `not`.
#[derive(JsonSchema)]
#[serde(untagged)]
enum Condition {
    Answer(AnswerTest),
    Score(ScoreTest),
    All(AllOf),
    Any(AnyOf),
    Not(NotOf),
}

/// Tests a question's answer; use exactly one of `is`, `any_of`, `includes`, `answered`.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
#[schemars(extend("oneOf" = [
    { "required": ["is"] }, { "required": ["any_of"] }, { "required": ["includes"] }, { "required": ["answered"] }
]))]
struct AnswerTest {
    /// The id of an earlier question (in a `show_if`) or of any question.
    question: String,
    /// The answer is exactly this option.
    is: Option<String>,
    /// The answer is one of these options.
    any_of: Option<OneOrMore>,
    /// A multi answer includes at least one of these options.
    includes: Option<OneOrMore>,
    /// The question was answered (it was shown): `true`.
    #[schemars(extend("const" = true))]
    answered: Option<bool>,
}

/// One option id or a list of them.
#[derive(JsonSchema)]
#[serde(untagged)]
enum OneOrMore {
    One(String),
    More(#[schemars(length(min = 1))] Vec<String>),
}

/// Compares a scale's total with a number; use exactly one comparison.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
#[schemars(extend("oneOf" = [
    { "required": ["eq"] }, { "required": ["gte"] }, { "required": ["lte"] }, { "required": ["gt"] }, { "required": ["lt"] }
]))]
struct ScoreTest {
    /// A scale id.
    score: String,
    eq: Option<i32>,
    gte: Option<i32>,
    lte: Option<i32>,
    gt: Option<i32>,
    lt: Option<i32>,
}

#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct AllOf {
    /// Every one of these holds.
    #[schemars(length(min = 1))]
    all: Vec<Condition>,
}

#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct AnyOf {
    /// At least one of these holds.
    #[schemars(length(min = 1))]
    any: Vec<Condition>,
}

#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct NotOf {
    /// This does not hold.
    not: Box<Condition>,
}

/// The JSON Schema of config format v1, generated from the types above.
pub fn schema() -> Value {
    let schema = SchemaGenerator::default().into_root_schema_for::<Config>();
    let mut value = schema.to_value();
    tidy(&mut value);
    value
}

/// Adapts what schemars writes to what the reader accepts: optional keys
/// may be absent but never `null`, and `x-` keys are allowed in any object.
fn tidy(v: &mut Value) {
    match v {
        Value::Object(map) => {
            drop_null(map);
            if map.get("additionalProperties") == Some(&Value::Bool(false)) {
                map.insert("patternProperties".into(), json!({ "^x-": {} }));
            }
            map.values_mut().for_each(tidy);
        }
        Value::Array(items) => items.iter_mut().for_each(tidy),
        _ => {}
    }
}

fn drop_null(map: &mut Map<String, Value>) {
    if let Some(Value::Array(types)) = map.get_mut("type") {
        types.retain(|t| t != "null");
        if let [only] = &types[..] {
            let only = only.clone();
            map.insert("type".into(), only);
        }
    }
    if let Some(Value::Array(any)) = map.get_mut("anyOf") {
        any.retain(|s| s.get("type").and_then(Value::as_str) != Some("null"));
        if let [only] = &any[..] {
            let only = only.clone();
            map.remove("anyOf");
            if let Value::Object(inner) = only {
                map.extend(inner);
            }
        }
    }
}
