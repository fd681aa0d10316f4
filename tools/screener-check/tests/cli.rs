//! The command as a reviewer runs it: exit status, problems with their
//! paths, and the decision table.
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;
use std::process::Command;

const BUILTIN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../screeners/program-fit.json");

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_screener-check")).args(args).output().expect("the command runs");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// A config file in a fresh temporary directory.
fn file(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("screener-check-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("the config is written");
    path
}

#[test]
fn the_builtin_screener_has_no_problems() {
    let (status, out, err) = run(&[BUILTIN]);
    assert_eq!(status, 0, "{out}{err}");
    assert!(out.ends_with("program-fit.json: no problems (23 questions, 10 outcomes)\n"), "{out}");
}

#[test]
fn problems_are_listed_with_paths_and_fail() {
    let bad = r#"{ "version": 1,
      "scales": [{ "id": "s", "label": "S" }],
      "questions": [{ "id": "q", "kind": "yes_no", "text": "?", "options": [
        { "id": "y", "label": "Yes", "scores": { "s": 1 } }, { "id": "n", "label": "No" } ] }],
      "levels": [{ "id": "l", "name": "L", "summary": "S" }],
      "outcomes": [
        { "id": "a", "title": "A", "summary": "S", "levels": ["l"], "when": { "question": "q", "answered": true } },
        { "id": "b", "title": "B", "summary": "S", "levels": ["l"], "when": { "score": "s", "gte": 2 } },
        { "id": "c", "title": "C", "summary": "S", "levels": ["l"] } ],
      "fallback": "c" }"#;
    let path = file("bad.json", bad);
    let (status, out, _) = run(&[path.to_str().unwrap_or_default()]);
    assert_eq!(status, 1, "{out}");
    assert!(out.contains("bad.json: 1 problem\n"), "{out}");
    assert!(out.contains("  outcomes[1].when.gte: compares \"s\" with 2, but it can only be 0 to 1 here, so this never holds\n"), "{out}");
}

#[test]
fn paths_prints_one_table_for_every_path() {
    let (status, out, err) = run(&["--paths", BUILTIN]);
    assert_eq!(status, 0, "{err}");
    assert!(out.contains("Every answer path (741,066,528,522,240 in all) falls in exactly one row."), "{out}");
    assert!(out.contains("| who | asq_now | audit_frequency | audit_typical | audit_six_plus | withdrawal | benzo_use | home | phq2 | gad2 | structure | outcome | paths |"), "{out}");
    assert!(out.contains("| any | yes / unsure | any | any | any | any | any | any | any | any | any | **crisis** |"), "{out}");
    let rows = out.lines().filter(|l| l.starts_with("| ") && l.contains("**")).count();
    assert!((10..=40).contains(&rows), "{rows} rows:\n{out}");
    let (status, out, _) = run(&["--paths", "--lang", "es", BUILTIN]);
    assert_eq!(status, 0);
    assert!(out.contains("- `crisis`: \""), "{out}");
}

#[test]
fn usage_and_file_errors_exit_2() {
    assert_eq!(run(&[]).0, 2);
    assert_eq!(run(&["--bogus", BUILTIN]).0, 2);
    assert_eq!(run(&["/no/such/config.json"]).0, 2);
    let (status, out, _) = run(&["--help"]);
    assert_eq!(status, 0);
    assert!(out.contains("Usage:"));
    let (status, out, _) = run(&["--schema"]);
    assert_eq!(status, 0);
    assert!(out.contains("\"title\": \"Program-fit screener config\""));
}

#[test]
fn malformed_json_gives_its_line_and_column() {
    let path = file("broken.json", "{\n  \"version\": 1,\n  oops\n}");
    let (status, out, _) = run(&[path.to_str().unwrap_or_default()]);
    assert_eq!(status, 1);
    assert!(out.contains("line 3, column 3"), "{out}");
}
