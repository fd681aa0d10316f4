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
    /// SMTP server for new-lead e-mails: smtp://[USER@]HOST[:PORT]?tls=starttls (STARTTLS required,
    /// port 587: for a remote relay), smtps://[USER@]HOST[:PORT] (TLS from the start, port 465), or
    /// smtp://HOST[:PORT] (plain, port 25: only to this machine, or with ?tls=none).
    #[arg(long, env = "PFS_INBOX_SMTP_URL")]
    pub smtp_url: Option<String>,
    /// A file holding the SMTP password of the URL's user (or the password itself in PFS_INBOX_SMTP_PASSWORD).
    #[arg(long, env = "PFS_INBOX_SMTP_PASSWORD_FILE")]
    pub smtp_password_file: Option<PathBuf>,
    /// A PEM file of a certificate authority to trust for the SMTP server, besides Mozilla's roots (a private relay).
    #[arg(long, env = "PFS_INBOX_SMTP_CA")]
    pub smtp_ca: Option<PathBuf>,
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
    /// Where card files' encrypted bytes go: `directory` (files/ in --data) or `database`
    /// (a table: for several processes that share a database but no disk).
    #[arg(long, env = "PFS_INBOX_FILES", value_enum, default_value_t = FilesIn::Directory)]
    pub files: FilesIn,
    /// How often the outbox worker looks for due deliveries (ms).
    #[arg(long, env = "PFS_INBOX_OUTBOX_INTERVAL_MS", default_value_t = 1000)]
    pub outbox_interval_ms: u64,
}

/// Where new card files are kept (files already stored stay where they are).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FilesIn {
    /// Encrypted files under `files/` in the data directory.
    Directory,
    /// Encrypted pieces in the database's `file_chunks` table.
    Database,
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
    /// The SMTP client for new-lead e-mails (its TLS and credentials checked).
    pub smtp: Option<Mailer>,
    pub files: FilesIn,
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

/// How the connection to the SMTP server is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpTls {
    /// Plain text (`smtp://` to this machine, or `?tls=none`).
    None,
    /// STARTTLS, required: no mail is sent if the server does not offer it (`?tls=starttls`).
    StartTls,
    /// TLS from the first byte (`smtps://`).
    Implicit,
}

/// The checked SMTP client: its transport, and a description without the password.
#[derive(Debug, Clone)]
pub struct Mailer {
    pub transport: lettre::AsyncSmtpTransport<lettre::Tokio1Executor>,
    pub tls: SmtpTls,
}

/// What `--smtp-url` says, checked.
#[derive(Debug, PartialEq, Eq)]
struct SmtpUrl {
    host: String,
    port: u16,
    tls: SmtpTls,
    user: Option<String>,
}

fn is_loopback(host: &url::Host<&str>) -> bool {
    match host {
        // `smtp:` is not a scheme the URL standard knows, so an IPv4 address comes as a name.
        url::Host::Domain(d) => d.eq_ignore_ascii_case("localhost") || d.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback()),
        url::Host::Ipv4(ip) => ip.is_loopback(),
        url::Host::Ipv6(ip) => ip.is_loopback(),
    }
}

/// Parses `--smtp-url`. Errors never repeat the URL's password.
fn smtp_url(url: &str) -> Result<SmtpUrl, String> {
    let expected = "expected smtp://HOST:587?tls=starttls, smtps://HOST:465 or smtp://127.0.0.1:25";
    let u = url::Url::parse(url).map_err(|e| format!("--smtp-url: {e}; {expected}"))?;
    let shown = {
        let mut v = u.clone();
        let _ = v.set_password(None);
        v.to_string()
    };
    if u.password().is_some() {
        return Err(format!(
            "--smtp-url {shown}: put the password in --smtp-password-file or PFS_INBOX_SMTP_PASSWORD, not in the URL (where `ps` and logs show it)"
        ));
    }
    let Some(host) = u.host() else { return Err(format!("--smtp-url {shown}: {expected}")) };
    if !matches!(u.path(), "" | "/") || u.fragment().is_some() {
        return Err(format!("--smtp-url {shown}: {expected}"));
    }
    let mut tls_query = None;
    for (k, v) in u.query_pairs() {
        match (k.as_ref(), v.as_ref()) {
            ("tls", "starttls") => tls_query = Some(SmtpTls::StartTls),
            ("tls", "none") => tls_query = Some(SmtpTls::None),
            _ => return Err(format!("--smtp-url {shown}: unknown {k}={v} (the only option is tls=starttls or tls=none)")),
        }
    }
    let tls = match (u.scheme(), tls_query) {
        ("smtps", None) => SmtpTls::Implicit,
        ("smtps", Some(_)) => return Err(format!("--smtp-url {shown}: smtps:// is TLS from the start; drop ?tls=")),
        ("smtp", Some(t)) => t,
        ("smtp", None) if is_loopback(&host) => SmtpTls::None,
        ("smtp", None) => {
            return Err(format!(
                "--smtp-url {shown}: plain SMTP to another machine sends the mail (and any password) unencrypted; \
                 use smtp://{host}:587?tls=starttls (recommended) or smtps://{host}:465, or add ?tls=none to allow plain text on a network you trust"
            ))
        }
        _ => return Err(format!("--smtp-url {shown}: {expected}")),
    };
    let port = u.port().unwrap_or(match tls {
        SmtpTls::Implicit => 465,
        SmtpTls::StartTls => 587,
        SmtpTls::None => 25,
    });
    let user = match u.username() {
        "" => None,
        name => Some(percent_decode(name).map_err(|()| format!("--smtp-url {shown}: the user name is not UTF-8"))?),
    };
    let host = match host {
        url::Host::Ipv6(ip) => ip.to_string(),
        other => other.to_string(),
    };
    Ok(SmtpUrl { host, port, tls, user })
}

fn percent_decode(s: &str) -> Result<String, ()> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        match (b[i], b.get(i + 1).copied().and_then(hex), b.get(i + 2).copied().and_then(hex)) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (c, _, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8(out).map_err(|_| ())
}

/// The SMTP password: from `--smtp-password-file` or `PFS_INBOX_SMTP_PASSWORD`, never both.
fn smtp_password(file: Option<&Path>) -> Result<Option<String>, String> {
    let env = std::env::var("PFS_INBOX_SMTP_PASSWORD").ok().filter(|p| !p.is_empty());
    let password = match (file, env) {
        (Some(_), Some(_)) => return Err("give the SMTP password once: --smtp-password-file or PFS_INBOX_SMTP_PASSWORD, not both".into()),
        (Some(path), None) => {
            let text = std::fs::read_to_string(path).map_err(|e| format!("--smtp-password-file {}: {e}", path.display()))?;
            let p = text.trim_end_matches(['\n', '\r']).to_string();
            if p.is_empty() {
                return Err(format!("--smtp-password-file {}: the file is empty", path.display()));
            }
            Some(p)
        }
        (None, env) => env,
    };
    Ok(password)
}

/// Builds the SMTP client from the flags; every mistake is refused here.
fn mailer(url: &str, password_file: Option<&Path>, ca: Option<&Path>) -> Result<Mailer, String> {
    use lettre::transport::smtp::authentication::Credentials;
    use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
    let u = smtp_url(url)?;
    let password = smtp_password(password_file)?;
    let credentials = match (u.user, password) {
        (Some(user), Some(password)) => Some(Credentials::new(user, password)),
        (Some(_), None) => return Err("--smtp-url has a user: give the password in --smtp-password-file or PFS_INBOX_SMTP_PASSWORD".into()),
        (None, Some(_)) => return Err("an SMTP password needs its user in --smtp-url (smtp://USER@HOST:587?tls=starttls)".into()),
        (None, None) => None,
    };
    if u.tls == SmtpTls::None && credentials.is_some() {
        return Err("--smtp-url: a password is only sent over TLS (use ?tls=starttls or smtps://)".into());
    }
    if u.tls == SmtpTls::None && ca.is_some() {
        return Err("--smtp-ca needs TLS in --smtp-url (?tls=starttls or smtps://)".into());
    }
    let tls = if u.tls == SmtpTls::None {
        Tls::None
    } else {
        let mut params = TlsParameters::builder(u.host.clone());
        if let Some(path) = ca {
            let pem = std::fs::read(path).map_err(|e| format!("--smtp-ca {}: {e}", path.display()))?;
            let has_cert = String::from_utf8_lossy(&pem).contains("-----BEGIN CERTIFICATE-----");
            let cert = Certificate::from_pem(&pem).ok().filter(|_| has_cert);
            let cert = cert.ok_or_else(|| format!("--smtp-ca {}: not a PEM certificate", path.display()))?;
            params = params.add_root_certificate(cert);
        }
        let params = params.build_rustls().map_err(|e| format!("--smtp-url / --smtp-ca: TLS setup failed: {e}"))?;
        if u.tls == SmtpTls::Implicit {
            Tls::Wrapper(params)
        } else {
            Tls::Required(params)
        }
    };
    let mut builder = lettre::AsyncSmtpTransport::<lettre::Tokio1Executor>::builder_dangerous(u.host.as_str())
        .port(u.port)
        .tls(tls)
        .timeout(Some(Duration::from_secs(15)));
    if let Some(c) = credentials {
        builder = builder.credentials(c);
    }
    Ok(Mailer { transport: builder.build(), tls: u.tls })
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
        let smtp = match &self.smtp_url {
            Some(url) => Some(mailer(url, self.smtp_password_file.as_deref(), self.smtp_ca.as_deref())?),
            None if self.smtp_password_file.is_some() || self.smtp_ca.is_some() => {
                return Err("--smtp-password-file and --smtp-ca need --smtp-url".into())
            }
            None => None,
        };
        if smtp.is_some() && self.notify.is_empty() {
            return Err("--smtp-url needs --notify ADDRESS (who is told of new leads)".into());
        }
        if smtp.is_none() && !self.notify.is_empty() {
            return Err("--notify needs --smtp-url (e.g. smtp://HOST:587?tls=starttls)".into());
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
            files: self.files,
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
    fn smtp_urls() {
        let ok = |url: &str, host: &str, port, tls, user: Option<&str>| {
            let want = SmtpUrl { host: host.into(), port, tls, user: user.map(String::from) };
            assert_eq!(smtp_url(url), Ok(want), "{url}");
        };
        ok("smtp://127.0.0.1:2525", "127.0.0.1", 2525, SmtpTls::None, None);
        ok("smtp://localhost", "localhost", 25, SmtpTls::None, None);
        ok("smtp://[::1]:25", "::1", 25, SmtpTls::None, None);
        ok("smtp://mail.example.org?tls=starttls", "mail.example.org", 587, SmtpTls::StartTls, None);
        ok(
            "smtp://inbox%40center.org@mail.example.org:2587?tls=starttls",
            "mail.example.org",
            2587,
            SmtpTls::StartTls,
            Some("inbox@center.org"),
        );
        ok("smtps://apikey@smtp.example.org", "smtp.example.org", 465, SmtpTls::Implicit, Some("apikey"));
        ok("smtp://relay.lan:25?tls=none", "relay.lan", 25, SmtpTls::None, None);
        for (bad, says) in [
            ("smtp://mail.example.org:25", "?tls=none"),
            ("smtp://u:hunter2secret@mail.example.org?tls=starttls", "not in the URL"),
            ("smtps://mail.example.org?tls=none", "drop ?tls="),
            ("smtp://mail.example.org?tls=yes", "unknown tls=yes"),
            ("smtp://mail.example.org/path?tls=starttls", "expected"),
            ("http://mail.example.org", "expected"),
            ("mail.example.org:25", "expected"),
        ] {
            let err = smtp_url(bad).expect_err(bad);
            assert!(err.contains(says), "{bad}: {err}");
            assert!(!err.contains("hunter2secret"), "the password is never repeated: {err}");
        }
    }

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
