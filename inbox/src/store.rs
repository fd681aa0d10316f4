//! The data directory: encrypted files under `files/`, uploads in progress
//! under `tmp/<process>/`, each process's folder held by a lock so a new
//! process removes only the folders of processes that died. Invariant: a
//! file reaches `files/` only by an atomic rename of a complete, synced
//! temp file; nothing here knows about leads or keys.

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// The data directory of one process.
#[derive(Debug)]
pub struct Store {
    files: PathBuf,
    tmp: PathBuf,
    /// Held for the life of the process: marks `tmp` as in use.
    _lock: File,
}

impl Store {
    /// Creates the folders if needed, removes the temp folders of dead
    /// processes, and claims a temp folder for this one.
    pub fn open(data: &Path) -> io::Result<Store> {
        let files = data.join("files");
        let tmp_root = data.join("tmp");
        fs::create_dir_all(&files)?;
        fs::create_dir_all(&tmp_root)?;
        for entry in fs::read_dir(&tmp_root)? {
            let dir = entry?.path();
            let Ok(lock) = File::open(dir.join("lock")) else {
                // A folder without a lock is a half-made one: remove it.
                let _ = fs::remove_dir_all(&dir);
                continue;
            };
            if lock.try_lock().is_ok() {
                let _ = fs::remove_dir_all(&dir);
            }
        }
        let tmp = tmp_root.join(uuid::Uuid::new_v4().to_string());
        fs::create_dir_all(&tmp)?;
        let lock = File::create(tmp.join("lock"))?;
        lock.try_lock().map_err(|e| io::Error::other(format!("cannot lock {}: {e}", tmp.display())))?;
        Ok(Store { files, tmp, _lock: lock })
    }

    /// Where an upload in progress is written.
    pub fn temp_path(&self, id: &str) -> PathBuf {
        self.tmp.join(format!("{id}.part"))
    }

    /// Where a stored file lives.
    pub fn file_path(&self, id: &str) -> PathBuf {
        self.files.join(format!("{id}.enc"))
    }

    /// Renames complete temp files into place and syncs the folder, so the
    /// names survive a power cut.
    pub fn place(&self, moves: &[(PathBuf, PathBuf)]) -> io::Result<()> {
        for (from, to) in moves {
            fs::rename(from, to)?;
        }
        if !moves.is_empty() {
            File::open(&self.files)?.sync_all()?;
        }
        Ok(())
    }

    /// Stored files not modified for `min_age` (so not one being committed
    /// by another process right now), as (id, path).
    pub fn stale_files(&self, min_age: Duration) -> io::Result<Vec<(String, PathBuf)>> {
        let mut out = Vec::new();
        for entry in fs::read_dir(&self.files)? {
            let entry = entry?;
            let path = entry.path();
            let old =
                entry.metadata()?.modified().ok().and_then(|m| SystemTime::now().duration_since(m).ok()).is_some_and(|age| age >= min_age);
            let id = path.file_name().and_then(|n| n.to_str()).and_then(|n| n.strip_suffix(".enc")).map(String::from);
            if let (true, Some(id)) = (old, id) {
                out.push((id, path));
            }
        }
        Ok(out)
    }
}

/// Removes the files it holds when dropped, unless disarmed: a request cut
/// off at any point (the future dropped) leaves none of its files behind.
#[derive(Debug, Default)]
pub struct Cleanup {
    paths: Vec<PathBuf>,
}

impl Cleanup {
    pub fn add(&mut self, path: PathBuf) {
        self.paths.push(path);
    }

    /// Replaces the held paths (after the temp files were renamed).
    pub fn replace(&mut self, paths: Vec<PathBuf>) {
        self.paths = paths;
    }

    /// Keeps the files: they are committed.
    pub fn disarm(&mut self) {
        self.paths.clear();
    }
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        for p in &self.paths {
            let _ = fs::remove_file(p);
        }
    }
}
