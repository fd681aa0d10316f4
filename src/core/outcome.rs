//! Outcome rules: the first outcome whose rule holds wins (outcomes are in
//! priority order, highest risk first, never averaged), else the fallback.
//! Invariant: every set of answers yields exactly one outcome.

use super::model::Questionnaire;
use super::session::Session;

/// How many reasons a result shows at most.
pub const MAX_REASONS: usize = 3;

/// The outcome reached, the reasons that apply and the notes that hold, as
/// indices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evaluation {
    pub outcome: usize,
    pub reasons: Vec<usize>,
    /// Into `Questionnaire::notes`: every note whose `when` holds, in order.
    pub notes: Vec<usize>,
}

/// Evaluates the outcome rules for a session's answers.
pub fn evaluate(q: &Questionnaire, session: &Session) -> Evaluation {
    let scores = session.scores(q);
    let answers = &session.answers;
    let outcome = q.outcomes.iter().position(|o| o.when.as_ref().is_some_and(|w| w.eval(answers, &scores))).unwrap_or(q.fallback);
    let reasons = q.outcomes[outcome]
        .reasons
        .iter()
        .enumerate()
        .filter(|(_, r)| r.when.as_ref().is_none_or(|w| w.eval(answers, &scores)))
        .map(|(i, _)| i)
        .take(MAX_REASONS)
        .collect();
    let notes =
        q.notes.iter().enumerate().filter(|(_, n)| n.when.as_ref().is_none_or(|w| w.eval(answers, &scores))).map(|(i, _)| i).collect();
    Evaluation { outcome, reasons, notes }
}
