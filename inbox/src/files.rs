//! A lead's card file for signed-in staff, from the data directory or the
//! database (as its row says): decrypted as it streams out, `no-store`,
//! its sniffed type with `nosniff`. Invariant: the bytes are
//! never written anywhere in plaintext and every download is audited.

use crate::auth::Staff;
use crate::crypto::{FileOpener, MAX_HEADER, SEALED_CHUNK};
use crate::db::{Db, IN_DATABASE};
use crate::server::App;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use std::sync::Arc;
use tokio::io::AsyncReadExt;

/// Where a file's sealed bytes are read from: its file in the data
/// directory, or its pieces in the database, one piece at a time.
enum Source {
    Disk(tokio::fs::File),
    Database { db: Db, id: String, seq: i64, piece: Vec<u8>, at: usize, done: bool },
}

impl Source {
    /// Reads up to `n` bytes (fewer only at the end of the file).
    async fn read_up_to(&mut self, n: usize) -> std::io::Result<Vec<u8>> {
        let mut buf = vec![0u8; n];
        let mut filled = 0;
        while filled < n {
            let got = match self {
                Source::Disk(f) => f.read(&mut buf[filled..]).await?,
                Source::Database { db, id, seq, piece, at, done } => {
                    if *at == piece.len() && !*done {
                        match db.file_piece(id, *seq).await.map_err(std::io::Error::other)? {
                            Some(next) => {
                                *piece = next;
                                *at = 0;
                                *seq += 1;
                            }
                            None => *done = true,
                        }
                    }
                    let got = (piece.len() - *at).min(n - filled);
                    buf[filled..filled + got].copy_from_slice(&piece[*at..*at + got]);
                    *at += got;
                    got
                }
            };
            if got == 0 {
                break;
            }
            filled += got;
        }
        buf.truncate(filled);
        Ok(buf)
    }
}

struct Reading {
    file: Source,
    opener: FileOpener,
    /// The next sealed chunk, read ahead to know whether it is the last.
    next: Vec<u8>,
    done: bool,
}

pub async fn download(State(app): State<Arc<App>>, staff: Staff, Path((id, field)): Path<(String, String)>) -> Response {
    let not_found = || (StatusCode::NOT_FOUND, "No such file.").into_response();
    let Ok(files) = app.db.files(&id).await else {
        return (StatusCode::SERVICE_UNAVAILABLE, "The database is unavailable.").into_response();
    };
    let Some(f) = files.into_iter().find(|f| f.field == field) else { return not_found() };
    let mut file = if f.place == IN_DATABASE {
        Source::Database { db: app.db.clone(), id: f.id.clone(), seq: 0, piece: Vec::new(), at: 0, done: false }
    } else {
        let Ok(file) = tokio::fs::File::open(app.store.file_path(&f.id)).await else { return not_found() };
        Source::Disk(file)
    };
    let Ok(head) = file.read_up_to(MAX_HEADER).await else { return not_found() };
    let Ok((opener, used)) = app.keys.file_opener(&head, &f.id) else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "The file cannot be decrypted.").into_response();
    };
    let mut next = head[used..].to_vec();
    if let Ok(more) = file.read_up_to(SEALED_CHUNK - next.len().min(SEALED_CHUNK)).await {
        next.extend(more);
    }
    let _ = app.db.audit(&staff.email, "file download", Some(&id), &field).await;
    let state = Reading { file, opener, next, done: false };
    let stream = futures_util::stream::unfold(state, |mut s| async move {
        if s.done {
            return None;
        }
        let ahead = match s.file.read_up_to(SEALED_CHUNK).await {
            Ok(b) => b,
            Err(e) => return Some((Err(e), Reading { done: true, ..s })),
        };
        let current = std::mem::replace(&mut s.next, ahead);
        let last = s.next.is_empty();
        let result = s.opener.chunk(&current, last).map_err(std::io::Error::other);
        s.done = last || result.is_err();
        Some((result.map(bytes::Bytes::from), s))
    });
    let disposition = if f.mime == "application/pdf" { format!("inline; filename=\"{field}.pdf\"") } else { "inline".to_string() };
    (
        [
            (header::CONTENT_TYPE, f.mime.clone()),
            (header::CACHE_CONTROL, "no-store".to_string()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CONTENT_LENGTH, f.size.to_string()),
        ],
        Body::from_stream(stream),
    )
        .into_response()
}
