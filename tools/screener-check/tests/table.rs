//! The decision table agrees with the widget: for random walks through the
//! built-in screener with the real reducer, exactly one row holds, and its
//! outcome is the one `outcome::evaluate` gives.
#![cfg(not(target_arch = "wasm32"))]

use program_fit_screener::core::config::parse;
use program_fit_screener::core::model::Questionnaire;
use program_fit_screener::core::outcome::evaluate;
use program_fit_screener::core::session::{Action, Session, Step};
use program_fit_screener::core::BUILTIN_CONFIG;
use screener_check::table::{build, Table};

/// A small deterministic generator, so failures reproduce.
struct Rng(u64);
impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }
}

/// Walks `q` at random `walks` times; each walk must land in exactly one
/// row, with the outcome the widget gives. Returns which rows were used.
fn agrees(q: &Questionnaire, table: &Table, walks: usize) -> Vec<bool> {
    let mut rng = Rng(7);
    let mut used = vec![false; table.rows.len()];
    for _ in 0..walks {
        let mut s = Session::new(q).reduce(q, Action::Start);
        while s.step != Step::Result {
            s = match s.step {
                Step::Question(i) if q.questions[i].kind.is_multi() => {
                    for _ in 0..=rng.below(3) {
                        s = s.reduce(q, Action::Toggle { question: i, option: rng.below(q.questions[i].options.len()) });
                    }
                    s.reduce(q, Action::Next)
                }
                Step::Question(i) => {
                    s.reduce(q, Action::Choose { question: i, option: rng.below(q.questions[i].options.len()) }).reduce(q, Action::Next)
                }
                _ => s.reduce(q, Action::Continue),
            };
        }
        let rows = table.rows_for(&s.answers, &s.scores(q));
        assert_eq!(rows.len(), 1, "answers {:?} fall in rows {rows:?}", s.answers);
        assert_eq!(table.rows[rows[0]].outcome, evaluate(q, &s).outcome, "answers {:?}", s.answers);
        used[rows[0]] = true;
    }
    used
}

#[test]
fn every_walk_lands_in_one_row_with_the_widgets_outcome() {
    let q = parse(BUILTIN_CONFIG).expect("the built-in screener is valid");
    let table = build(&q).expect("the built-in screener can be tabulated");
    assert!(table.rows.len() <= 20, "the table fits on a page: {} rows", table.rows.len());
    assert_eq!(table.rows.iter().map(|r| r.paths).sum::<u64>(), table.paths);
    assert_eq!(table.paths, 269_479_872);
    let used = agrees(&q, &table, 20_000);
    assert!(used.iter().all(|u| *u), "random walks reach every row: {used:?}");
}

#[test]
fn a_config_with_every_key_agrees_too() {
    let q = parse(include_str!("every-key.json")).expect("every-key.json is valid");
    let table = build(&q).expect("it can be tabulated");
    assert_eq!(table.rows.iter().map(|r| r.paths).sum::<u64>(), table.paths);
    let used = agrees(&q, &table, 2_000);
    assert!(used.iter().all(|u| *u), "random walks reach every row: {used:?}");
}
