//! The CSV export of the leads a staff member can see (the same filter
//! and search as the list, every matching lead), without files, streamed:
//! read from the database a batch at a time along the list's order,
//! opened and written out row by row, so memory holds one batch, never
//! every lead. Invariant: every cell is quoted, a cell that a spreadsheet
//! would read as a formula starts with `'`, the columns never change (a
//! contract with the centers' spreadsheets), and a download cut short by
//! a failure ends in an error, never as a CSV that looks complete.

use crate::auth::Staff;
use crate::db::{LeadFilter, LeadRow, Position, Seek};
use crate::pages::{open, ListQuery, Opened};
use crate::server::App;
use axum::body::Body;
use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use program_fit_screener::core::lead::ATTRIBUTION_KEYS;
use serde_json::Value;
use std::sync::Arc;
use tokio::sync::mpsc;

/// One CSV cell: quoted, quotes doubled, formulas neutralised.
pub fn cell(s: &str) -> String {
    let risky = s.starts_with(['=', '+', '-', '@', '\t', '\r', '\u{FF1D}', '\u{FF0B}', '\u{FF0D}', '\u{FF20}']);
    let s = if risky { format!("'{s}") } else { s.to_string() };
    format!("\"{}\"", s.replace('"', "\"\""))
}

const COLUMNS: [&str; 13] =
    ["received", "status", "name", "phone", "email", "preferred", "best_time", "who", "insurance", "message", "page", "result", "notes"];

/// Leads read from the database at a time.
const BATCH: i64 = 500;
/// Bytes gathered before they are sent on (rows are small: a chunk each would be mostly framing).
const FLUSH: usize = 16 * 1024;

fn header_line() -> String {
    COLUMNS.iter().chain(&ATTRIBUTION_KEYS).map(|c| cell(c)).collect::<Vec<_>>().join(",") + "\r\n"
}

/// A lead's line, in the columns' order.
fn line(o: &Opened) -> String {
    let text = |v: &Value| v.as_str().unwrap_or_default().to_string();
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
    row.into_iter().chain(from).map(|v| cell(&v)).collect::<Vec<_>>().join(",") + "\r\n"
}

pub async fn csv(State(app): State<Arc<App>>, staff: Staff, Query(q): Query<ListQuery>) -> Response {
    let filter = crate::listing::filter(&app.keys, &q.q, &q.status);
    // The first batch before the answer: a database that is down is a 503, not a cut-off file.
    let (Ok(total), Ok(first)) = (app.db.count_leads(&filter, None).await, app.db.page_of_leads(&filter, &Seek::Newest, BATCH).await)
    else {
        return (StatusCode::SERVICE_UNAVAILABLE, "The database is unavailable.").into_response();
    };
    let _ = app.db.audit(&staff.email, "export", None, &format!("{total} leads")).await;
    let (tx, rx) = mpsc::channel::<Result<Bytes, std::io::Error>>(4);
    tokio::spawn(write_rows(app, staff.email, filter, first, tx));
    let body = Body::from_stream(futures_util::stream::unfold(rx, |mut rx| async move { rx.recv().await.map(|chunk| (chunk, rx)) }));
    ([(header::CONTENT_TYPE, "text/csv; charset=utf-8"), (header::CONTENT_DISPOSITION, "attachment; filename=\"leads.csv\"")], body)
        .into_response()
}

/// Why an export stopped before its end.
enum Stopped {
    /// The download was closed (the staff member cancelled it).
    Closed,
    /// A later batch could not be read.
    Database,
}

/// Writes the header and every matching lead, `batch` first, then the
/// batches older than the last lead sent; audits an export cut short.
async fn write_rows(
    app: Arc<App>,
    actor: String,
    filter: LeadFilter,
    batch: Vec<LeadRow>,
    tx: mpsc::Sender<Result<Bytes, std::io::Error>>,
) {
    let mut sent = 0usize;
    let result = send_all(&app, &filter, batch, &tx, &mut sent).await;
    let why = match result {
        Ok(()) => return,
        Err(Stopped::Closed) => "download closed",
        Err(Stopped::Database) => {
            // An error, not the end: the client sees a broken download, not a short CSV.
            let _ = tx.send(Err(std::io::Error::other("the database failed during the export"))).await;
            "database unavailable"
        }
    };
    tracing::warn!(sent, why, "export cut short");
    let _ = app.db.audit(&actor, "export incomplete", None, &format!("{sent} leads sent: {why}")).await;
}

async fn send_all(
    app: &App,
    filter: &LeadFilter,
    mut batch: Vec<LeadRow>,
    tx: &mpsc::Sender<Result<Bytes, std::io::Error>>,
    sent: &mut usize,
) -> Result<(), Stopped> {
    let mut out = header_line();
    loop {
        for row in &batch {
            match open(app, row) {
                Some(o) => {
                    out += &line(&o);
                    *sent += 1;
                }
                None => tracing::warn!(lead = %row.id, "a lead could not be opened for the export"),
            }
            if out.len() >= FLUSH {
                tx.send(Ok(Bytes::from(std::mem::take(&mut out)))).await.map_err(|_| Stopped::Closed)?;
            }
        }
        let (Some(last), true) = (batch.last(), batch.len() as i64 == BATCH) else { break };
        let from = Seek::Older(Position::of(last));
        batch = app.db.page_of_leads(filter, &from, BATCH).await.map_err(|_| Stopped::Database)?;
    }
    if !out.is_empty() {
        tx.send(Ok(Bytes::from(out))).await.map_err(|_| Stopped::Closed)?;
    }
    Ok(())
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
