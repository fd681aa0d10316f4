//! Random answer paths for the tests (the crate's own, its integration
//! tests and screener-check's). Native builds only: never in the wasm.

use crate::core::model::Questionnaire;
use crate::core::session::{Action, Session, Step};

/// A small deterministic generator (xorshift), so failures reproduce.
#[derive(Debug)]
pub struct Rng(pub u64);

impl Rng {
    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }
}

/// Answers `q` at random with the widget's own reducer, from Start until the
/// result or `limit` actions: on each question of a screen, one to three
/// toggles on a multiple-choice question, one choice on the others, then Next (or Back, one time in
/// `back_one_in` when that is not 0), and Continue past every interrupt.
pub fn random_walk(q: &Questionnaire, rng: &mut Rng, back_one_in: usize, limit: usize) -> Session {
    let mut s = Session::new(q).reduce(q, Action::Start);
    for _ in 0..limit {
        s = match s.step {
            Step::Result => return s,
            Step::Intro => s.reduce(q, Action::Start),
            Step::Interrupt { .. } => s.reduce(q, Action::Continue),
            Step::Question(first) => {
                for i in s.screen(q, first) {
                    let options = q.questions[i].options.len();
                    if q.questions[i].kind.is_multi() {
                        for _ in 0..=rng.below(3) {
                            s = s.reduce(q, Action::Toggle { question: i, option: rng.below(options) });
                        }
                    } else {
                        s = s.reduce(q, Action::Choose { question: i, option: rng.below(options) });
                    }
                }
                let back = back_one_in > 0 && rng.below(back_one_in) == 0;
                s.reduce(q, if back { Action::Back } else { Action::Next })
            }
        };
    }
    s
}
