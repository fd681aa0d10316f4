//! Answer classes: the answers of one question that no condition and no
//! score can tell apart, merged into one class with a representative and a
//! count. Invariant: two answers share a class only if every atom the
//! conditions read gives the same result for both and they add the same
//! points to every scale that a condition reads.

use crate::core::condition::{AnswerSource, Condition};
use crate::core::insert_sorted;
use crate::core::model::Question;

/// The classes of one question's answers.
#[derive(Debug, Clone, Default)]
pub struct Classes {
    /// One answer per class (chosen option indices, ascending).
    pub reps: Vec<Vec<usize>>,
    /// How many concrete answers each class stands for (saturating).
    pub sizes: Vec<u64>,
    /// The points each class adds to each scale (zero for unread scales).
    pub points: Vec<Vec<i32>>,
}

/// The answer tests (`is`, `any_of`, `includes`, `answered`) that read
/// `question`, each once, from the leaves of `conds`.
pub fn atoms_of<'c>(question: usize, conds: &[&'c Condition]) -> Vec<&'c Condition> {
    let mut atoms: Vec<&Condition> = Vec::new();
    for c in conds {
        c.for_each_leaf(&mut |leaf| {
            let mut qs = Vec::new();
            leaf.questions(&mut qs);
            if qs == [question] && !atoms.contains(&leaf) {
                atoms.push(leaf);
            }
        });
    }
    atoms
}

/// One question's answer seen on its own, to evaluate its atoms.
#[derive(Debug)]
pub struct Single<'a> {
    pub question: usize,
    pub answer: &'a [usize],
}

impl AnswerSource for Single<'_> {
    fn chosen(&self, question: usize) -> Option<&[usize]> {
        (question == self.question).then_some(self.answer)
    }
}

/// Splits a question's answers into classes, or `None` when a multiple-choice
/// question names more than `max_named` options (too many subsets).
pub fn classes(index: usize, question: &Question, atoms: &[&Condition], read_scales: &[bool], max_named: usize) -> Option<Classes> {
    let points = |answer: &[usize]| -> Vec<i32> {
        let mut p = vec![0i32; read_scales.len()];
        for choice in answer.iter().filter_map(|&o| question.options.get(o)) {
            for &(s, n) in &choice.scores {
                if read_scales.get(s).copied().unwrap_or(false) {
                    p[s] = p[s].saturating_add(n);
                }
            }
        }
        p
    };
    let mut out = Classes::default();
    let mut keys: Vec<(Vec<bool>, Vec<i32>)> = Vec::new();
    let mut add = |answer: Vec<usize>, size: u64| {
        let p = points(&answer);
        let view = Single { question: index, answer: &answer };
        let key = (atoms.iter().map(|a| a.eval(&view, &p)).collect::<Vec<_>>(), p);
        match keys.iter().position(|k| *k == key) {
            Some(c) => out.sizes[c] = out.sizes[c].saturating_add(size),
            None => {
                out.points.push(key.1.clone());
                keys.push(key);
                out.reps.push(answer);
                out.sizes.push(size);
            }
        }
    };
    if !question.kind.is_multi() {
        (0..question.options.len()).for_each(|o| add(vec![o], 1));
        return Some(out);
    }
    // Options that an atom names or that score a read scale are "named";
    // the others can only make an answer non-empty or spoil an `is`.
    let named: Vec<usize> = (0..question.options.len())
        .filter(|&o| !question.options[o].exclusive)
        .filter(|&o| atoms.iter().any(|a| names(a, o)) || points(&[o]).iter().any(|&p| p != 0))
        .collect();
    let inert: Vec<usize> = (0..question.options.len()).filter(|&o| !question.options[o].exclusive && !named.contains(&o)).collect();
    if named.len() > max_named {
        return None;
    }
    let with_inert = 1u64.checked_shl(inert.len() as u32).unwrap_or(u64::MAX).saturating_sub(1);
    for mask in 0u64..(1u64 << named.len()) {
        let subset: Vec<usize> = named.iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, &o)| o).collect();
        if !subset.is_empty() {
            add(subset.clone(), 1);
        }
        if let Some(&first) = inert.first() {
            let mut answer = Vec::with_capacity(subset.len() + 1);
            subset.into_iter().chain([first]).for_each(|o| insert_sorted(&mut answer, o));
            add(answer, with_inert);
        }
    }
    for o in (0..question.options.len()).filter(|&o| question.options[o].exclusive) {
        add(vec![o], 1);
    }
    Some(out)
}

/// Whether an answer test names option `o` of its question.
fn names(atom: &Condition, o: usize) -> bool {
    match atom {
        Condition::Is { option, .. } => *option == o,
        Condition::AnyOf { options, .. } | Condition::Includes { options, .. } => options.contains(&o),
        _ => false,
    }
}
