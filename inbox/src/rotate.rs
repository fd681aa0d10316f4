//! Key rotation: every lead body, note, blind index and file re-encrypted
//! with the keyring's current key. Invariant: a file is replaced by an
//! atomic rename of its re-encrypted copy, and the row is updated after,
//! so an interrupted rotation leaves everything readable with the keyring.

use crate::crypto::{self, Keyring};
use crate::db::{Db, FileRow};
use crate::store::Store;

/// Re-encrypts what is not sealed with the current key yet; returns how many leads changed.
pub async fn reseal_all(db: &Db, store: &Store, keys: &Keyring) -> anyhow::Result<usize> {
    let mut changed = 0;
    for mut lead in db.all_leads().await? {
        let files = db.files(&lead.id).await?;
        if lead.key_id == keys.current_id() && files.iter().all(|f| f.key_id == keys.current_id()) {
            continue;
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
        for mut f in files {
            let path = store.file_path(&f.id);
            let plain = crypto::open_file_bytes(keys, &std::fs::read(&path)?, &f.id)?;
            let mut sealer = keys.file_sealer(&f.id);
            let mut out = sealer.update(&plain);
            out.extend(sealer.finish());
            let tmp = store.temp_path(&f.id);
            std::fs::write(&tmp, &out)?;
            std::fs::File::open(&tmp)?.sync_all()?;
            store.place(&[(tmp, path)])?;
            f.name = keys.seal(&keys.open(&f.name, &f.id)?, &f.id);
            f.key_id = keys.current_id().to_string();
            new_files.push(f);
        }
        db.reseal_lead(&lead, &new_files).await?;
        changed += 1;
    }
    Ok(changed)
}
