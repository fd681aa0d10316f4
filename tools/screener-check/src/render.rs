//! The decision table as Markdown, with a legend of columns and outcomes in
//! one locale. Invariant: the rows' path counts add up to the total printed.

use crate::labels::Subject;
use crate::table::Table;
use program_fit_screener::core::lint::range::ranges;
use program_fit_screener::core::model::Questionnaire;
use std::fmt::Write;

/// `1234567` as `1,234,567`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The table, then what each column and outcome is.
pub fn markdown(q: &Questionnaire, table: &Table, locale: &str) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "Every answer path ({} in all) falls in exactly one row. A cell lists the answers (option ids) \
         or the totals of a scale that the row covers; \"any\" means the outcome does not depend on it \
         there, and \"(not asked)\" means the question was not shown.\n",
        thousands(table.paths)
    );
    let headers: Vec<&str> = table.columns.iter().map(|c| c.header.as_str()).collect();
    let _ = writeln!(s, "| {} | outcome | paths |", headers.join(" | "));
    let _ = writeln!(s, "|{}---|---:|", "---|".repeat(headers.len()));
    for row in &table.rows {
        let cells: Vec<String> = table.columns.iter().zip(&row.allowed).map(|(c, set)| c.domain.label(set)).collect();
        let outcome = q.outcomes.get(row.outcome).map_or("?", |o| &*o.id);
        let _ = writeln!(s, "| {} | **{outcome}** | {} |", cells.join(" | "), thousands(row.paths));
    }
    let _ = writeln!(s, "\nColumns:\n");
    let totals = ranges(q, q.questions.len());
    for c in &table.columns {
        let _ = match c.subject {
            Subject::Question(x) => writeln!(s, "- `{}`: question {}, \"{}\"", c.header, x + 1, q.questions[x].text.get(locale)),
            Subject::Scale(x) => {
                let (lo, hi) = totals.get(x).copied().unwrap_or((0, 0));
                writeln!(s, "- `{}`: total of the scale \"{}\" ({lo} to {hi})", c.header, q.scales[x].label.get(locale))
            }
        };
    }
    let _ = writeln!(s, "\nOutcomes, in priority order (the first whose rule holds wins; `{}` otherwise):\n", q.outcomes[q.fallback].id);
    for o in &q.outcomes {
        let levels: Vec<&str> = o.levels.iter().filter_map(|&l| q.levels.get(l)).map(|l| l.name.get(locale)).collect();
        let levels = if levels.is_empty() { "no level of care".to_string() } else { levels.join(", ") };
        let _ = writeln!(s, "- `{}`: \"{}\" ({levels})", o.id, o.title.get(locale));
    }
    s
}
