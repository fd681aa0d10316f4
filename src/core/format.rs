//! Config format v1, stated once: every object of a config with its keys
//! (required or optional, in reading order, with what each means), the
//! question kinds by name, and the shapes a text or a condition may take.
//! `config_format_v1!` hands that description to a macro of the caller's:
//! here it becomes the `shape` of each object (the keys the reader accepts
//! and requires, `reader::Obj`) and `KINDS`; in `screener-check` it becomes
//! the Rust types the JSON Schema is generated from. Invariant: it knows
//! nothing of how a config is read, checked or shown; the docs and the
//! schema's attributes stay tokens here, so none of them reach the wasm.

use super::model::Kind;

/// Calls `$then!` with the description of config format v1. The `#[...]`
/// attributes (docs, `schemars`, `serde`) are for the JSON Schema; `req` and
/// `opt` say whether a key must be present; `= "key"` names a key that is no
/// Rust name.
#[macro_export]
macro_rules! config_format_v1 {
    ($then:ident) => {
        $then! {
            objects {
                /// A program-fit screener config, format version 1. Keys starting with
                /// `x-` are allowed anywhere for notes and are ignored.
                #[schemars(title = "Program-fit screener config")]
                Config {
                    /// The JSON Schema this file follows, for editors; the widget ignores it.
                    opt schema = "$schema": String,
                    /// The format version: 1.
                    #[schemars(range(min = 1, max = 1))]
                    req version: u32,
                    /// The locales every text is written in, such as `["en", "es"]`; the
                    /// first is the fallback. Default: `["en"]`.
                    #[schemars(length(min = 1))]
                    opt locales: Vec<String>,
                    /// Named scores summed from the options chosen, such as `audit_c`.
                    opt scales: Vec<Scale>,
                    /// Safety screens that an answer raises before the next question.
                    opt interrupts: Vec<Interrupt>,
                    /// The questions, in the order they are asked.
                    #[schemars(length(min = 1))]
                    req questions: Vec<Question>,
                    /// The levels of care the outcomes point to.
                    #[schemars(length(min = 1))]
                    req levels: Vec<Level>,
                    /// The outcomes in priority order: the first whose `when` holds wins.
                    #[schemars(length(min = 1))]
                    req outcomes: Vec<Outcome>,
                    /// The id of the outcome shown when no rule holds.
                    req fallback: String,
                    /// Who may be answering besides the person themself (for example a
                    /// loved one): the first whose `when` holds is the voice every text is
                    /// read in; a text gives that voice's wordings under the voice's id.
                    opt voices: Vec<Voice>,
                    /// Advice shown on the result whatever the outcome, each when its `when` holds.
                    opt notes: Vec<Note>,
                }
                Voice {
                    req id: String,
                    /// When the texts are read in this voice.
                    req when: Condition,
                }
                Note {
                    req id: String,
                    /// Shown only when this holds; always without one.
                    opt when: Condition,
                    req text: Text,
                    /// Links such as "Call Poison Help".
                    opt actions: Vec<Link>,
                }
                Scale {
                    req id: String,
                    req label: Text,
                }
                Interrupt {
                    req id: String,
                    req title: Text,
                    /// Paragraphs.
                    opt body: Vec<Text>,
                    /// Links such as "Call or text 988".
                    opt actions: Vec<Link>,
                    /// The label of the button that goes on with the questions.
                    req continue_label: Text,
                    /// Also raised, after any screen, as soon as this holds (answers that
                    /// are risky together).
                    opt when: Condition,
                }
                Link {
                    req label: Text,
                    /// Only `tel:`, `sms:`, `mailto:` and `https://` links (any letter case).
                    #[schemars(regex(pattern = r"^\s*([Tt][Ee][Ll]:|[Ss][Mm][Ss]:|[Mm][Aa][Ii][Ll][Tt][Oo]:|[Hh][Tt][Tt][Pp][Ss]://)"))]
                    req href: String,
                }
                Question {
                    req id: String,
                    req kind: Kind,
                    req text: Text,
                    opt hint: Text,
                    /// At least two; a yes_no question has exactly two.
                    #[schemars(length(min = 2))]
                    req options: Vec<Choice>,
                    /// The question is asked only when this holds; it may read only earlier questions.
                    opt show_if: Condition,
                    /// Shown on the same screen as the question before it; its `show_if`
                    /// may not read a question of that screen.
                    opt same_screen: bool,
                }
                Choice {
                    req id: String,
                    req label: Text,
                    opt hint: Text,
                    /// Points added to scales when chosen: `{"audit_c": 2}`.
                    #[schemars(extend("patternProperties" = { "^x-": {} }))]
                    opt scores: std::collections::BTreeMap<String, i32>,
                    /// The id of an interrupt shown before the next question when chosen.
                    opt interrupt: String,
                    /// In a multi question, choosing this option clears the others.
                    opt exclusive: bool,
                }
                Level {
                    req id: String,
                    req name: Text,
                    req summary: Text,
                    opt involves: Vec<Text>,
                    opt schedule: Text,
                    opt benefits: Vec<Text>,
                }
                Outcome {
                    req id: String,
                    req title: Text,
                    req summary: Text,
                    /// Level ids; two mean the answers sit on the boundary between them.
                    req levels: Vec<String>,
                    /// The rule; an outcome without one is reached only as the fallback.
                    opt when: Condition,
                    /// Shown when their `when` holds (or always, without one); three at most.
                    opt reasons: Vec<Reason>,
                    /// The id of an interrupt whose links are repeated at the top of the result.
                    opt urgent: String,
                    /// Whether the contact form follows the result. Default: true.
                    opt contact: bool,
                }
                Reason {
                    opt when: Condition,
                    req text: Text,
                }
                /// Tests a question's answer; use exactly one of `is`, `any_of`, `includes`, `answered`.
                #[schemars(extend("oneOf" = [
                    { "required": ["is"] }, { "required": ["any_of"] }, { "required": ["includes"] }, { "required": ["answered"] }
                ]))]
                AnswerTest {
                    /// The id of an earlier question (in a `show_if`) or of any question.
                    req question: String,
                    /// The answer is exactly this option.
                    opt is: String,
                    /// The answer is one of these options.
                    opt any_of: OneOrMore,
                    /// A multi answer includes at least one of these options.
                    opt includes: OneOrMore,
                    /// The question was answered (it was shown): `true`.
                    #[schemars(extend("const" = true))]
                    opt answered: bool,
                }
                /// Compares a scale's total with a number; use exactly one comparison.
                #[schemars(extend("oneOf" = [
                    { "required": ["eq"] }, { "required": ["gte"] }, { "required": ["lte"] }, { "required": ["gt"] }, { "required": ["lt"] }
                ]))]
                ScoreTest {
                    /// A scale id.
                    req score: String,
                    opt eq: i32,
                    opt gte: i32,
                    opt lte: i32,
                    opt gt: i32,
                    opt lt: i32,
                }
                AllOf {
                    /// Every one of these holds.
                    #[schemars(length(min = 1))]
                    req all: Vec<Condition>,
                }
                AnyOf {
                    /// At least one of these holds.
                    #[schemars(length(min = 1))]
                    req any: Vec<Condition>,
                }
                NotOf {
                    /// This does not hold.
                    req not: Box<Condition>,
                }
            }
            kinds {
                /// How a question is answered.
                Kind {
                    /// Exactly one option (radio buttons).
                    "single" => Single,
                    /// One or more options (checkboxes).
                    "multi" => Multi,
                    /// Exactly two options.
                    "yes_no" => YesNo,
                    /// One option from an ordered list.
                    "scale" => Scale,
                }
            }
            values {
                /// A text: one string, or one per declared locale (`{"en": "...", "es": "..."}`),
                /// optionally with a declared voice's wordings under its id
                /// (`"loved_one": {"en": "...", "es": "..."}`). With more than one locale,
                /// every text needs every locale.
                #[serde(untagged)]
                Text {
                    Plain(String),
                    Localized(std::collections::BTreeMap<String, Wording>),
                }
                /// One locale's wording, or (under a voice's id) a voice's wordings.
                #[serde(untagged)]
                Wording {
                    Plain(String),
                    Voiced(std::collections::BTreeMap<String, String>),
                }
                /// A condition: one answer test, one score comparison, or `all` / `any` / `not`.
                #[serde(untagged)]
                Condition {
                    Answer(AnswerTest),
                    Score(ScoreTest),
                    All(AllOf),
                    Any(AnyOf),
                    Not(NotOf),
                }
                /// One option id or a list of them.
                #[serde(untagged)]
                OneOrMore {
                    One(String),
                    More(#[schemars(length(min = 1))] Vec<String>),
                }
            }
        }
    };
}

/// The keys of one object of the format, in reading order, each with
/// whether it is required.
#[derive(Debug, Clone, Copy)]
pub struct Shape(pub &'static [(&'static str, bool)]);

impl Shape {
    /// An object the format does not describe (a condition with none of
    /// its keys): every key is unknown.
    pub const NONE: Shape = Shape(&[]);

    /// Whether `key` is one of this object's keys, and if so, whether it is required.
    pub fn required(self, key: &str) -> Option<bool> {
        self.0.iter().find(|(k, _)| *k == key).map(|(_, r)| *r)
    }

    /// The keys, in reading order.
    pub fn keys(self) -> impl Iterator<Item = &'static str> {
        self.0.iter().map(|(k, _)| *k)
    }
}

/// Turns the description into a `Shape` per object (in module `shape`)
/// and `KINDS`.
macro_rules! shapes {
    (
        objects { $( $(#[$om:meta])* $name:ident { $( $(#[$fm:meta])* $req:ident $field:ident $(= $key:literal)? : $ty:ty ),* $(,)? } )* }
        kinds { $(#[$km:meta])* $kind:ident { $( $(#[$vm:meta])* $kname:literal => $variant:ident ),* $(,)? } }
        values { $($values:tt)* }
    ) => {
        /// Each object's keys, named as in the format.
        #[allow(non_upper_case_globals)]
        pub mod shape {
            use super::Shape;
            $( pub const $name: Shape = Shape(&[ $( (shapes!(@key $field $($key)?), shapes!(@req $req)) ),* ]); )*
        }

        /// The question kinds by their names in a config, in the format's order.
        pub const KINDS: &[(&str, $kind)] = &[ $( ($kname, $kind::$variant) ),* ];
    };
    (@key $field:ident) => { stringify!($field) };
    (@key $field:ident $key:literal) => { $key };
    (@req req) => { true };
    (@req opt) => { false };
}

config_format_v1!(shapes);

/// The kind names as a sentence ends them: "single, multi, yes_no or scale".
pub fn kind_names() -> String {
    let mut out = String::new();
    for (i, (name, _)) in KINDS.iter().enumerate() {
        if i > 0 {
            out.push_str(if i + 1 == KINDS.len() { " or " } else { ", " });
        }
        out.push_str(name);
    }
    out
}
