//! Test harness: starts the real `pfs-inbox` binary on a free port with a
//! fresh data folder and key, on SQLite or on a fresh database of the real
//! PostgreSQL that scripts/test.sh starts (`PFS_TEST_PG`), or of a cluster
//! of the test's own (`PgCluster`); posts leads the way the widget does;
//! signs staff in through the real pages. Invariant: every process a test
//! starts runs in a process group of its own that is killed when its
//! handle drops, so also when the test fails (a panic unwinds through it).
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

pub const BIN: &str = env!("CARGO_BIN_EXE_pfs-inbox");
pub const ORIGIN: &str = "http://site.example";
pub const PASSWORD: &str = "a long test password";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Runs `$body(backend)` once on SQLite and once on PostgreSQL.
#[macro_export]
macro_rules! both {
    ($($name:ident),* $(,)?) => {
        $(mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn sqlite() {
                super::$name($crate::common::Backend::Sqlite).await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn postgres() {
                if $crate::common::pg_base().is_none() {
                    eprintln!("SKIPPED: PFS_TEST_PG is not set (scripts/test.sh starts PostgreSQL and sets it)");
                    return;
                }
                super::$name($crate::common::Backend::Postgres).await
            }
        })*
    };
}

/// Where the inbox keeps card files (`--files`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Files {
    Directory,
    Database,
}

/// Runs `$body(backend, files)` on SQLite and PostgreSQL, each with card
/// files in the data directory and in the database.
#[macro_export]
macro_rules! every_store {
    ($($name:ident),* $(,)?) => {
        $(mod $name {
            use $crate::common::{Backend, Files};
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn sqlite() {
                super::$name(Backend::Sqlite, Files::Directory).await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn sqlite_files_in_database() {
                super::$name(Backend::Sqlite, Files::Database).await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn postgres() {
                if $crate::common::pg_base().is_none() {
                    eprintln!("SKIPPED: PFS_TEST_PG is not set (scripts/test.sh starts PostgreSQL and sets it)");
                    return;
                }
                super::$name(Backend::Postgres, Files::Directory).await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn postgres_files_in_database() {
                if $crate::common::pg_base().is_none() {
                    eprintln!("SKIPPED: PFS_TEST_PG is not set (scripts/test.sh starts PostgreSQL and sets it)");
                    return;
                }
                super::$name(Backend::Postgres, Files::Database).await
            }
        })*
    };
}

pub fn pg_base() -> Option<String> {
    std::env::var("PFS_TEST_PG").ok().filter(|s| !s.is_empty())
}

/// A new, empty database of the PostgreSQL of scripts/test.sh; its URL.
pub async fn fresh_pg() -> String {
    fresh_pg_in(&pg_base().expect("PFS_TEST_PG")).await
}

/// A new, empty database of the PostgreSQL at `base`; its URL.
pub async fn fresh_pg_in(base: &str) -> String {
    use sqlx::Executor;
    let name = format!("t_{}", uuid::Uuid::new_v4().simple());
    let mut conn = <sqlx::PgConnection as sqlx::Connection>::connect(base).await.expect("connect to PostgreSQL");
    conn.execute(format!("CREATE DATABASE {name}").as_str()).await.expect("create database");
    let (prefix, _) = base.rsplit_once('/').expect("a database in the URL");
    format!("{prefix}/{name}")
}

/// A child process in a process group of its own, killed (the whole
/// group, `kill -9`) when dropped; and killed by the kernel should the test
/// process die first (`kill -9` of the test run: no drop runs then).
pub struct Group(Option<Child>);

impl Group {
    /// Spawns `cmd` as the leader of a new process group. Call it from the
    /// test's own thread (the test body): the kernel's parent-death signal
    /// follows the thread that spawned.
    pub fn spawn(cmd: &mut Command) -> std::io::Result<Group> {
        // SAFETY: prctl is async-signal-safe, and the closure allocates nothing.
        #[allow(unsafe_code)]
        unsafe {
            cmd.pre_exec(|| {
                if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        cmd.process_group(0).spawn().map(|c| Group(Some(c)))
    }

    pub fn child(&mut self) -> &mut Child {
        self.0.as_mut().expect("a running child")
    }

    pub fn id(&self) -> u32 {
        self.0.as_ref().map_or(0, Child::id)
    }

    /// `kill -9` of the group, then reaps the leader.
    pub fn kill(&mut self) {
        if let Some(mut c) = self.0.take() {
            let _ = Command::new("kill").args(["-KILL", "--", &format!("-{}", c.id())]).status();
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

impl Drop for Group {
    fn drop(&mut self) {
        self.kill();
    }
}

/// A throwaway PostgreSQL cluster of a test's own (scripts/inbox-pg.sh), for
/// a test that restarts it without disturbing the others. The server
/// detaches into a session of its own, so it is stopped by its data folder
/// when this drops; scripts/test.sh's EXIT trap stops it too should the test
/// process itself be killed.
pub struct PgCluster {
    /// `postgres://...` of its `postgres` database.
    pub url: String,
    data: String,
}

const PG_SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../scripts/inbox-pg.sh");

impl PgCluster {
    pub fn start() -> PgCluster {
        let out = Command::new("bash").args([PG_SCRIPT, "start"]).stderr(Stdio::inherit()).output().expect("run inbox-pg.sh");
        assert!(out.status.success(), "inbox-pg.sh start failed");
        let line = String::from_utf8_lossy(&out.stdout);
        let value = |key: &str| {
            line.split_whitespace().find_map(|w| w.strip_prefix(key)).unwrap_or_else(|| panic!("no {key} in {line:?}")).to_string()
        };
        PgCluster { url: value("PFS_TEST_PG="), data: value("PFS_TEST_PGDATA=") }
    }

    /// Restarts the server on the same port: `fast` (connections are ended
    /// cleanly) or `immediate` (as a crash: recovery from the WAL).
    pub fn restart(&self, mode: &str) {
        let status = Command::new("bash").args([PG_SCRIPT, "restart", &self.data, mode]).status().expect("run inbox-pg.sh");
        assert!(status.success(), "inbox-pg.sh restart {mode} failed");
    }
}

impl Drop for PgCluster {
    fn drop(&mut self) {
        let _ = Command::new("bash").args([PG_SCRIPT, "stop", &self.data]).status();
    }
}

/// A running inbox process and its folders.
pub struct Inbox {
    pub url: String,
    pub dir: tempfile::TempDir,
    pub database: String,
    pub data: PathBuf,
    pub key_file: PathBuf,
    pub extra: Vec<String>,
    /// Where card files are kept (`--files`).
    pub files: Files,
    child: Option<Group>,
    /// Each start's log, for the data-at-rest check.
    pub logs: Vec<PathBuf>,
}

pub fn run(args: &[&str], stdin: &str) -> std::process::Output {
    use std::io::Write;
    let mut child =
        Command::new(BIN).args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("run pfs-inbox");
    child.stdin.take().expect("stdin").write_all(stdin.as_bytes()).expect("write stdin");
    child.wait_with_output().expect("wait")
}

impl Inbox {
    /// A new inbox with an admin `admin@test.example` and a staff member
    /// `staff@test.example` (password `PASSWORD`).
    pub async fn start(backend: Backend, extra: &[&str]) -> Inbox {
        let dir = tempfile::tempdir().expect("temp dir");
        let data = dir.path().join("data");
        let database = match backend {
            Backend::Sqlite => format!("sqlite://{}", data.join("inbox.db").display()),
            Backend::Postgres => fresh_pg().await,
        };
        Inbox::start_on(dir, database, extra)
    }

    /// `start` with card files kept in `files` (`--files`).
    pub async fn start_files(backend: Backend, files: Files, extra: &[&str]) -> Inbox {
        let mut args = extra.to_vec();
        if files == Files::Database {
            args.extend(["--files", "database"]);
        }
        let mut inbox = Inbox::start(backend, &args).await;
        inbox.files = files;
        inbox
    }

    /// `start` on a database URL of the caller's.
    pub async fn start_with_database(database: String, extra: &[&str]) -> Inbox {
        Inbox::start_on(tempfile::tempdir().expect("temp dir"), database, extra)
    }

    fn start_on(dir: tempfile::TempDir, database: String, extra: &[&str]) -> Inbox {
        let data = dir.path().join("data");
        let key_file = dir.path().join("inbox.key");
        let out = run(&["key", "generate", "--key-file", key_file.to_str().expect("utf-8 path")], "");
        assert!(out.status.success(), "key generate: {}", String::from_utf8_lossy(&out.stderr));
        let mut inbox = Inbox {
            url: String::new(),
            dir,
            database,
            data,
            key_file,
            extra: extra.iter().map(|s| s.to_string()).collect(),
            files: Files::Directory,
            child: None,
            logs: Vec::new(),
        };
        inbox.add_user("admin@test.example", true);
        inbox.add_user("staff@test.example", false);
        inbox.spawn();
        inbox
    }

    /// Another process on the same database, data folder and key.
    pub fn sibling(&self, extra: &[&str]) -> Inbox {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut other = Inbox {
            url: String::new(),
            dir,
            database: self.database.clone(),
            data: self.data.clone(),
            key_file: self.key_file.clone(),
            extra: extra.iter().map(|s| s.to_string()).collect(),
            files: self.files,
            child: None,
            logs: Vec::new(),
        };
        other.spawn();
        other
    }

    pub fn store_args(&self) -> Vec<String> {
        vec!["--database".into(), self.database.clone(), "--data".into(), self.data.display().to_string()]
    }

    pub fn add_user(&self, email: &str, admin: bool) {
        let mut args = vec!["user".to_string(), "add".into(), email.into(), "--password-stdin".into()];
        if admin {
            args.push("--admin".into());
        }
        args.extend(self.store_args());
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = run(&args, &format!("{PASSWORD}\n"));
        assert!(out.status.success(), "user add: {}", String::from_utf8_lossy(&out.stderr));
    }

    /// Starts the server process and waits for its address.
    pub fn spawn(&mut self) {
        let log = self.dir.path().join(format!("server-{}.log", self.logs.len()));
        let mut args: Vec<String> = vec!["serve".into(), "--listen".into(), "127.0.0.1:0".into()];
        args.extend(self.store_args());
        args.extend([
            "--key-file".into(),
            self.key_file.display().to_string(),
            "--allow-origin".into(),
            ORIGIN.into(),
            "--insecure-cookies".into(),
        ]);
        args.extend(self.extra.iter().cloned());
        let mut child = Group::spawn(
            Command::new(BIN)
                .args(&args)
                .env("RUST_LOG", "info")
                .stdout(Stdio::piped())
                .stderr(std::fs::File::create(&log).expect("log file")),
        )
        .expect("start pfs-inbox");
        let mut line = String::new();
        BufReader::new(child.child().stdout.take().expect("stdout")).read_line(&mut line).expect("read the address");
        let url = line
            .trim()
            .strip_prefix("pfs-inbox listening on ")
            .unwrap_or_else(|| panic!("no address; log: {}", std::fs::read_to_string(&log).unwrap_or_default()))
            .to_string();
        self.url = url;
        self.child = Some(child);
        self.logs.push(log);
    }

    /// `kill -9`: no chance to clean up.
    pub fn kill9(&mut self) {
        if let Some(mut c) = self.child.take() {
            c.kill();
        }
    }

    pub fn restart(&mut self) {
        self.kill9();
        self.spawn();
    }

    pub fn pid(&self) -> u32 {
        self.child.as_ref().map_or(0, Group::id)
    }

    /// The WARN and ERROR lines of every start's log, for a failure's message.
    pub fn warnings(&self) -> String {
        let text: String = self.logs.iter().filter_map(|l| std::fs::read_to_string(l).ok()).collect();
        text.lines().filter(|l| l.contains("WARN") || l.contains("ERROR")).collect::<Vec<_>>().join("\n")
    }

    pub fn leads_url(&self) -> String {
        format!("{}/leads", self.url)
    }

    /// Every file under the data folder (and the SQLite files), recursively.
    pub fn data_files(&self) -> Vec<PathBuf> {
        fn walk(p: &Path, out: &mut Vec<PathBuf>) {
            if let Ok(rd) = std::fs::read_dir(p) {
                for e in rd.flatten() {
                    let path = e.path();
                    if path.is_dir() {
                        walk(&path, out);
                    } else {
                        out.push(path);
                    }
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.data, &mut out);
        out
    }

    /// Stored card files (in files/, and with `Files::Database` the files
    /// with pieces in the database) and temp files (in tmp/, the lock files aside).
    pub fn stored_and_temp(&self) -> (usize, usize) {
        let files: Vec<PathBuf> = self.data_files().iter().filter_map(|p| p.strip_prefix(&self.data).ok().map(Path::to_path_buf)).collect();
        let mut stored = files.iter().filter(|p| p.starts_with("files")).count();
        let temp = files.iter().filter(|p| p.starts_with("tmp") && !p.ends_with("lock")).count();
        if self.files == Files::Database {
            stored += self.files_in_database();
        }
        (stored, temp)
    }

    /// How many files have pieces in the database (asked from a thread of
    /// its own, so the callers, in a test's runtime or not, stay plain functions).
    pub fn files_in_database(&self) -> usize {
        let url = self.database.clone();
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
            rt.block_on(async move {
                use sqlx::{Connection, Row};
                sqlx::any::install_default_drivers();
                let mut c = sqlx::AnyConnection::connect(&url).await.expect("connect");
                let row = sqlx::query("SELECT COUNT(DISTINCT file_id) AS n FROM file_chunks").fetch_one(&mut c).await.expect("count");
                let n: i64 = row.try_get("n").expect("n");
                let _ = c.close().await;
                n as usize
            })
        })
        .join()
        .expect("the count")
    }
}

/// A lead to store straight into the database (`Inbox::seed`).
#[derive(Debug, Clone)]
pub struct Seed {
    pub name: String,
    pub phone: String,
    pub status: &'static str,
    pub received_at: i64,
}

impl Inbox {
    /// Stores `leads` in one transaction, sealed with the inbox's key and
    /// indexed for search as the receiver does it (crypto's `seal`,
    /// `index_words`, `blind`), without HTTP: a thousand leads in about a
    /// second, where posting them would take a minute. Their ids, in order.
    pub async fn seed(&self, leads: &[Seed]) -> Vec<String> {
        use pfs_inbox::crypto::{index_words, Keyring};
        use sqlx::Connection;
        let keys = Keyring::load(&self.key_file).expect("the inbox's key");
        sqlx::any::install_default_drivers();
        let mut c = sqlx::AnyConnection::connect(&self.database).await.expect("connect");
        let mut tx = c.begin().await.expect("begin");
        let mut ids = Vec::new();
        for l in leads {
            let id = uuid::Uuid::new_v4().to_string();
            let submission = format!("seed-{id}");
            let body = lead_json(&submission, &l.name, &l.phone);
            let words: Vec<String> = index_words(&l.name, &l.phone, "").iter().map(|w| keys.blind(w)).collect();
            sqlx::query(
                "INSERT INTO leads (id, submission_id, received_at, updated_at, status, key_id, body, notes, search) \
                 VALUES ($1, $2, $3, $3, $4, $5, $6, NULL, $7)",
            )
            .bind(&id)
            .bind(&submission)
            .bind(l.received_at)
            .bind(l.status)
            .bind(keys.current_id().to_string())
            .bind(keys.seal(body.as_bytes(), &id))
            .bind(format!(" {} ", words.join(" ")))
            .execute(&mut *tx)
            .await
            .expect("insert a lead");
            ids.push(id);
        }
        tx.commit().await.expect("commit");
        let _ = c.close().await;
        ids
    }
}

/// (lead id, name) of every lead in a page of the list, in its order.
pub fn listed(html: &str) -> Vec<(String, String)> {
    html.split("<a href=\"/inbox/leads/")
        .skip(1)
        .filter_map(|s| {
            let (id, rest) = s.split_once("\">")?;
            let name = rest.split("</a>").next()?;
            Some((id.to_string(), name.to_string()))
        })
        .collect()
}

/// The target of the link whose text is `text` in a page (unescaped), if any.
pub fn link(html: &str, text: &str) -> Option<String> {
    let end = html.find(&format!(">{text}</a>"))?;
    let tag = &html[html[..end].rfind("<a ")?..end];
    let href = tag.split("href=\"").nth(1)?.split('"').next()?;
    Some(unescape(href))
}

/// A plain HTTP client (no redirects followed, no cookies).
pub fn client() -> reqwest::Client {
    reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("client")
}

/// The lead JSON the widget sends.
pub fn lead_json(id: &str, name: &str, phone: &str) -> String {
    serde_json::json!({
        "submission_id": id, "locale": "en", "page": "https://site.example/article",
        "contact": { "name": name, "phone": phone, "email": "", "preferred": "call", "best_time": "mornings", "who": "myself", "insurance": "Acme Health", "message": "Hello" },
        "consent": { "text": "I agree to be contacted.", "time": "2026-12-01T10:00:00Z" },
        "files": [],
        "config_version": 1,
        "screening": { "outcome": { "id": "fit", "title": "Likely a good fit" }, "answers": [ { "question": "Who is this for?", "answer": ["Myself"] } ] },
        "attribution": { "utm_source": "newsletter" }
    })
    .to_string()
}

/// A JPEG-looking file of `len` bytes whose content depends on `seed`.
pub fn jpeg(len: usize, seed: u64) -> Vec<u8> {
    let mut out = vec![0xFF, 0xD8, 0xFF, 0xE0];
    let mut x = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    while out.len() < len {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        out.extend_from_slice(&x.to_le_bytes());
    }
    out.truncate(len.max(4));
    out
}

pub fn png(len: usize, seed: u64) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    out.extend(jpeg(len.saturating_sub(8), seed));
    out
}

/// A multipart form like the widget's: the lead, then the cards.
pub fn form(lead: &str, cards: &[(&str, &str, Vec<u8>)]) -> reqwest::multipart::Form {
    let mut f = reqwest::multipart::Form::new().text("lead", lead.to_string());
    for (field, name, bytes) in cards {
        f = f.part(
            field.to_string(),
            reqwest::multipart::Part::bytes(bytes.clone()).file_name(name.to_string()).mime_str("image/jpeg").expect("mime"),
        );
    }
    f
}

/// Posts a lead from the allowed origin; (status, headers, body).
pub async fn post(inbox: &Inbox, lead: &str, cards: &[(&str, &str, Vec<u8>)]) -> (u16, reqwest::header::HeaderMap, String) {
    let r = client().post(inbox.leads_url()).header("origin", ORIGIN).multipart(form(lead, cards)).send().await.expect("post");
    let status = r.status().as_u16();
    let headers = r.headers().clone();
    (status, headers, r.text().await.unwrap_or_default())
}

pub fn json(body: &str) -> serde_json::Value {
    serde_json::from_str(body).unwrap_or_else(|_| panic!("not JSON: {body}"))
}

/// A signed-in staff member's cookies and CSRF token.
pub struct Session {
    pub base: String,
    pub cookie: String,
    pub csrf: String,
}

/// The value of `name="csrf" value="..."` in a page.
pub fn csrf_in(html: &str) -> String {
    let at = html.find("name=\"csrf\" value=\"").expect("a csrf field") + "name=\"csrf\" value=\"".len();
    html[at..].split('"').next().unwrap_or_default().to_string()
}

pub fn set_cookie(r: &reqwest::Response, name: &str) -> Option<String> {
    r.headers().get_all("set-cookie").iter().filter_map(|v| v.to_str().ok()).find(|v| v.starts_with(&format!("{name}="))).map(String::from)
}

/// Signs in through the real form; the answer's status and the session (if any).
pub async fn sign_in(base: &str, email: &str, password: &str) -> (u16, Option<Session>) {
    sign_in_with_code(base, email, password, "").await
}

/// Signs in with a TOTP code too.
pub async fn sign_in_with_code(base: &str, email: &str, password: &str, code: &str) -> (u16, Option<Session>) {
    let c = client();
    let page = c.get(format!("{base}/inbox/login")).send().await.expect("login page");
    let login_cookie = set_cookie(&page, "pfs_login").expect("login cookie");
    let login_cookie = login_cookie.split(';').next().unwrap_or_default().to_string();
    let csrf = csrf_in(&page.text().await.unwrap_or_default());
    let r = c
        .post(format!("{base}/inbox/login"))
        .header("cookie", &login_cookie)
        .form(&[("csrf", csrf.as_str()), ("email", email), ("password", password), ("code", code)])
        .send()
        .await
        .expect("sign in");
    let status = r.status().as_u16();
    let Some(session) = set_cookie(&r, "pfs_session") else { return (status, None) };
    let cookie = session.split(';').next().unwrap_or_default().to_string();
    // The inbox's home page, or the page it sends to first (a second factor
    // to set up, a one-time password to replace).
    let mut home = c.get(format!("{base}/inbox")).header("cookie", &cookie).send().await.expect("inbox");
    if home.status() == 303 {
        let to = home.headers().get("location").and_then(|v| v.to_str().ok()).unwrap_or("/inbox/account").to_string();
        home = c.get(format!("{base}{to}")).header("cookie", &cookie).send().await.expect("the page sent to");
    }
    let csrf = csrf_in(&home.text().await.unwrap_or_default());
    (status, Some(Session { base: base.to_string(), cookie, csrf }))
}

pub async fn staff(inbox: &Inbox, admin: bool) -> Session {
    let email = if admin { "admin@test.example" } else { "staff@test.example" };
    let (status, s) = sign_in(&inbox.url, email, PASSWORD).await;
    s.unwrap_or_else(|| panic!("sign-in answered {status}"))
}

impl Session {
    pub async fn get(&self, path: &str) -> reqwest::Response {
        client().get(format!("{}{path}", self.base)).header("cookie", &self.cookie).send().await.expect("get")
    }

    pub async fn text(&self, path: &str) -> (u16, String) {
        let r = self.get(path).await;
        (r.status().as_u16(), r.text().await.unwrap_or_default())
    }

    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        client().post(format!("{}{path}", self.base)).header("cookie", &self.cookie).form(fields).send().await.expect("post")
    }

    /// The leads in the CSV export (header row excluded).
    pub async fn csv_rows(&self) -> Vec<String> {
        let (status, body) = self.text("/inbox/export.csv").await;
        assert_eq!(status, 200, "export");
        body.split("\r\n").skip(1).filter(|l| !l.is_empty()).map(String::from).collect()
    }

    /// (lead id, name) of every lead in the list, newest first (every
    /// page of it, following "Older leads").
    pub async fn lead_ids(&self) -> Vec<(String, String)> {
        let mut at = "/inbox".to_string();
        let mut leads = Vec::new();
        loop {
            let (_, html) = self.text(&at).await;
            leads.extend(listed(&html));
            match link(&html, "Older leads") {
                Some(next) => at = next,
                None => return leads,
            }
        }
    }
}

pub fn sha256(b: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(b).iter().map(|x| format!("{x:02x}")).collect()
}

/// The text of escaped HTML, for checking what a page shows.
pub fn unescape(html: &str) -> String {
    html.replace("&#x2f;", "/")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}
