//! The visitor's session as a pure state machine: `Session::reduce` takes an
//! `Action` and returns the next state. A screen is a visible question and
//! the `same_screen` ones after it; `Step::Question` names its first.
//! Invariants: answers to questions that are hidden are dropped; every path
//! ends at `Step::Result`; nothing panics, whatever actions arrive in
//! whatever order.

use super::answers::Answers;
use super::insert_sorted;
use super::model::{Kind, Questionnaire};

/// Where the visitor is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Intro,
    Question(usize),
    /// A safety screen raised by an answer to question `from`.
    Interrupt {
        interrupt: usize,
        from: usize,
    },
    Result,
}

/// Everything a visitor can do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Start,
    /// Pick one option (single choice, yes/no, scale).
    Choose {
        question: usize,
        option: usize,
    },
    /// Tick or untick an option of a multiple-choice question.
    Toggle {
        question: usize,
        option: usize,
    },
    /// Continue from the current question.
    Next,
    Back,
    /// Continue from an interrupt screen.
    Continue,
    Restart,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub step: Step,
    pub answers: Answers,
    /// Set when Next was pressed without an answer.
    pub missing_answer: bool,
    seen: Vec<usize>,
}

impl Session {
    pub fn new(q: &Questionnaire) -> Self {
        Session { step: Step::Intro, answers: Answers::new(q.questions.len()), missing_answer: false, seen: Vec::new() }
    }

    /// The next state after `action`. Actions that make no sense in the
    /// current step leave the session unchanged.
    pub fn reduce(&self, q: &Questionnaire, action: Action) -> Session {
        let mut s = self.clone();
        s.missing_answer = false;
        let here = |cur: usize, question: usize| self.screen(q, cur).contains(&question);
        match (self.step, action) {
            (_, Action::Restart) => return Session::new(q),
            (Step::Intro, Action::Start) => s.step = s.screens(q).first().map_or(Step::Result, |x| Step::Question(x[0])),
            (Step::Question(cur), Action::Choose { question, option }) if here(cur, question) => s.choose(q, question, option),
            (Step::Question(cur), Action::Toggle { question, option }) if here(cur, question) => s.toggle(q, question, option),
            (Step::Question(cur), Action::Next) => {
                if self.screen(q, cur).iter().any(|&i| s.answers.get(i).is_none()) {
                    s.missing_answer = true;
                } else {
                    s.step = s.after(q, cur);
                }
            }
            (Step::Interrupt { from, .. }, Action::Continue) => s.step = s.after(q, from),
            (Step::Interrupt { from, .. }, Action::Back) => s.step = Step::Question(from),
            (Step::Question(cur), Action::Back) => {
                s.step = s.screens(q).into_iter().rev().find(|x| x[0] < cur).map_or(Step::Intro, |x| Step::Question(x[0]))
            }
            (Step::Result, Action::Back) => s.step = s.screens(q).last().map_or(Step::Intro, |x| Step::Question(x[0])),
            _ => {}
        }
        s
    }

    /// What follows the screen that starts at `from`: the first safety
    /// screen its answers raise and the visitor has not seen (an option's
    /// `interrupt`, then any interrupt whose `when` now holds), else the
    /// next screen, else the result.
    fn after(&mut self, q: &Questionnaire, from: usize) -> Step {
        let screen = self.screen(q, from);
        let scores = self.scores(q);
        let chosen = screen.iter().flat_map(|&i| {
            let options = &q.questions[i].options;
            self.answers.get(i).unwrap_or_default().iter().filter_map(move |&o| options.get(o)?.interrupt)
        });
        let risky = q.interrupts.iter().enumerate().filter(|(_, x)| x.when.as_ref().is_some_and(|w| w.eval(&self.answers, &scores)));
        let raised = chosen.chain(risky.map(|(i, _)| i)).find(|i| !self.seen.contains(i));
        if let Some(interrupt) = raised {
            insert_sorted(&mut self.seen, interrupt);
            return Step::Interrupt { interrupt, from };
        }
        let last = screen.last().copied().unwrap_or(from);
        self.screens(q).into_iter().find(|x| x[0] > last).map_or(Step::Result, |x| Step::Question(x[0]))
    }

    /// The screens shown for the current answers: the visible questions,
    /// each `same_screen` one with the one before it.
    pub fn screens(&self, q: &Questionnaire) -> Vec<Vec<usize>> {
        let mut out: Vec<Vec<usize>> = Vec::new();
        for i in self.visible(q) {
            match out.last_mut() {
                Some(screen) if q.questions[i].same_screen => screen.push(i),
                _ => out.push(vec![i]),
            }
        }
        out
    }

    /// The questions on the screen that starts at question `first`.
    pub fn screen(&self, q: &Questionnaire, first: usize) -> Vec<usize> {
        self.screens(q).into_iter().find(|x| x[0] == first).unwrap_or_default()
    }

    fn choose(&mut self, q: &Questionnaire, question: usize, option: usize) {
        if q.questions.get(question).is_some_and(|x| !x.kind.is_multi() && option < x.options.len()) {
            self.answers.set(question, vec![option]);
            self.prune(q);
        }
    }

    fn toggle(&mut self, q: &Questionnaire, question: usize, option: usize) {
        let Some(x) = q.questions.get(question) else { return };
        if x.kind != Kind::Multi || option >= x.options.len() {
            return;
        }
        let mut chosen: Vec<usize> = self.answers.get(question).map(<[usize]>::to_vec).unwrap_or_default();
        if let Some(pos) = chosen.iter().position(|&c| c == option) {
            chosen.remove(pos);
        } else if x.options[option].exclusive {
            chosen = vec![option];
        } else {
            chosen.retain(|&c| !x.options[c].exclusive);
            insert_sorted(&mut chosen, option);
        }
        self.answers.set(question, chosen);
        self.prune(q);
    }

    /// Drops answers of questions that the current answers hide. One pass is
    /// enough because a question's condition reads only earlier questions.
    fn prune(&mut self, q: &Questionnaire) {
        let mut scores = vec![0; q.scales.len()];
        for (i, question) in q.questions.iter().enumerate() {
            if question.show_if.as_ref().is_none_or(|c| c.eval(&self.answers, &scores)) {
                add_scores(q, i, self.answers.get(i), &mut scores);
            } else {
                self.answers.set(i, Vec::new());
            }
        }
    }

    /// Indices of the questions shown for the current answers, in order.
    pub fn visible(&self, q: &Questionnaire) -> Vec<usize> {
        let mut scores = vec![0; q.scales.len()];
        let mut shown = Vec::new();
        for (i, question) in q.questions.iter().enumerate() {
            if question.show_if.as_ref().is_none_or(|c| c.eval(&self.answers, &scores)) {
                shown.push(i);
                add_scores(q, i, self.answers.get(i), &mut scores);
            }
        }
        shown
    }

    /// "Question N of M" for the current step, counting screens.
    pub fn progress(&self, q: &Questionnaire) -> Option<(usize, usize)> {
        let Step::Question(cur) = self.step else { return None };
        let screens = self.screens(q);
        let n = screens.iter().position(|x| x[0] == cur)?;
        Some((n + 1, screens.len()))
    }

    /// Scale totals over the visible, answered questions.
    pub fn scores(&self, q: &Questionnaire) -> Vec<i32> {
        let mut scores = vec![0; q.scales.len()];
        for i in self.visible(q) {
            add_scores(q, i, self.answers.get(i), &mut scores);
        }
        scores
    }
}

fn add_scores(q: &Questionnaire, question: usize, chosen: Option<&[usize]>, scores: &mut [i32]) {
    let options = &q.questions[question].options;
    for &o in chosen.unwrap_or_default() {
        for &(scale, points) in options.get(o).map(|c| c.scores.as_slice()).unwrap_or_default() {
            if let Some(total) = scores.get_mut(scale) {
                *total = total.saturating_add(points);
            }
        }
    }
}

#[cfg(test)]
mod tests;
