//! Walks every answer path of the built-in screener (every option of each
//! question, every set of a multiple choice, every combination on a screen
//! of several questions) through the widget's own reducer, screen by
//! screen, and holds each path to the screener's safety invariants:
//!
//! - every path ends in exactly one outcome; the safety outcomes win in
//!   order (crisis, then withdrawal, then the adolescent result); every
//!   under-18 path gets an adolescent result (after crisis, with the note on
//!   care for young people and a call);
//! - every interrupt an answer or a `when` raises is shown before the next
//!   question, once; every ASQ yes (or "not sure") shows 988 first;
//! - daily heavy drinking, or any daily benzodiazepine use, sees the
//!   withdrawal or taper guidance before the result;
//! - opioids see the overdose guidance before the result and a result that
//!   names medication for opioid use disorder;
//! - every text a loved one can read is in the loved-one voice, and every
//!   text a person answering for themself can read is in theirs (English and
//!   Spanish; checked over every text, in every voice);
//! - the AUDIT-C total matches its published scoring.
//!
//! Sessions that nothing later can tell apart (the same screen, interrupts
//! seen, the totals that can still grow, up to the last cut-off, and the
//! truth of every leaf of a condition that can still matter) share one walk of their future. Prints the paths covered and the distribution of path
//! lengths (question screens, and screens with the safety screens).
#![cfg(not(target_arch = "wasm32"))]

use program_fit_screener::core::condition::Condition;
use program_fit_screener::core::config::parse;
use program_fit_screener::core::model::Questionnaire;
use program_fit_screener::core::outcome::evaluate;
use program_fit_screener::core::session::{Action, Session, Step};
use program_fit_screener::BUILTIN_CONFIG;
use std::collections::HashMap;
use std::time::Instant;

#[path = "common/voice.rs"]
mod voice;
use voice::voice_problems;

/// How many paths end in each outcome, and how many screens they take.
#[derive(Debug, Clone)]
struct Tally {
    outcomes: Vec<u64>,
    /// By number of question screens from here.
    screens: Vec<u64>,
    /// By number of screens from here, safety screens included.
    all_screens: Vec<u64>,
}

impl Tally {
    fn new(q: &Questionnaire) -> Tally {
        Tally { outcomes: vec![0; q.outcomes.len()], screens: vec![1], all_screens: vec![1] }
    }

    fn empty(q: &Questionnaire) -> Tally {
        Tally { outcomes: vec![0; q.outcomes.len()], screens: Vec::new(), all_screens: Vec::new() }
    }

    /// Adds `other`'s paths, each `screens` / `all` screens longer.
    fn add_after(&mut self, other: &Tally, screens: usize, all: usize) {
        self.outcomes.iter_mut().zip(&other.outcomes).for_each(|(a, b)| *a += b);
        for (to, from, by) in [(&mut self.screens, &other.screens, screens), (&mut self.all_screens, &other.all_screens, all)] {
            to.resize(to.len().max(from.len() + by), 0);
            from.iter().enumerate().for_each(|(n, c)| to[n + by] += c);
        }
    }
}

/// Every answer a visitor can give to each question: each option of a
/// single choice; for a multiple choice, every non-empty set of the
/// ordinary options, and each exclusive option alone.
fn every_answer(q: &Questionnaire) -> Vec<Vec<Vec<usize>>> {
    q.questions
        .iter()
        .map(|x| {
            if !x.kind.is_multi() {
                return (0..x.options.len()).map(|o| vec![o]).collect();
            }
            let open: Vec<usize> = (0..x.options.len()).filter(|&o| !x.options[o].exclusive).collect();
            assert!(open.len() < 16, "too many options in {} to walk every set", x.id);
            let mut sets: Vec<Vec<usize>> = (1u32..1 << open.len())
                .map(|mask| open.iter().enumerate().filter(|(b, _)| mask & (1 << b) != 0).map(|(_, &o)| o).collect())
                .collect();
            sets.extend((0..x.options.len()).filter(|&o| x.options[o].exclusive).map(|o| vec![o]));
            sets
        })
        .collect()
}

/// The notes whose presence the end of a path checks.
const CHECKED_NOTES: [&str; 4] = ["moud", "family", "violence", "young_person"];

/// The leaves of what can still matter after question `i`'s screen: later
/// questions' `show_if`, the outcome rules, the interrupts' and voices'
/// `when`, and the notes the end checks. (Reasons and the other notes only
/// choose texts, which `every_text_speaks_to_whoever_is_answering` checks
/// in every voice.)
fn leaves_after(q: &Questionnaire, i: usize) -> Vec<&Condition> {
    let mut all: Vec<&Condition> = q.questions[i + 1..].iter().filter_map(|x| x.show_if.as_ref()).collect();
    all.extend(q.outcomes.iter().filter_map(|o| o.when.as_ref()));
    all.extend(q.interrupts.iter().filter_map(|i| i.when.as_ref()));
    all.extend(q.voices.iter().map(|v| &v.when));
    all.extend(q.notes.iter().filter(|n| CHECKED_NOTES.contains(&n.id.as_ref())).filter_map(|n| n.when.as_ref()));
    let mut leaves: Vec<&Condition> = Vec::new();
    for c in all {
        c.for_each_leaf(&mut |leaf| {
            if !leaves.contains(&leaf) {
                leaves.push(leaf);
            }
        });
    }
    leaves
}

/// Per scale, the total above which no condition tells totals apart
/// (points are never negative, so a total never comes back below it).
fn caps(q: &Questionnaire) -> Vec<i32> {
    assert!(q.questions.iter().flat_map(|x| &x.options).flat_map(|o| &o.scores).all(|&(_, p)| p >= 0), "points are never negative");
    let mut caps = vec![0; q.scales.len()];
    let mut all: Vec<&Condition> = q.questions.iter().filter_map(|x| x.show_if.as_ref()).collect();
    all.extend(q.outcomes.iter().flat_map(|o| o.when.iter().chain(o.reasons.iter().filter_map(|r| r.when.as_ref()))));
    all.extend(q.notes.iter().filter_map(|n| n.when.as_ref()).chain(q.interrupts.iter().filter_map(|i| i.when.as_ref())));
    for c in all {
        c.for_each_leaf(&mut |leaf| {
            if let Condition::Score { scale, value, .. } = leaf {
                caps[*scale] = caps[*scale].max(value + 1);
            }
        });
    }
    caps
}

/// A screen, the safety screens seen (sorted), the totals, the leaves.
type MemoKey = (usize, Vec<usize>, Vec<i32>, Vec<bool>);

struct Walk<'q> {
    q: &'q Questionnaire,
    answers: Vec<Vec<Vec<usize>>>,
    /// By question: the leaves that can still matter after its screen.
    leaves: Vec<Vec<&'q Condition>>,
    caps: Vec<i32>,
    /// open[i][s]: whether question i or a later one adds points to scale s
    /// (once none does, the leaves say all that the total still can).
    open: Vec<Vec<bool>>,
    k: Known,
    memo: HashMap<MemoKey, Tally>,
    /// Screens walked through the reducer (one per distinct future).
    walked: u64,
}

impl<'q> Walk<'q> {
    /// What tells this session's futures apart: its screen, the safety
    /// screens seen, the totals (capped) and the leaves that still matter.
    fn key(&self, first: usize, s: &Session, seen: &[usize]) -> MemoKey {
        let scores = s.scores(self.q);
        let before = first.checked_sub(1).map_or(Vec::new(), |b| self.leaves[b].iter().map(|c| c.eval(&s.answers, &scores)).collect());
        let capped = scores.iter().zip(&self.caps).zip(&self.open[first]).map(|((s, c), open)| if *open { *s.min(c) } else { 0 }).collect();
        let mut seen = seen.to_vec();
        seen.sort_unstable();
        (first, seen, capped, before)
    }

    /// Walks every path on from the screen `s` is at (`seen`: the safety
    /// screens shown so far, in order) and counts where they end.
    fn from(&mut self, s: &Session, seen: &mut Vec<usize>) -> Tally {
        let q = self.q;
        let Step::Question(first) = s.step else {
            assert_eq!(s.step, Step::Result, "a path stopped elsewhere");
            return self.end(s, seen);
        };
        let key = self.key(first, s, seen);
        if let Some(t) = self.memo.get(&key) {
            return t.clone();
        }
        let screen = s.screen(q, first);
        let mut tally = Tally::empty(q);
        let combos: usize = screen.iter().map(|&i| self.answers[i].len()).product();
        for mut n in 0..combos {
            let mut t = s.clone();
            for &i in &screen {
                let answer = &self.answers[i][n % self.answers[i].len()];
                n /= self.answers[i].len();
                for &option in answer {
                    let multi = q.questions[i].kind.is_multi();
                    t = t.reduce(q, if multi { Action::Toggle { question: i, option } } else { Action::Choose { question: i, option } });
                }
                assert_eq!(t.answers.get(i), Some(&answer[..]), "question {} takes the answer {answer:?}", q.questions[i].id);
            }
            assert_eq!(t.screen(q, first), screen, "answering a screen never changes which questions it shows");
            // What must interrupt before the next question: the options'
            // interrupts, then every `when` that now holds, not seen before.
            let scores = t.scores(q);
            let mut expected: Vec<usize> = screen
                .iter()
                .flat_map(|&i| t.answers.get(i).unwrap_or_default().iter().filter_map(move |&o| q.questions[i].options[o].interrupt))
                .collect();
            expected
                .extend((0..q.interrupts.len()).filter(|&x| q.interrupts[x].when.as_ref().is_some_and(|w| w.eval(&t.answers, &scores))));
            let before = seen.len();
            for x in expected {
                if !seen.contains(&x) {
                    seen.push(x);
                }
            }
            t = t.reduce(q, Action::Next);
            for (j, &x) in seen[before..].iter().enumerate() {
                assert_eq!(
                    t.step,
                    Step::Interrupt { interrupt: x, from: first },
                    "safety screen {} at once (number {j})",
                    q.interrupts[x].id
                );
                t = t.reduce(q, Action::Continue);
            }
            assert!(!matches!(t.step, Step::Interrupt { .. }), "no safety screen without its answer");
            if screen.iter().any(|i| self.k.audit_items.contains(i)) {
                self.check_audit_c(&t);
            }
            let raised = seen.len() - before;
            let future = self.from(&t, seen);
            tally.add_after(&future, 1, 1 + raised);
            seen.truncate(before);
        }
        self.walked += 1;
        self.memo.insert(key, tally.clone());
        tally
    }

    fn check_audit_c(&self, s: &Session) {
        let items = self.k.audit_items.map(|i| s.answers.get(i).map_or(0, |a| a[0] as i32));
        let total = s.scores(self.q)[self.k.audit_c];
        assert_eq!(total, items.iter().sum::<i32>(), "AUDIT-C for items {items:?}");
        assert!((0..=12).contains(&total));
    }

    fn end(&mut self, s: &Session, seen: &[usize]) -> Tally {
        let (q, k) = (self.q, &self.k);
        let eval = evaluate(q, s);
        let mut tally = Tally::new(q);
        tally.outcomes[eval.outcome] = 1;
        let chose = |(question, option): (usize, usize)| s.answers.get(question).is_some_and(|a| a.contains(&option));
        let any = |options: &[(usize, usize)]| options.iter().any(|&o| chose(o));
        let outcome = q.outcomes[eval.outcome].id.as_ref();
        let saw = |id: &str| seen.iter().any(|&x| q.interrupts[x].id == id);

        let asq_yes = any(&k.asq_yes);
        assert_eq!(asq_yes, saw("suicide_risk"), "988 exactly when an ASQ item is yes or not sure");
        let acute = any(&k.asq_now_yes);
        assert!(!acute || asq_yes, "the acuity item only after an ASQ yes");
        assert_eq!(acute, saw("crisis"));
        if asq_yes {
            // 988 first: right after the ASQ screen, before any later question.
            let at = seen.iter().position(|&x| q.interrupts[x].id == "suicide_risk").unwrap_or(0);
            assert!(seen[..at].iter().all(|&x| ["under_18", "overdose"].contains(&q.interrupts[x].id.as_ref())));
        }
        let heavy_daily = chose(k.six_plus_daily) || (chose(k.four_a_week) && any(&k.five_plus));
        let severe = any(&k.severe_withdrawal);
        if heavy_daily || severe || chose(k.daily_benzo[1]) {
            assert!(saw("withdrawal"), "withdrawal guidance before the result");
        }
        assert_eq!(chose(k.opioids), saw("overdose"), "overdose guidance exactly when opioids are chosen");
        if chose(k.opioids) {
            assert!(eval.notes.iter().any(|&n| q.notes[n].id == "moud"), "the result names medication for opioid use disorder");
            assert!(q.notes[k.moud].text.get("en").contains("buprenorphine"));
        }
        let under_18 = any(&k.under_18);
        assert_eq!(under_18, saw("under_18"));
        let expected = if acute {
            Some("crisis")
        } else if (heavy_daily || severe || chose(k.daily_benzo[1])) && under_18 {
            Some("detox_teen")
        } else if heavy_daily || severe || chose(k.daily_benzo[1]) {
            Some("detox")
        } else if under_18 {
            Some("teen")
        } else {
            None
        };
        match expected {
            Some(e) => assert_eq!(outcome, e),
            None => assert!(!["crisis", "detox", "detox_teen", "teen"].contains(&outcome), "{outcome} without its risk answer"),
        }
        if under_18 {
            assert!(
                eval.notes.iter().any(|&n| q.notes[n].id == "young_person"),
                "every under-18 path hears of care for young people and a call"
            );
            assert!(
                outcome == "crisis" || q.outcomes[eval.outcome].levels.iter().any(|&l| q.levels[l].id == "teen"),
                "an adolescent result"
            );
        }
        if chose(k.violence) {
            assert!(saw("violence") && eval.notes.iter().any(|&n| q.notes[n].id == "violence"), "the hotline for violence at home");
        }
        if any(&k.loved) {
            assert!(eval.notes.iter().any(|&n| q.notes[n].id == "family"), "what helps families, for a loved one");
        }
        tally
    }
}

/// Indices of the questions, options, interrupts and notes the checks name.
struct Known {
    asq_yes: Vec<(usize, usize)>,
    asq_now_yes: Vec<(usize, usize)>,
    /// benzo_use: daily as prescribed, daily beyond it.
    daily_benzo: [(usize, usize); 2],
    six_plus_daily: (usize, usize),
    four_a_week: (usize, usize),
    five_plus: Vec<(usize, usize)>,
    severe_withdrawal: Vec<(usize, usize)>,
    opioids: (usize, usize),
    under_18: Vec<(usize, usize)>,
    loved: Vec<(usize, usize)>,
    violence: (usize, usize),
    moud: usize,
    audit_items: [usize; 3],
    audit_c: usize,
}

impl Known {
    fn of(q: &Questionnaire) -> Known {
        let index = |qid: &str| q.questions.iter().position(|x| x.id == qid).unwrap_or_else(|| panic!("no question {qid}"));
        let option = |qid: &str, oid: &str| {
            let i = index(qid);
            (i, q.questions[i].options.iter().position(|o| o.id == oid).unwrap_or_else(|| panic!("no option {oid} in {qid}")))
        };
        let asq = ["asq_wish", "asq_better_off", "asq_thoughts", "asq_tried"];
        Known {
            asq_yes: asq.iter().flat_map(|x| [option(x, "yes"), option(x, "unsure")]).collect(),
            asq_now_yes: vec![option("asq_now", "yes"), option("asq_now", "unsure")],
            daily_benzo: [option("benzo_use", "daily_prescribed"), option("benzo_use", "daily_more")],
            six_plus_daily: option("audit_six_plus", "daily"),
            four_a_week: option("audit_frequency", "4_week"),
            five_plus: ["5_6", "7_9", "10_plus"].iter().map(|o| option("audit_typical", o)).collect(),
            severe_withdrawal: ["seizure", "hallucinations", "shaking"].iter().map(|o| option("withdrawal", o)).collect(),
            opioids: option("substances", "opioids"),
            under_18: vec![option("who", "self_teen"), option("who", "teen")],
            loved: vec![option("who", "adult"), option("who", "teen")],
            violence: option("home", "violence"),
            moud: q.notes.iter().position(|n| n.id == "moud").expect("the medication note"),
            audit_items: ["audit_frequency", "audit_typical", "audit_six_plus"].map(index),
            audit_c: q.scales.iter().position(|x| x.id == "audit_c").expect("the AUDIT-C scale"),
        }
    }
}

#[test]
fn every_answer_path_of_the_builtin_screener() {
    let q = parse(BUILTIN_CONFIG).expect("the built-in screener is valid");
    // Any daily benzodiazepine use raises its guidance as an option's
    // interrupt, which the walk holds to "at once, before the next question".
    let k = Known::of(&q);
    let raises = |(question, option): (usize, usize)| q.questions[question].options[option].interrupt.map(|i| q.interrupts[i].id.as_ref());
    assert_eq!(raises(k.daily_benzo[0]), Some("taper"), "daily benzodiazepines as prescribed: do not stop suddenly, taper");
    assert_eq!(raises(k.daily_benzo[1]), Some("withdrawal"), "daily benzodiazepines beyond the prescription: supervised withdrawal");
    let mut walk = Walk {
        q: &q,
        answers: every_answer(&q),
        leaves: (0..q.questions.len()).map(|i| leaves_after(&q, i)).collect(),
        caps: caps(&q),
        open: (0..q.questions.len())
            .map(|i| {
                (0..q.scales.len())
                    .map(|sc| q.questions[i..].iter().flat_map(|x| &x.options).any(|o| o.scores.iter().any(|&(t, p)| t == sc && p != 0)))
                    .collect()
            })
            .collect(),
        k: Known::of(&q),
        memo: HashMap::new(),
        walked: 0,
    };
    let started = Instant::now();
    let tally = walk.from(&Session::new(&q).reduce(&q, Action::Start), &mut Vec::new());
    let took = started.elapsed();
    let paths: u64 = tally.outcomes.iter().sum();
    println!(
        "walked all {paths} answer paths of the built-in screener in {took:.2?}, {} distinct screens through the reducer",
        walk.walked
    );
    for (o, n) in q.outcomes.iter().zip(&tally.outcomes) {
        println!("  {:>18}: {n} paths", o.id);
        assert!(*n > 0, "no path reaches {}", o.id);
    }
    for (what, lengths) in [("question screens", &tally.screens), ("screens with safety screens", &tally.all_screens)] {
        let share = |n: usize| 100.0 * lengths.iter().take(n + 1).sum::<u64>() as f64 / paths as f64;
        let min = lengths.iter().position(|&c| c > 0).unwrap_or(0);
        let median = (0..lengths.len()).find(|&n| share(n) >= 50.0).unwrap_or(0);
        println!("  {what}: {min} to {} (median {median}; {:.1}% of paths at 15 or fewer)", lengths.len() - 1, share(15));
    }
    assert_eq!(tally.screens.iter().sum::<u64>(), paths);
    assert!(tally.screens.len() - 1 <= 15, "no path has more than 15 question screens");
    assert_eq!(paths, 741_066_528_522_240, "the number of paths changed; update it if the questionnaire did");
}

/// Every text, in every voice, speaks to whoever is answering: the texts of
/// every question but the first (whose options name every voice), every
/// safety screen, outcome, reason, level and note, resolved the way the
/// widget resolves them. A note shown only in one voice (its `when` needs
/// it) is checked in that voice only.
#[test]
fn every_text_speaks_to_whoever_is_answering() {
    let q = parse(BUILTIN_CONFIG).expect("the built-in screener is valid");
    let mut checked = 0;
    for voice in std::iter::once(None).chain((0..q.voices.len()).map(Some)) {
        let v = q.in_voice(voice);
        let mut texts: Vec<&program_fit_screener::core::text::Text> = Vec::new();
        for x in &v.questions[1..] {
            texts.push(&x.text);
            texts.extend(&x.hint);
            texts.extend(x.options.iter().map(|o| &o.label));
        }
        for i in &v.interrupts {
            texts.extend([&i.title, &i.continue_label]);
            texts.extend(&i.body);
            texts.extend(i.actions.iter().map(|a| &a.label));
        }
        for o in &v.outcomes {
            texts.extend([&o.title, &o.summary]);
            texts.extend(o.reasons.iter().map(|r| &r.text));
        }
        for l in &v.levels {
            texts.extend([&l.name, &l.summary]);
            texts.extend(l.involves.iter().chain(&l.schedule).chain(&l.benefits));
        }
        for n in &v.notes {
            let needs = |w: usize| {
                n.when
                    .as_ref()
                    .is_some_and(|c| *c == q.voices[w].when || matches!(c, Condition::All(all) if all.contains(&q.voices[w].when)))
            };
            if (0..q.voices.len()).all(|w| Some(w) == voice || !needs(w)) {
                texts.push(&n.text);
                texts.extend(n.actions.iter().map(|a| &a.label));
            }
        }
        for locale in ["en", "es"] {
            let words: Vec<String> = texts.iter().map(|t| t.get(locale).to_string()).collect();
            let wrong = voice_problems(&words, voice.is_some(), locale);
            assert!(wrong.is_empty(), "in the {} voice ({locale}): {wrong:#?}", voice.map_or("own", |w| q.voices[w].id.as_ref()));
            checked += words.len();
        }
    }
    println!("{checked} texts read in their voice");
    // The mechanism itself: who is answering decides the voice.
    let who = &q.questions[0];
    for (i, o) in who.options.iter().enumerate() {
        let s = Session::new(&q).reduce(&q, Action::Start).reduce(&q, Action::Choose { question: 0, option: i });
        let loved = q.voice(&s.answers, &s.scores(&q)).is_some();
        assert_eq!(loved, ["adult", "teen"].contains(&o.id.as_ref()), "{}", o.id);
    }
}
