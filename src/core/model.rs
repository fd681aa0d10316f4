//! Validated domain types of a questionnaire. They are built only by
//! `config::parse`, so every index in them points at something that exists.

use super::answers::Answers;
use super::condition::Condition;
use super::text::{Str, Text};

/// The texts of a questionnaire in their fixed order, by shared or unique
/// reference (`texts`, `texts_mut`): one list, so the two never differ.
macro_rules! every_text {
    ($q:expr, $($m:ident)?) => {{
        let q = $q;
        let mut out = Vec::new();
        for s in & $($m)? q.scales {
            out.push(& $($m)? s.label);
        }
        for q in & $($m)? q.questions {
            out.push(& $($m)? q.text);
            out.extend(every_text!(@opt q.hint, $($m)?));
            for c in & $($m)? q.options {
                out.push(& $($m)? c.label);
                out.extend(every_text!(@opt c.hint, $($m)?));
            }
        }
        for i in & $($m)? q.interrupts {
            out.push(& $($m)? i.title);
            out.extend(& $($m)? i.body);
            out.extend(every_text!(@iter i.actions, $($m)?).map(|a| & $($m)? a.label));
            out.push(& $($m)? i.continue_label);
        }
        for l in & $($m)? q.levels {
            out.extend([& $($m)? l.name, & $($m)? l.summary]);
            out.extend(& $($m)? l.involves);
            out.extend(every_text!(@opt l.schedule, $($m)?));
            out.extend(& $($m)? l.benefits);
        }
        for o in & $($m)? q.outcomes {
            out.extend([& $($m)? o.title, & $($m)? o.summary]);
            out.extend(every_text!(@iter o.reasons, $($m)?).map(|r| & $($m)? r.text));
        }
        for n in & $($m)? q.notes {
            out.push(& $($m)? n.text);
            out.extend(every_text!(@iter n.actions, $($m)?).map(|a| & $($m)? a.label));
        }
        out
    }};
    (@opt $e:expr, mut) => { $e.as_mut() };
    (@opt $e:expr, ) => { $e.as_ref() };
    (@iter $e:expr, mut) => { $e.iter_mut() };
    (@iter $e:expr, ) => { $e.iter() };
}

/// A validated questionnaire: questions in order, outcomes in priority order.
#[derive(Debug, Clone)]
pub struct Questionnaire {
    pub version: u32,
    pub locales: Vec<String>,
    pub scales: Vec<Scale>,
    pub questions: Vec<Question>,
    pub interrupts: Vec<Interrupt>,
    pub levels: Vec<Level>,
    /// Checked in order; the first whose `when` holds wins.
    pub outcomes: Vec<Outcome>,
    /// Index into `outcomes` used when no rule matches.
    pub fallback: usize,
    /// Who is answering, decided by the answers (for example a loved one);
    /// the first whose `when` holds is the voice the texts are read in.
    pub voices: Vec<Voice>,
    /// Shown on the result, whatever the outcome, each when its `when` holds.
    pub notes: Vec<Note>,
}

impl Questionnaire {
    /// Every text, in a fixed order (`packed` writes a locale's wordings in it).
    pub fn texts_mut(&mut self) -> Vec<&mut Text> {
        every_text!(self, mut)
    }

    /// Every text, in the order of `texts_mut`.
    pub fn texts(&self) -> Vec<&Text> {
        every_text!(self,)
    }

    /// The voice the answers so far call for (`voices`' first that holds),
    /// or `None` for the default voice (the visitor speaking for themself).
    pub fn voice(&self, answers: &Answers, scores: &[i32]) -> Option<usize> {
        self.voices.iter().position(|v| v.when.eval(answers, scores))
    }

    /// This questionnaire with every text in `voice`: a text's wording for
    /// that voice replaces its default one, and no text keeps other voices.
    pub fn in_voice(&self, voice: Option<usize>) -> Questionnaire {
        let mut q = self.clone();
        let id = voice.and_then(|v| self.voices.get(v)).map(|v| v.id.clone());
        for t in q.texts_mut() {
            t.resolve_voice(id.as_deref());
        }
        q
    }

    /// Whether `locale` is one of the questionnaire's locales but its
    /// wordings are not all here yet (the built-in screener's are packed
    /// apart: `packed::split_locale`, `split_locale_except`), as the last
    /// question tells.
    pub fn lacks(&self, locale: &str) -> bool {
        self.locales.iter().any(|l| l == locale) && self.questions.last().is_some_and(|q| !q.text.has(locale))
    }
}

/// A named score summed from the options chosen (for example `audit_c`).
#[derive(Debug, Clone)]
pub struct Scale {
    pub id: Str,
    pub label: Text,
}

/// How a question is answered and rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Exactly one option (radio buttons).
    Single,
    /// One or more options (checkboxes); an `exclusive` option stands alone.
    Multi,
    /// Two options, yes and no.
    YesNo,
    /// One option from an ordered list (radio buttons, in order).
    Scale,
}

impl Kind {
    pub fn is_multi(self) -> bool {
        self == Kind::Multi
    }
}

/// Two questions are equal when their ids are (`PartialEq` below).
#[derive(Debug, Clone)]
pub struct Question {
    pub id: Str,
    pub kind: Kind,
    pub text: Text,
    pub hint: Option<Text>,
    pub options: Vec<Choice>,
    /// Shown only when this holds; refers to earlier questions only.
    pub show_if: Option<Condition>,
    /// Shown on the same screen as the question before it (which must be
    /// decided before that screen: `show_if` reads no question of it).
    pub same_screen: bool,
}

/// One answer option of a question.
#[derive(Debug, Clone)]
pub struct Choice {
    pub id: Str,
    pub label: Text,
    pub hint: Option<Text>,
    /// `(scale index, points)` added when this option is chosen.
    pub scores: Vec<(usize, i32)>,
    /// Interrupt screen shown before the next question when chosen.
    pub interrupt: Option<usize>,
    /// In a multiple-choice question, choosing this clears the others.
    pub exclusive: bool,
}

/// A safety screen (crisis, withdrawal danger, under 18) with its own links.
/// Two are equal when their ids are (`PartialEq` below).
#[derive(Debug, Clone)]
pub struct Interrupt {
    pub id: Str,
    pub title: Text,
    pub body: Vec<Text>,
    pub actions: Vec<Link>,
    pub continue_label: Text,
    /// Raised as soon as this holds after a screen's Continue, like an
    /// option's `interrupt` (for answers that are risky together).
    pub when: Option<Condition>,
}

/// A question is equal to another of the same id: within one questionnaire
/// that is the same question, which is what the views compare (a screen's
/// props). Its texts are not compared: a voice or a locale that changes them
/// comes with the props that changed it (the answers, the locale), and a
/// comparison of every text, option and condition would cost the main wasm
/// 0.6 KB brotli (measured).
impl PartialEq for Question {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

/// As for `Question`: the same id is the same safety screen.
impl PartialEq for Interrupt {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

/// A link a visitor can follow: only `tel:`, `sms:`, `https:` and `mailto:`.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub label: Text,
    pub href: Str,
}

/// A level of care and what it involves, in plain words.
#[derive(Debug, Clone)]
pub struct Level {
    pub id: Str,
    pub name: Text,
    pub summary: Text,
    pub involves: Vec<Text>,
    pub schedule: Option<Text>,
    pub benefits: Vec<Text>,
}

#[derive(Debug, Clone)]
pub struct Outcome {
    pub id: Str,
    pub title: Text,
    pub summary: Text,
    /// Indices into `levels`; two levels mean the answers sit on a boundary.
    pub levels: Vec<usize>,
    pub when: Option<Condition>,
    pub reasons: Vec<Reason>,
    /// An interrupt whose links are repeated at the top of the result.
    pub urgent: Option<usize>,
    /// Whether the contact form follows the result.
    pub contact: bool,
}

/// A reason shown with an outcome when its condition holds.
#[derive(Debug, Clone)]
pub struct Reason {
    pub when: Option<Condition>,
    pub text: Text,
}

/// Who is answering, when the answers say so (`Questionnaire::voices`).
#[derive(Debug, Clone)]
pub struct Voice {
    pub id: Str,
    pub when: Condition,
}

/// Safety or practical advice on the result, whatever the outcome.
#[derive(Debug, Clone)]
pub struct Note {
    pub id: Str,
    pub when: Option<Condition>,
    pub text: Text,
    pub actions: Vec<Link>,
}
