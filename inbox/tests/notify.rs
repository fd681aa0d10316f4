//! Notifications against real parts: a real SMTP server (Debian's
//! aiosmtpd writing a Maildir) gets one e-mail per lead with no health
//! information; a webhook gets each lead once, signed, retried after a
//! failure, even with two inbox processes on one database; the same
//! submission sent to both processes is stored once.

mod common;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use common::*;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

both!(one_email_per_lead_without_details, two_processes_one_lead_one_delivery);

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
    let inbox = Inbox::start(
        b,
        &[
            "--smtp-url",
            &url,
            "--notify",
            "admissions@test.example",
            "--public-url",
            "https://inbox.example",
            "--outbox-interval-ms",
            "100",
        ],
    )
    .await;
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
