//! The static plan of an enumeration: the answer classes of each question,
//! when each final condition can be decided, and what each state must keep
//! after each question. Invariant: a state forgets only what no undecided
//! final and no later `show_if` can read, so merged paths have the same
//! futures.

use super::classes::{atoms_of, classes, Classes};
use super::state::{View, NO, OPEN, YES};
use crate::core::condition::{Cmp, Condition};
use crate::core::insert_sorted;
use crate::core::model::Questionnaire;

/// Everything `explore` precomputes; states are laid out as one answer
/// class per question (0: none), then one total per scale, then one result
/// per final condition.
#[derive(Debug)]
pub struct Plan<'c> {
    pub nq: usize,
    pub ns: usize,
    pub classes: Vec<Classes>,
    finals: Vec<&'c Condition>,
    /// decide[0]: finals decided before the first question; decide[k + 1]:
    /// those decided once question k is past.
    decide: Vec<Vec<usize>>,
    /// Per question k: which questions and scales later `show_if`s read.
    show_live: Vec<(Vec<bool>, Vec<bool>)>,
    /// Which finals read each question, and each scale.
    readers: (Vec<Vec<usize>>, Vec<Vec<usize>>),
    /// The last question that scores each scale.
    last_scorer: Vec<Option<usize>>,
    /// remaining[k][s]: the least and most that questions after k can add
    /// to scale s (wider than the truth is safe: it only merges less).
    remaining: Vec<Vec<(i64, i64)>>,
    /// The thresholds of each scale: the totals where a comparison changes.
    cuts: Vec<Vec<i32>>,
}

impl<'c> Plan<'c> {
    /// The plan, or `None` when a question has too many named options.
    pub fn new(q: &Questionnaire, finals: &[&'c Condition], named_options: usize) -> Option<Plan<'c>> {
        let (nq, ns) = (q.questions.len(), q.scales.len());
        let show_ifs: Vec<&Condition> = q.questions.iter().filter_map(|x| x.show_if.as_ref()).collect();
        let all: Vec<&Condition> = show_ifs.iter().chain(finals).copied().collect();
        let read_scales = mark(&reads(&all).1, ns);
        let mut class_list = Vec::with_capacity(nq);
        for (i, question) in q.questions.iter().enumerate() {
            class_list.push(classes(i, question, &atoms_of(i, &all), &read_scales, named_options.min(20))?);
        }
        let last_scorer: Vec<Option<usize>> = (0..ns)
            .map(|s| q.questions.iter().rposition(|x| x.options.iter().any(|o| o.scores.iter().any(|&(t, p)| t == s && p != 0))))
            .collect();
        let mut remaining = vec![vec![(0i64, 0i64); ns]; nq];
        for k in (0..nq.saturating_sub(1)).rev() {
            remaining[k] = remaining[k + 1].clone();
            for o in &q.questions[k + 1].options {
                for &(t, p) in &o.scores {
                    if let Some(r) = remaining[k].get_mut(t) {
                        *r = (r.0 + i64::from(p.min(0)), r.1 + i64::from(p.max(0)));
                    }
                }
            }
        }
        // A final is decided after the last question it reads or that
        // scores a scale it reads.
        let final_reads: Vec<(Vec<usize>, Vec<usize>)> = finals.iter().map(|c| reads(&[c])).collect();
        let mut decide = vec![Vec::new(); nq + 1];
        let mut readers: (Vec<Vec<usize>>, Vec<Vec<usize>>) = (vec![Vec::new(); nq], vec![Vec::new(); ns]);
        for (f, (rq, rs)) in final_reads.iter().enumerate() {
            let at = rq.iter().copied().chain(rs.iter().filter_map(|&s| last_scorer.get(s).copied().flatten())).max();
            decide[at.map_or(0, |k| k + 1)].push(f);
            rq.iter().for_each(|&j| readers.0.get_mut(j).into_iter().for_each(|r| r.push(f)));
            rs.iter().for_each(|&j| readers.1.get_mut(j).into_iter().for_each(|r| r.push(f)));
        }
        let mut show_live = vec![(vec![false; nq], vec![false; ns]); nq];
        for k in (0..nq.saturating_sub(1)).rev() {
            let mut live = show_live[k + 1].clone();
            if let Some(c) = &q.questions[k + 1].show_if {
                let (rq, rs) = reads(&[c]);
                rq.into_iter().filter(|&j| j < nq).for_each(|j| live.0[j] = true);
                rs.into_iter().filter(|&j| j < ns).for_each(|j| live.1[j] = true);
            }
            show_live[k] = live;
        }
        let mut cuts: Vec<Vec<i32>> = vec![Vec::new(); ns];
        for c in &all {
            c.for_each_leaf(&mut |leaf| {
                let Condition::Score { scale, cmp, value } = leaf else { return };
                if let Some(list) = cuts.get_mut(*scale) {
                    insert_sorted(list, if matches!(cmp, Cmp::Gt | Cmp::Lte) { value.saturating_add(1) } else { *value });
                    if *cmp == Cmp::Eq {
                        insert_sorted(list, value.saturating_add(1));
                    }
                }
            });
        }
        let finals = finals.to_vec();
        Some(Plan { nq, ns, classes: class_list, finals, decide, show_live, readers, last_scorer, remaining, cuts })
    }

    /// Once question `after` is past (`None`: at the start): decides the
    /// finals that can be decided, lets `fold` ignore some, and forgets what
    /// nothing undecided or later reads.
    pub fn settle(&self, s: &mut [i32], after: Option<usize>, fold: &dyn Fn(&mut [i32])) {
        let (nq, ns) = (self.nq, self.ns);
        let base = nq + ns;
        let mut changed = false;
        for &f in &self.decide[after.map_or(0, |k| k + 1)] {
            if s[base + f] == OPEN {
                let holds = self.finals[f].eval(&View { classes: &self.classes, state: s }, &s[nq..base]);
                s[base + f] = if holds { YES } else { NO };
                changed = true;
            }
        }
        if changed {
            fold(&mut s[base..]);
        }
        let Some(k) = after else { return };
        let open = |fs: &[usize], s: &[i32]| fs.iter().any(|&f| s[base + f] == OPEN);
        let (live_q, live_s) = &self.show_live[k];
        for j in 0..nq {
            if s[j] != 0 && !live_q[j] && !open(&self.readers.0[j], s) {
                s[j] = 0;
            }
        }
        for j in 0..ns {
            if !live_s[j] && !open(&self.readers.1[j], s) {
                s[nq + j] = 0;
            } else if self.last_scorer[j] <= Some(k) || !live_s[j] {
                // Only the final total matters now: partial totals whose every
                // possible final lies on the same sides of all thresholds are one.
                let (rlo, rhi) = self.remaining[k][j];
                if let Some(t) = canonical(i64::from(s[nq + j]), rlo, rhi, &self.cuts[j]) {
                    s[nq + j] = t;
                }
            }
        }
    }
}

/// The one partial total that stands for `t` when the final total will be
/// `t` plus something in `rlo..=rhi`: if all those finals lie between the
/// same two thresholds (`cuts`), the least partial total that does so;
/// otherwise `None` (keep `t`).
fn canonical(t: i64, rlo: i64, rhi: i64, cuts: &[i32]) -> Option<i32> {
    let side = |v: i64| cuts.partition_point(|&c| i64::from(c) <= v);
    let p = side(t + rlo);
    if p != side(t + rhi) {
        return None;
    }
    let low = match p {
        0 => i64::from(*cuts.first()?) - 1 - rhi,
        p => i64::from(cuts[p - 1]) - rlo,
    };
    i32::try_from(low).ok()
}

/// The questions and scales that these conditions read.
fn reads(conds: &[&Condition]) -> (Vec<usize>, Vec<usize>) {
    let (mut qs, mut ss) = (Vec::new(), Vec::new());
    for c in conds {
        c.questions(&mut qs);
        c.scales(&mut ss);
    }
    (qs, ss)
}

fn mark(ids: &[usize], n: usize) -> Vec<bool> {
    let mut v = vec![false; n];
    ids.iter().filter(|&&i| i < n).for_each(|&i| v[i] = true);
    v
}
