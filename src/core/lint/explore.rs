//! Exhaustive, bounded enumeration of every answer path. Answers that no
//! condition can tell apart are one class; each final condition (an outcome
//! rule, say) is decided as soon as the last question it depends on is past,
//! and paths are merged as soon as nothing later can tell them apart, so
//! hundreds of millions of paths take a few thousand states. Invariant: the
//! work is bounded by a `Budget`; past it `explore` returns `None`.

use super::classes::Classes;
use super::plan::Plan;
use super::state::View;
use crate::core::condition::Condition;
use crate::core::model::Questionnaire;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A fast, deterministic hash for states (the Fx hash of rustc); the keys
/// come from the config, not from visitors, so hash flooding is no concern.
#[derive(Debug, Default, Clone, Copy)]
struct Fx(u64);

impl Hasher for Fx {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
        for b in chunks.remainder() {
            self.write_u64(u64::from(*b));
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

type States = HashMap<Vec<i32>, u64, BuildHasherDefault<Fx>>;

/// Limits that keep the enumeration fast whatever the config.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    /// Most states alive after any one question.
    pub states: usize,
    /// Most (state, answer class) steps in all.
    pub steps: usize,
    /// Most options of one multiple-choice question that conditions name.
    pub named_options: usize,
}

impl Budget {
    /// About 30 times what the built-in screener needs (3,400 steps), and
    /// at most a few tens of milliseconds for any config.
    pub const LINT: Budget = Budget { states: 20_000, steps: 100_000, named_options: 10 };
}

/// Where paths end: what each final condition came to, and how many
/// concrete answer paths end so (saturating).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct End {
    /// `NO`, `YES` or `IGNORED` for each final condition, in order.
    pub finals: Vec<i32>,
    pub paths: u64,
}

/// What every answer path can do.
#[derive(Debug, Clone)]
pub struct Exploration {
    pub classes: Vec<Classes>,
    /// Whether each question is shown on at least one path.
    pub shown: Vec<bool>,
    pub ends: Vec<End>,
    /// (state, answer class) steps taken, for measurements.
    pub steps: usize,
}

/// Walks every answer path of `q` and decides each of `finals` on it. After
/// each question `fold` may mark finals `IGNORED` (the rules after the one
/// that won, say), which lets more paths merge.
pub fn explore(q: &Questionnaire, finals: &[&Condition], fold: &dyn Fn(&mut [i32]), budget: &Budget) -> Option<Exploration> {
    let plan = Plan::new(q, finals, budget.named_options)?;
    let (nq, ns) = (plan.nq, plan.ns);
    let mut start = vec![0; nq + ns + finals.len()];
    plan.settle(&mut start, None, fold);
    let mut states = States::default();
    states.insert(start, 1);
    let mut shown = vec![false; nq];
    let mut steps = 0usize;
    for (k, question) in q.questions.iter().enumerate() {
        let mut next = States::with_capacity_and_hasher(states.len() * 2, Default::default());
        let mut add = |mut s: Vec<i32>, paths: u64| {
            plan.settle(&mut s, Some(k), fold);
            let e = next.entry(s).or_insert(0);
            *e = e.saturating_add(paths);
        };
        for (state, paths) in states {
            // Each step adds at most one state, so this bounds both.
            if steps > budget.steps {
                return None;
            }
            let view = View { classes: &plan.classes, state: &state };
            if !question.show_if.as_ref().is_none_or(|c| c.eval(&view, &state[nq..nq + ns])) {
                steps += 1;
                add(state, paths);
                continue;
            }
            shown[k] = true;
            let cls = &plan.classes[k];
            for (c, points) in cls.points.iter().enumerate() {
                steps += 1;
                let mut s = state.clone();
                s[k] = c as i32 + 1;
                s[nq..nq + ns].iter_mut().zip(points).for_each(|(t, p)| *t = t.saturating_add(*p));
                add(s, paths.saturating_mul(cls.sizes[c]));
            }
        }
        if next.len() > budget.states || steps > budget.steps {
            return None;
        }
        states = next;
    }
    // In no particular order (sorting would cost the widget code size).
    let ends: Vec<End> = states.into_iter().map(|(s, paths)| End { finals: s[nq + ns..].to_vec(), paths }).collect();
    Some(Exploration { classes: plan.classes, shown, ends, steps })
}
