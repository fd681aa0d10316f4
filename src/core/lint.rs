//! Semantic checks of a questionnaire that parsed: a rule that can never
//! match, an outcome no answer path reaches, a question never shown, a reason
//! never shown, a score threshold outside its scale's range. `config::parse`
//! runs them, so the widget and `screener-check` report the same problems.
//! Invariant: pure and bounded; what it cannot enumerate within
//! `Budget::LINT` it skips rather than guess or take long.

pub mod classes;
pub mod explore;
mod plan;
pub mod range;
pub mod state;
#[cfg(test)]
mod tests;

use super::condition::Condition;
use super::model::Questionnaire;
use super::outcome::MAX_REASONS;
use super::reader::{index, join, Errors};
use explore::{explore, Budget, Exploration};
use state::{IGNORED, NO, YES};

/// Adds every semantic problem of `q` to `errors`. A problem inside a
/// condition that already has one (a threshold out of range, say) is not
/// reported again as its consequence.
pub fn check(q: &Questionnaire, errors: &mut Errors) {
    range::check(q, errors);
    let mut found = Errors::default();
    for (i, o) in q.outcomes.iter().enumerate() {
        if o.when.is_none() && i != q.fallback {
            found.push(&index("outcomes", i), "has no \"when\" rule and is not the fallback, so no answers reach it");
        }
    }
    let rules = rules(q);
    let whens: Vec<&Condition> = rules.iter().map(|(_, c)| *c).collect();
    // First with the rules after the winner ignored, which is quick; only
    // if an outcome is never reached, again with every rule decided, to say
    // which earlier outcomes pre-empt it.
    let fold = |results: &mut [i32]| {
        decide_winner(q, &rules, results);
    };
    if let Some(x) = explore(q, &whens, &fold, &Budget::LINT) {
        for (i, shown) in x.shown.iter().enumerate() {
            if !shown {
                found.push(&join(&index("questions", i), "show_if"), "never holds, so this question is never shown");
            }
        }
        let mut reached = vec![false; q.outcomes.len()];
        x.ends.iter().filter_map(|e| winner(q, &rules, &e.finals)).for_each(|w| reached[w] = true);
        if rules.iter().any(|(i, _)| !reached[*i]) {
            match explore(q, &whens, &|_| {}, &Budget::LINT) {
                Some(x) => outcomes(q, &rules, &x, &mut found),
                None => rules.iter().filter(|(i, _)| !reached[*i]).for_each(|(i, _)| {
                    found.push(&index("outcomes", *i), "is never reached: no answers lead to it");
                }),
            }
        }
        reasons(q, &rules, &reached, &mut found);
    }
    for e in found.0 {
        if !errors.0.iter().any(|old| within(&old.path, &e.path)) {
            errors.0.push(e);
        }
    }
}

/// The outcome rules in priority order, as (outcome index, rule).
pub fn rules(q: &Questionnaire) -> Vec<(usize, &Condition)> {
    q.outcomes.iter().enumerate().filter_map(|(i, o)| o.when.as_ref().map(|w| (i, w))).collect()
}

/// The outcome that wins when `results` (from `explore`) start with the
/// results of `rules`: the first that holds, else the fallback. `None`
/// while a rule that could still win is undecided.
pub fn winner(q: &Questionnaire, rules: &[(usize, &Condition)], results: &[i32]) -> Option<usize> {
    winning_rule(rules, results).map(|r| r.map_or(q.fallback, |r| rules[r].0))
}

/// The index in `rules` of the first that holds, `Some(None)` when none
/// does, `None` while one that could still win is undecided.
fn winning_rule(rules: &[(usize, &Condition)], results: &[i32]) -> Option<Option<usize>> {
    for (r, result) in results.iter().take(rules.len()).enumerate() {
        match *result {
            YES => return Some(Some(r)),
            NO => {}
            _ => return None,
        }
    }
    Some(None)
}

/// Once the winner is known, marks the rules after the winning one
/// `IGNORED` (none when the fallback wins for want of a rule) and returns it.
fn decide_winner(q: &Questionnaire, rules: &[(usize, &Condition)], results: &mut [i32]) -> Option<usize> {
    let rule = winning_rule(rules, results)?;
    if let Some(r) = rule {
        results.iter_mut().take(rules.len()).skip(r + 1).for_each(|x| *x = IGNORED);
    }
    Some(rule.map_or(q.fallback, |r| rules[r].0))
}

/// Reports outcome rules that never hold and outcomes that earlier ones
/// always pre-empt (from an exploration where every rule is decided).
fn outcomes(q: &Questionnaire, rules: &[(usize, &Condition)], x: &Exploration, found: &mut Errors) {
    let n = q.outcomes.len();
    let mut reached = vec![false; n];
    // pre_empted_by[r][j]: outcome j won on a path where rule r held.
    let mut pre_empted_by = vec![vec![false; n]; rules.len()];
    for end in &x.ends {
        let Some(w) = winner(q, rules, &end.finals) else { continue };
        reached[w] = true;
        for (r, result) in end.finals.iter().enumerate().take(rules.len()) {
            pre_empted_by[r][w] |= *result == YES;
        }
    }
    for (r, (i, _)) in rules.iter().enumerate() {
        let path = index("outcomes", *i);
        if reached[*i] {
            continue;
        }
        let by: Vec<String> = (0..n).filter(|&j| pre_empted_by[r][j]).map(|j| format!("\"{}\"", q.outcomes[j].id)).collect();
        if by.is_empty() {
            found.push(&join(&path, "when"), "never holds for any answers, so this outcome is never reached");
        } else {
            found.push(&path, format!("is never reached: whenever its rule holds, an earlier outcome wins ({})", by.join(", ")));
        }
    }
}

/// Reports reasons that never apply when their outcome is reached, and
/// reasons always crowded out by `MAX_REASONS` earlier ones.
fn reasons(q: &Questionnaire, rules: &[(usize, &Condition)], reached: &[bool], found: &mut Errors) {
    let mut finals: Vec<&Condition> = rules.iter().map(|(_, c)| *c).collect();
    // slot[i][r]: the final that is reason r of outcome i, if it has a rule.
    let mut slot: Vec<Vec<Option<usize>>> = Vec::new();
    for o in &q.outcomes {
        slot.push(
            o.reasons
                .iter()
                .map(|r| {
                    r.when.as_ref().map(|c| {
                        finals.push(c);
                        finals.len() - 1
                    })
                })
                .collect(),
        );
    }
    // Once the winner is known, the other outcomes' rules and reasons no
    // longer matter, which lets the paths merge.
    let fold = |results: &mut [i32]| {
        let Some(w) = decide_winner(q, rules, results) else { return };
        for (_, slots) in slot.iter().enumerate().filter(|(i, _)| *i != w) {
            slots.iter().flatten().for_each(|&f| results[f] = IGNORED);
        }
    };
    let Some(x) = explore(q, &finals, &fold, &Budget::LINT) else { return };
    let mut holds: Vec<Vec<bool>> = q.outcomes.iter().map(|o| vec![false; o.reasons.len()]).collect();
    let mut shown = holds.clone();
    for end in &x.ends {
        let Some(w) = winner(q, rules, &end.finals) else { continue };
        let mut count = 0;
        for (r, s) in slot[w].iter().enumerate() {
            if s.is_none_or(|f| end.finals[f] == YES) {
                holds[w][r] = true;
                shown[w][r] |= count < MAX_REASONS;
                count += 1;
            }
        }
    }
    for (i, o) in q.outcomes.iter().enumerate().filter(|(i, _)| reached[*i]) {
        for r in 0..o.reasons.len() {
            let path = index(&join(&index("outcomes", i), "reasons"), r);
            if !holds[i][r] {
                found.push(&join(&path, "when"), format!("never holds when \"{}\" is the outcome, so this reason is never shown", o.id));
            } else if !shown[i][r] {
                found.push(&path, format!("is never shown: whenever it applies, {MAX_REASONS} reasons listed before it apply too"));
            }
        }
    }
}

/// Whether `inner` is `outer` or a path inside it.
fn within(inner: &str, outer: &str) -> bool {
    inner.strip_prefix(outer).is_some_and(|rest| rest.is_empty() || rest.starts_with('.') || rest.starts_with('['))
}
