//! The decision table agrees with the widget: for random walks through the
//! built-in screener with the real reducer, exactly one row holds, and its
//! outcome is the one `outcome::evaluate` gives.
#![cfg(not(target_arch = "wasm32"))]

use program_fit_screener::core::config::parse;
use program_fit_screener::core::model::Questionnaire;
use program_fit_screener::core::outcome::evaluate;
use program_fit_screener::core::session::Step;
use program_fit_screener::core::testkit::{random_walk, Rng};
use program_fit_screener::BUILTIN_CONFIG;
use screener_check::table::{build, Table};

/// Walks `q` at random `walks` times; each walk must land in exactly one
/// row, with the outcome the widget gives. Returns which rows were used.
fn agrees(q: &Questionnaire, table: &Table, walks: usize) -> Vec<bool> {
    let mut rng = Rng(7);
    let mut used = vec![false; table.rows.len()];
    for _ in 0..walks {
        let s = random_walk(q, &mut rng, 0, 200);
        assert_eq!(s.step, Step::Result, "the walk ends");
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
    assert!(table.rows.len() <= 40, "the table fits on two pages: {} rows", table.rows.len());
    assert_eq!(table.rows.iter().map(|r| r.paths).sum::<u64>(), table.paths);
    assert_eq!(table.paths, 741_066_528_522_240);
    let used = agrees(&q, &table, 20_000);
    // Most random answers raise a safety screen, so some rows (a rare mix
    // of totals) are seldom met at random; each still holds paths.
    assert!(table.rows.iter().all(|r| r.paths > 0), "no empty row");
    assert!(used.iter().filter(|u| **u).count() * 3 >= used.len() * 2, "random walks reach two rows in three: {used:?}");
}

#[test]
fn a_config_with_every_key_agrees_too() {
    let q = parse(include_str!("every-key.json")).expect("every-key.json is valid");
    let table = build(&q).expect("it can be tabulated");
    assert_eq!(table.rows.iter().map(|r| r.paths).sum::<u64>(), table.paths);
    let used = agrees(&q, &table, 2_000);
    assert!(used.iter().all(|u| *u), "random walks reach every row: {used:?}");
}
