//! The decision table: every answer path of a questionnaire, grouped by
//! what the outcome rules read (the answer tests and scale totals), folded
//! into rows a clinical reviewer can read on one page. Invariant: every path
//! falls in exactly one row, with the outcome the widget shows for it; both
//! come from the widget's own engine (`core::lint::explore`).

use crate::labels::{Column, Domain};
use program_fit_screener::core::condition::{AnswerSource, Condition};
use program_fit_screener::core::lint::explore::{explore, Budget};
use program_fit_screener::core::lint::rules;
use program_fit_screener::core::lint::state::YES;
use program_fit_screener::core::model::Questionnaire;
use std::collections::BTreeMap;

/// Far larger than `Budget::LINT`: a command may take a second.
const BUDGET: Budget = Budget { states: 2_000_000, steps: 50_000_000, named_options: 12 };

/// The folded table.
#[derive(Debug)]
pub struct Table {
    /// The tests the outcome rules make (answer tests, score comparisons).
    pub leaves: Vec<Condition>,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// All answer paths (saturating).
    pub paths: u64,
}

/// One row: the values each column allows (indices into its domain), the
/// outcome and how many answer paths it stands for.
#[derive(Debug, Clone)]
pub struct Row {
    pub allowed: Vec<Vec<usize>>,
    pub outcome: usize,
    pub paths: u64,
}

/// One combination of column values reached by some paths.
#[derive(Debug, Clone)]
struct Point {
    values: Vec<usize>,
    outcome: usize,
    paths: u64,
}

/// Builds the table, or `None` when the questionnaire is too large to
/// enumerate even with the command's budget.
pub fn build(q: &Questionnaire) -> Option<Table> {
    let rules = rules(q);
    let mut leaves: Vec<&Condition> = Vec::new();
    for (_, rule) in &rules {
        rule.for_each_leaf(&mut |leaf| {
            if !leaves.contains(&leaf) {
                leaves.push(leaf);
            }
        });
    }
    let columns = Column::all(q, &leaves);
    let x = explore(q, &leaves, &|_| {}, &BUDGET)?;
    let mut domains: Vec<Vec<Vec<bool>>> = vec![Vec::new(); columns.len()];
    let mut raw = Vec::new();
    for end in &x.ends {
        let holds = |leaf: &Condition| leaves.iter().position(|l| *l == leaf).is_some_and(|i| end.finals[i] == YES);
        let outcome = rules.iter().find(|(_, rule)| eval(rule, &holds)).map_or(q.fallback, |(i, _)| *i);
        let tuple: Vec<Vec<bool>> = columns.iter().map(|c| c.leaves.iter().map(|&i| end.finals[i] == YES).collect()).collect();
        for (d, t) in domains.iter_mut().zip(&tuple) {
            if !d.contains(t) {
                d.push(t.clone());
            }
        }
        raw.push((tuple, outcome, end.paths));
    }
    let columns: Vec<Column> = columns.into_iter().zip(domains).map(|(c, d)| c.with_domain(q, &leaves, d)).collect();
    let points: Vec<Point> = raw
        .into_iter()
        .map(|(tuple, outcome, paths)| Point {
            values: columns.iter().zip(&tuple).map(|(c, t)| c.domain.index_of(t).unwrap_or(0)).collect(),
            outcome,
            paths,
        })
        .collect();
    let all: Vec<Vec<usize>> = columns.iter().map(|c| (0..c.domain.len()).collect()).collect();
    let mut rows = Vec::new();
    grow(&columns, &points.iter().collect::<Vec<_>>(), all, &mut rows);
    merge(&mut rows);
    rows.sort_by_key(|r| r.outcome);
    let paths = points.iter().fold(0u64, |a, p| a.saturating_add(p.paths));
    let leaves = leaves.into_iter().cloned().collect();
    Some(Table { leaves, columns, rows, paths })
}

impl Table {
    /// The rows that hold for these answers and scale totals: exactly one
    /// for the answers of any path through the questionnaire.
    pub fn rows_for(&self, answers: &dyn AnswerSource, scores: &[i32]) -> Vec<usize> {
        let values: Vec<Option<usize>> = self
            .columns
            .iter()
            .map(|c| c.domain.index_of(&c.leaves.iter().map(|&i| self.leaves[i].eval(answers, scores)).collect::<Vec<_>>()))
            .collect();
        (0..self.rows.len())
            .filter(|&r| values.iter().zip(&self.rows[r].allowed).all(|(v, set)| v.is_some_and(|v| set.contains(&v))))
            .collect()
    }
}

/// Merges rows with the same outcome that differ in one column only; the
/// union of two such rows is again a row, and rows stay disjoint.
fn merge(rows: &mut Vec<Row>) {
    'again: loop {
        for i in 0..rows.len() {
            for j in i + 1..rows.len() {
                let (a, b) = (&rows[i], &rows[j]);
                let differ: Vec<usize> = (0..a.allowed.len()).filter(|&c| a.allowed[c] != b.allowed[c]).collect();
                if a.outcome == b.outcome && differ.len() == 1 {
                    let c = differ[0];
                    let extra = rows[j].allowed[c].clone();
                    let paths = rows[j].paths;
                    rows[i].allowed[c].extend(extra);
                    rows[i].allowed[c].sort_unstable();
                    rows[i].paths = rows[i].paths.saturating_add(paths);
                    rows.remove(j);
                    continue 'again;
                }
            }
        }
        return;
    }
}

/// Evaluates a rule from the results of its leaves.
fn eval(c: &Condition, holds: &dyn Fn(&Condition) -> bool) -> bool {
    match c {
        Condition::All(cs) => cs.iter().all(|c| eval(c, holds)),
        Condition::Any(cs) => cs.iter().any(|c| eval(c, holds)),
        Condition::Not(c) => !eval(c, holds),
        leaf => holds(leaf),
    }
}

/// Splits `points` (all inside `allowed`) until each part has one outcome.
/// It splits first on the column that settles most parts at once.
fn grow(columns: &[Column], points: &[&Point], allowed: Vec<Vec<usize>>, out: &mut Vec<Row>) {
    let paths = points.iter().fold(0u64, |a, p| a.saturating_add(p.paths));
    let Some(first) = points.first() else { return };
    if points.iter().all(|p| p.outcome == first.outcome) {
        out.push(Row { allowed, outcome: first.outcome, paths });
        return;
    }
    // Most groups settled, then fewest groups, then the earliest column.
    let best = (0..columns.len())
        .filter_map(|c| {
            let groups = groups(&columns[c].domain, c, points, &allowed[c]);
            let settled = groups.iter().filter(|g| pure(c, points, g)).count();
            (groups.len() > 1).then_some((c, settled, groups))
        })
        .min_by_key(|(c, settled, groups)| (std::cmp::Reverse(*settled), groups.len(), *c));
    let Some((c, _, groups)) = best else {
        // Unreachable: the column values decide the outcome.
        out.push(Row { allowed, outcome: first.outcome, paths });
        return;
    };
    for group in groups {
        let part: Vec<&Point> = points.iter().copied().filter(|p| group.contains(&p.values[c])).collect();
        let mut narrowed = allowed.clone();
        narrowed[c] = group;
        grow(columns, &part, narrowed, out);
    }
}

/// Whether the points whose column `c` value is in `group` share one outcome.
fn pure(c: usize, points: &[&Point], group: &[usize]) -> bool {
    let mut outcomes = points.iter().filter(|p| group.contains(&p.values[c])).map(|p| p.outcome);
    let first = outcomes.next();
    outcomes.all(|o| Some(o) == first)
}

/// What follows from one value of a column: its single outcome, or else the
/// outcome of each combination of the other columns.
type Signature = (Option<usize>, BTreeMap<Vec<usize>, usize>);

/// Groups the allowed values of column `c`: values after which the rest
/// of the table is the same go together (for a scale, only neighbours), and
/// values no point has join their nearest neighbour.
fn groups(domain: &Domain, c: usize, points: &[&Point], allowed: &[usize]) -> Vec<Vec<usize>> {
    let rest = |v: usize| -> BTreeMap<Vec<usize>, usize> {
        points
            .iter()
            .filter(|p| p.values[c] == v)
            .map(|p| {
                let mut key = p.values.clone();
                key.remove(c);
                (key, p.outcome)
            })
            .collect()
    };
    let signature = |v: usize| -> Signature {
        let r = rest(v);
        let mut outcomes = r.values();
        let first = outcomes.next().copied();
        if outcomes.all(|o| Some(*o) == first) {
            (first, BTreeMap::new())
        } else {
            (None, r)
        }
    };
    let mut ordered: Vec<usize> = allowed.to_vec();
    ordered.sort_by_key(|&v| domain.order(v));
    let present: Vec<usize> = ordered.iter().copied().filter(|&v| points.iter().any(|p| p.values[c] == v)).collect();
    let mut groups: Vec<(Vec<usize>, Signature)> = Vec::new();
    for &v in &present {
        let sig = signature(v);
        let join = if domain.ordered() { groups.last().is_some_and(|(_, s)| *s == sig) } else { groups.iter().any(|(_, s)| *s == sig) };
        match groups.iter_mut().rev().find(|(_, s)| *s == sig).filter(|_| join) {
            Some((vs, _)) => vs.push(v),
            None => groups.push((vec![v], sig)),
        }
    }
    let mut out: Vec<Vec<usize>> = groups.into_iter().map(|(vs, _)| vs).collect();
    for &v in ordered.iter().filter(|v| !present.contains(v)) {
        let pos = ordered.iter().position(|&x| x == v).unwrap_or(0);
        let near = ordered[..pos].iter().rev().chain(&ordered[pos..]).find(|x| present.contains(x));
        if let Some(g) = near.and_then(|n| out.iter_mut().find(|g| g.contains(n))) {
            g.push(v);
        }
    }
    out.iter_mut().for_each(|g| g.sort_by_key(|&v| domain.order(v)));
    out
}
