use super::*;
use crate::BUILTIN_CONFIG;

fn errors_of(json: &str) -> Vec<String> {
    match parse(json) {
        Ok(_) => Vec::new(),
        Err(errors) => errors.iter().map(ToString::to_string).collect(),
    }
}

/// A small valid config that tests then break in one place each.
fn minimal() -> serde_json::Value {
    serde_json::json!({
        "version": 1,
        "scales": [{ "id": "s", "label": "S" }],
        "questions": [
            { "id": "q_alcohol", "kind": "yes_no", "text": "Q?", "options": [
                { "id": "yes", "label": "Yes", "scores": { "s": 2 } }, { "id": "no", "label": "No" } ] },
            { "id": "q2", "kind": "single", "text": "Q2?", "show_if": { "question": "q_alcohol", "is": "yes" },
              "options": [ { "id": "a", "label": "A" }, { "id": "b", "label": "B" } ] }
        ],
        "levels": [{ "id": "op", "name": "Outpatient", "summary": "Weekly." }],
        "outcomes": [{ "id": "o", "title": "T", "summary": "S", "levels": ["op"], "when": { "score": "s", "gte": 2 } }],
        "fallback": "o"
    })
}

fn check(mutate: impl Fn(&mut serde_json::Value), expected: &[&str]) {
    let mut v = minimal();
    mutate(&mut v);
    assert_eq!(errors_of(&v.to_string()), expected);
}

#[test]
fn builtin_config_is_valid() {
    let q = parse(BUILTIN_CONFIG).expect("built-in config must be valid");
    assert_eq!(q.version, 1);
    assert_eq!(q.outcomes[q.fallback].id, "outpatient");
}

#[test]
fn minimal_config_is_valid() {
    check(|_| {}, &[]);
}

#[test]
fn reports_each_problem_with_its_path() {
    check(
        |v| v["questions"][1]["show_if"]["question"] = "q_alcol".into(),
        &["questions[1].show_if.question: refers to unknown question \"q_alcol\" (did you mean \"q_alcohol\"?)"],
    );
    check(|v| v["questions"][0]["txet"] = "x".into(), &["questions[0]: has an unknown key \"txet\" (did you mean \"text\"?)"]);
    check(|v| v["questions"][0]["x-note"] = "reviewed".into(), &[]);
    check(
        |v| v["questions"][1]["id"] = "q_alcohol".into(),
        &["questions[1].show_if: may only refer to questions that come before this one", "questions[1]: repeats the id \"q_alcohol\""],
    );
    check(|v| v["fallback"] = "nope".into(), &["fallback: refers to unknown outcome \"nope\""]);
    check(
        |v| {
            v.as_object_mut().unwrap().remove("fallback");
        },
        &[": is missing \"fallback\"".trim_start_matches(": ")],
    );
    check(|v| v["version"] = 2.into(), &["version: is 2, but this widget reads version 1"]);
    check(|v| v["questions"][0]["kind"] = "slider".into(), &["questions[0].kind: is \"slider\"; use single, multi, yes_no or scale"]);
    check(
        |v| v["outcomes"][0]["when"] = serde_json::json!({ "score": "s" }),
        &["outcomes[0].when: needs one comparison: eq, gte, lte, gt or lt"],
    );
    check(
        |v| v["questions"][0]["options"][0]["scores"] = serde_json::json!({ "ss": 1 }),
        &["questions[0].options[0].scores.ss: refers to unknown scale \"ss\" (did you mean \"s\"?)"],
    );
}

#[test]
fn reports_every_problem_at_once() {
    let mut v = minimal();
    v["questions"][0]["text"] = "".into();
    v["outcomes"][0]["levels"][0] = "nope".into();
    v["bogus"] = true.into();
    assert_eq!(errors_of(&v.to_string()).len(), 3, "{:?}", errors_of(&v.to_string()));
}

#[test]
fn malformed_json_gives_line_and_column() {
    let errs = errors_of("{\n  \"version\": 1,\n  oops\n}");
    assert_eq!(errs.len(), 1);
    assert!(errs[0].contains("line 3, column 3"), "{errs:?}");
}

#[test]
fn links_must_not_run_script() {
    for bad in ["javascript:alert(1)", "data:text/html,x", "http://example.org", "tel:1\"onmouseover=x"] {
        assert!(!is_safe_href(bad), "{bad}");
    }
    for good in ["tel:988", "sms:988", "https://988lifeline.org", "mailto:a@b.org"] {
        assert!(is_safe_href(good), "{good}");
    }
}

#[test]
fn every_text_needs_every_declared_locale() {
    let mut v = minimal();
    v["locales"] = serde_json::json!(["en", "es"]);
    v["questions"][0]["text"] = serde_json::json!({ "en": "Q?" });
    let errors = errors_of(&v.to_string());
    assert!(errors.contains(&"questions[0].text: has no \"es\" translation".to_string()), "{errors:?}");
    assert!(
        errors.contains(
            &"scales[0].label: has one wording, but the config declares the locales en, es: give one per locale, like {\"en\": \"...\"}"
                .to_string()
        ),
        "{errors:?}"
    );
    assert!(!errors.iter().any(|e| e.contains("must have")), "a bad label does not also count as a missing option: {errors:?}");
}

#[test]
fn never_panics_on_truncated_or_mutated_input() {
    let src = BUILTIN_CONFIG;
    let mut cut = 0;
    while cut < src.len() {
        if src.is_char_boundary(cut) {
            let _ = parse(&src[..cut]);
        }
        cut += 97;
    }
    let v: serde_json::Value = serde_json::from_str(src).unwrap();
    for key in ["questions", "outcomes", "levels", "interrupts", "scales"] {
        for replacement in [serde_json::json!(null), serde_json::json!(1), serde_json::json!([{}]), serde_json::json!("x")] {
            let mut m = v.clone();
            m[key] = replacement;
            assert!(parse(&m.to_string()).is_err());
        }
    }
}

#[test]
fn a_condition_reads_one_way_only() {
    use serde_json::json;
    check(
        |v| v["questions"][1]["show_if"] = json!({ "question": "q_alcohol", "is": ["yes"] }),
        &["questions[1].show_if.is: must be a string, found a list"],
    );
    check(
        |v| v["questions"][1]["show_if"] = json!({ "question": "q_alcohol", "is": "yes", "any_of": ["no"] }),
        &["questions[1].show_if: may have only one of is, any_of, includes or answered"],
    );
    check(
        |v| v["questions"][1]["show_if"] = json!({ "question": "q_alcohol", "any_of": [] }),
        &["questions[1].show_if.any_of: must name at least one option"],
    );
    check(
        |v| v["questions"][1]["show_if"] = json!({ "question": "q_alcohol", "answered": false }),
        &["questions[1].show_if.answered: must be true, found false (use \"not\" for an unanswered question)"],
    );
    check(
        |v| v["outcomes"][0]["when"] = json!({ "score": "s", "gte": 1, "lt": 3 }),
        &["outcomes[0].when: has 2 comparisons; use one, and \"all\" to combine"],
    );
}

#[test]
fn keys_read_lists_each_object_with_the_keys_it_accepts() {
    let keys = keys_read(&minimal().to_string());
    let at = |path: &str| keys.iter().find(|(p, _)| p == path).map(|(_, k)| k.clone()).unwrap_or_default();
    assert_eq!(at("questions[1].show_if"), ["question", "is", "any_of", "includes", "answered"]);
    assert_eq!(at("outcomes[0].when"), ["score", "eq", "gte", "lte", "gt", "lt"]);
    assert!(at("").contains(&"fallback"));
    assert!(keys_read("not json").is_empty());
}

#[test]
fn the_builtin_shortcut_reads_the_same_screener_that_passes_every_check() {
    // The widget skips the semantic checks (the lint stage of
    // `web::Mounted::step`) for the built-in screener; this is the test
    // that earns it that.
    let checked = parse(BUILTIN_CONFIG).unwrap_or_else(|e| panic!("{e:#?}"));
    let shortcut = parse_structure(BUILTIN_CONFIG).unwrap_or_else(|e| panic!("{e:#?}"));
    assert_eq!(format!("{checked:?}"), format!("{shortcut:?}"));
}

#[test]
fn the_compacted_builtin_is_the_readable_file() {
    let readable = include_str!("../../../screeners/program-fit.json");
    assert!(BUILTIN_CONFIG.len() < readable.len() * 3 / 4, "{} bytes", BUILTIN_CONFIG.len());
    assert_eq!(crate::core::json::parse(BUILTIN_CONFIG), crate::core::json::parse(readable));
}
