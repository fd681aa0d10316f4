//! The columns of the decision table and the words in its cells: a column
//! per question or scale that the outcome rules read, its values named by
//! option ids or by ranges of totals. Invariant: a cell names exactly the
//! answers (or totals) for which the rules' tests give that row's results.

use program_fit_screener::core::condition::Condition;
use program_fit_screener::core::lint::classes::Single;
use program_fit_screener::core::lint::range::ranges;
use program_fit_screener::core::model::Questionnaire;

/// What a column is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Subject {
    Question(usize),
    Scale(usize),
}

/// One column: its subject, the rule tests it gathers (indices into the
/// table's leaves) and the results of those tests that paths reach.
#[derive(Debug, Clone)]
pub struct Column {
    pub subject: Subject,
    pub header: String,
    pub leaves: Vec<usize>,
    pub domain: Domain,
}

/// The values of a column: each a vector of test results, with a label and
/// a sort key (the first option, or the lowest total, that gives it).
#[derive(Debug, Clone, Default)]
pub struct Domain {
    values: Vec<Vec<bool>>,
    labels: Vec<String>,
    orders: Vec<i64>,
    /// For a scale: every range of totals (low, high) with its value.
    spans: Option<Vec<(i64, i64, usize)>>,
}

impl Column {
    /// One column per question or scale that a leaf reads, in config order.
    pub fn all(q: &Questionnaire, leaves: &[&Condition]) -> Vec<Column> {
        let mut columns: Vec<Column> = Vec::new();
        for (i, leaf) in leaves.iter().enumerate() {
            let subject = match leaf {
                Condition::Score { scale, .. } => Subject::Scale(*scale),
                other => {
                    let mut qs = Vec::new();
                    other.questions(&mut qs);
                    Subject::Question(qs.first().copied().unwrap_or(0))
                }
            };
            match columns.iter_mut().find(|c| c.subject == subject) {
                Some(c) => c.leaves.push(i),
                None => {
                    let header = match subject {
                        Subject::Question(x) => q.questions.get(x).map_or("?", |x| &*x.id).to_string(),
                        Subject::Scale(s) => q.scales.get(s).map_or("?", |s| &*s.id).to_string(),
                    };
                    columns.push(Column { subject, header, leaves: vec![i], domain: Domain::default() });
                }
            }
        }
        columns.sort_by_key(|c| c.subject);
        columns
    }

    /// This column with the values that paths reach, labelled.
    pub fn with_domain(mut self, q: &Questionnaire, leaves: &[&Condition], values: Vec<Vec<bool>>) -> Column {
        let tests: Vec<&Condition> = self.leaves.iter().map(|&i| leaves[i]).collect();
        let mut d = Domain { labels: vec![String::new(); values.len()], orders: vec![i64::MAX; values.len()], values, spans: None };
        match self.subject {
            Subject::Question(x) => {
                let question = &q.questions[x];
                let result = |answer: Option<&[usize]>| -> Vec<bool> {
                    tests.iter().map(|t| answer.is_some_and(|a| t.eval(&Single { question: x, answer: a }, &[]))).collect()
                };
                for (v, value) in d.values.iter().enumerate() {
                    let mut names: Vec<&str> = Vec::new();
                    for (o, option) in question.options.iter().enumerate() {
                        if result(Some(&[o])) == *value {
                            names.push(&option.id);
                            d.orders[v] = d.orders[v].min(o as i64);
                        }
                    }
                    if result(None) == *value && question.show_if.is_some() {
                        names.push("(not asked)");
                    }
                    d.labels[v] = if names.is_empty() { "(other sets)".to_string() } else { names.join(" / ") };
                }
            }
            Subject::Scale(s) => {
                let (lo, hi) = ranges(q, q.questions.len()).get(s).copied().unwrap_or((0, 0));
                let mut cuts: Vec<i64> = vec![lo];
                for t in &tests {
                    if let Condition::Score { value, .. } = t {
                        let v = i64::from(*value);
                        cuts.extend([v, v + 1].into_iter().filter(|c| *c > lo && *c <= hi));
                    }
                }
                cuts.sort_unstable();
                cuts.dedup();
                let mut spans = Vec::new();
                for (k, &start) in cuts.iter().enumerate() {
                    let end = cuts.get(k + 1).map_or(hi, |n| n - 1);
                    let mut totals = vec![0; s + 1];
                    totals[s] = i32::try_from(start).unwrap_or(0);
                    let no_answer = Single { question: usize::MAX, answer: &[] };
                    let result: Vec<bool> = tests.iter().map(|t| t.eval(&no_answer, &totals)).collect();
                    if let Some(v) = d.values.iter().position(|x| *x == result) {
                        spans.push((start, end, v));
                        d.orders[v] = d.orders[v].min(start);
                    }
                }
                d.spans = Some(spans);
                d.labels = (0..d.values.len()).map(|v| d.span_label(&[v], lo, hi)).collect();
            }
        }
        self.domain = d;
        self
    }
}

impl Domain {
    pub fn len(&self) -> usize {
        self.values.len()
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    pub fn index_of(&self, value: &[bool]) -> Option<usize> {
        self.values.iter().position(|v| v == value)
    }

    pub fn order(&self, v: usize) -> i64 {
        self.orders.get(v).copied().unwrap_or(i64::MAX)
    }

    /// Whether values are ranges of a total (and only neighbours merge).
    pub fn ordered(&self) -> bool {
        self.spans.is_some()
    }

    /// The cell for a set of values: "any" when it allows them all.
    pub fn label(&self, set: &[usize]) -> String {
        if set.len() >= self.values.len() {
            return "any".to_string();
        }
        let mut sorted = set.to_vec();
        sorted.sort_by_key(|&v| self.order(v));
        if let Some(spans) = &self.spans {
            let lo = spans.first().map_or(0, |s| s.0);
            let hi = spans.last().map_or(0, |s| s.1);
            return self.span_label(&sorted, lo, hi);
        }
        sorted.iter().filter_map(|&v| self.labels.get(v)).cloned().collect::<Vec<_>>().join(" / ")
    }

    fn span_label(&self, set: &[usize], lo: i64, hi: i64) -> String {
        let mut runs: Vec<(i64, i64)> = Vec::new();
        for &(a, b, v) in self.spans.iter().flatten() {
            if !set.contains(&v) {
                continue;
            }
            match runs.last_mut() {
                Some(last) if last.1 + 1 == a => last.1 = b,
                _ => runs.push((a, b)),
            }
        }
        let text: Vec<String> = runs
            .iter()
            .map(|&(a, b)| match (a == lo, b == hi) {
                _ if a == b => a.to_string(),
                (true, true) => "any".to_string(),
                (false, true) => format!("≥ {a}"),
                (true, false) => format!("≤ {b}"),
                (false, false) => format!("{a}–{b}"),
            })
            .collect();
        text.join(" or ")
    }
}
