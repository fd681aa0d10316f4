//! Deleting leads: one on an erasure request, or every lead past the
//! retention period, with their files; and sweeping files that no row
//! names (left by a process killed between rename and commit). Invariant:
//! the row goes first, then the bytes, and the audit log keeps that it
//! happened (never what was deleted).

use crate::db::{now_ms, Db, DbError};
use crate::store::Store;
use std::time::Duration;

/// Deletes one lead and its files; false if there was no such lead.
pub async fn delete_lead(db: &Db, store: &Store, id: &str) -> Result<bool, DbError> {
    let existed = db.lead(id).await?.is_some();
    // Bytes kept in the database went with the rows, in the same transaction.
    for f in db.delete_lead(id).await?.iter().filter(|f| f.place == crate::db::IN_DIRECTORY) {
        let _ = std::fs::remove_file(store.file_path(&f.id));
    }
    Ok(existed)
}

/// Deletes every lead received more than `days` days ago; audits the count.
pub async fn purge(db: &Db, store: &Store, days: u32, actor: &str) -> Result<usize, DbError> {
    let cutoff = now_ms() - i64::from(days) * 86_400_000;
    let ids = db.leads_before(cutoff).await?;
    for id in &ids {
        delete_lead(db, store, id).await?;
    }
    if !ids.is_empty() {
        db.audit(actor, "purge", None, &format!("{} leads older than {days} days deleted", ids.len())).await?;
    }
    Ok(ids.len())
}

/// Removes stored files older than ten minutes that no row names.
pub async fn sweep_orphans(db: &Db, store: &Store) -> Result<usize, DbError> {
    let mut removed = 0;
    for (id, path) in store.stale_files(Duration::from_secs(600)).map_err(sqlx::Error::Io)? {
        if !db.file_exists(&id).await? {
            let _ = std::fs::remove_file(path);
            removed += 1;
        }
    }
    Ok(removed)
}
