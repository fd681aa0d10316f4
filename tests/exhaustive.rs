//! Walks every answer path of the built-in screener (every option of each
//! question, every set of a multiple choice) through the widget's own
//! reducer: each path ends in exactly one outcome, every risk answer raises
//! its interrupt before the next question, the safety outcomes win, and the
//! AUDIT-C total matches its published scoring and cut-off for every item
//! combination. Paths whose futures nothing can tell apart share one walk
//! of that future, which makes 269 million paths take seconds. Prints how
//! many paths it covered and how long it took.
#![cfg(not(target_arch = "wasm32"))]

use program_fit_screener::core::condition::Condition;
use program_fit_screener::core::config::parse;
use program_fit_screener::core::lint::explore::{explore, Budget};
use program_fit_screener::core::model::Questionnaire;
use program_fit_screener::core::outcome::evaluate;
use program_fit_screener::core::session::{Action, Session, Step};
use program_fit_screener::BUILTIN_CONFIG;
use std::collections::HashMap;
use std::time::Instant;

/// The walk: what to answer, what the checks name, and the futures met.
struct Walk<'q> {
    q: &'q Questionnaire,
    /// The answers to walk for each question (option index lists).
    answers: Vec<Vec<Vec<usize>>>,
    /// read_from[i][j]: whether question i or a later one, or an outcome
    /// rule, reads question j.
    read_from: Vec<Vec<bool>>,
    known: &'q Known,
    memo: HashMap<MemoKey, Tally>,
    /// Question steps walked through the reducer (one per distinct future).
    walked: u64,
}

type MemoKey = (usize, Vec<usize>, Vec<i32>, Vec<Option<Vec<usize>>>);

/// How many paths end in each outcome.
#[derive(Debug, Clone)]
struct Tally(Vec<u64>);

impl Tally {
    fn new(q: &Questionnaire) -> Tally {
        Tally(vec![0; q.outcomes.len()])
    }

    fn add(&mut self, other: &Tally) {
        self.0.iter_mut().zip(&other.0).for_each(|(a, b)| *a += b);
    }
}

fn id<'q>(q: &'q Questionnaire, question: usize, options: &[usize]) -> Vec<&'q str> {
    options.iter().map(|&o| q.questions[question].options[o].id.as_str()).collect()
}

fn index(q: &Questionnaire, qid: &str) -> usize {
    q.questions.iter().position(|x| x.id == qid).unwrap_or_else(|| panic!("no question {qid}"))
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

impl Walk<'_> {
    /// Walks every path on from `s` (`seen`: the interrupts shown so far)
    /// and counts how many end in each outcome. Two sessions that nothing
    /// later can tell apart (same step, interrupts seen, scale totals, and
    /// answers to the questions that later rules read) have the same
    /// futures, so the second reuses the first one's counts.
    fn from(&mut self, s: &Session, seen: &mut Vec<usize>) -> Tally {
        let q = self.q;
        let Step::Question(i) = s.step else {
            assert_eq!(s.step, Step::Result, "a path stopped elsewhere");
            return self.end(s, seen);
        };
        let answers: Vec<Option<Vec<usize>>> =
            (0..q.questions.len()).map(|j| self.read_from[i][j].then(|| s.answers.get(j).map(<[usize]>::to_vec)).flatten()).collect();
        let key = (i, seen.clone(), s.scores(q), answers);
        if let Some(tally) = self.memo.get(&key) {
            return tally.clone();
        }
        let mut tally = Tally::new(q);
        for a in 0..self.answers[i].len() {
            let answer = &self.answers[i][a];
            let mut t = s.clone();
            for &option in answer {
                let action = if q.questions[i].kind.is_multi() {
                    Action::Toggle { question: i, option }
                } else {
                    Action::Choose { question: i, option }
                };
                t = t.reduce(q, action);
            }
            assert_eq!(t.answers.get(i), Some(&answer[..]), "question {} takes the answer {answer:?}", q.questions[i].id);
            t = t.reduce(q, Action::Next);
            let raised: Vec<usize> =
                answer.iter().filter_map(|&o| q.questions[i].options[o].interrupt).filter(|r| !seen.contains(r)).collect();
            let before = seen.len();
            if let Some(&first) = raised.first() {
                assert_eq!(
                    t.step,
                    Step::Interrupt { interrupt: first, from: i },
                    "answer {:?} raises its interrupt at once",
                    id(q, i, answer)
                );
                seen.push(first);
                t = t.reduce(q, Action::Continue);
            }
            assert!(!matches!(t.step, Step::Interrupt { .. }), "one interrupt at a time, and only for a risk answer");
            if self.known.audit_items.contains(&i) {
                self.check_audit_c(&t);
            }
            tally.add(&self.from(&t, seen));
            seen.truncate(before);
        }
        self.walked += 1;
        self.memo.insert(key, tally.clone());
        tally
    }

    /// AUDIT-C: three items scored 0 to 4 by position; the last two are not
    /// asked after "never", and count 0 then.
    fn check_audit_c(&self, s: &Session) {
        let items = self.known.audit_items.map(|i| s.answers.get(i).map_or(0, |a| a[0] as i32));
        let total = s.scores(self.q)[self.known.audit_c];
        assert_eq!(total, items.iter().sum::<i32>(), "AUDIT-C for items {items:?}");
        assert!((0..=12).contains(&total));
    }

    fn end(&mut self, s: &Session, seen: &[usize]) -> Tally {
        let (q, k) = (self.q, &self.known);
        let outcome = evaluate(q, s).outcome;
        assert!(outcome < q.outcomes.len());
        let mut tally = Tally::new(q);
        tally.0[outcome] = 1;
        let chose = |(question, option): (usize, usize)| s.answers.get(question).is_some_and(|a| a.contains(&option));
        // Safety first: crisis over everything, then withdrawal danger.
        let crisis = chose(k.suicide_yes) || chose(k.suicide_unsure);
        let withdrawal = s.answers.get(k.withdrawal.0).is_some_and(|a| a != [k.withdrawal.1]) || chose(k.heavy_daily_yes);
        let teen = chose(k.teen);
        assert_eq!(crisis, seen.contains(&k.crisis.0));
        assert_eq!(withdrawal, seen.contains(&k.withdrawal_interrupt));
        assert_eq!(teen, seen.contains(&k.under_18));
        let expected = if crisis {
            Some(k.crisis.1)
        } else if withdrawal {
            Some(k.detox)
        } else if teen {
            Some(k.teen_outcome)
        } else {
            None
        };
        match expected {
            Some(e) => assert_eq!(outcome, e),
            None => {
                assert!(![k.crisis.1, k.detox, k.teen_outcome].contains(&outcome), "{} without its risk answer", q.outcomes[outcome].id)
            }
        }
        // AUDIT-C 8 to 12 is high risk: at least intensive outpatient.
        let total = s.scores(q)[k.audit_c];
        if total >= 8 && expected.is_none() {
            assert!(k.intensive.contains(&outcome), "AUDIT-C {total} gave {}", q.outcomes[outcome].id);
        }
        tally
    }
}

/// Indices of the questions, options, interrupts and outcomes the checks name.
struct Known {
    suicide_yes: (usize, usize),
    suicide_unsure: (usize, usize),
    /// The withdrawal question and its "none" option.
    withdrawal: (usize, usize),
    heavy_daily_yes: (usize, usize),
    teen: (usize, usize),
    /// The crisis interrupt and the crisis outcome.
    crisis: (usize, usize),
    withdrawal_interrupt: usize,
    under_18: usize,
    detox: usize,
    teen_outcome: usize,
    intensive: Vec<usize>,
    audit_items: [usize; 3],
    audit_c: usize,
}

impl Known {
    fn of(q: &Questionnaire) -> Known {
        let option = |qid: &str, oid: &str| {
            let i = index(q, qid);
            (i, q.questions[i].options.iter().position(|o| o.id == oid).unwrap_or_else(|| panic!("no option {oid} in {qid}")))
        };
        let interrupt = |id: &str| q.interrupts.iter().position(|x| x.id == id).unwrap_or_else(|| panic!("no interrupt {id}"));
        let outcome = |id: &str| q.outcomes.iter().position(|x| x.id == id).unwrap_or_else(|| panic!("no outcome {id}"));
        Known {
            suicide_yes: option("suicide", "yes"),
            suicide_unsure: option("suicide", "unsure"),
            withdrawal: option("withdrawal", "none"),
            heavy_daily_yes: option("heavy_daily", "yes"),
            teen: option("who", "teen"),
            crisis: (interrupt("crisis"), outcome("crisis")),
            withdrawal_interrupt: interrupt("withdrawal"),
            under_18: interrupt("under_18"),
            detox: outcome("detox"),
            teen_outcome: outcome("teen"),
            intensive: ["iop", "iop_or_php", "php", "residential"].map(outcome).to_vec(),
            audit_items: ["audit_frequency", "audit_typical", "audit_six_plus"].map(|x| index(q, x)),
            audit_c: q.scales.iter().position(|x| x.id == "audit_c").expect("the AUDIT-C scale"),
        }
    }
}

#[test]
fn every_answer_path_of_the_builtin_screener() {
    let q = parse(BUILTIN_CONFIG).expect("the built-in screener is valid");
    let answers = every_answer(&q);
    let known = Known::of(&q);
    let whens: Vec<&Condition> = q.outcomes.iter().filter_map(|o| o.when.as_ref()).collect();
    let read_from: Vec<Vec<bool>> = (0..q.questions.len())
        .map(|i| {
            let mut read = Vec::new();
            whens.iter().for_each(|c| c.questions(&mut read));
            q.questions[i..].iter().filter_map(|x| x.show_if.as_ref()).for_each(|c| c.questions(&mut read));
            (0..q.questions.len()).map(|j| read.contains(&j)).collect()
        })
        .collect();
    let mut walk = Walk { q: &q, answers, read_from, known: &known, memo: HashMap::new(), walked: 0 };
    let started = Instant::now();
    let tally = walk.from(&Session::new(&q).reduce(&q, Action::Start), &mut Vec::new());
    let took = started.elapsed();
    let (paths, reached) = (tally.0.iter().sum::<u64>(), tally.0);
    println!("walked all {paths} answer paths of the built-in screener in {took:.2?}, {} distinct states through the reducer", walk.walked);
    for (o, n) in q.outcomes.iter().zip(&reached) {
        println!("  {:>18}: {n} paths", o.id);
        assert!(*n > 0, "no path reaches {}", o.id);
    }
    // The lint's enumeration, which merges answers instead of walking them,
    // counts the same paths.
    let x = explore(&q, &whens, &|_| {}, &Budget::LINT).expect("the built-in screener is small enough");
    assert_eq!(paths, x.ends.iter().map(|e| e.paths).sum::<u64>());
    assert_eq!(paths, 269_479_872, "the number of paths changed; update it if the questionnaire did");
}
