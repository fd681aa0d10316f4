//! What a visitor reads at a step, taken from the questionnaire the way the
//! widget renders it, and the check that it speaks to whoever is answering:
//! a person answering for themself is never called "the person", a loved
//! one is never asked "have you...". Shared by the exhaustive walk and the
//! persona table.
#![allow(dead_code)]

use program_fit_screener::core::model::Questionnaire;
use program_fit_screener::core::outcome::evaluate;
use program_fit_screener::core::session::{Session, Step};

/// Every text of `step` in `locale`: a screen's questions, hints and options
/// (the first question, which asks who is answering, aside: its options name
/// every voice), a safety screen, or the result with its reasons, notes,
/// levels and urgent links.
pub fn shown_texts(q: &Questionnaire, s: &Session, step: &Step, locale: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut add = |t: &program_fit_screener::core::text::Text| out.push(t.get(locale).to_string());
    match *step {
        Step::Intro => {}
        Step::Question(first) => {
            for i in s.screen(q, first).into_iter().filter(|&i| i > 0) {
                let x = &q.questions[i];
                add(&x.text);
                x.hint.iter().for_each(&mut add);
                x.options.iter().for_each(|o| add(&o.label));
            }
        }
        Step::Interrupt { interrupt, .. } => {
            let i = &q.interrupts[interrupt];
            add(&i.title);
            i.body.iter().for_each(&mut add);
            i.actions.iter().for_each(|a| add(&a.label));
            add(&i.continue_label);
        }
        Step::Result => {
            let eval = evaluate(q, s);
            let o = &q.outcomes[eval.outcome];
            add(&o.title);
            add(&o.summary);
            if let Some(i) = o.urgent.and_then(|u| q.interrupts.get(u)) {
                i.body.iter().for_each(&mut add);
                i.actions.iter().for_each(|a| add(&a.label));
            }
            eval.reasons.iter().for_each(|&r| add(&o.reasons[r].text));
            for &n in &eval.notes {
                add(&q.notes[n].text);
                q.notes[n].actions.iter().for_each(|a| add(&a.label));
            }
            for l in o.levels.iter().filter_map(|&l| q.levels.get(l)) {
                [&l.name, &l.summary].into_iter().chain(&l.involves).chain(&l.schedule).chain(&l.benefits).for_each(&mut add);
            }
        }
    }
    out
}

/// Words that speak to the person who needs help, as if they were answering.
const OWN: [(&str, &[&str]); 2] = [
    (
        "en",
        &[
            "have you",
            "are you",
            "do you",
            "you were",
            "yourself",
            "you feel",
            "on your own",
            "your age",
            "your family",
            "i am safe",
            "you go home",
            "you keep",
        ],
    ),
    (
        "es",
        &[
            "quitarte",
            "estás",
            "estés",
            "te has",
            "has deseado",
            "has sentido",
            "has tenido",
            "has intentado",
            "tu edad",
            "tu familia",
            "tomas",
            "dejaste",
            "te sientes",
            "consumas a solas",
            "no lo dejes",
            "no dejes",
        ],
    ),
];

/// Words that speak about the person, to someone who cares about them.
const LOVED: [(&str, &[&str]); 2] =
    [("en", &["the person", "themself", "they were", "their family", "they are safe", "for them"]), ("es", &["la persona"])];

/// The texts that are in the wrong voice: with `loved`, any that speaks to
/// the person as if they were answering; without, any that speaks about them.
pub fn voice_problems(texts: &[String], loved: bool, locale: &str) -> Vec<String> {
    let table = if loved { &OWN } else { &LOVED };
    let phrases = table.iter().find(|(l, _)| *l == locale).map_or(&[][..], |(_, p)| p);
    texts.iter().filter(|t| phrases.iter().any(|p| has_phrase(&t.to_lowercase(), p))).cloned().collect()
}

/// Whether `text` has `phrase` as whole words.
fn has_phrase(text: &str, phrase: &str) -> bool {
    text.match_indices(phrase).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + phrase.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}
