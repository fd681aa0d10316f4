use super::*;
use crate::core::condition::Condition;
use crate::core::config::parse;
use crate::core::testkit::Rng;
use crate::{BUILTIN_CONFIG, BUILTIN_EN, BUILTIN_PACKED};

/// The Spanish wordings build.rs packed apart (carried by Spanish's part).
const BUILTIN_ES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/program-fit.es.bin"));

fn builtin() -> Questionnaire {
    parse(BUILTIN_CONFIG).unwrap_or_else(|e| panic!("{e:#?}"))
}

/// Bytes that live as long as the wasm's static data do, as `decode` and `add_locale` need.
fn leak(bytes: Vec<u8>) -> &'static [u8] {
    Box::leak(bytes.into_boxed_slice())
}

/// `q` with the wordings added later in with each text's own (`Text::flatten`).
fn flat(q: &Questionnaire) -> Questionnaire {
    let mut q = q.clone();
    q.texts_mut().into_iter().for_each(Text::flatten);
    q
}

/// Whether every key and wording of `q` borrows its bytes (none takes heap of its own).
fn all_borrowed(q: &Questionnaire) -> bool {
    flat(q).texts().iter().all(|t| t.variants().iter().all(|(k, w)| matches!((k, w), (Str::Borrowed(_), Str::Borrowed(_)))))
}

/// The same texts in the same order, wherever they are kept: Debug shows
/// every field, and the model has no `PartialEq`.
fn same(a: &Questionnaire, b: &Questionnaire) -> bool {
    format!("{:?}", flat(a)) == format!("{:?}", flat(b))
}

#[test]
fn the_shipped_bytes_are_the_builtin_screener_checked_and_packed_with_spanish_apart() {
    let q = builtin();
    let mut first = q.clone();
    assert_eq!(BUILTIN_ES, split_locale(&mut first, "es"), "build.rs packed what config::parse reads");
    let keep = first_screen(&first);
    assert_eq!(BUILTIN_EN, split_locale_except(&mut first, "en", &keep), "and the English after the first screen apart");
    assert_eq!(BUILTIN_PACKED, encode(&first));
    let unpacked = decode(BUILTIN_PACKED).expect("the shipped bytes unpack");
    assert!(same(&unpacked, &first));
    assert!(unpacked.lacks("es") && unpacked.lacks("en"));
    // What the first screen shows is there without any part.
    let who = &unpacked.questions[0];
    assert_eq!(who.text.get("en"), "Who are you looking for help for?");
    assert!(who.options.iter().all(|o| !o.label.get("en").is_empty()));
    let under_18 = who.options.iter().find_map(|o| o.interrupt).expect("the first question raises the under-18 screen");
    assert!(unpacked.interrupts[under_18].body[0].get("en").is_empty(), "a safety screen comes with the part");
    assert!(unpacked.questions[1].text.get("en").is_empty(), "the second question's English is in the part");
    assert!(add_locale(&unpacked, BUILTIN_EN));
    assert!(!unpacked.lacks("en") && unpacked.lacks("es"));
    assert!(add_locale(&unpacked, BUILTIN_ES));
    assert!(same(&unpacked, &q), "with its English and Spanish back, it is the screener as read from the file");
    assert!(!unpacked.lacks("es"));
    // Every wording, a loved one's voice's too, borrows the packed bytes: the built-in texts take no heap.
    assert!(all_borrowed(&unpacked));
    assert!(!unpacked.voices.is_empty());
    assert!(all_borrowed(&unpacked.in_voice(Some(0))) && all_borrowed(&unpacked.in_voice(None)));
    assert!(!all_borrowed(&builtin()), "a site's own config's texts are its own");
}

#[test]
fn splitting_a_locale_takes_out_every_wording_in_it_and_nothing_else() {
    let q = builtin();
    let mut english = q.clone();
    split_locale(&mut english, "es");
    let before = format!("{q:?}");
    let after = format!("{english:?}");
    assert!(before.contains("(\"es\", "), "the built-in screener has Spanish");
    assert!(!after.contains("(\"es\", "), "no Spanish wording is left");
    assert_eq!(english.locales, q.locales, "it still declares Spanish");
    let texts = |mut q: Questionnaire| q.texts_mut().iter().map(|t| t.get("en").to_string()).collect::<Vec<_>>();
    assert_eq!(texts(english.clone()), texts(q.clone()), "the English is untouched");
    assert!(texts(q).iter().all(|t| !t.is_empty()));
}

#[test]
fn a_pseudo_locale_gets_every_english_wording_made_over_and_its_voices() {
    use crate::core::i18n::pseudo::long;
    let q = builtin();
    let mut made = q.clone();
    let bytes = derive_locale(&mut made, "en", "en-XA", long);
    assert!(made.lacks("en-XA"), "it declares the pseudo-locale, whose wordings are apart");
    assert!(add_locale(&made, leak(bytes)));
    assert!(!made.lacks("en-XA"));
    let mut checked = 0;
    for (mut a, mut b) in [(q.clone(), flat(&made))] {
        for (original, pseudo) in a.texts_mut().into_iter().zip(b.texts_mut()) {
            for (key, wording) in original.variants().iter().filter(|(k, _)| k == "en" || k.ends_with(":en")) {
                let key = format!("{}en-XA", key.strip_suffix("en").unwrap_or_default());
                assert_eq!(pseudo.variants().iter().find(|(k, _)| *k == key).map(|(_, w)| w.to_string()), Some(long(wording)), "{key}");
                checked += 1;
            }
        }
    }
    assert!(checked > 100, "every English wording, a loved one's voice too ({checked})");
    assert!(flat(&made).texts().iter().any(|t| t.variants().iter().any(|(k, _)| k.ends_with(":en-XA"))), "a loved one's voice of its own");
}

#[test]
fn wordings_that_do_not_fit_are_refused_and_change_nothing() {
    let english = decode(BUILTIN_PACKED).expect("unpacks");
    let untouched = format!("{english:?}");
    let mut other = english.clone();
    other.questions.pop();
    let fewer = leak(split_locale(&mut other, "es"));
    for bytes in [&BUILTIN_ES[..BUILTIN_ES.len() - 1], fewer, &[][..], &[0xff][..]] {
        assert!(!add_locale(&english, bytes));
        assert_eq!(format!("{english:?}"), untouched);
    }
}

#[test]
fn every_kind_of_value_round_trips() {
    // Conditions of every kind, nested; negative and large numbers; texts
    // plain and localised; options with and without hints and interrupts.
    let json = r#"{"version": 1,
      "scales": [{"id": "s", "label": "S"}],
      "interrupts": [{"id": "i", "title": "T", "body": ["b"], "actions": [{"label": "Call", "href": "tel:988"}], "continue_label": "Go on"}],
      "questions": [
        {"id": "q1", "kind": "multi", "text": "Q1", "hint": "h", "options": [
          {"id": "a", "label": "A", "scores": {"s": -300}, "interrupt": "i"},
          {"id": "b", "label": "B", "hint": "bh", "scores": {"s": 70000}},
          {"id": "n", "label": "None", "exclusive": true}]},
        {"id": "q2", "kind": "yes_no", "text": "Q2", "options": [{"id": "yes", "label": "Yes"}, {"id": "no", "label": "No"}],
         "show_if": {"any": [{"question": "q1", "includes": "a"}, {"not": {"all": [{"question": "q1", "answered": true}, {"score": "s", "lt": -1}]}}]}}],
      "levels": [{"id": "l", "name": "L", "summary": "Sum", "involves": ["x"], "schedule": "daily", "benefits": ["y"]}],
      "outcomes": [
        {"id": "o1", "title": "O1", "summary": "S1", "levels": ["l"], "urgent": "i", "contact": false,
         "when": {"question": "q2", "is": "yes"}, "reasons": [{"when": {"question": "q2", "any_of": ["yes"]}, "text": "R"}, {"text": "always"}]},
        {"id": "o2", "title": "O2", "summary": "S2", "levels": ["l"], "when": {"score": "s", "gte": 2}}],
      "fallback": "o2"}"#;
    let q = crate::core::config::parse_structure(json).unwrap_or_else(|e| panic!("{e:#?}"));
    let text = format!("{q:?}");
    for kind in ["Is {", "AnyOf {", "Includes {", "Answered {", "Score {", "All(", "Any(", "Not(", "Lt", "-300", "70000"] {
        assert!(text.contains(kind), "the example has {kind}");
    }
    assert!(same(&decode(leak(encode(&q))).expect("unpacks"), &q));
    for q in [builtin(), q] {
        assert!(same(&decode(leak(encode(&q))).expect("unpacks"), &q));
    }
}

#[test]
fn bytes_that_are_not_exactly_one_questionnaire_give_none() {
    let bytes = BUILTIN_PACKED;
    for end in 0..bytes.len() {
        assert!(decode(&bytes[..end]).is_none(), "the first {end} bytes");
    }
    let mut longer = bytes.to_vec();
    longer.push(0);
    assert!(decode(leak(longer)).is_none());
}

#[test]
fn damaged_bytes_never_panic() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for _ in 0..3000 {
        let mut bytes = BUILTIN_PACKED.to_vec();
        for _ in 0..1 + rng.below(4) {
            let at = rng.below(bytes.len());
            bytes[at] = rng.below(256) as u8;
        }
        let _ = decode(leak(bytes));
    }
    // Conditions nested past the limit: `Not` (tag 7) over and over.
    let mut deep = vec![7u8; 10_000];
    deep.push(3);
    deep.push(0);
    let deep = leak(deep);
    let mut r = Reader { bytes: deep, depth: 0 };
    assert!(Condition::take(&mut r).is_none());
    let mut r = Reader { bytes: &deep[10_000 - MAX_DEPTH + 1..], depth: 0 };
    assert!(Condition::take(&mut r).is_some(), "{MAX_DEPTH} deep is read");
}

#[test]
fn numbers_round_trip_at_their_limits() {
    for n in [0, 1, -1, 63, -64, 64, i32::MAX, i32::MIN] {
        let mut out = Vec::new();
        n.put(&mut out);
        assert_eq!(i32::take(&mut Reader { bytes: leak(out), depth: 0 }), Some(n));
    }
    for n in [0u32, 127, 128, 16_383, 16_384, u32::MAX] {
        let mut out = Vec::new();
        n.put(&mut out);
        assert_eq!(u32::take(&mut Reader { bytes: leak(out), depth: 0 }), Some(n));
    }
    assert_eq!(u32::take(&mut Reader { bytes: &[0xff; 6], depth: 0 }), None, "no more than five bytes");
}
