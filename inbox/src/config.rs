//! The command line and its environment variables, parsed by clap and
//! checked once into `Settings`. Invariant: a bad setting stops the
//! process at start with a message naming the flag; nothing later in the
//! server re-reads the environment.

use crate::crypto::Keyring;
use clap::{Args, Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::time::Duration;

#[derive(Debug, Parser)]
#[command(
    name = "pfs-inbox",
    version,
    about = "The lead inbox for the program-fit screener: receives leads, stores them encrypted, shows them to staff."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Runs the receiver and the inbox pages.
    Serve(Box<ServeArgs>),
    /// Applies the database migrations and exits.
    Migrate(StoreArgs),
    /// Deletes leads older than the retention period, with their files.
    Purge {
        #[command(flatten)]
        store: StoreArgs,
        /// Days a lead is kept.
        #[arg(long, env = "PFS_INBOX_RETENTION_DAYS", default_value_t = 90)]
        retention_days: u32,
    },
    /// Manages staff accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Creates or rotates the encryption key.
    #[command(subcommand)]
    Key(KeyCommand),
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Adds a staff member; the password is read from standard input.
    Add {
        email: String,
        /// Read the password from standard input (the only way, so it never shows in `ps`).
        #[arg(long, required = true)]
        password_stdin: bool,
        /// An admin also sees the audit log and manages users.
        #[arg(long)]
        admin: bool,
        #[command(flatten)]
        store: StoreArgs,
    },
}

#[derive(Debug, Subcommand)]
pub enum KeyCommand {
    /// Writes a new key file (refuses to overwrite one).
    Generate {
        #[arg(long, env = "PFS_INBOX_KEY_FILE")]
        key_file: PathBuf,
    },
    /// Adds a new key to the key file and re-encrypts every lead and file with it.
    Rotate {
        #[arg(long, env = "PFS_INBOX_KEY_FILE")]
        key_file: PathBuf,
        #[command(flatten)]
        store: StoreArgs,
    },
}

#[derive(Debug, Clone, Args)]
pub struct StoreArgs {
    /// sqlite://PATH or postgres://... (default: sqlite in the data directory).
    #[arg(long, env = "PFS_INBOX_DATABASE")]
    pub database: Option<String>,
    /// Where encrypted files (and the default SQLite database) live.
    #[arg(long, env = "PFS_INBOX_DATA", default_value = "inbox-data")]
    pub data: PathBuf,
}

impl StoreArgs {
    /// The database URL: the one given, or `inbox.db` in the data directory.
    pub fn database_url(&self) -> String {
        self.database.clone().unwrap_or_else(|| format!("sqlite://{}", self.data.join("inbox.db").display()))
    }
}

#[derive(Debug, Clone, Args)]
pub struct KeyArgs {
    /// The key file (outside the data directory); or the key itself in PFS_INBOX_KEY.
    #[arg(long, env = "PFS_INBOX_KEY_FILE")]
    pub key_file: Option<PathBuf>,
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address to listen on (port 0 picks a free one; the address is printed).
    #[arg(long, env = "PFS_INBOX_LISTEN", default_value = "127.0.0.1:8787")]
    pub listen: String,
    #[command(flatten)]
    pub store: StoreArgs,
    #[command(flatten)]
    pub key: KeyArgs,
    /// A site origin allowed to post leads (repeat, or comma-separated in the variable).
    #[arg(long = "allow-origin", env = "PFS_INBOX_ALLOW_ORIGIN", value_delimiter = ',')]
    pub allow_origin: Vec<String>,
    /// The inbox's public address, for links in e-mails (e.g. https://inbox.example.org).
    #[arg(long, env = "PFS_INBOX_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// Also serve this folder's files at / (the demo article).
    #[arg(long, env = "PFS_INBOX_SITE")]
    pub site: Option<PathBuf>,
    /// Send cookies without `Secure` (only for plain-http local testing).
    #[arg(long, env = "PFS_INBOX_INSECURE_COOKIES")]
    pub insecure_cookies: bool,
    /// A session ends after this many seconds without a request.
    #[arg(long, env = "PFS_INBOX_SESSION_IDLE_SECS", default_value_t = 30 * 60)]
    pub session_idle_secs: u64,
    /// A session ends this many seconds after sign-in, whatever happens.
    #[arg(long, env = "PFS_INBOX_SESSION_MAX_SECS", default_value_t = 12 * 3600)]
    pub session_max_secs: u64,
    /// Failed sign-ins in a row that lock an account.
    #[arg(long, env = "PFS_INBOX_LOCKOUT_FAILURES", default_value_t = 5)]
    pub lockout_failures: u32,
    /// How long a locked account stays locked.
    #[arg(long, env = "PFS_INBOX_LOCKOUT_SECS", default_value_t = 15 * 60)]
    pub lockout_secs: u64,
    /// Days a lead is kept before the purge deletes it.
    #[arg(long, env = "PFS_INBOX_RETENTION_DAYS", default_value_t = 90)]
    pub retention_days: u32,
    /// An upload that sends nothing for this long is cut off.
    #[arg(long, env = "PFS_INBOX_READ_TIMEOUT_SECS", default_value_t = 30)]
    pub read_timeout_secs: u64,
    /// SMTP server for new-lead e-mails: smtp://HOST:PORT (plain, for a local relay).
    #[arg(long, env = "PFS_INBOX_SMTP_URL")]
    pub smtp_url: Option<String>,
    /// Sender address of the e-mails.
    #[arg(long, env = "PFS_INBOX_MAIL_FROM", default_value = "inbox@localhost")]
    pub mail_from: String,
    /// Who is told of each new lead (repeat, or comma-separated).
    #[arg(long, env = "PFS_INBOX_NOTIFY", value_delimiter = ',')]
    pub notify: Vec<String>,
    /// One webhook that receives each new lead (a signed JSON POST).
    #[arg(long, env = "PFS_INBOX_WEBHOOK_URL")]
    pub webhook_url: Option<String>,
    /// The webhook's HMAC-SHA256 secret (required with --webhook-url).
    #[arg(long, env = "PFS_INBOX_WEBHOOK_SECRET", hide_env_values = true)]
    pub webhook_secret: Option<String>,
    /// Send the whole lead (health information) to the webhook: only for a receiver under a BAA.
    #[arg(long, env = "PFS_INBOX_WEBHOOK_FULL_LEAD")]
    pub webhook_full_lead: bool,
    /// Every user must set up a TOTP second factor before using the inbox.
    #[arg(long, env = "PFS_INBOX_REQUIRE_TOTP")]
    pub require_totp: bool,
    /// Seconds a client is told to wait (`Retry-After`) when storage refuses a lead.
    #[arg(long, env = "PFS_INBOX_RETRY_AFTER_SECS", default_value_t = 5)]
    pub retry_after_secs: u32,
    /// How often the outbox worker looks for due deliveries (ms).
    #[arg(long, env = "PFS_INBOX_OUTBOX_INTERVAL_MS", default_value_t = 1000)]
    pub outbox_interval_ms: u64,
}

/// Checked settings of `serve`.
#[derive(Debug, Clone)]
pub struct Settings {
    pub listen: String,
    pub database_url: String,
    pub data: PathBuf,
    pub allow_origins: Vec<String>,
    pub public_url: String,
    pub site: Option<PathBuf>,
    pub secure_cookies: bool,
    pub session_idle: Duration,
    pub session_max: Duration,
    pub lockout_failures: u32,
    pub lockout: Duration,
    pub retention_days: u32,
    pub read_timeout: Duration,
    pub smtp: Option<(String, u16)>,
    pub mail_from: String,
    pub notify: Vec<String>,
    pub webhook: Option<(String, String)>,
    pub webhook_full_lead: bool,
    pub outbox_interval: Duration,
    pub require_totp: bool,
    /// `Retry-After` of a 503 from the receiver, in seconds (1 to 30).
    pub retry_after_secs: u32,
}

/// An origin as browsers send it: `scheme://host[:port]`, nothing more.
pub fn parse_origin(s: &str) -> Result<String, String> {
    let u = url::Url::parse(s).map_err(|e| format!("--allow-origin {s:?}: {e}"))?;
    let bare = matches!(u.scheme(), "http" | "https")
        && u.path() == "/"
        && u.query().is_none()
        && u.fragment().is_none()
        && u.username().is_empty();
    if !bare || s.ends_with('/') {
        return Err(format!("--allow-origin {s:?}: expected an origin such as https://www.example.org (scheme, host and port only)"));
    }
    Ok(u.origin().ascii_serialization())
}

/// Loads the keyring from `--key-file` or `PFS_INBOX_KEY`, refusing a key
/// file kept inside the data directory (a copy of that would carry both).
pub fn load_keys(key: &KeyArgs, data: &Path) -> Result<Keyring, String> {
    let keys = match (&key.key_file, std::env::var("PFS_INBOX_KEY")) {
        (Some(path), _) => {
            let abs = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
            if abs(path).starts_with(abs(data)) {
                return Err(format!("--key-file {}: the key must be kept outside the data directory {}", path.display(), data.display()));
            }
            Keyring::load(path)
        }
        (None, Ok(text)) => Keyring::parse(&text.replace(';', "\n")),
        (None, Err(_)) => {
            return Err(
                "no encryption key: pass --key-file PATH (or set PFS_INBOX_KEY); create one with `pfs-inbox key generate --key-file PATH`"
                    .into(),
            )
        }
    };
    keys.map_err(|e| e.to_string())
}

fn smtp(url: &str) -> Result<(String, u16), String> {
    let u = url::Url::parse(url).map_err(|e| format!("--smtp-url {url:?}: {e}"))?;
    match (u.scheme(), u.host_str()) {
        ("smtp", Some(host)) => Ok((host.to_string(), u.port().unwrap_or(25))),
        _ => Err(format!("--smtp-url {url:?}: expected smtp://HOST:PORT")),
    }
}

impl ServeArgs {
    /// Checks every setting; the error names the flag.
    pub fn check(self) -> Result<Settings, String> {
        let allow_origins = self.allow_origin.iter().filter(|o| !o.is_empty()).map(|o| parse_origin(o)).collect::<Result<Vec<_>, _>>()?;
        if let Some(site) = &self.site {
            if !site.is_dir() {
                return Err(format!("--site {}: not a folder", site.display()));
            }
        }
        let smtp = self.smtp_url.as_deref().map(smtp).transpose()?;
        if smtp.is_some() && self.notify.is_empty() {
            return Err("--smtp-url needs --notify ADDRESS (who is told of new leads)".into());
        }
        if smtp.is_none() && !self.notify.is_empty() {
            return Err("--notify needs --smtp-url smtp://HOST:PORT".into());
        }
        for addr in self.notify.iter().chain([&self.mail_from]) {
            if addr.parse::<lettre::Address>().is_err() {
                return Err(format!("{addr:?} is not an e-mail address"));
            }
        }
        let webhook = match (self.webhook_url, self.webhook_secret) {
            (Some(url), Some(secret)) if secret.len() >= 16 => {
                let u = url::Url::parse(&url).map_err(|e| format!("--webhook-url {url:?}: {e}"))?;
                if !matches!(u.scheme(), "http" | "https") {
                    return Err(format!("--webhook-url {url:?}: expected an http(s) URL"));
                }
                Some((url, secret))
            }
            (Some(_), _) => return Err("--webhook-url needs --webhook-secret (at least 16 characters)".into()),
            (None, _) => None,
        };
        if !(1..=30).contains(&self.retry_after_secs) {
            return Err("--retry-after-secs must be 1 to 30 (the widget waits at most 30 s)".into());
        }
        if self.session_idle_secs == 0 || self.session_max_secs == 0 || self.lockout_failures == 0 || self.read_timeout_secs == 0 {
            return Err("session, lockout and timeout settings must be above 0".into());
        }
        let public_url = self.public_url.unwrap_or_else(|| format!("http://{}", self.listen)).trim_end_matches('/').to_string();
        Ok(Settings {
            database_url: self.store.database_url(),
            data: self.store.data,
            listen: self.listen,
            allow_origins,
            public_url,
            site: self.site,
            secure_cookies: !self.insecure_cookies,
            session_idle: Duration::from_secs(self.session_idle_secs),
            session_max: Duration::from_secs(self.session_max_secs),
            lockout_failures: self.lockout_failures,
            lockout: Duration::from_secs(self.lockout_secs),
            retention_days: self.retention_days,
            read_timeout: Duration::from_secs(self.read_timeout_secs),
            smtp,
            mail_from: self.mail_from,
            notify: self.notify,
            webhook,
            webhook_full_lead: self.webhook_full_lead,
            outbox_interval: Duration::from_millis(self.outbox_interval_ms.max(10)),
            require_totp: self.require_totp,
            retry_after_secs: self.retry_after_secs,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_exact() {
        assert_eq!(parse_origin("https://www.example.org").as_deref(), Ok("https://www.example.org"));
        assert_eq!(parse_origin("http://127.0.0.1:8080").as_deref(), Ok("http://127.0.0.1:8080"));
        assert_eq!(parse_origin("https://EXAMPLE.org:443").as_deref(), Ok("https://example.org"));
        for bad in ["https://example.org/", "https://example.org/path", "example.org", "ftp://example.org", "https://u@example.org"] {
            assert!(parse_origin(bad).is_err(), "{bad}");
        }
    }
}
