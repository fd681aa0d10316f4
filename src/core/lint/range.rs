//! Scale ranges: the least and greatest total each scale can reach, and the
//! score comparisons whose threshold lies outside that range. Invariant: a
//! range is never narrower than the totals a visitor can reach, so a
//! comparison reported as deciding nothing really decides nothing.

use crate::core::condition::{Cmp, Condition};
use crate::core::model::{Question, Questionnaire};
use crate::core::reader::{index, join, Errors};

/// The least and greatest total of each scale over questions `..upto`.
pub fn ranges(q: &Questionnaire, upto: usize) -> Vec<(i64, i64)> {
    let mut out = vec![(0i64, 0i64); q.scales.len()];
    for question in q.questions.iter().take(upto) {
        for (s, range) in out.iter_mut().enumerate() {
            let (lo, hi) = contribution(question, s);
            *range = (range.0 + lo, range.1 + hi);
        }
    }
    out
}

/// What one question can add to scale `s`: 0 if it may be hidden, else
/// over its options (any non-empty set of them in a multiple choice).
fn contribution(question: &Question, s: usize) -> (i64, i64) {
    let points =
        |o: &crate::core::model::Choice| -> i64 { o.scores.iter().filter(|(scale, _)| *scale == s).map(|(_, p)| i64::from(*p)).sum() };
    let mut values: Vec<(i64, i64)> = Vec::new();
    if question.kind.is_multi() {
        let open: Vec<i64> = question.options.iter().filter(|o| !o.exclusive).map(points).collect();
        if !open.is_empty() {
            let neg: i64 = open.iter().filter(|p| **p < 0).sum();
            let pos: i64 = open.iter().filter(|p| **p > 0).sum();
            let lo = if neg < 0 { neg } else { open.iter().copied().min().unwrap_or(0) };
            let hi = if pos > 0 { pos } else { open.iter().copied().max().unwrap_or(0) };
            values.push((lo, hi));
        }
        values.extend(question.options.iter().filter(|o| o.exclusive).map(|o| (points(o), points(o))));
    } else {
        values.extend(question.options.iter().map(|o| (points(o), points(o))));
    }
    if question.show_if.is_some() || values.is_empty() {
        values.push((0, 0));
    }
    let lo = values.iter().map(|v| v.0).min().unwrap_or(0);
    let hi = values.iter().map(|v| v.1).max().unwrap_or(0);
    (lo, hi)
}

/// Reports every score comparison that holds for no total or for every
/// total the scale can reach. A `show_if` reads only the earlier questions.
pub fn check(q: &Questionnaire, errors: &mut Errors) {
    let all = ranges(q, q.questions.len());
    for (i, question) in q.questions.iter().enumerate() {
        if let Some(c) = &question.show_if {
            check_condition(q, c, &join(&index("questions", i), "show_if"), &ranges(q, i), errors);
        }
    }
    for (i, o) in q.outcomes.iter().enumerate() {
        let path = index("outcomes", i);
        if let Some(c) = &o.when {
            check_condition(q, c, &join(&path, "when"), &all, errors);
        }
        for (r, reason) in o.reasons.iter().enumerate() {
            if let Some(c) = &reason.when {
                check_condition(q, c, &join(&index(&join(&path, "reasons"), r), "when"), &all, errors);
            }
        }
    }
}

fn check_condition(q: &Questionnaire, c: &Condition, path: &str, ranges: &[(i64, i64)], errors: &mut Errors) {
    c.leaves(path, &mut |leaf, path| {
        let Condition::Score { scale, cmp, value } = leaf else { return };
        let (Some(&(lo, hi)), Some(s)) = (ranges.get(*scale), q.scales.get(*scale)) else { return };
        let v = i64::from(*value);
        let (never, always) = match cmp {
            Cmp::Eq => (v < lo || v > hi, lo == hi && v == lo),
            Cmp::Gte => (v > hi, v <= lo),
            Cmp::Gt => (v >= hi, v < lo),
            Cmp::Lte => (v < lo, v >= hi),
            Cmp::Lt => (v <= lo, v > hi),
        };
        if never || always {
            let span = if lo == hi { format!("is always {lo}") } else { format!("can only be {lo} to {hi}") };
            let verdict = if never { "never" } else { "always" };
            errors.push(&join(path, cmp.key()), format!("compares \"{}\" with {value}, but it {span} here, so this {verdict} holds", s.id));
        }
    });
}
