use super::*;
use crate::core::config::parse;
use crate::BUILTIN_CONFIG;
use serde_json::{json, Value};

/// Two yes/no questions, a scale of 0 to 3 and two outcomes, all reachable.
fn base() -> Value {
    let yes_no = |id: &str, points: i32| {
        json!({ "id": id, "kind": "yes_no", "text": "?", "options": [
            { "id": "yes", "label": "Yes", "scores": { "s": points } }, { "id": "no", "label": "No" } ] })
    };
    json!({
        "version": 1,
        "scales": [{ "id": "s", "label": "S" }],
        "questions": [yes_no("a", 1), yes_no("b", 2)],
        "levels": [{ "id": "l", "name": "L", "summary": "S" }],
        "outcomes": [
            { "id": "high", "title": "T", "summary": "S", "levels": ["l"], "when": { "score": "s", "gte": 2 },
              "reasons": [{ "when": { "question": "b", "is": "yes" }, "text": "B" }] },
            { "id": "low", "title": "T", "summary": "S", "levels": ["l"] }
        ],
        "fallback": "low"
    })
}

/// Applies `change` to the base config and checks the problems reported.
fn expect(change: impl Fn(&mut Value), expected: &[&str]) {
    let mut v = base();
    change(&mut v);
    let got: Vec<String> = match parse(&v.to_string()) {
        Ok(_) => Vec::new(),
        Err(errors) => errors.iter().map(ToString::to_string).collect(),
    };
    assert_eq!(got, expected, "config: {v}");
}

#[test]
fn base_config_has_no_problems() {
    expect(|_| {}, &[]);
}

#[test]
fn question_that_is_never_shown() {
    expect(
        |v| v["questions"][1]["show_if"] = json!({ "all": [{ "question": "a", "is": "yes" }, { "question": "a", "is": "no" }] }),
        &[
            "questions[1].show_if: never holds, so this question is never shown",
            "outcomes[0].when: never holds for any answers, so this outcome is never reached",
        ],
    );
    // A score in a show_if reads only the earlier questions: here 0 to 1.
    expect(
        |v| v["questions"][1]["show_if"] = json!({ "score": "s", "gte": 2 }),
        &[
            "questions[1].show_if.gte: compares \"s\" with 2, but it can only be 0 to 1 here, so this never holds",
            "outcomes[0].when: never holds for any answers, so this outcome is never reached",
        ],
    );
}

#[test]
fn rule_that_can_never_match() {
    expect(
        |v| {
            v["outcomes"][0]["when"] =
                json!({ "all": [{ "question": "a", "is": "yes" }, { "not": { "answered": true, "question": "a" } }] })
        },
        &["outcomes[0].when: never holds for any answers, so this outcome is never reached"],
    );
}

#[test]
fn outcome_that_an_earlier_one_always_pre_empts() {
    expect(
        |v| {
            let first =
                json!({ "id": "any", "title": "T", "summary": "S", "levels": ["l"], "when": { "question": "b", "answered": true } });
            v["outcomes"].as_array_mut().unwrap().insert(0, first);
        },
        &["outcomes[1]: is never reached: whenever its rule holds, an earlier outcome wins (\"any\")"],
    );
    expect(|v| v["outcomes"][1]["id"] = "other".into(), &["fallback: refers to unknown outcome \"low\""]);
    expect(
        |v| {
            v["outcomes"][1]["when"] = json!({ "question": "a", "is": "no" });
            let extra = json!({ "id": "spare", "title": "T", "summary": "S", "levels": ["l"] });
            v["outcomes"].as_array_mut().unwrap().push(extra);
        },
        &["outcomes[2]: has no \"when\" rule and is not the fallback, so no answers reach it"],
    );
}

#[test]
fn threshold_outside_the_scale_range() {
    expect(
        |v| v["outcomes"][0]["when"] = json!({ "score": "s", "gt": 3 }),
        &["outcomes[0].when.gt: compares \"s\" with 3, but it can only be 0 to 3 here, so this never holds"],
    );
    expect(
        |v| v["outcomes"][0]["when"] = json!({ "any": [{ "question": "a", "is": "yes" }, { "score": "s", "lte": 3 }] }),
        &["outcomes[0].when.any[1].lte: compares \"s\" with 3, but it can only be 0 to 3 here, so this always holds"],
    );
    expect(
        |v| v["outcomes"][0]["reasons"][0]["when"] = json!({ "score": "s", "eq": -1 }),
        &["outcomes[0].reasons[0].when.eq: compares \"s\" with -1, but it can only be 0 to 3 here, so this never holds"],
    );
}

#[test]
fn reasons_that_are_never_shown() {
    expect(
        |v| v["outcomes"][0]["reasons"][0]["when"] = json!({ "all": [{ "question": "a", "is": "no" }, { "question": "b", "is": "no" }] }),
        &["outcomes[0].reasons[0].when: never holds when \"high\" is the outcome, so this reason is never shown"],
    );
    expect(
        |v| {
            let plain = json!({ "text": "Always" });
            v["outcomes"][0]["reasons"] = json!([plain, plain, plain, { "when": { "question": "a", "is": "yes" }, "text": "A" }]);
        },
        &["outcomes[0].reasons[3]: is never shown: whenever it applies, 3 reasons listed before it apply too"],
    );
}

/// The fallback may have a rule of its own; it is still reached when no
/// rule holds, with the reasons that apply then.
#[test]
fn a_fallback_with_its_own_rule_is_reached_when_no_rule_holds() {
    expect(
        |v| {
            v["outcomes"] = json!([
                { "id": "low", "title": "T", "summary": "S", "levels": ["l"], "when": { "question": "a", "is": "yes" },
                  "reasons": [{ "when": { "question": "a", "is": "no" }, "text": "Only when no rule holds" }] },
                { "id": "high", "title": "T", "summary": "S", "levels": ["l"], "when": { "question": "b", "is": "yes" } }
            ]);
        },
        &[],
    );
}

/// A config too large to enumerate within the budget is accepted quickly
/// without the checks that need the enumeration.
#[test]
fn too_large_to_enumerate_is_skipped_quickly() {
    let mut v = base();
    let options: Vec<Value> = (0..8).map(|i| json!({ "id": format!("o{i}"), "label": "O", "scores": { "s": i } })).collect();
    let questions: Vec<Value> =
        (0..40).map(|i| json!({ "id": format!("q{i}"), "kind": "single", "text": "?", "options": options })).collect();
    let any: Vec<Value> = (0..40).map(|i| json!({ "question": format!("q{i}"), "any_of": ["o1", "o3", "o5"] })).collect();
    v["questions"] = Value::Array(questions);
    v["outcomes"][0]["when"] = json!({ "all": any });
    v["outcomes"][0]["reasons"] = json!([]);
    let started = std::time::Instant::now();
    let q = parse(&v.to_string()).expect("accepted");
    println!("a config too large to enumerate: checked in {:?}", started.elapsed());
    // Bounded by the budget, not by a clock: the walk gives up past it.
    let whens: Vec<&Condition> = q.outcomes.iter().filter_map(|o| o.when.as_ref()).collect();
    assert!(explore(&q, &whens, &|_| {}, &Budget::LINT).is_none(), "skipped: over the budget");
}

/// Multiple-choice questions with many options that rules name are
/// enumerated while cheap, and skipped, quickly, past the budget.
#[test]
fn many_named_options_stay_quick() {
    for (options, questions) in [(10, 3), (11, 1), (14, 4)] {
        let mut v = base();
        let opts: Vec<Value> = (0..options).map(|i| json!({ "id": format!("o{i}"), "label": "O", "scores": { "s": i % 3 } })).collect();
        let qs: Vec<Value> =
            (0..questions).map(|i| json!({ "id": format!("q{i}"), "kind": "multi", "text": "?", "options": opts })).collect();
        let tests: Vec<Value> = (0..questions)
            .flat_map(|i| (0..options).map(move |o| json!({ "question": format!("q{i}"), "includes": [format!("o{o}")] })))
            .collect();
        v["questions"] = Value::Array(qs);
        v["outcomes"][0]["when"] = json!({ "any": tests });
        v["outcomes"][0]["reasons"] = json!([]);
        let started = std::time::Instant::now();
        let q = parse(&v.to_string()).expect("accepted");
        println!("{options} named options: checked in {:?}", started.elapsed());
        // Bounded by the budget, not by a clock: enumerated within it, or skipped.
        let whens: Vec<&Condition> = q.outcomes.iter().filter_map(|o| o.when.as_ref()).collect();
        match explore(&q, &whens, &|_| {}, &Budget::LINT) {
            Some(x) => assert!(options <= Budget::LINT.named_options && x.steps <= Budget::LINT.steps, "{options} options"),
            None => assert!(options > Budget::LINT.named_options || questions > 1, "{options} options skipped"),
        }
    }
}

/// The built-in screener passes every check; prints how long linting takes.
#[test]
fn builtin_passes_and_lint_is_fast() {
    let q = parse(BUILTIN_CONFIG).unwrap_or_else(|e| panic!("{e:#?}"));
    let runs = 20;
    let started = std::time::Instant::now();
    for _ in 0..runs {
        let mut errors = Errors::default();
        check(&q, &mut errors);
        assert!(errors.0.is_empty(), "{:?}", errors.0);
    }
    println!("lint of the built-in screener: {:?} per run", started.elapsed() / runs);
}
