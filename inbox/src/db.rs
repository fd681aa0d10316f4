//! The database: one connection pool for SQLite or PostgreSQL (sqlx's
//! `Any` driver, the same SQL with `$n` parameters for both), the
//! migrations, and every query the inbox runs (card files kept in the
//! database included: copied from their sealed temp files a piece at a
//! time). Invariant: values arrive here already sealed (crypto.rs); this
//! module never sees a key.

use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::migrate::{Migration, MigrationType, Migrator};
use sqlx::{AnyPool, Row};
use std::borrow::Cow;
use std::time::Duration;

/// Which database the URL named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The pool and its backend.
#[derive(Debug, Clone)]
pub struct Db {
    pool: AnyPool,
    pub backend: Backend,
    /// SQLite takes one writer at a time: a lead's commit (which holds the
    /// write lock while its files are renamed and synced) and the outbox's
    /// claim wait here, in order and without a deadline, holding no pool
    /// connection, rather than in SQLite's busy loop holding one: with 200
    /// cards arriving at once, writes waiting there held the connections
    /// and a lead's duplicate check timed out waiting for one (a 503).
    /// PostgreSQL locks rows and needs none.
    writer: Option<std::sync::Arc<tokio::sync::Mutex<()>>>,
}

/// A failed database call.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// The URL is neither `sqlite:` nor `postgres:`.
    #[error("unsupported database URL (use sqlite://PATH or postgres://...)")]
    Url,
    /// The database refused or failed the call.
    #[error("database: {0}")]
    Sql(#[from] sqlx::Error),
    /// Migrating failed.
    #[error("migration: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// The COMMIT itself failed (the connection dropped while it was
    /// sent or answered): the transaction may or may not be committed.
    #[error("commit in doubt: {0}")]
    InDoubt(sqlx::Error),
}

impl DbError {
    /// A unique constraint refused a row (a repeated submission, user).
    pub fn is_unique_violation(&self) -> bool {
        matches!(self, DbError::Sql(sqlx::Error::Database(e)) if e.is_unique_violation())
    }
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis() as i64)
}

/// The migrations, embedded in the binary; the same files for both backends.
fn migrator() -> Migrator {
    let m = |version, name: &'static str, sql: &'static str| {
        Migration::new(version, Cow::Borrowed(name), MigrationType::Simple, Cow::Borrowed(sql), false)
    };
    Migrator {
        migrations: Cow::Owned(vec![
            m(1, "inbox", include_str!("../migrations/0001_inbox.sql")),
            m(2, "totp", include_str!("../migrations/0002_totp.sql")),
            m(3, "password_reset", include_str!("../migrations/0003_password_reset.sql")),
            m(4, "file_chunks", include_str!("../migrations/0004_file_chunks.sql")),
            m(5, "leads_order", include_str!("../migrations/0005_leads_order.sql")),
        ]),
        ..Migrator::DEFAULT
    }
}

/// A stored lead (its body and notes sealed).
#[derive(Debug, Clone)]
pub struct LeadRow {
    pub id: String,
    pub submission_id: String,
    pub received_at: i64,
    pub status: String,
    pub key_id: String,
    pub body: String,
    pub notes: Option<String>,
    pub search: String,
}

/// Where a file's encrypted bytes are kept.
pub const IN_DIRECTORY: &str = "directory";
pub const IN_DATABASE: &str = "database";
/// The size of a piece of a file kept in the database.
pub const PIECE: usize = 1024 * 1024;

/// A stored file's record (the bytes are in the data directory or in `file_chunks`, as `place` says).
#[derive(Debug, Clone)]
pub struct FileRow {
    pub id: String,
    pub lead_id: String,
    pub field: String,
    pub mime: String,
    pub size: i64,
    pub key_id: String,
    /// The visitor's file name, sealed.
    pub name: String,
    /// `IN_DIRECTORY` or `IN_DATABASE`.
    pub place: String,
}

/// A staff account.
#[derive(Debug, Clone)]
pub struct UserRow {
    pub id: String,
    pub email: String,
    pub password_hash: String,
    pub role: String,
    pub failed_logins: i64,
    pub locked_until: i64,
    /// The sealed TOTP secret, when the user set one up.
    pub totp_secret: Option<String>,
    /// An admin set the password: the user must choose their own first.
    pub must_change_password: bool,
}

/// A signed-in session with its user.
#[derive(Debug, Clone)]
pub struct SessionRow {
    pub user: UserRow,
    pub csrf: String,
    pub created_at: i64,
    pub last_seen: i64,
}

/// One audit entry.
#[derive(Debug, Clone, serde::Serialize)]
pub struct AuditRow {
    pub at: i64,
    pub actor: String,
    pub action: String,
    pub lead_id: Option<String>,
    pub detail: String,
}

/// A claimed outbox row to deliver.
#[derive(Debug, Clone)]
pub struct OutboxRow {
    pub id: String,
    pub lead_id: String,
    pub kind: String,
    pub attempts: i64,
}

/// Which leads a list or an export shows: one status or any, and
/// blind-index words (already keyed, crypto.rs) that must all match.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LeadFilter {
    pub status: Option<String>,
    pub words: Vec<String>,
}

/// A lead's place in the newest-first order: its `received_at` and `id`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Position {
    pub received_at: i64,
    pub id: String,
}

impl Position {
    pub fn of(l: &LeadRow) -> Position {
        Position { received_at: l.received_at, id: l.id.clone() }
    }
}

/// Where a page of leads starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seek {
    /// The newest leads.
    Newest,
    /// The leads just older than a position (the next page).
    Older(Position),
    /// The leads just newer than a position (the page before).
    Newer(Position),
    /// The oldest leads (the last page).
    Oldest,
}

/// A value bound to a query.
enum Arg {
    Text(String),
    Int(i64),
}

fn bind<'q>(
    mut q: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    args: Vec<Arg>,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    for a in args {
        q = match a {
            Arg::Text(s) => q.bind(s),
            Arg::Int(n) => q.bind(n),
        };
    }
    q
}

impl LeadFilter {
    /// The WHERE clause of the filter, and of `past` (an operator, `<` or
    /// `>`, and a position: the leads strictly older or newer), with its values.
    fn clause(&self, past: Option<(&str, &Position)>) -> (String, Vec<Arg>) {
        let mut sql = String::from(" WHERE 1 = 1");
        let mut args = Vec::new();
        if let Some(s) = &self.status {
            args.push(Arg::Text(s.clone()));
            sql += &format!(" AND status = ${}", args.len());
        }
        for w in &self.words {
            args.push(Arg::Text(format!("% {w} %")));
            sql += &format!(" AND search LIKE ${}", args.len());
        }
        if let Some((op, p)) = past {
            args.push(Arg::Int(p.received_at));
            args.push(Arg::Text(p.id.clone()));
            let (t, i) = (args.len() - 1, args.len());
            sql += &format!(" AND (received_at {op} ${t} OR (received_at = ${t} AND id {op} ${i}))");
        }
        (sql, args)
    }
}

const LEAD_COLS: &str = "id, submission_id, received_at, status, key_id, body, notes, search";
const FILE_COLS: &str = "id, lead_id, field, mime, size, key_id, name, place";
const USER_COLS: &str = "id, email, password_hash, role, failed_logins, locked_until, totp_secret, must_change_password";

fn lead(r: &AnyRow) -> Result<LeadRow, sqlx::Error> {
    Ok(LeadRow {
        id: r.try_get("id")?,
        submission_id: r.try_get("submission_id")?,
        received_at: r.try_get("received_at")?,
        status: r.try_get("status")?,
        key_id: r.try_get("key_id")?,
        body: r.try_get("body")?,
        notes: r.try_get("notes")?,
        search: r.try_get("search")?,
    })
}

fn file(r: &AnyRow) -> Result<FileRow, sqlx::Error> {
    Ok(FileRow {
        id: r.try_get("id")?,
        lead_id: r.try_get("lead_id")?,
        field: r.try_get("field")?,
        mime: r.try_get("mime")?,
        size: r.try_get("size")?,
        key_id: r.try_get("key_id")?,
        name: r.try_get("name")?,
        place: r.try_get("place")?,
    })
}

fn user(r: &AnyRow) -> Result<UserRow, sqlx::Error> {
    Ok(UserRow {
        id: r.try_get("id")?,
        email: r.try_get("email")?,
        password_hash: r.try_get("password_hash")?,
        role: r.try_get("role")?,
        failed_logins: r.try_get("failed_logins")?,
        locked_until: r.try_get("locked_until")?,
        totp_secret: r.try_get("totp_secret")?,
        must_change_password: r.try_get::<i64, _>("must_change_password")? != 0,
    })
}

/// A new lead to commit with its files and outbox rows.
#[derive(Debug)]
pub struct NewLead<'a> {
    pub row: &'a LeadRow,
    pub files: &'a [FileRow],
    pub outbox: &'a [&'a str],
    /// (file id, sealed temp file) of files kept in the database: copied
    /// into `file_chunks` a piece at a time inside the transaction.
    pub bodies: &'a [(String, std::path::PathBuf)],
}

/// Copies a sealed file into `file_chunks`, `PIECE` bytes at a time (so
/// memory holds one piece, not the file).
async fn insert_pieces(conn: &mut sqlx::AnyConnection, file_id: &str, path: &std::path::Path) -> Result<(), DbError> {
    use tokio::io::AsyncReadExt;
    let mut f = tokio::fs::File::open(path).await.map_err(sqlx::Error::Io)?;
    let mut seq: i64 = 0;
    loop {
        let mut piece = Vec::with_capacity(PIECE);
        while piece.len() < PIECE {
            let n = (&mut f).take((PIECE - piece.len()) as u64).read_to_end(&mut piece).await.map_err(sqlx::Error::Io)?;
            if n == 0 {
                break;
            }
        }
        if piece.is_empty() {
            return Ok(());
        }
        insert_piece(conn, file_id, seq, piece).await?;
        seq += 1;
    }
}

async fn insert_piece(conn: &mut sqlx::AnyConnection, file_id: &str, seq: i64, piece: Vec<u8>) -> Result<(), DbError> {
    sqlx::query("INSERT INTO file_chunks (file_id, seq, bytes) VALUES ($1, $2, $3)")
        .bind(file_id)
        .bind(seq)
        .bind(piece)
        .execute(conn)
        .await?;
    Ok(())
}

impl Db {
    /// Connects (creating an SQLite file if needed) and tunes SQLite for
    /// durability: WAL, `synchronous=FULL`, a busy timeout.
    pub async fn connect(url: &str) -> Result<Db, DbError> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else {
            return Err(DbError::Url);
        };
        let url = match backend {
            Backend::Sqlite if !url.contains("mode=") => format!("{url}{}mode=rwc", if url.contains('?') { '&' } else { '?' }),
            _ => url.to_string(),
        };
        let options = AnyPoolOptions::new()
            .max_connections(if backend == Backend::Sqlite { 8 } else { 10 })
            .acquire_timeout(Duration::from_secs(30))
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        sqlx::query("PRAGMA busy_timeout = 30000").execute(&mut *conn).await?;
                        sqlx::query("PRAGMA synchronous = FULL").execute(&mut *conn).await?;
                    }
                    Ok(())
                })
            });
        let pool = options.connect(&url).await?;
        if backend == Backend::Sqlite {
            sqlx::query("PRAGMA journal_mode = WAL").execute(&pool).await?;
        }
        let writer = (backend == Backend::Sqlite).then(Default::default);
        Ok(Db { pool, backend, writer })
    }

    /// Applies the migrations not applied yet (PostgreSQL: under an
    /// advisory lock, so two processes starting at once are safe).
    pub async fn migrate(&self) -> Result<(), DbError> {
        migrator().run(&self.pool).await?;
        Ok(())
    }

    /// On SQLite, this process's turn to write (see `Db::writer`): taken
    /// before a connection, so a write waiting its turn holds none.
    async fn writing(&self) -> Option<tokio::sync::MutexGuard<'_, ()>> {
        match &self.writer {
            Some(lock) => Some(lock.lock().await),
            None => None,
        }
    }

    /// Whether the database answers.
    pub async fn ping(&self) -> bool {
        sqlx::query("SELECT 1").execute(&self.pool).await.is_ok()
    }

    /// The id of the lead with this submission id, if stored.
    pub async fn lead_id_for_submission(&self, submission_id: &str) -> Result<Option<String>, DbError> {
        let row = sqlx::query("SELECT id FROM leads WHERE submission_id = $1").bind(submission_id).fetch_optional(&self.pool).await?;
        Ok(row.map(|r| r.try_get("id")).transpose()?)
    }

    /// Inserts the lead, its files and outbox rows in one transaction;
    /// `place_files` (renaming the files into place) runs inside it, before
    /// the commit, so a lead is never visible without its files. Any error
    /// but `InDoubt` means nothing was committed.
    pub async fn commit_lead<F>(&self, new: NewLead<'_>, place_files: F) -> Result<(), DbError>
    where
        F: std::future::Future<Output = std::io::Result<()>>,
    {
        let _writing = self.writing().await;
        let mut tx = self.pool.begin().await?;
        let l = new.row;
        sqlx::query(
            "INSERT INTO leads (id, submission_id, received_at, updated_at, status, key_id, body, notes, search) \
             VALUES ($1, $2, $3, $3, $4, $5, $6, $7, $8)",
        )
        .bind(&l.id)
        .bind(&l.submission_id)
        .bind(l.received_at)
        .bind(&l.status)
        .bind(&l.key_id)
        .bind(&l.body)
        .bind(&l.notes)
        .bind(&l.search)
        .execute(&mut *tx)
        .await?;
        for f in new.files {
            sqlx::query(&format!("INSERT INTO lead_files ({FILE_COLS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"))
                .bind(&f.id)
                .bind(&f.lead_id)
                .bind(&f.field)
                .bind(&f.mime)
                .bind(f.size)
                .bind(&f.key_id)
                .bind(&f.name)
                .bind(&f.place)
                .execute(&mut *tx)
                .await?;
        }
        for (file_id, path) in new.bodies {
            insert_pieces(&mut tx, file_id, path).await?;
        }
        for kind in new.outbox {
            sqlx::query("INSERT INTO outbox (id, lead_id, kind, created_at, next_at) VALUES ($1, $2, $3, $4, $4)")
                .bind(uuid::Uuid::new_v4().to_string())
                .bind(&l.id)
                .bind(*kind)
                .bind(l.received_at)
                .execute(&mut *tx)
                .await?;
        }
        place_files.await.map_err(sqlx::Error::Io)?;
        tx.commit().await.map_err(DbError::InDoubt)
    }

    /// A page of at most `limit` leads matching `filter`, from `from`,
    /// always returned newest first (by `received_at`, then `id`). Keyset
    /// paging: a page starts just past a lead's position, so leads that
    /// arrive or go meanwhile never shift, repeat or hide another page's.
    pub async fn page_of_leads(&self, filter: &LeadFilter, from: &Seek, limit: i64) -> Result<Vec<LeadRow>, DbError> {
        let (past, ascending) = match from {
            Seek::Newest => (None, false),
            Seek::Older(p) => (Some(("<", p)), false),
            Seek::Newer(p) => (Some((">", p)), true),
            Seek::Oldest => (None, true),
        };
        let (clause, args) = filter.clause(past);
        let order = if ascending { "ASC" } else { "DESC" };
        let sql = format!("SELECT {LEAD_COLS} FROM leads{clause} ORDER BY received_at {order}, id {order} LIMIT {}", limit.max(1));
        let rows = bind(sqlx::query(&sql), args).fetch_all(&self.pool).await?;
        let mut leads = rows.iter().map(lead).collect::<Result<Vec<_>, _>>()?;
        if ascending {
            leads.reverse();
        }
        Ok(leads)
    }

    /// How many leads match `filter` (and, given a position, how many of
    /// those are newer than it: a lead's rank in the list is that plus one).
    pub async fn count_leads(&self, filter: &LeadFilter, newer_than: Option<&Position>) -> Result<i64, DbError> {
        let (clause, args) = filter.clause(newer_than.map(|p| (">", p)));
        let row = bind(sqlx::query(&format!("SELECT COUNT(*) AS n FROM leads{clause}")), args).fetch_one(&self.pool).await?;
        Ok(row.try_get("n")?)
    }

    pub async fn lead(&self, id: &str) -> Result<Option<LeadRow>, DbError> {
        let row = sqlx::query(&format!("SELECT {LEAD_COLS} FROM leads WHERE id = $1")).bind(id).fetch_optional(&self.pool).await?;
        Ok(row.as_ref().map(lead).transpose()?)
    }

    pub async fn files(&self, lead_id: &str) -> Result<Vec<FileRow>, DbError> {
        let rows = sqlx::query(&format!("SELECT {FILE_COLS} FROM lead_files WHERE lead_id = $1 ORDER BY field"))
            .bind(lead_id)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.iter().map(file).collect::<Result<_, _>>()?)
    }

    /// Whether a stored file with this id exists (the orphan sweep).
    pub async fn file_exists(&self, id: &str) -> Result<bool, DbError> {
        Ok(sqlx::query("SELECT id FROM lead_files WHERE id = $1").bind(id).fetch_optional(&self.pool).await?.is_some())
    }

    pub async fn set_status(&self, id: &str, status: &str) -> Result<bool, DbError> {
        let r = sqlx::query("UPDATE leads SET status = $1, updated_at = $2 WHERE id = $3")
            .bind(status)
            .bind(now_ms())
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(r.rows_affected() == 1)
    }

    pub async fn set_notes(&self, id: &str, sealed: &str) -> Result<bool, DbError> {
        let r = sqlx::query("UPDATE leads SET notes = $1, updated_at = $2 WHERE id = $3")
            .bind(sealed)
            .bind(now_ms())
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(r.rows_affected() == 1)
    }

    /// Replaces a lead's sealed values and the file records' key ids
    /// (rotation), and the bytes of files kept in the database with
    /// `bodies` (file id, the file sealed anew).
    pub async fn reseal_lead(&self, l: &LeadRow, files: &[FileRow], bodies: &[(String, Vec<u8>)]) -> Result<(), DbError> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("UPDATE leads SET key_id = $1, body = $2, notes = $3, search = $4 WHERE id = $5")
            .bind(&l.key_id)
            .bind(&l.body)
            .bind(&l.notes)
            .bind(&l.search)
            .bind(&l.id)
            .execute(&mut *tx)
            .await?;
        for f in files {
            sqlx::query("UPDATE lead_files SET key_id = $1, name = $2 WHERE id = $3")
                .bind(&f.key_id)
                .bind(&f.name)
                .bind(&f.id)
                .execute(&mut *tx)
                .await?;
        }
        for (file_id, sealed) in bodies {
            sqlx::query("DELETE FROM file_chunks WHERE file_id = $1").bind(file_id).execute(&mut *tx).await?;
            for (seq, piece) in sealed.chunks(PIECE).enumerate() {
                insert_piece(&mut tx, file_id, seq as i64, piece.to_vec()).await?;
            }
        }
        tx.commit().await?;
        Ok(())
    }

    /// Piece `seq` of a file kept in the database; None after the last.
    pub async fn file_piece(&self, file_id: &str, seq: i64) -> Result<Option<Vec<u8>>, DbError> {
        let row = sqlx::query("SELECT bytes FROM file_chunks WHERE file_id = $1 AND seq = $2")
            .bind(file_id)
            .bind(seq)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|r| r.try_get("bytes")).transpose()?)
    }

    /// Deletes a lead with its file records, the bytes of its files kept
    /// in the database, and its outbox rows; returns the file records so
    /// the bytes of those in the data directory can be removed.
    pub async fn delete_lead(&self, id: &str) -> Result<Vec<FileRow>, DbError> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("DELETE FROM outbox WHERE lead_id = $1").bind(id).execute(&mut *tx).await?;
        let rows = sqlx::query(&format!("SELECT {FILE_COLS} FROM lead_files WHERE lead_id = $1")).bind(id).fetch_all(&mut *tx).await?;
        sqlx::query("DELETE FROM file_chunks WHERE file_id IN (SELECT id FROM lead_files WHERE lead_id = $1)")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM lead_files WHERE lead_id = $1").bind(id).execute(&mut *tx).await?;
        sqlx::query("DELETE FROM leads WHERE id = $1").bind(id).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(rows.iter().map(file).collect::<Result<_, _>>()?)
    }

    /// Ids of leads received before `cutoff` (ms).
    pub async fn leads_before(&self, cutoff: i64) -> Result<Vec<String>, DbError> {
        let rows = sqlx::query("SELECT id FROM leads WHERE received_at < $1").bind(cutoff).fetch_all(&self.pool).await?;
        Ok(rows.iter().map(|r| r.try_get("id")).collect::<Result<_, _>>()?)
    }

    // Users and sessions.

    pub async fn add_user(&self, email: &str, password_hash: &str, role: &str) -> Result<(), DbError> {
        sqlx::query("INSERT INTO users (id, email, password_hash, role, created_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(uuid::Uuid::new_v4().to_string())
            .bind(email)
            .bind(password_hash)
            .bind(role)
            .bind(now_ms())
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub async fn user_count(&self) -> Result<i64, DbError> {
        Ok(sqlx::query("SELECT COUNT(*) AS n FROM users").fetch_one(&self.pool).await?.try_get("n")?)
    }

    pub async fn user_by_email(&self, email: &str) -> Result<Option<UserRow>, DbError> {
        let row = sqlx::query(&format!("SELECT {USER_COLS} FROM users WHERE email = $1")).bind(email).fetch_optional(&self.pool).await?;
        Ok(row.as_ref().map(user).transpose()?)
    }

    pub async fn users(&self) -> Result<Vec<UserRow>, DbError> {
        let rows = sqlx::query(&format!("SELECT {USER_COLS} FROM users ORDER BY email")).fetch_all(&self.pool).await?;
        Ok(rows.iter().map(user).collect::<Result<_, _>>()?)
    }

    /// Removes the user `email` and ends their sessions; false if there is
    /// no such user. (The audit log keeps their e-mail in what they did.)
    pub async fn remove_user(&self, email: &str) -> Result<bool, DbError> {
        let Some(u) = self.user_by_email(email).await? else { return Ok(false) };
        sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(&u.id).execute(&self.pool).await?;
        let r = sqlx::query("DELETE FROM users WHERE id = $1").bind(&u.id).execute(&self.pool).await?;
        Ok(r.rows_affected() > 0)
    }

    /// Gives the user `email` the role `role` (`admin` or `staff`); it
    /// applies to their open sessions at once (a session reads the role).
    pub async fn set_role(&self, email: &str, role: &str) -> Result<bool, DbError> {
        let r = sqlx::query("UPDATE users SET role = $1 WHERE email = $2").bind(role).bind(email).execute(&self.pool).await?;
        Ok(r.rows_affected() > 0)
    }

    /// Lifts a lockout after failed sign-ins.
    pub async fn unlock_user(&self, email: &str) -> Result<bool, DbError> {
        let r =
            sqlx::query("UPDATE users SET failed_logins = 0, locked_until = 0 WHERE email = $1").bind(email).execute(&self.pool).await?;
        Ok(r.rows_affected() > 0)
    }

    /// Gives the user `email` a password an admin chose (a one-time value:
    /// they must choose their own at the next sign-in), lifts a lockout and
    /// ends their sessions; false if there is no such user.
    pub async fn reset_password(&self, email: &str, password_hash: &str) -> Result<bool, DbError> {
        let mut tx = self.pool.begin().await?;
        let r = sqlx::query(
            "UPDATE users SET password_hash = $1, must_change_password = 1, failed_logins = 0, locked_until = 0 WHERE email = $2",
        )
        .bind(password_hash)
        .bind(email)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE email = $1)").bind(email).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(r.rows_affected() > 0)
    }

    /// Sets a user's own new password and ends their other sessions (all
    /// but the one with `keep_session`).
    pub async fn change_password(&self, user_id: &str, password_hash: &str, keep_session: &str) -> Result<(), DbError> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("UPDATE users SET password_hash = $1, must_change_password = 0 WHERE id = $2")
            .bind(password_hash)
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2")
            .bind(user_id)
            .bind(keep_session)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Records a failed sign-in; locks the account for `lock_ms` when the
    /// failures reach `max`. Returns whether it is now locked.
    pub async fn login_failed(&self, id: &str, max: i64, lock_ms: i64) -> Result<bool, DbError> {
        let row = sqlx::query("UPDATE users SET failed_logins = failed_logins + 1 WHERE id = $1 RETURNING failed_logins")
            .bind(id)
            .fetch_one(&self.pool)
            .await?;
        let failed: i64 = row.try_get("failed_logins")?;
        if failed >= max {
            sqlx::query("UPDATE users SET failed_logins = 0, locked_until = $1 WHERE id = $2")
                .bind(now_ms() + lock_ms)
                .bind(id)
                .execute(&self.pool)
                .await?;
            return Ok(true);
        }
        Ok(false)
    }

    pub async fn set_totp(&self, user_id: &str, sealed: &str) -> Result<(), DbError> {
        sqlx::query("UPDATE users SET totp_secret = $1 WHERE id = $2").bind(sealed).bind(user_id).execute(&self.pool).await?;
        Ok(())
    }

    pub async fn login_succeeded(&self, id: &str) -> Result<(), DbError> {
        sqlx::query("UPDATE users SET failed_logins = 0, locked_until = 0 WHERE id = $1").bind(id).execute(&self.pool).await?;
        Ok(())
    }

    pub async fn create_session(&self, token_hash: &str, user_id: &str, csrf: &str) -> Result<(), DbError> {
        let now = now_ms();
        sqlx::query("INSERT INTO sessions (token_hash, user_id, csrf, created_at, last_seen) VALUES ($1, $2, $3, $4, $4)")
            .bind(token_hash)
            .bind(user_id)
            .bind(csrf)
            .bind(now)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub async fn session(&self, token_hash: &str) -> Result<Option<SessionRow>, DbError> {
        let row = sqlx::query(
            "SELECT u.id, u.email, u.password_hash, u.role, u.failed_logins, u.locked_until, u.totp_secret, u.must_change_password, \
             s.csrf, s.created_at, s.last_seen \
             FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1",
        )
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?;
        let Some(r) = row else { return Ok(None) };
        Ok(Some(SessionRow {
            user: user(&r)?,
            csrf: r.try_get("csrf")?,
            created_at: r.try_get("created_at")?,
            last_seen: r.try_get("last_seen")?,
        }))
    }

    pub async fn touch_session(&self, token_hash: &str) -> Result<(), DbError> {
        sqlx::query("UPDATE sessions SET last_seen = $1 WHERE token_hash = $2").bind(now_ms()).bind(token_hash).execute(&self.pool).await?;
        Ok(())
    }

    pub async fn delete_session(&self, token_hash: &str) -> Result<(), DbError> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1").bind(token_hash).execute(&self.pool).await?;
        Ok(())
    }

    /// Removes sessions idle since before `idle_cutoff` or created before `max_cutoff`.
    pub async fn expire_sessions(&self, idle_cutoff: i64, max_cutoff: i64) -> Result<(), DbError> {
        sqlx::query("DELETE FROM sessions WHERE last_seen < $1 OR created_at < $2")
            .bind(idle_cutoff)
            .bind(max_cutoff)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    // Audit.

    pub async fn audit(&self, actor: &str, action: &str, lead_id: Option<&str>, detail: &str) -> Result<(), DbError> {
        sqlx::query("INSERT INTO audit (id, at, actor, action, lead_id, detail) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(uuid::Uuid::now_v7().to_string())
            .bind(now_ms())
            .bind(actor)
            .bind(action)
            .bind(lead_id)
            .bind(detail)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub async fn audit_log(&self, limit: i64) -> Result<Vec<AuditRow>, DbError> {
        let rows =
            sqlx::query(&format!("SELECT at, actor, action, lead_id, detail FROM audit ORDER BY at DESC, id DESC LIMIT {}", limit.max(1)))
                .fetch_all(&self.pool)
                .await?;
        rows.iter()
            .map(|r| {
                Ok(AuditRow {
                    at: r.try_get("at")?,
                    actor: r.try_get("actor")?,
                    action: r.try_get("action")?,
                    lead_id: r.try_get("lead_id")?,
                    detail: r.try_get("detail")?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(DbError::from)
    }

    // Outbox.

    /// Claims up to `limit` due rows for `lease_ms`, so another worker (in
    /// this or another process) skips them: `FOR UPDATE SKIP LOCKED` on
    /// PostgreSQL; on SQLite the single writer makes the UPDATE atomic.
    pub async fn claim_outbox(&self, limit: i64, lease_ms: i64) -> Result<Vec<OutboxRow>, DbError> {
        let now = now_ms();
        let lock = if self.backend == Backend::Postgres { "FOR UPDATE SKIP LOCKED" } else { "" };
        let sql = format!(
            "UPDATE outbox SET claimed_until = $1, attempts = attempts + 1 WHERE id IN \
             (SELECT id FROM outbox WHERE delivered_at IS NULL AND next_at <= $2 AND claimed_until < $2 ORDER BY next_at LIMIT {} {lock}) \
             RETURNING id, lead_id, kind, attempts",
            limit.max(1)
        );
        let _writing = self.writing().await;
        let rows = sqlx::query(&sql).bind(now + lease_ms).bind(now).fetch_all(&self.pool).await?;
        rows.iter()
            .map(|r| {
                Ok(OutboxRow {
                    id: r.try_get("id")?,
                    lead_id: r.try_get("lead_id")?,
                    kind: r.try_get("kind")?,
                    attempts: r.try_get("attempts")?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(DbError::from)
    }

    pub async fn outbox_delivered(&self, id: &str) -> Result<(), DbError> {
        sqlx::query("UPDATE outbox SET delivered_at = $1, last_error = NULL WHERE id = $2")
            .bind(now_ms())
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub async fn outbox_failed(&self, id: &str, next_at: i64, error: &str) -> Result<(), DbError> {
        sqlx::query("UPDATE outbox SET next_at = $1, claimed_until = 0, last_error = $2 WHERE id = $3")
            .bind(next_at)
            .bind(error)
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
