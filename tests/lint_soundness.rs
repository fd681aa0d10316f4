//! What the lint says cannot happen does not happen: for generated configs,
//! questions it calls never shown are never shown, outcomes it calls never
//! reached are never reached and reasons it calls never shown are never
//! shown, on random answer paths walked with the widget's own reducer.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::generated;
use program_fit_screener::core::config::parse_structure;
use program_fit_screener::core::lint;
use program_fit_screener::core::outcome::evaluate;
use program_fit_screener::core::reader::{ConfigError, Errors};
use program_fit_screener::core::session::Step;
use program_fit_screener::core::testkit::{random_walk, Rng};
use proptest::prelude::*;

/// The lint's findings, as indices.
#[derive(Debug, Default)]
struct Claims {
    never_shown: Vec<usize>,
    never_reached: Vec<usize>,
    /// (outcome, reason)
    reason_never_shown: Vec<(usize, usize)>,
}

/// The number after `prefix[` in `path`, and what follows it.
fn number<'p>(path: &'p str, prefix: &str) -> Option<(usize, &'p str)> {
    let rest = path.strip_prefix(prefix)?.strip_prefix('[')?;
    let (n, rest) = rest.split_once(']')?;
    Some((n.parse().ok()?, rest))
}

impl Claims {
    fn of(errors: &[ConfigError]) -> Claims {
        let mut c = Claims::default();
        for e in errors {
            let never =
                e.message.starts_with("never holds") || e.message.starts_with("is never") || e.message.starts_with("has no \"when\"");
            if !never {
                continue;
            }
            if let Some((i, ".show_if")) = number(&e.path, "questions") {
                c.never_shown.push(i);
            }
            match number(&e.path, "outcomes") {
                Some((i, "" | ".when")) => c.never_reached.push(i),
                Some((i, rest)) => {
                    if let Some((r, "" | ".when")) = number(rest, ".reasons") {
                        c.reason_never_shown.push((i, r));
                    }
                }
                None => {}
            }
        }
        c
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1_500, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn what_the_lint_rules_out_never_happens(config in generated(), seed in 1u64..u64::MAX) {
        let Ok(q) = parse_structure(&config.to_string()) else { return Ok(()) };
        let mut errors = Errors::default();
        lint::check(&q, &mut errors);
        let claims = Claims::of(&errors.0);
        let mut rng = Rng(seed);
        for _ in 0..200 {
            let s = random_walk(&q, &mut rng, 0, 200);
            prop_assert_eq!(s.step, Step::Result);
            for i in s.visible(&q) {
                prop_assert!(!claims.never_shown.contains(&i), "question {} was shown: {:?}", i, errors.0);
            }
            let e = evaluate(&q, &s);
            prop_assert!(!claims.never_reached.contains(&e.outcome), "outcome {} was reached: {:?}", e.outcome, errors.0);
            for r in e.reasons {
                prop_assert!(!claims.reason_never_shown.contains(&(e.outcome, r)), "reason {} of {} was shown: {:?}", r, e.outcome, errors.0);
            }
        }
    }
}
