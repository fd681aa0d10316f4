//! Generators shared by the property tests: configs from the format's
//! grammar, mostly valid, so the lint's enumeration runs on them.
#![allow(dead_code)]

use proptest::collection::vec;
use proptest::prelude::*;
use serde_json::{json, Value};

pub const CMP: [&str; 5] = ["eq", "gte", "lte", "gt", "lt"];
pub const KINDS: [&str; 5] = ["single", "multi", "yes_no", "scale", "slider"];

/// A condition over `nq` questions with `nopt` options each and `ns` scales.
pub fn condition(nq: usize, nopt: usize, ns: usize) -> impl Strategy<Value = Value> {
    let q = move |i: usize| format!("q{}", i % nq.max(1));
    let o = |i: usize| format!("o{i}");
    let leaf = prop_oneof![
        (0..nq, 0..nopt).prop_map(move |(i, a)| json!({ "question": q(i), "is": o(a) })),
        (0..nq, vec(0..nopt, 1..3)).prop_map(move |(i, a)| json!({ "question": q(i), "any_of": a.into_iter().map(o).collect::<Vec<_>>() })),
        (0..nq, vec(0..nopt, 1..3))
            .prop_map(move |(i, a)| json!({ "question": q(i), "includes": a.into_iter().map(o).collect::<Vec<_>>() })),
        (0..nq).prop_map(move |i| json!({ "question": q(i), "answered": true })),
        (0..ns.max(1), 0..CMP.len(), -3i32..14).prop_map(|(s, c, v)| json!({ "score": format!("s{s}"), CMP[c]: v })),
    ];
    leaf.prop_recursive(3, 12, 3, |inner| {
        prop_oneof![
            vec(inner.clone(), 1..4).prop_map(|v| json!({ "all": v })),
            vec(inner.clone(), 1..4).prop_map(|v| json!({ "any": v })),
            inner.prop_map(|c| json!({ "not": c })),
        ]
    })
}

/// Points `question` references of a condition at questions before `i`.
pub fn earlier_only(c: &mut Value, i: usize) {
    match c {
        Value::Object(m) => {
            if let Some(Value::String(q)) = m.get_mut("question") {
                let n: usize = q.trim_start_matches('q').parse().unwrap_or(0);
                *q = format!("q{}", n % i.max(1));
            }
            m.values_mut().for_each(|v| earlier_only(v, i));
        }
        Value::Array(a) => a.iter_mut().for_each(|v| earlier_only(v, i)),
        _ => {}
    }
}

/// A config from the format's grammar. Most are valid, so the lint runs on
/// them; with `sloppy`, one rule of the format may be broken.
pub fn generated() -> impl Strategy<Value = Value> {
    (1usize..7, 1usize..3).prop_flat_map(|(nq, ns)| {
        let option = (vec((0..ns, -2i32..5), 0..3), prop::option::weighted(0.1, Just("i")), prop::bool::weighted(0.3));
        let question = (0..KINDS.len() - 1, vec(option, 2..6), prop::option::weighted(0.5, condition(nq, 2, ns)));
        let outcome = (prop::option::weighted(0.8, condition(nq, 2, ns)), vec(prop::option::of(condition(nq, 2, ns)), 0..4));
        let sloppy = prop::option::weighted(0.1, 0usize..4);
        (vec(question, nq..=nq), vec(outcome, 1..6), 0usize..6, sloppy).prop_map(move |(questions, outcomes, fallback, sloppy)| {
            let questions: Vec<Value> = questions
                .into_iter()
                .enumerate()
                .map(|(i, (kind, mut options, show_if))| {
                    let kind = if sloppy == Some(0) && i == 0 { "slider" } else { KINDS[kind] };
                    if kind == "yes_no" && sloppy != Some(1) {
                        options.truncate(2);
                    }
                    let options: Vec<Value> = options
                        .into_iter()
                        .enumerate()
                        .map(|(j, (scores, interrupt, exclusive))| {
                            let scores: serde_json::Map<String, Value> =
                                scores.into_iter().map(|(s, p)| (format!("s{s}"), json!(p))).collect();
                            let exclusive = exclusive && (kind == "multi" || sloppy == Some(2));
                            let mut o = json!({ "id": format!("o{j}"), "label": "O", "scores": scores, "exclusive": exclusive });
                            if let Some(i) = interrupt {
                                o["interrupt"] = json!(i);
                            }
                            o
                        })
                        .collect();
                    let mut q = json!({ "id": format!("q{i}"), "kind": kind, "text": "?", "options": options });
                    if let Some(mut c) = show_if.filter(|_| i > 0 || sloppy == Some(3)) {
                        if sloppy != Some(3) {
                            earlier_only(&mut c, i);
                        }
                        q["show_if"] = c;
                    }
                    q
                })
                .collect();
            let count = outcomes.len();
            let outcomes: Vec<Value> = outcomes
                .into_iter()
                .enumerate()
                .map(|(i, (when, reasons))| {
                    let reasons: Vec<Value> =
                        reasons.into_iter().map(|w| w.map_or(json!({ "text": "R" }), |w| json!({ "text": "R", "when": w }))).collect();
                    let mut o = json!({ "id": format!("r{i}"), "title": "T", "summary": "S", "levels": ["l"], "reasons": reasons });
                    if let Some(w) = when {
                        o["when"] = w;
                    }
                    o
                })
                .collect();
            json!({
                "version": 1,
                "scales": (0..ns).map(|s| json!({ "id": format!("s{s}"), "label": "S" })).collect::<Vec<_>>(),
                "interrupts": [{ "id": "i", "title": "I", "continue_label": "Go on" }],
                "questions": questions,
                "levels": [{ "id": "l", "name": "L", "summary": "S" }],
                "outcomes": outcomes,
                "fallback": format!("r{}", fallback % count),
            })
        })
    })
}
