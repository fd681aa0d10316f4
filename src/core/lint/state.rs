//! How an enumeration state reads, for `explore` (which walks states) and
//! `plan` (which settles them): what a final condition came to, and the
//! answers a state holds as answer classes. Invariant: it knows nothing of
//! how states are walked or merged.

use super::classes::Classes;
use crate::core::condition::AnswerSource;

/// A final condition not decided yet.
pub const OPEN: i32 = 0;
/// A final condition that does not hold.
pub const NO: i32 = 1;
/// A final condition that holds.
pub const YES: i32 = 2;
/// A final condition that a fold declared irrelevant on this path.
pub const IGNORED: i32 = 3;

/// Answers given as class indices (0: none), read through representatives.
#[derive(Debug, Clone, Copy)]
pub(super) struct View<'a> {
    pub classes: &'a [Classes],
    pub state: &'a [i32],
}

impl AnswerSource for View<'_> {
    fn chosen(&self, question: usize) -> Option<&[usize]> {
        let class = usize::try_from(*self.state.get(question)?).ok()?.checked_sub(1)?;
        self.classes.get(question)?.reps.get(class).map(Vec::as_slice)
    }
}
