use super::*;
use crate::core::config::parse;
use crate::core::outcome::evaluate;
use crate::core::testkit::{random_walk, Rng};
use crate::BUILTIN_CONFIG;

fn builtin() -> Questionnaire {
    parse(BUILTIN_CONFIG).unwrap()
}

/// What a walk through the questionnaire produced.
#[derive(Debug)]
struct Walk {
    outcome: String,
    /// Interrupt ids, with the id of the question that raised each.
    interrupts: Vec<(String, String)>,
    asked: Vec<String>,
}

/// Answers the questionnaire as a visitor would, screen by screen:
/// `answers` maps question ids to option ids; any question not listed gets
/// its first option (its last for an ASQ item, "no").
fn walk(q: &Questionnaire, answers: &[(&str, &[&str])]) -> Walk {
    let mut s = Session::new(q).reduce(q, Action::Start);
    let mut walk = Walk { outcome: String::new(), interrupts: Vec::new(), asked: Vec::new() };
    for _ in 0..100 {
        match s.step {
            Step::Question(first) => {
                for i in s.screen(q, first) {
                    let question = &q.questions[i];
                    walk.asked.push(question.id.to_string());
                    let chosen: Vec<&str> = answers
                        .iter()
                        .find(|(id, _)| *id == question.id)
                        .map(|(_, a)| a.to_vec())
                        .unwrap_or_else(|| vec![if question.id.starts_with("asq") { "no" } else { question.options[0].id.as_ref() }]);
                    for id in chosen {
                        let option =
                            question.options.iter().position(|o| o.id == id).unwrap_or_else(|| panic!("no option {id} in {}", question.id));
                        let action = if question.kind.is_multi() {
                            Action::Toggle { question: i, option }
                        } else {
                            Action::Choose { question: i, option }
                        };
                        s = s.reduce(q, action);
                    }
                }
                s = s.reduce(q, Action::Next);
            }
            Step::Interrupt { interrupt, from } => {
                walk.interrupts.push((q.interrupts[interrupt].id.to_string(), q.questions[from].id.to_string()));
                s = s.reduce(q, Action::Continue);
            }
            Step::Result => {
                walk.outcome = q.outcomes[evaluate(q, &s).outcome].id.to_string();
                return walk;
            }
            Step::Intro => panic!("walked back to the intro"),
        }
    }
    panic!("the walk did not end");
}

/// Answers by question id: each question's chosen option ids.
type Answers<'a> = Vec<(&'a str, &'a [&'a str])>;

#[test]
fn each_outcome_has_a_path_that_reaches_it() {
    let q = builtin();
    let base = |extra: &[(&'static str, &'static [&'static str])]| -> Vec<(&'static str, &'static [&'static str])> {
        let mut v: Vec<_> = extra.to_vec();
        v.extend_from_slice(&[
            ("who", &["self"][..]),
            ("substances", &["cannabis"][..]),
            ("prior", &["none"][..]),
            ("home", &["supportive"][..]),
        ]);
        v
    };
    let table: Vec<(Answers, &str)> = vec![
        (base(&[]), "outpatient"),
        (base(&[("prior", &["outpatient"]), ("prior_course", &["helped_then_returned"])]), "outpatient_or_iop"),
        (base(&[("prior", &["outpatient"]), ("prior_course", &["continued"])]), "iop"),
        (base(&[("prior", &["outpatient"]), ("prior_course", &["continued"]), ("home", &["use_around"])]), "iop_or_php"),
        (base(&[("prior", &["residential"]), ("prior_course", &["continued"]), ("home", &["use_around"])]), "php"),
        (base(&[("home", &["violence"])]), "residential"),
        (base(&[("home", &["unstable"])]), "residential"),
        (base(&[("who", &["teen"])]), "teen"),
        (base(&[("asq_wish", &["yes"]), ("asq_now", &["yes"])]), "crisis"),
        (base(&[("asq_tried", &["unsure"]), ("asq_now", &["unsure"])]), "crisis"),
        (base(&[("substances", &["benzos"]), ("withdrawal", &["seizure"])]), "detox"),
        (base(&[("substances", &["alcohol"]), ("audit_frequency", &["4_week"]), ("audit_six_plus", &["daily"])]), "detox"),
        (
            base(&[
                ("who", &["self_teen"]),
                ("substances", &["alcohol"]),
                ("audit_frequency", &["4_week"]),
                ("audit_six_plus", &["daily"]),
            ]),
            "detox_teen",
        ),
    ];
    let mut reached = Vec::new();
    for (answers, expected) in &table {
        let w = walk(&q, answers);
        assert_eq!(w.outcome, *expected, "answers {answers:?}");
        reached.push(w.outcome);
    }
    for o in &q.outcomes {
        assert!(reached.iter().any(|r| *r == o.id), "no test path reaches outcome {}", o.id);
    }
}

#[test]
fn risk_answers_interrupt_at_once_each_once() {
    let q = builtin();
    let pair = |i: &str, from: &str| (i.to_string(), from.to_string());
    // An option's interrupt, an ASQ yes, then one raised by a `when`
    // (heavy daily drinking), each right after its screen.
    let w = walk(
        &q,
        &[
            ("substances", &["alcohol", "opioids"]),
            ("asq_thoughts", &["yes"]),
            ("asq_now", &["no"]),
            ("health", &["none"]),
            ("audit_frequency", &["4_week"]),
            ("audit_typical", &["7_9"]),
        ],
    );
    assert_eq!(w.interrupts, vec![pair("overdose", "substances"), pair("suicide_risk", "asq_wish"), pair("withdrawal", "audit_typical")]);
    assert_eq!(w.outcome, "detox");
    // Two raised by one screen both show, one after the other; an
    // interrupt already seen does not come back for a later answer.
    let w = walk(
        &q,
        &[("substances", &["opioids", "benzos"]), ("health", &["pregnant"]), ("withdrawal", &["seizure"]), ("benzo_use", &["daily_more"])],
    );
    assert_eq!(w.interrupts[1..3], [pair("pregnancy_opioids", "health"), pair("pregnancy_sedatives", "health")]);
    assert_eq!(w.interrupts.iter().filter(|(i, _)| i == "withdrawal").count(), 1);
    // Pregnant and ticking alcohol: the screen waits for how often, and a
    // "never" in the past year raises none (a `when` on a question not yet
    // answered does not hold).
    let pregnant = |frequency: &'static [&'static str]| {
        walk(&q, &[("substances", &["alcohol"]), ("health", &["pregnant"]), ("audit_frequency", frequency), ("withdrawal", &["none"])])
            .interrupts
    };
    assert_eq!(pregnant(&["never"]), vec![]);
    assert_eq!(pregnant(&["monthly"]), vec![pair("pregnancy_sedatives", "audit_frequency")]);
}

#[test]
fn alcohol_questions_only_when_alcohol_is_involved() {
    let q = builtin();
    let w = walk(&q, &[("substances", &["cannabis"])]);
    assert!(!w.asked.iter().any(|a| a.starts_with("audit") || a == "withdrawal"), "{:?}", w.asked);
    let w = walk(&q, &[("substances", &["alcohol"]), ("audit_frequency", &["never"])]);
    assert!(w.asked.contains(&"audit_frequency".to_string()));
    assert!(!w.asked.contains(&"audit_typical".to_string()), "a never-drinker gets no more AUDIT-C items");
}

#[test]
fn a_screen_takes_all_its_answers_and_back_goes_screen_by_screen() {
    let q = builtin();
    let idx = |id: &str| q.questions.iter().position(|x| x.id == id).unwrap();
    let opt = |qid: &str, oid: &str| q.questions[idx(qid)].options.iter().position(|o| o.id == oid).unwrap();
    let mut s = Session::new(&q).reduce(&q, Action::Start);
    s = s.reduce(&q, Action::Choose { question: idx("who"), option: opt("who", "adult") }).reduce(&q, Action::Next);
    assert_eq!(s.progress(&q), Some((2, 9)));
    s = s.reduce(&q, Action::Toggle { question: idx("substances"), option: opt("substances", "alcohol") });
    assert_eq!(s.progress(&q), Some((2, 12)), "alcohol adds three screens");
    s = s.reduce(&q, Action::Next);
    let asq = ["asq_wish", "asq_better_off", "asq_thoughts", "asq_tried"].map(idx);
    assert_eq!(s.step, Step::Question(asq[0]));
    assert_eq!(s.screen(&q, asq[0]), asq, "the four ASQ items share a screen");
    // A question of another screen cannot be answered from here.
    let before = s.clone();
    s = s.reduce(&q, Action::Choose { question: idx("readiness"), option: 0 });
    assert_eq!(s, before);
    for &i in &asq[..3] {
        s = s.reduce(&q, Action::Choose { question: i, option: opt("asq_wish", "no") });
    }
    let stuck = s.reduce(&q, Action::Next);
    assert!(stuck.missing_answer && stuck.step == Step::Question(asq[0]), "Next waits for every question of the screen");
    s = s.reduce(&q, Action::Choose { question: asq[3], option: opt("asq_tried", "no") }).reduce(&q, Action::Next);
    assert_eq!(s.step, Step::Question(idx("phq_interest")), "no acuity item after four noes");
    s = s.reduce(&q, Action::Back);
    assert_eq!(s.step, Step::Question(asq[0]));
    s = s.reduce(&q, Action::Back).reduce(&q, Action::Back);
    assert_eq!(s.step, Step::Question(idx("who")));
    assert_eq!(s.answers.get(idx("who")), Some(&[opt("who", "adult")][..]));
    // Un-ticking alcohol hides the AUDIT-C items and drops their answers.
    s = s.reduce(&q, Action::Next);
    s = s.reduce(&q, Action::Toggle { question: idx("substances"), option: opt("substances", "alcohol") });
    assert_eq!(s.answers.get(idx("substances")), None);
    assert_eq!(s.answers.get(asq[3]), Some(&[opt("asq_tried", "no")][..]));
}

#[test]
fn the_voice_follows_who_is_answering() {
    let q = builtin();
    let who = q.questions.iter().position(|x| x.id == "who").unwrap();
    let asq = q.questions.iter().position(|x| x.id == "asq_wish").unwrap();
    for (option, loved, wording) in
        [("self", false, "have you wished"), ("adult", true, "has the person"), ("teen", true, "has the person")]
    {
        let o = q.questions[who].options.iter().position(|x| x.id == option).unwrap();
        let s = Session::new(&q).reduce(&q, Action::Start).reduce(&q, Action::Choose { question: who, option: o });
        let voice = q.voice(&s.answers, &s.scores(&q));
        assert_eq!(voice.is_some(), loved, "{option}");
        assert!(q.in_voice(voice).questions[asq].text.get("en").contains(wording), "{option}");
    }
}

#[test]
fn next_without_an_answer_stays_and_says_so() {
    let q = builtin();
    let s = Session::new(&q).reduce(&q, Action::Start).reduce(&q, Action::Next);
    assert_eq!(s.step, Step::Question(0));
    assert!(s.missing_answer);
    let s = s.reduce(&q, Action::Choose { question: 0, option: 0 });
    assert!(!s.missing_answer);
}

#[test]
fn exclusive_option_stands_alone() {
    let q = builtin();
    let w = q.questions.iter().position(|x| x.id == "withdrawal").unwrap();
    let none = q.questions[w].options.iter().position(|o| o.exclusive).unwrap();
    let mut s = Session::new(&q);
    s.step = Step::Question(w);
    s.answers.set(1, vec![0]); // alcohol, so the question is shown
    s = s.reduce(&q, Action::Toggle { question: w, option: 0 }).reduce(&q, Action::Toggle { question: w, option: 1 });
    assert_eq!(s.answers.get(w), Some(&[0, 1][..]));
    s = s.reduce(&q, Action::Toggle { question: w, option: none });
    assert_eq!(s.answers.get(w), Some(&[none][..]));
    s = s.reduce(&q, Action::Toggle { question: w, option: 2 });
    assert_eq!(s.answers.get(w), Some(&[2][..]));
}

/// Every random answer path ends in exactly one outcome, and the safety
/// answers always win: crisis over everything, then withdrawal danger.
#[test]
fn every_random_path_ends_in_one_outcome_and_risk_wins() {
    let q = builtin();
    let id = |i: usize| q.outcomes[i].id.as_ref();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut reached = std::collections::BTreeSet::new();
    for _ in 0..20_000 {
        let s = random_walk(&q, &mut rng, 10, 200);
        assert_eq!(s.step, Step::Result, "path did not end");
        let visible = s.visible(&q);
        for i in 0..q.questions.len() {
            assert_eq!(s.answers.get(i).is_some(), visible.contains(&i), "answers exist exactly for shown questions");
        }
        let ans = |qid: &str| -> Vec<&str> {
            let i = q.questions.iter().position(|x| x.id == qid).unwrap();
            s.answers.get(i).unwrap_or_default().iter().map(|&o| q.questions[i].options[o].id.as_ref()).collect()
        };
        let outcome = id(evaluate(&q, &s).outcome);
        let crisis = ans("asq_now").iter().any(|a| *a == "yes" || *a == "unsure");
        let withdrawal = ans("withdrawal").iter().any(|a| *a != "none")
            || ans("audit_six_plus") == ["daily"]
            || (ans("audit_frequency") == ["4_week"]
                && ["5_6", "7_9", "10_plus"].contains(&ans("audit_typical").first().copied().unwrap_or("")))
            || ans("benzo_use") == ["daily_more"];
        if crisis {
            assert_eq!(outcome, "crisis");
        } else if withdrawal {
            assert!(outcome == "detox" || outcome == "detox_teen", "{outcome}");
        } else {
            assert!(!["crisis", "detox", "detox_teen"].contains(&outcome));
        }
        reached.insert(outcome.to_string());
    }
    assert_eq!(reached.len(), q.outcomes.len(), "random paths reach every outcome: {reached:?}");
}

/// Any sequence of actions, even nonsensical ones, leaves a valid state.
#[test]
fn arbitrary_actions_never_panic() {
    let q = builtin();
    let mut rng = Rng(42);
    let mut s = Session::new(&q);
    for _ in 0..50_000 {
        let (question, option) = (rng.below(20), rng.below(8));
        let action = match rng.below(7) {
            0 => Action::Start,
            1 => Action::Choose { question, option },
            2 => Action::Toggle { question, option },
            3 => Action::Next,
            4 => Action::Back,
            5 => Action::Continue,
            _ => {
                if rng.below(50) == 0 {
                    Action::Restart
                } else {
                    Action::Next
                }
            }
        };
        s = s.reduce(&q, action);
        if let Step::Question(i) = s.step {
            assert!(s.visible(&q).contains(&i));
        }
        let _ = evaluate(&q, &s);
    }
}
