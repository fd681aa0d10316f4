//! `POST /leads` and its probe `GET /leads?submission_id=`: the receiver
//! contract (docs/embedding.md, "What a receiver must do"). The multipart
//! body is streamed: each card is checked by its first bytes, encrypted
//! chunk by chunk into a temp file and, inside the lead's transaction,
//! renamed into place (`--files directory`) or copied into the database a
//! piece at a time (`--files database`). Invariant: the ack is sent only after the commit; a
//! request cut off at any point leaves no row and no file (a commit in
//! doubt keeps its files until a row or the orphan sweep decides); no
//! personal value is logged.

use crate::db::{now_ms, DbError, FileRow, LeadRow, NewLead, IN_DATABASE, IN_DIRECTORY};
use crate::lead::{self, Problems};
use crate::server::App;
use crate::store::Cleanup;
use axum::body::Body;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use program_fit_screener::core::contact::{Problem, MAX_FILE_BYTES};
use serde_json::json;
use std::collections::HashMap;
use std::io;
use std::sync::Arc;
use tokio::io::AsyncWriteExt;

/// The largest `lead` JSON part.
const MAX_LEAD_BYTES: u64 = 256 * 1024;
/// The whole body: two full cards, the lead and the multipart framing.
const MAX_BODY_BYTES: u64 = 2 * MAX_FILE_BYTES + MAX_LEAD_BYTES + 64 * 1024;
/// The parts a lead may have.
const FIELDS: [&str; 3] = ["lead", "card_front", "card_back"];

/// Why a request is refused; each maps to one status and body.
#[derive(Debug)]
enum Refusal {
    /// 400: not multipart, or multipart that does not parse.
    Malformed(String),
    /// 422: something the visitor can fix.
    Invalid(Problems),
    /// 413: a part or the body is over its limit.
    TooLarge(Option<&'static str>),
    /// 408: the client stopped sending.
    Timeout,
    /// 503: the disk or the database refused the write.
    Unavailable,
}

impl Refusal {
    /// The answer; a 503 tells the client to wait `retry_after` seconds.
    fn respond(self, retry_after: u32) -> Response {
        let (status, body) = match self {
            Refusal::Malformed(m) => (StatusCode::BAD_REQUEST, json!({ "errors": [m] })),
            Refusal::Invalid(p) => (StatusCode::UNPROCESSABLE_ENTITY, lead::errors_body(&p)),
            Refusal::TooLarge(Some(field)) => {
                (StatusCode::PAYLOAD_TOO_LARGE, json!({ "errors": { field: lead::file_message(Problem::FileTooBig) } }))
            }
            Refusal::TooLarge(None) => (StatusCode::PAYLOAD_TOO_LARGE, json!({ "errors": ["The submission is too large."] })),
            Refusal::Timeout => (StatusCode::REQUEST_TIMEOUT, json!({ "errors": ["The upload stopped."] })),
            Refusal::Unavailable => {
                let mut r = (StatusCode::SERVICE_UNAVAILABLE, axum::Json(json!({ "errors": ["Storage is unavailable; please retry."] })))
                    .into_response();
                r.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(retry_after));
                return r;
            }
        };
        (status, axum::Json(body)).into_response()
    }
}

/// The acknowledgement: the lead is durably stored.
fn ack(submission_id: &str) -> Response {
    (StatusCode::OK, axum::Json(json!({ "submission_id": submission_id, "status": "stored" }))).into_response()
}

fn map_multer(e: multer::Error) -> Refusal {
    match e {
        multer::Error::FieldSizeExceeded { field_name, .. } => {
            Refusal::TooLarge(FIELDS.iter().skip(1).find(|f| Some(**f) == field_name.as_deref()).copied())
        }
        multer::Error::StreamSizeExceeded { .. } => Refusal::TooLarge(None),
        multer::Error::UnknownField { .. } => Refusal::Invalid(vec![(None, "Unexpected part in the submission.".into())]),
        multer::Error::StreamReadFailed(e) if e.to_string().contains("inactive") => Refusal::Timeout,
        other => Refusal::Malformed(format!("Malformed multipart body: {other}")),
    }
}

/// One card streamed into an encrypted temp file.
struct Card {
    field: &'static str,
    file_id: String,
    mime: &'static str,
    size: u64,
    name: String,
    key_id: String,
}

/// `POST /leads`.
pub async fn receive(State(app): State<Arc<App>>, headers: HeaderMap, body: Body) -> Response {
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let Ok(boundary) = multer::parse_boundary(content_type) else {
        return Refusal::Malformed("Expected multipart/form-data.".into()).respond(app.settings.retry_after_secs);
    };
    let (stream, pump) = pump(body, app.settings.read_timeout);
    match receive_inner(&app, boundary, stream).await {
        Ok(r) => r,
        Err(refusal) => {
            // Read the rest (within the limits) so the client gets the answer
            // instead of a reset connection in the middle of its upload.
            if !matches!(refusal, Refusal::Timeout) {
                let _ = pump.await;
            }
            refusal.respond(app.settings.retry_after_secs)
        }
    }
}

type Chunks = futures_util::stream::BoxStream<'static, Result<bytes::Bytes, io::Error>>;

/// Reads the body in its own task and hands it on as a stream, cutting it
/// off after `idle` without data. Once the stream is dropped (the lead was
/// refused), the task goes on reading and discarding, at most the body
/// limit, so the refusal can be answered on an intact connection.
fn pump(body: Body, idle: std::time::Duration) -> (Chunks, tokio::task::JoinHandle<()>) {
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<bytes::Bytes, io::Error>>(1);
    let task = tokio::spawn(async move {
        let mut s = body.into_data_stream();
        let mut total: u64 = 0;
        let mut forward = true;
        loop {
            let item = match tokio::time::timeout(idle, s.next()).await {
                Ok(Some(Ok(c))) => Ok(c),
                Ok(Some(Err(e))) => Err(io::Error::other(e)),
                Ok(None) => break,
                Err(_) => Err(io::Error::new(io::ErrorKind::TimedOut, "client inactive")),
            };
            let failed = item.is_err();
            if let Ok(c) = &item {
                total += c.len() as u64;
            }
            if forward && tx.send(item).await.is_err() {
                forward = false;
            }
            if failed || (!forward && total > MAX_BODY_BYTES + MAX_LEAD_BYTES) {
                break;
            }
        }
    });
    let stream = futures_util::stream::unfold(rx, |mut rx| async move { rx.recv().await.map(|item| (item, rx)) }).boxed();
    (stream, task)
}

async fn receive_inner(app: &Arc<App>, boundary: String, stream: Chunks) -> Result<Response, Refusal> {
    let limits = multer::SizeLimit::new().whole_stream(MAX_BODY_BYTES).per_field(MAX_FILE_BYTES).for_field("lead", MAX_LEAD_BYTES);
    let constraints = multer::Constraints::new().allowed_fields(FIELDS.to_vec()).size_limit(limits);
    let mut multipart = multer::Multipart::with_constraints(stream, boundary, constraints);

    let mut cleanup = Cleanup::default();
    let mut parsed: Option<lead::Lead> = None;
    let mut duplicate = false;
    let mut cards: Vec<Card> = Vec::new();
    let mut problems: Problems = Vec::new();
    while let Some(mut part) = multipart.next_field().await.map_err(map_multer)? {
        let Some(name) = FIELDS.iter().find(|f| Some(**f) == part.name()).copied() else {
            return Err(Refusal::Invalid(vec![(None, "Unexpected part in the submission.".into())]));
        };
        let seen = if name == "lead" { parsed.is_some() } else { cards.iter().any(|c| c.field == name) };
        if seen {
            return Err(Refusal::Invalid(vec![(None, format!("The part {name} was sent twice."))]));
        }
        if name == "lead" {
            let bytes = part.bytes().await.map_err(map_multer)?;
            let l = lead::parse(&bytes).map_err(Refusal::Invalid)?;
            duplicate = app.db.lead_id_for_submission(&l.submission_id).await.map_err(|_| Refusal::Unavailable)?.is_some();
            parsed = Some(l);
            continue;
        }
        let file_name = part.file_name().unwrap_or_default().to_string();
        if duplicate {
            while part.chunk().await.map_err(map_multer)?.is_some() {}
            continue;
        }
        match stream_card(app, name, file_name, &mut part, &mut cleanup).await? {
            Ok(Some(card)) => cards.push(card),
            Ok(None) => {}
            Err(problem) => problems.push((Some(name), lead::file_message(problem).to_string())),
        }
    }
    let Some(lead) = parsed else {
        return Err(Refusal::Invalid(vec![(None, "The submission has no lead part.".into())]));
    };
    if duplicate {
        return Ok(ack(&lead.submission_id));
    }
    if !problems.is_empty() {
        return Err(Refusal::Invalid(problems));
    }
    // In a task of its own: a client that goes away mid-commit (its request
    // dropped) cannot cut the commit, or its file cleanup, in the middle.
    tokio::spawn(commit(app.clone(), lead, cards, cleanup)).await.unwrap_or(Err(Refusal::Unavailable))
}

/// Streams one card into a sealed temp file: `Ok(Ok(None))` for an empty
/// part, `Ok(Err(problem))` for a type that is not allowed.
async fn stream_card(
    app: &App,
    field: &'static str,
    file_name: String,
    part: &mut multer::Field<'_>,
    cleanup: &mut Cleanup,
) -> Result<Result<Option<Card>, Problem>, Refusal> {
    let mut head = Vec::with_capacity(lead::SNIFF_LEN);
    let mut first: Option<bytes::Bytes> = None;
    while head.len() < lead::SNIFF_LEN {
        match part.chunk().await.map_err(map_multer)? {
            Some(c) => {
                head.extend_from_slice(&c[..c.len().min(lead::SNIFF_LEN - head.len())]);
                first = Some(match first.take() {
                    Some(prev) => [prev.as_ref(), c.as_ref()].concat().into(),
                    None => c,
                });
            }
            None => break,
        }
    }
    let Some(first) = first else { return Ok(Ok(None)) };
    let Some(mime) = lead::sniff(&head) else {
        while part.chunk().await.map_err(map_multer)?.is_some() {}
        return Ok(Err(Problem::FileType));
    };
    let file_id = uuid::Uuid::new_v4().to_string();
    let path = app.store.temp_path(&file_id);
    let mut out = tokio::fs::File::create(&path).await.map_err(|_| Refusal::Unavailable)?;
    cleanup.add(path);
    let mut sealer = app.keys.file_sealer(&file_id);
    let key_id = sealer.key_id().to_string();
    let mut size = first.len() as u64;
    out.write_all(&sealer.update(&first)).await.map_err(|_| Refusal::Unavailable)?;
    while let Some(chunk) = part.chunk().await.map_err(map_multer)? {
        size += chunk.len() as u64;
        // A chunk at a time: memory per upload stays near one sealed chunk.
        for piece in chunk.chunks(crate::crypto::CHUNK) {
            let sealed = sealer.update(piece);
            if !sealed.is_empty() {
                out.write_all(&sealed).await.map_err(|_| Refusal::Unavailable)?;
            }
        }
    }
    out.write_all(&sealer.finish()).await.map_err(|_| Refusal::Unavailable)?;
    out.sync_all().await.map_err(|_| Refusal::Unavailable)?;
    let name = app.keys.seal(file_name.as_bytes(), &file_id);
    Ok(Ok(Some(Card { field, file_id, mime, size, name, key_id })))
}

/// Seals the lead, renames the cards into place and commits it all in one
/// transaction; then acknowledges.
async fn commit(app: Arc<App>, lead: lead::Lead, cards: Vec<Card>, mut cleanup: Cleanup) -> Result<Response, Refusal> {
    let id = uuid::Uuid::now_v7().to_string();
    let in_db = app.settings.files == crate::config::FilesIn::Database;
    let body = serde_json::to_vec(&lead.json).unwrap_or_default();
    let words: Vec<String> = crate::crypto::index_words(&lead.name, &lead.phone, &lead.email).iter().map(|w| app.keys.blind(w)).collect();
    let row = LeadRow {
        id: id.clone(),
        submission_id: lead.submission_id.clone(),
        received_at: now_ms(),
        status: "new".into(),
        key_id: app.keys.current_id().to_string(),
        body: app.keys.seal(&body, &id),
        notes: None,
        search: format!(" {} ", words.join(" ")),
    };
    let files: Vec<FileRow> = cards
        .iter()
        .map(|c| FileRow {
            id: c.file_id.clone(),
            lead_id: id.clone(),
            field: c.field.into(),
            mime: c.mime.into(),
            size: c.size as i64,
            key_id: c.key_id.clone(),
            name: c.name.clone(),
            place: if in_db { IN_DATABASE } else { IN_DIRECTORY }.into(),
        })
        .collect();
    // In the database: the temp files are copied into the transaction and
    // removed after it, whatever happens. In the directory: renamed into
    // place inside it, removed (both names) unless the commit keeps them.
    let mut bodies = Vec::new();
    let mut moves = Vec::new();
    let mut temps = Cleanup::default();
    for c in &cards {
        let temp = app.store.temp_path(&c.file_id);
        if in_db {
            bodies.push((c.file_id.clone(), temp));
        } else {
            moves.push((temp, app.store.file_path(&c.file_id)));
        }
    }
    temps.replace(bodies.iter().map(|(_, p)| p.clone()).collect());
    cleanup.replace(moves.iter().flat_map(|(a, b)| [a.clone(), b.clone()]).collect());
    let outbox = app.outbox_kinds();
    let store = app.store.clone();
    let place = async move { tokio::task::spawn_blocking(move || store.place(&moves)).await.map_err(io::Error::other)? };
    let result = app.db.commit_lead(NewLead { row: &row, files: &files, outbox: &outbox, bodies: &bodies }, place).await;
    drop(temps);
    match result {
        Ok(()) => {
            cleanup.disarm();
            app.outbox_wake.notify_waiters();
            tracing::info!(lead = %id, files = files.len(), "lead stored");
            Ok(ack(&lead.submission_id))
        }
        Err(DbError::InDoubt(e)) => {
            // The commit may have landed before the connection dropped:
            // the files stay until it is known that no row names them.
            tracing::warn!(error = %e, "the commit of a lead is in doubt");
            match stored_as(&app, &lead.submission_id).await {
                Ok(Some(stored)) => {
                    if stored == id {
                        cleanup.disarm();
                        app.outbox_wake.notify_waiters();
                    }
                    Ok(ack(&lead.submission_id))
                }
                Ok(None) => Err(Refusal::Unavailable),
                Err(e) => {
                    // Still unknown: leave the files to the orphan sweep,
                    // which removes them only if no row names them.
                    tracing::warn!(error = %e, "a lead's commit stays in doubt; its files are left to the orphan sweep");
                    cleanup.disarm();
                    Err(Refusal::Unavailable)
                }
            }
        }
        Err(e) if e.is_unique_violation() => {
            // The same submission reached another request (or process) first.
            drop(cleanup);
            match app.db.lead_id_for_submission(&lead.submission_id).await {
                Ok(Some(_)) => Ok(ack(&lead.submission_id)),
                _ => Err(Refusal::Unavailable),
            }
        }
        Err(e) => {
            tracing::warn!(error = %e, "storing a lead failed");
            Err(Refusal::Unavailable)
        }
    }
}

/// The lead stored for a submission, asked again for a few seconds while
/// the database does not answer (a restart takes about one).
async fn stored_as(app: &App, submission_id: &str) -> Result<Option<String>, DbError> {
    let mut wait = std::time::Duration::from_millis(250);
    loop {
        match app.db.lead_id_for_submission(submission_id).await {
            Err(_) if wait <= std::time::Duration::from_secs(2) => {
                tokio::time::sleep(wait).await;
                wait *= 2;
            }
            answer => return answer,
        }
    }
}

/// `GET /leads?submission_id=ID`: 200 with the ack when stored, 404 when not.
pub async fn probe(State(app): State<Arc<App>>, Query(q): Query<HashMap<String, String>>) -> Response {
    let Some(id) = q.get("submission_id").filter(|id| lead::valid_submission_id(id)) else {
        return Refusal::Malformed("Give a submission_id.".into()).respond(app.settings.retry_after_secs);
    };
    match app.db.lead_id_for_submission(id).await {
        Ok(Some(_)) => ack(id),
        Ok(None) => (StatusCode::NOT_FOUND, axum::Json(json!({ "submission_id": id, "status": "unknown" }))).into_response(),
        Err(_) => Refusal::Unavailable.respond(app.settings.retry_after_secs),
    }
}
