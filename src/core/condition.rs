//! Conditions for branching, outcome rules and reasons, evaluated against
//! answers and scale totals. Invariant: evaluation never panics, even on
//! answers that do not fit the questionnaire (they simply do not match).

use super::answers::Answers;
use super::path::{index, join};

/// Where a condition reads the chosen options from: the session's answers,
/// or the lint's enumeration of answer classes.
pub trait AnswerSource {
    /// The options chosen for a question, if it has an answer.
    fn chosen(&self, question: usize) -> Option<&[usize]>;
}

impl AnswerSource for Answers {
    fn chosen(&self, question: usize) -> Option<&[usize]> {
        self.get(question)
    }
}

/// A comparison of a scale total with a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmp {
    Eq,
    Gte,
    Lte,
    Gt,
    Lt,
}

impl Cmp {
    pub const ALL: [(&'static str, Cmp); 5] = [("eq", Cmp::Eq), ("gte", Cmp::Gte), ("lte", Cmp::Lte), ("gt", Cmp::Gt), ("lt", Cmp::Lt)];

    /// The config key of this comparison (`gte` for `Cmp::Gte`).
    pub fn key(self) -> &'static str {
        Cmp::ALL.iter().find(|(_, c)| *c == self).map_or("eq", |(k, _)| k)
    }

    pub fn holds(self, total: i32, value: i32) -> bool {
        match self {
            Cmp::Eq => total == value,
            Cmp::Gte => total >= value,
            Cmp::Lte => total <= value,
            Cmp::Gt => total > value,
            Cmp::Lt => total < value,
        }
    }
}

/// A validated condition; question, option and scale references are indices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Condition {
    /// The question's answer is exactly this option.
    Is {
        question: usize,
        option: usize,
    },
    /// The question's answer is one of these options (single choice).
    AnyOf {
        question: usize,
        options: Vec<usize>,
    },
    /// The multiple-choice answer includes at least one of these options.
    Includes {
        question: usize,
        options: Vec<usize>,
    },
    /// The question has been answered.
    Answered {
        question: usize,
    },
    /// A scale total compares to a number.
    Score {
        scale: usize,
        cmp: Cmp,
        value: i32,
    },
    All(Vec<Condition>),
    Any(Vec<Condition>),
    Not(Box<Condition>),
}

impl Condition {
    /// Whether the condition holds for these answers and scale totals.
    pub fn eval<A: AnswerSource + ?Sized>(&self, answers: &A, scores: &[i32]) -> bool {
        match self {
            Condition::Is { question, option } => answers.chosen(*question) == Some(&[*option][..]),
            Condition::AnyOf { question, options } | Condition::Includes { question, options } => {
                answers.chosen(*question).is_some_and(|chosen| chosen.iter().any(|c| options.contains(c)))
            }
            Condition::Answered { question } => answers.chosen(*question).is_some(),
            Condition::Score { scale, cmp, value } => scores.get(*scale).is_some_and(|total| cmp.holds(*total, *value)),
            Condition::All(all) => all.iter().all(|c| c.eval(answers, scores)),
            Condition::Any(any) => any.iter().any(|c| c.eval(answers, scores)),
            Condition::Not(inner) => !inner.eval(answers, scores),
        }
    }

    /// Every question this condition reads.
    pub fn questions(&self, out: &mut Vec<usize>) {
        match self {
            Condition::Is { question, .. }
            | Condition::AnyOf { question, .. }
            | Condition::Includes { question, .. }
            | Condition::Answered { question } => out.push(*question),
            Condition::Score { .. } => {}
            Condition::All(cs) | Condition::Any(cs) => cs.iter().for_each(|c| c.questions(out)),
            Condition::Not(c) => c.questions(out),
        }
    }

    /// Calls `f` with every leaf condition (an answer test or a score
    /// comparison) and its JSON path, `path` being this condition's own.
    pub fn leaves<'c>(&'c self, path: &str, f: &mut impl FnMut(&'c Condition, &str)) {
        match self {
            Condition::All(cs) | Condition::Any(cs) => {
                let key = join(path, if matches!(self, Condition::All(_)) { "all" } else { "any" });
                cs.iter().enumerate().for_each(|(i, c)| c.leaves(&index(&key, i), f));
            }
            Condition::Not(c) => c.leaves(&join(path, "not"), f),
            leaf => f(leaf, path),
        }
    }

    /// Calls `f` with every leaf condition, without building paths.
    pub fn for_each_leaf<'c>(&'c self, f: &mut impl FnMut(&'c Condition)) {
        match self {
            Condition::All(cs) | Condition::Any(cs) => cs.iter().for_each(|c| c.for_each_leaf(f)),
            Condition::Not(c) => c.for_each_leaf(f),
            leaf => f(leaf),
        }
    }

    /// Every scale this condition reads.
    pub fn scales(&self, out: &mut Vec<usize>) {
        match self {
            Condition::Score { scale, .. } => out.push(*scale),
            Condition::All(cs) | Condition::Any(cs) => cs.iter().for_each(|c| c.scales(out)),
            Condition::Not(c) => c.scales(out),
            _ => {}
        }
    }
}
