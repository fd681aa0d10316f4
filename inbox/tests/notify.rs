//! Notifications against real parts: a real SMTP server (Debian's
//! aiosmtpd writing a Maildir) gets one e-mail per lead with no health
//! information, in plain text to this machine, over STARTTLS with AUTH and
//! over implicit TLS (a throwaway CA made with openssl); a certificate the
//! inbox does not trust stops the e-mail, not the lead; a webhook gets each lead once, signed, retried after a
//! failure, even with two inbox processes on one database; the same
//! submission sent to both processes is stored once.

mod common;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use common::*;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

both!(one_email_per_lead_without_details, two_processes_one_lead_one_delivery);

// The SMTP client's TLS does not depend on the database: SQLite only.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn starttls_with_auth_delivers_without_details() {
    let pki = Pki::new();
    let smtp = Smtp::start_tls(&pki, Some(("inbox@center.example", "the relay's password"))).await;
    let password = pki.dir.path().join("smtp-password");
    std::fs::write(&password, "the relay's password\n").expect("password file");
    let url = format!("smtp://inbox%40center.example@127.0.0.1:{}?tls=starttls", smtp.port);
    let ca = pki.ca.display().to_string();
    let inbox = mail_inbox(Backend::Sqlite, &url, &["--smtp-password-file", password.to_str().unwrap_or_default(), "--smtp-ca", &ca]).await;
    send_one(&inbox, "tls-1", "Secure Selma").await;
    eventually("the e-mail over STARTTLS", 15, || !smtp.messages().is_empty()).await;
    assert_mail_without_details(&smtp.messages(), "Selma");
    let log: String = inbox.logs.iter().filter_map(|l| std::fs::read_to_string(l).ok()).collect();
    assert!(!log.contains("relay's password"), "the SMTP password is never logged");

    // The same server with a wrong password: the e-mail waits, the lead is stored.
    let wrong = pki.dir.path().join("wrong-password");
    std::fs::write(&wrong, "not the password").expect("password file");
    let inbox = mail_inbox(Backend::Sqlite, &url, &["--smtp-password-file", wrong.to_str().unwrap_or_default(), "--smtp-ca", &ca]).await;
    send_one(&inbox, "tls-2", "Refused Rhea").await;
    eventually("the failed AUTH in the log", 15, || inbox.warnings().contains("delivery failed")).await;
    assert_eq!(smtp.messages().len(), 1, "no e-mail without the right password");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn implicit_tls_delivers() {
    let pki = Pki::new();
    let smtp = Smtp::start_smtps(&pki).await;
    let url = format!("smtps://127.0.0.1:{}", smtp.port);
    let inbox = mail_inbox(Backend::Sqlite, &url, &["--smtp-ca", &pki.ca.display().to_string()]).await;
    send_one(&inbox, "smtps-1", "Wrapped Wanda").await;
    eventually("the e-mail over implicit TLS", 15, || !smtp.messages().is_empty()).await;
    assert_mail_without_details(&smtp.messages(), "Wanda");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn untrusted_certificate_stops_the_mail_not_the_lead() {
    let pki = Pki::new();
    let smtp = Smtp::start_tls(&pki, None).await;
    // No --smtp-ca: the throwaway CA is not among the roots the inbox trusts.
    let inbox = mail_inbox(Backend::Sqlite, &format!("smtp://127.0.0.1:{}?tls=starttls", smtp.port), &[]).await;
    send_one(&inbox, "untrusted-1", "Trusting Tilda").await;
    let probe = client().get(format!("{}?submission_id=untrusted-1", inbox.leads_url())).send().await.expect("probe");
    assert_eq!(probe.status(), 200, "the lead is stored");
    let admin = staff(&inbox, true).await;
    assert_eq!(admin.lead_ids().await.len(), 1);
    eventually("the failure in the log", 15, || inbox.warnings().contains("delivery failed")).await;
    let warnings = inbox.warnings();
    assert!(warnings.contains("certificate") || warnings.contains("UnknownIssuer"), "{warnings}");
    for secret in ["Tilda", "Trusting", "1555", "Acme"] {
        assert!(!warnings.contains(secret), "the log carries no {secret}: {warnings}");
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(smtp.messages().is_empty(), "nothing was sent to a server the inbox does not trust");
}

#[test]
fn bad_smtp_settings_stop_at_start() {
    let pki = Pki::new();
    let d = pki.dir.path().join("data");
    let d = d.to_str().unwrap_or_default();
    let key = pki.dir.path().join("k");
    assert!(run(&["key", "generate", "--key-file", key.to_str().unwrap_or_default()], "").status.success());
    let k = key.to_str().unwrap_or_default();
    let not_pem = pki.dir.path().join("not.pem");
    std::fs::write(&not_pem, "hello").expect("write");
    let pw = pki.dir.path().join("pw");
    std::fs::write(&pw, "the-secret-pw").expect("write");
    let empty = pki.dir.path().join("empty");
    std::fs::write(&empty, "\n").expect("write");
    let (ca, not_pem, pw, empty) = (
        pki.ca.to_str().unwrap_or_default(),
        not_pem.to_str().unwrap_or_default(),
        pw.to_str().unwrap_or_default(),
        empty.to_str().unwrap_or_default(),
    );
    let starttls = "smtp://u@127.0.0.1:1?tls=starttls";
    for (extra, says) in [
        (vec!["--smtp-url", "smtp://mail.example.org:25"], "?tls=none"),
        (vec!["--smtp-url", "smtp://u:hunter2secret@mail.example.org?tls=starttls"], "--smtp-password-file"),
        (vec!["--smtp-url", "smtps://mail.example.org?tls=starttls"], "--smtp-url"),
        (vec!["--smtp-url", "smtp://mail.example.org?tls=maybe"], "tls=maybe"),
        (vec!["--smtp-url", "smtp:/nowhere"], "--smtp-url"),
        (vec!["--smtp-url", starttls], "--smtp-password-file"),
        (vec!["--smtp-url", starttls, "--smtp-password-file", "/nonexistent/pw"], "/nonexistent/pw"),
        (vec!["--smtp-url", starttls, "--smtp-password-file", empty], "empty"),
        (vec!["--smtp-url", "smtp://127.0.0.1:1?tls=starttls", "--smtp-password-file", pw], "needs its user"),
        (vec!["--smtp-url", "smtp://u@127.0.0.1:1", "--smtp-password-file", pw], "only sent over TLS"),
        (vec!["--smtp-url", "smtp://127.0.0.1:1?tls=starttls", "--smtp-ca", not_pem], "not a PEM certificate"),
        (vec!["--smtp-url", "smtp://127.0.0.1:1?tls=starttls", "--smtp-ca", "/nonexistent/ca.pem"], "--smtp-ca"),
        (vec!["--smtp-url", "smtp://127.0.0.1:1", "--smtp-ca", ca], "needs TLS"),
        (vec!["--smtp-ca", ca], "need --smtp-url"),
    ] {
        let mut args = vec!["serve", "--data", d, "--key-file", k, "--notify", "a@test.example"];
        if extra[0] == "--smtp-ca" {
            args.truncate(5);
        }
        args.extend(extra.iter().copied());
        let out = run(&args, "");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(says), "{args:?} says {says}: {err}");
        assert!(!err.contains("hunter2secret") && !err.contains("the-secret-pw"), "no password in the message: {err}");
    }
}

/// A throwaway certificate authority and a server certificate it signed
/// for 127.0.0.1 and localhost (openssl; scripts/setup-inbox.sh installs it).
struct Pki {
    dir: tempfile::TempDir,
    ca: std::path::PathBuf,
    cert: std::path::PathBuf,
    key: std::path::PathBuf,
}

impl Pki {
    fn new() -> Pki {
        let dir = tempfile::tempdir().expect("dir");
        let p = |n: &str| dir.path().join(n).display().to_string();
        let openssl = |args: &[&str]| {
            let out = std::process::Command::new("openssl").args(args).output().expect("openssl (scripts/setup-inbox.sh installs it)");
            assert!(out.status.success(), "openssl {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        };
        let ext = dir.path().join("server.ext");
        std::fs::write(
            &ext,
            "basicConstraints=critical,CA:FALSE\nsubjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n",
        )
        .expect("ext");
        openssl(&[
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            &p("ca.key"),
            "-out",
            &p("ca.pem"),
            "-days",
            "2",
            "-subj",
            "/CN=pfs-inbox test CA",
        ]);
        openssl(&[
            "req",
            "-new",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            &p("server.key"),
            "-out",
            &p("server.csr"),
            "-subj",
            "/CN=127.0.0.1",
        ]);
        openssl(&[
            "x509",
            "-req",
            "-in",
            &p("server.csr"),
            "-CA",
            &p("ca.pem"),
            "-CAkey",
            &p("ca.key"),
            "-CAcreateserial",
            "-out",
            &p("server.pem"),
            "-days",
            "2",
            "-extfile",
            &p("server.ext"),
        ]);
        let (ca, cert, key) = (dir.path().join("ca.pem"), dir.path().join("server.pem"), dir.path().join("server.key"));
        Pki { dir, ca, cert, key }
    }
}

async fn mail_inbox(backend: Backend, url: &str, extra: &[&str]) -> Inbox {
    let mut args = vec![
        "--smtp-url",
        url,
        "--notify",
        "admissions@test.example",
        "--public-url",
        "https://inbox.example",
        "--outbox-interval-ms",
        "100",
    ];
    args.extend_from_slice(extra);
    Inbox::start(backend, &args).await
}

async fn send_one(inbox: &Inbox, id: &str, name: &str) {
    let (status, _, body) = post(inbox, &lead_json(id, name, "+15559876543"), &[("card_front", "c.jpg", jpeg(10_000, 1))]).await;
    assert_eq!(status, 200, "{body}");
}

fn assert_mail_without_details(mails: &[String], name: &str) {
    assert_eq!(mails.len(), 1, "one e-mail");
    let m = &mails[0];
    assert!(m.contains("admissions@test.example") && m.contains("https://inbox.example/inbox/leads/"), "{m}");
    for secret in [name, "9876543", "Acme", "good fit", "myself", "Hello"] {
        assert!(!m.contains(secret), "the e-mail carries no {secret}");
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port()
}

struct Smtp {
    /// Killed with its process group when the test ends, pass or fail.
    _child: Group,
    maildir: tempfile::TempDir,
    port: u16,
}

impl Smtp {
    async fn start() -> Smtp {
        let maildir = tempfile::tempdir().expect("maildir");
        let port = free_port();
        let child = Group::spawn(
            std::process::Command::new("/usr/bin/python3")
                .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}"), "-c", "aiosmtpd.handlers.Mailbox"])
                .arg(maildir.path().join("mail")),
        )
        .expect("aiosmtpd (scripts/setup-inbox.sh installs python3-aiosmtpd)");
        let start = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(start.elapsed() < Duration::from_secs(10), "aiosmtpd did not start");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Smtp { _child: child, maildir, port }
    }

    async fn wait_for_port(port: u16) {
        let start = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(start.elapsed() < Duration::from_secs(10), "aiosmtpd did not start");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// STARTTLS required; with `auth`, AUTH required for that user and password.
    async fn start_tls(pki: &Pki, auth: Option<(&str, &str)>) -> Smtp {
        let maildir = tempfile::tempdir().expect("maildir");
        let port = free_port();
        let mail = maildir.path().join("mail");
        let mut cmd = std::process::Command::new("/usr/bin/python3");
        match auth {
            Some((user, password)) => cmd
                .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/smtp_tls_server.py"))
                .arg(port.to_string())
                .args([&pki.cert, &pki.key, &mail])
                .args([user, password]),
            None => cmd
                .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}"), "-c", "aiosmtpd.handlers.Mailbox"])
                .arg("--tlscert")
                .arg(&pki.cert)
                .arg("--tlskey")
                .arg(&pki.key)
                .arg(&mail),
        };
        let child = Group::spawn(&mut cmd).expect("aiosmtpd");
        Smtp::wait_for_port(port).await;
        Smtp { _child: child, maildir, port }
    }

    /// TLS from the first byte (SMTPS).
    async fn start_smtps(pki: &Pki) -> Smtp {
        let maildir = tempfile::tempdir().expect("maildir");
        let port = free_port();
        let child = Group::spawn(
            std::process::Command::new("/usr/bin/python3")
                .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}"), "-c", "aiosmtpd.handlers.Mailbox"])
                .arg("--smtpscert")
                .arg(&pki.cert)
                .arg("--smtpskey")
                .arg(&pki.key)
                .arg(maildir.path().join("mail")),
        )
        .expect("aiosmtpd");
        Smtp::wait_for_port(port).await;
        Smtp { _child: child, maildir, port }
    }

    fn messages(&self) -> Vec<String> {
        std::fs::read_dir(self.maildir.path().join("mail/new"))
            .map(|rd| rd.flatten().filter_map(|e| std::fs::read_to_string(e.path()).ok()).collect())
            .unwrap_or_default()
    }
}

async fn eventually(what: &str, secs: u64, mut ok: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ok() {
        assert!(start.elapsed() < Duration::from_secs(secs), "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn one_email_per_lead_without_details(b: Backend) {
    let smtp = Smtp::start().await;
    let url = format!("smtp://127.0.0.1:{}", smtp.port);
    let inbox = mail_inbox(b, &url, &[]).await;
    let lead = lead_json("mail-1", "Mailed Mona", "+15559876543");
    for _ in 0..2 {
        let (status, _, body) = post(&inbox, &lead, &[("card_front", "c.jpg", jpeg(10_000, 1))]).await;
        assert_eq!(status, 200, "{body}");
    }
    eventually("the e-mail", 15, || !smtp.messages().is_empty()).await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    let mails = smtp.messages();
    assert_eq!(mails.len(), 1, "one e-mail for one lead sent twice");
    let m = &mails[0];
    assert!(m.contains("admissions@test.example") && m.contains("https://inbox.example/inbox/leads/"), "{m}");
    for secret in ["Mona", "9876543", "Acme", "good fit", "myself", "Hello"] {
        assert!(!m.contains(secret), "the e-mail carries no {secret}");
    }
}

#[derive(Default)]
struct Hook {
    /// (idempotency key, body) of every request, and the status answered.
    calls: Mutex<Vec<(String, serde_json::Value, u16)>>,
}

async fn hook(State(h): State<Arc<Hook>>, headers: HeaderMap, body: axum::body::Bytes) -> StatusCode {
    let key = headers.get("idempotency-key").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    let sig = headers.get("x-pfs-signature").and_then(|v| v.to_str().ok()).unwrap_or_default();
    let good = sig == pfs_inbox::outbox::signature("a webhook secret of some length", &body);
    let mut calls = h.calls.lock().unwrap_or_else(|e| e.into_inner());
    // The very first delivery fails, to prove the retry.
    let status = if !good {
        401
    } else if calls.is_empty() {
        500
    } else {
        200
    };
    calls.push((key, serde_json::from_slice(&body).unwrap_or_default(), status));
    StatusCode::from_u16(status).unwrap_or(StatusCode::OK)
}

async fn two_processes_one_lead_one_delivery(b: Backend) {
    let h = Arc::new(Hook::default());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let hook_url = format!("http://{}/hook", listener.local_addr().expect("addr"));
    let app = axum::Router::new().route("/hook", axum::routing::post(hook)).with_state(h.clone());
    tokio::spawn(async move { axum::serve(listener, app).await });
    let args = ["--webhook-url", &hook_url, "--webhook-secret", "a webhook secret of some length", "--outbox-interval-ms", "100"];
    let a = Inbox::start(b, &args).await;
    let b2 = a.sibling(&args);

    // The same submission reaches both processes at once.
    let lead = lead_json("twice-1", "Twice Tess", "+15551230000");
    let card = vec![("card_front", "c.jpg", jpeg(1_000_000, 5))];
    let (ra, rb) = tokio::join!(post(&a, &lead, &card), post(&b2, &lead, &card));
    assert_eq!((ra.0, rb.0), (200, 200), "{} / {}", ra.2, rb.2);
    assert_eq!(json(&ra.2), json(&rb.2));
    for i in 0..10 {
        let to = if i % 2 == 0 { &a } else { &b2 };
        let (status, _, _) = post(to, &lead_json(&format!("many-{i}"), &format!("Many {i}"), "+15551230001"), &[]).await;
        assert_eq!(status, 200);
    }
    let admin = staff(&a, true).await;
    assert_eq!(admin.csv_rows().await.len(), 11, "one lead per submission across both processes");
    assert_eq!(a.stored_and_temp().0, 1, "one stored card: the loser's file was removed");

    let delivered = || h.calls.lock().map(|c| c.iter().filter(|x| x.2 == 200).count()).unwrap_or(0);
    eventually("11 deliveries", 30, || delivered() >= 11).await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let calls = h.calls.lock().map(|c| c.clone()).unwrap_or_default();
    let ok: Vec<_> = calls.iter().filter(|c| c.2 == 200).collect();
    assert_eq!(ok.len(), 11, "each lead delivered once: {:?}", calls.iter().map(|c| (&c.0, c.2)).collect::<Vec<_>>());
    let mut keys: Vec<&String> = ok.iter().map(|c| &c.0).collect();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), 11, "distinct idempotency keys");
    assert!(calls.iter().all(|c| c.2 != 401), "every request was signed");
    assert_eq!(calls[0].2, 500);
    assert!(ok.iter().any(|c| c.0 == calls[0].0), "the failed delivery was retried");
    for (_, body, _) in &calls {
        assert_eq!(body["event"], "lead.received");
        let text = body.to_string();
        assert!(!text.contains("Tess") && !text.contains("Many") && !text.contains("1555123"), "no health data by default: {text}");
    }
}
