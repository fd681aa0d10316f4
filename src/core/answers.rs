//! The answers of a session: the chosen options of each question, by
//! index. Below `session` (which changes them), `condition` and `model`
//! (which read them); it knows nothing of questions, screens or rules.

/// The chosen option indices of each question, by question index.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Answers(Vec<Option<Vec<usize>>>);

impl Answers {
    pub fn new(questions: usize) -> Self {
        Answers(vec![None; questions])
    }

    /// The options chosen for a question, if it has an answer.
    pub fn get(&self, question: usize) -> Option<&[usize]> {
        self.0.get(question).and_then(|a| a.as_deref())
    }

    /// Sets a question's chosen options; none leaves it unanswered.
    pub(crate) fn set(&mut self, question: usize, chosen: Vec<usize>) {
        if let Some(slot) = self.0.get_mut(question) {
            *slot = if chosen.is_empty() { None } else { Some(chosen) };
        }
    }

    /// How many questions have an answer.
    pub fn count(&self) -> usize {
        self.0.iter().filter(|a| a.is_some()).count()
    }
}
