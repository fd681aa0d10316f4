//! The CSV export of the leads a staff member can see (the same filters as
//! the list), without files. Invariant: every cell is quoted, and a cell
//! that a spreadsheet would read as a formula starts with `'`.

use crate::auth::Staff;
use crate::pages::{find, ListQuery};
use crate::server::App;
use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use program_fit_screener::core::lead::ATTRIBUTION_KEYS;
use serde_json::Value;
use std::sync::Arc;

/// One CSV cell: quoted, quotes doubled, formulas neutralised.
pub fn cell(s: &str) -> String {
    let risky = s.starts_with(['=', '+', '-', '@', '\t', '\r', '\u{FF1D}', '\u{FF0B}', '\u{FF0D}', '\u{FF20}']);
    let s = if risky { format!("'{s}") } else { s.to_string() };
    format!("\"{}\"", s.replace('"', "\"\""))
}

const COLUMNS: [&str; 13] =
    ["received", "status", "name", "phone", "email", "preferred", "best_time", "who", "insurance", "message", "page", "result", "notes"];

pub async fn csv(State(app): State<Arc<App>>, staff: Staff, Query(q): Query<ListQuery>) -> Response {
    let Ok(found) = find(&app, &q).await else { return (StatusCode::SERVICE_UNAVAILABLE, "The database is unavailable.").into_response() };
    let text = |v: &Value| v.as_str().unwrap_or_default().to_string();
    let mut out = COLUMNS.iter().chain(&ATTRIBUTION_KEYS).map(|c| cell(c)).collect::<Vec<_>>().join(",") + "\r\n";
    for (_, o) in &found {
        let c = &o.json["contact"];
        let row = [
            o.received.clone(),
            o.status.clone(),
            text(&c["name"]),
            text(&c["phone"]),
            text(&c["email"]),
            text(&c["preferred"]),
            text(&c["best_time"]),
            text(&c["who"]),
            text(&c["insurance"]),
            text(&c["message"]),
            text(&o.json["page"]),
            text(&o.json["screening"]["outcome"]["title"]),
            o.notes.clone(),
        ];
        // The lead's `attribution`, a column per key, in the widget's order.
        let from = ATTRIBUTION_KEYS.iter().map(|k| text(&o.json["attribution"][*k]));
        out += &(row.into_iter().chain(from).map(|v| cell(&v)).collect::<Vec<_>>().join(",") + "\r\n");
    }
    let _ = app.db.audit(&staff.email, "export", None, &format!("{} leads", found.len())).await;
    ([(header::CONTENT_TYPE, "text/csv; charset=utf-8"), (header::CONTENT_DISPOSITION, "attachment; filename=\"leads.csv\"")], out)
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn formulas_are_neutralised_and_quotes_doubled() {
        assert_eq!(cell("Ann"), "\"Ann\"");
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        for f in ["+1", "-2", "@SUM(A1)", "\tx", "\u{FF1D}1"] {
            assert!(cell(f).starts_with("\"'"), "{f}");
        }
    }
}
