//! Key rotation: every lead body, note, blind index and file re-encrypted
//! with the keyring's current key. Invariant: a file in the directory is
//! replaced by an atomic rename of its re-encrypted copy, and the row is
//! updated after; a file in the database is replaced in the row's own
//! transaction; so an interrupted rotation leaves everything readable.
//! The leads are read a page at a time (keyset paging, newest first), so a
//! rotation holds one page in memory however many leads there are.

use crate::crypto::{self, Keyring};
use crate::db::{Db, FileRow, LeadFilter, LeadRow, Position, Seek, IN_DATABASE};
use crate::store::Store;

/// How many leads a rotation reads at once.
pub const PAGE: i64 = 100;

/// Re-encrypts what is not sealed with the current key yet; returns how many leads changed.
pub async fn reseal_all(db: &Db, store: &Store, keys: &Keyring) -> anyhow::Result<usize> {
    let mut changed = 0;
    let mut from = Seek::Newest;
    loop {
        let page = db.page_of_leads(&LeadFilter::default(), &from, PAGE).await?;
        let Some(last) = page.last() else { break };
        from = Seek::Older(Position::of(last));
        for lead in page {
            changed += usize::from(reseal(db, store, keys, lead).await?);
        }
    }
    Ok(changed)
}

/// Re-encrypts one lead and its files unless all are sealed with the
/// current key; whether it did.
async fn reseal(db: &Db, store: &Store, keys: &Keyring, mut lead: LeadRow) -> anyhow::Result<bool> {
    let files = db.files(&lead.id).await?;
    if lead.key_id == keys.current_id() && files.iter().all(|f| f.key_id == keys.current_id()) {
        return Ok(false);
    }
    let body = keys.open(&lead.body, &lead.id)?;
    let json: serde_json::Value = serde_json::from_slice(&body)?;
    let c = &json["contact"];
    let s = |k: &str| c[k].as_str().unwrap_or_default().trim().to_string();
    let words: Vec<String> = crypto::index_words(&s("name"), &s("phone"), &s("email")).iter().map(|w| keys.blind(w)).collect();
    lead.search = format!(" {} ", words.join(" "));
    lead.body = keys.seal(&body, &lead.id);
    lead.notes = match &lead.notes {
        Some(n) => Some(keys.seal(&keys.open(n, &lead.id)?, &lead.id)),
        None => None,
    };
    lead.key_id = keys.current_id().to_string();
    let mut new_files: Vec<FileRow> = Vec::new();
    let mut bodies: Vec<(String, Vec<u8>)> = Vec::new();
    for mut f in files {
        let in_db = f.place == IN_DATABASE;
        let path = store.file_path(&f.id);
        let sealed = if in_db { db_file(db, &f.id).await? } else { std::fs::read(&path)? };
        let plain = crypto::open_file_bytes(keys, &sealed, &f.id)?;
        let mut sealer = keys.file_sealer(&f.id);
        let mut out = sealer.update(&plain);
        out.extend(sealer.finish());
        if in_db {
            bodies.push((f.id.clone(), out));
        } else {
            let tmp = store.temp_path(&f.id);
            std::fs::write(&tmp, &out)?;
            std::fs::File::open(&tmp)?.sync_all()?;
            store.place(&[(tmp, path)])?;
        }
        f.name = keys.seal(&keys.open(&f.name, &f.id)?, &f.id);
        f.key_id = keys.current_id().to_string();
        new_files.push(f);
    }
    db.reseal_lead(&lead, &new_files, &bodies).await?;
    Ok(true)
}

/// The whole sealed file kept in the database (rotation works a file at a time).
async fn db_file(db: &Db, id: &str) -> anyhow::Result<Vec<u8>> {
    let mut out = Vec::new();
    let mut seq = 0;
    while let Some(piece) = db.file_piece(id, seq).await? {
        out.extend(piece);
        seq += 1;
    }
    Ok(out)
}
