//! The persona table (`tests/data/personas.json`): realistic people walked
//! through the built-in screener screen by screen, through the widget's own
//! reducer, in English and Spanish. For each: the safety screens in the
//! order shown, the outcome, the phrases they must read on the safety
//! screens and the result, the ones they must never read, and every text in the voice of
//! whoever is answering. Prints each persona's result.
#![cfg(not(target_arch = "wasm32"))]

use program_fit_screener::core::config::parse;
use program_fit_screener::core::model::Questionnaire;
use program_fit_screener::core::outcome::evaluate;
use program_fit_screener::core::session::{Action, Session, Step};
use program_fit_screener::BUILTIN_CONFIG;
use serde_json::Value;

#[path = "common/voice.rs"]
mod voice;
use voice::{shown_texts, voice_problems};

const TABLE: &str = include_str!("data/personas.json");

/// What one persona saw: safety screens, outcome, and texts in each locale
/// (all of them, and those of the safety screens and the result).
struct Visit {
    /// Question screens, and safety screens.
    screens: (usize, usize),
    interrupts: Vec<String>,
    outcome: String,
    all: Vec<Vec<String>>,
    told: Vec<Vec<String>>,
}

const LOCALES: [&str; 2] = ["en", "es"];

/// Walks `answers` (question id to option id or ids) as a visitor would:
/// each screen's answers, Continue, each safety screen's Continue.
fn visit(q: &Questionnaire, name: &str, answers: &serde_json::Map<String, Value>, own: &[String]) -> Visit {
    let mut s = Session::new(q).reduce(q, Action::Start);
    let mut v =
        Visit { screens: (0, 0), interrupts: Vec::new(), outcome: String::new(), all: vec![Vec::new(); 2], told: vec![Vec::new(); 2] };
    let mut used: Vec<String> = Vec::new();
    let record = |s: &Session, v: &mut Visit, told: bool| {
        let voice = q.voice(&s.answers, &s.scores(q));
        let read = q.in_voice(voice);
        for (l, locale) in LOCALES.iter().enumerate() {
            let texts = shown_texts(&read, s, &s.step, locale);
            let wrong = voice_problems(&texts, voice.is_some(), locale);
            assert!(wrong.is_empty(), "{name}: wrong voice at {:?} ({locale}): {wrong:?}", s.step);
            if told {
                v.told[l].extend(texts.iter().cloned());
            }
            v.all[l].extend(texts);
        }
    };
    for _ in 0..100 {
        match s.step {
            Step::Question(first) => {
                v.screens.0 += 1;
                record(&s, &mut v, false);
                for i in s.screen(q, first) {
                    let x = &q.questions[i];
                    let answer = answers.get(&*x.id).unwrap_or_else(|| panic!("{name}: no answer to {}", x.id));
                    used.push(x.id.to_string());
                    let ids: Vec<&str> = match answer {
                        Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
                        other => other.as_str().into_iter().collect(),
                    };
                    for id in ids {
                        let option =
                            x.options.iter().position(|o| o.id == id).unwrap_or_else(|| panic!("{name}: {} has no option {id}", x.id));
                        s = s.reduce(
                            q,
                            if x.kind.is_multi() { Action::Toggle { question: i, option } } else { Action::Choose { question: i, option } },
                        );
                    }
                }
                s = s.reduce(q, Action::Next);
                assert!(!s.missing_answer, "{name}: a screen left unanswered");
            }
            Step::Interrupt { interrupt, .. } => {
                v.interrupts.push(q.interrupts[interrupt].id.to_string());
                v.screens.1 += 1;
                record(&s, &mut v, true);
                s = s.reduce(q, Action::Continue);
            }
            Step::Result => {
                record(&s, &mut v, true);
                v.outcome = q.outcomes[evaluate(q, &s).outcome].id.to_string();
                for id in own {
                    assert!(used.contains(id), "{name}: answers {id}, which is never asked on this path");
                }
                return v;
            }
            Step::Intro => panic!("{name}: back at the start"),
        }
    }
    panic!("{name}: the walk did not end");
}

fn strings(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array).map(|a| a.iter().filter_map(Value::as_str).map(String::from).collect()).unwrap_or_default()
}

#[test]
fn every_persona_meets_the_table() {
    let q = parse(BUILTIN_CONFIG).expect("the built-in screener is valid");
    let table: Value = serde_json::from_str(TABLE).expect("the persona table is JSON");
    let defaults = table["defaults"].as_object().expect("defaults").clone();
    let personas = table["personas"].as_array().expect("personas");
    assert!(personas.len() >= 30, "at least 30 personas");
    let mut failures = Vec::new();
    for p in personas {
        let name = p["name"].as_str().expect("a name");
        let own = p["answers"].as_object().expect("answers");
        let mut answers = defaults.clone();
        answers.extend(own.clone());
        let v = visit(&q, name, &answers, &own.keys().cloned().collect::<Vec<_>>());
        println!("{name}: {} after {:?} ({} question screens, {} safety screens)", v.outcome, v.interrupts, v.screens.0, v.screens.1);
        if v.outcome != p["outcome"].as_str().unwrap_or_default() {
            failures.push(format!("{name}: outcome {} (expected {})", v.outcome, p["outcome"]));
        }
        if v.interrupts != strings(p.get("interrupts")) {
            failures.push(format!("{name}: safety screens {:?} (expected {})", v.interrupts, p["interrupts"]));
        }
        for (l, locale) in LOCALES.iter().enumerate() {
            let told = v.told[l].join("\n");
            for phrase in strings(p["says"].get(locale)) {
                if !told.contains(&phrase) {
                    failures.push(format!("{name} ({locale}): never reads \"{phrase}\""));
                }
            }
            let all = v.all[l].join("\n");
            for phrase in strings(p.get("never").and_then(|n| n.get(locale))) {
                if all.contains(&phrase) {
                    failures.push(format!("{name} ({locale}): reads \"{phrase}\""));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} persona failures:\n{}", failures.len(), failures.join("\n"));
}
