//! Faults against the real binary, on SQLite and PostgreSQL: a client that
//! stops sending, the inbox killed with `kill -9` in the middle of an
//! upload and restarted, the disk and the database refusing writes; and
//! PostgreSQL restarted (cleanly, then as after a crash) under load.

mod common;
use common::*;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

every_store!(slow_client_is_cut_off, kill_9_mid_upload_leaves_nothing, refused_writes_answer_503);

/// Opens a raw connection and sends the headers and `body_part` of a
/// multipart POST whose declared length is longer.
fn start_upload(inbox: &Inbox, lead: &str, card_len: usize, sent_card: usize) -> TcpStream {
    let addr = inbox.url.trim_start_matches("http://");
    let mut s = TcpStream::connect(addr).expect("connect");
    let head = format!("--B\r\nContent-Disposition: form-data; name=\"lead\"\r\n\r\n{lead}\r\n--B\r\nContent-Disposition: form-data; name=\"card_front\"; filename=\"c.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n");
    let tail = "\r\n--B--\r\n";
    let total = head.len() + card_len + tail.len();
    write!(s, "POST /leads HTTP/1.1\r\nHost: {addr}\r\nOrigin: {ORIGIN}\r\nContent-Type: multipart/form-data; boundary=B\r\nContent-Length: {total}\r\n\r\n{head}").expect("send");
    s.write_all(&jpeg(sent_card, 9)).expect("send part of the card");
    s.flush().expect("flush");
    s
}

async fn wait_for(what: &str, mut ok: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ok() {
        assert!(start.elapsed() < Duration::from_secs(20), "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn probe(inbox: &Inbox, id: &str) -> u16 {
    client().get(format!("{}?submission_id={id}", inbox.leads_url())).send().await.expect("probe").status().as_u16()
}

async fn slow_client_is_cut_off(b: Backend, files: Files) {
    let inbox = Inbox::start_files(b, files, &["--read-timeout-secs", "1"]).await;
    let lead = lead_json("slow-1", "Slow Sam", "+15551234567");
    let mut s = start_upload(&inbox, &lead, 2_000_000, 100_000);
    let started = Instant::now();
    s.set_read_timeout(Some(Duration::from_secs(10))).expect("timeout");
    let mut answer = Vec::new();
    let _ = s.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 408"), "answer: {answer}");
    assert!(started.elapsed() < Duration::from_secs(8), "cut off after the idle timeout, not the client's patience");
    assert_eq!(probe(&inbox, "slow-1").await, 404);
    wait_for("the temp file to go", || inbox.stored_and_temp() == (0, 0)).await;
}

async fn kill_9_mid_upload_leaves_nothing(b: Backend, files: Files) {
    let mut inbox = Inbox::start_files(b, files, &[]).await;
    let lead = lead_json("kill-1", "Killed Kim", "+15551234567");
    let card = jpeg(5_000_000, 9);
    let _s = start_upload(&inbox, &lead, card.len(), 2_000_000);
    wait_for("the upload to reach the disk", || inbox.stored_and_temp().1 > 0).await;
    inbox.restart();
    assert_eq!(probe(&inbox, "kill-1").await, 404, "nothing visible");
    assert_eq!(inbox.stored_and_temp(), (0, 0), "the dead process's temp file is gone after the restart");
    // The widget's retry: the same id and content, now to the end.
    let (status, _, body) = post(&inbox, &lead, &[("card_front", "c.jpg", card.clone())]).await;
    assert_eq!(status, 200, "{body}");
    let (status, _, _) = post(&inbox, &lead, &[("card_front", "c.jpg", card.clone())]).await;
    assert_eq!(status, 200);
    let admin = staff(&inbox, true).await;
    assert_eq!(admin.csv_rows().await.len(), 1, "exactly one lead");
    let ids = admin.lead_ids().await;
    let got = admin.get(&format!("/inbox/leads/{}/files/card_front", ids[0].0)).await.bytes().await.expect("card");
    assert_eq!(sha256(&got), sha256(&card));
}

async fn refused_writes_answer_503(b: Backend, files: Files) {
    let inbox = Inbox::start_files(b, files, &[]).await;
    let lead = lead_json("full-1", "Disk Full", "+15551234567");
    let card = vec![("card_front", "c.jpg", jpeg(100_000, 3))];

    // The disk refuses: this process's temp folder is replaced by a file.
    let tmp = std::fs::read_dir(inbox.data.join("tmp")).expect("tmp").flatten().next().expect("a temp folder").path();
    std::fs::remove_dir_all(&tmp).expect("remove");
    std::fs::write(&tmp, b"not a folder").expect("block");
    let (status, headers, body) = post(&inbox, &lead, &card).await;
    assert_eq!(status, 503, "{body}");
    assert_eq!(headers["retry-after"], "5");
    assert_eq!(headers["access-control-allow-origin"], ORIGIN);
    assert_eq!(headers["access-control-expose-headers"], "Retry-After", "a page on another origin may read the wait");
    std::fs::remove_file(&tmp).expect("unblock");
    std::fs::create_dir(&tmp).expect("restore");
    assert_eq!(probe(&inbox, "full-1").await, 404);

    // The database refuses.
    let release = refuse_database_writes(&inbox, b).await;
    let (status, headers, body) = post(&inbox, &lead, &card).await;
    assert_eq!(status, 503, "{body}");
    assert_eq!(headers["retry-after"], "5");
    release.await;
    assert_eq!(probe(&inbox, "full-1").await, 404);
    assert_eq!(inbox.stored_and_temp(), (0, 0), "no file of the refused lead is left");

    // The retry after the pause is stored.
    let (status, _, body) = post(&inbox, &lead, &card).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(probe(&inbox, "full-1").await, 200);
}

/// Makes the database refuse inserts into `leads` until the returned future runs:
/// SQLite: another connection holds the write lock (the inbox's busy timeout
/// runs out); PostgreSQL: a CHECK (false) constraint.
async fn refuse_database_writes(inbox: &Inbox, b: Backend) -> std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send>> {
    use sqlx::{Connection, Executor};
    match b {
        Backend::Sqlite => {
            let mut conn = sqlx::SqliteConnection::connect(&inbox.database).await.expect("connect");
            conn.execute("BEGIN EXCLUSIVE").await.expect("lock");
            Box::pin(async move {
                conn.execute("ROLLBACK").await.expect("unlock");
            })
        }
        Backend::Postgres => {
            let mut conn = sqlx::PgConnection::connect(&inbox.database).await.expect("connect");
            conn.execute("ALTER TABLE leads ADD CONSTRAINT refuse CHECK (false) NOT VALID").await.expect("refuse");
            Box::pin(async move {
                conn.execute("ALTER TABLE leads DROP CONSTRAINT refuse").await.expect("accept");
            })
        }
    }
}

/// What a client got back from one request.
enum Reply {
    Answer {
        status: u16,
        retry_after: Option<u64>,
        body: String,
    },
    /// No answer: refused, reset or cut off.
    Lost,
}

async fn reply(r: reqwest::Result<reqwest::Response>) -> Reply {
    let Ok(r) = r else { return Reply::Lost };
    let status = r.status().as_u16();
    let retry_after = r.headers().get("retry-after").and_then(|v| v.to_str().ok()?.parse().ok());
    match r.text().await {
        Ok(body) => Reply::Answer { status, retry_after, body },
        Err(_) => Reply::Lost,
    }
}

/// How often the clients met the fault: a 503, or no answer.
#[derive(Default)]
struct Felt {
    refused: AtomicUsize,
    lost: AtomicUsize,
}

/// Sends one lead until the inbox acknowledges it, the way the widget does:
/// after a 503 it waits `Retry-After` and sends again; after a lost answer
/// it probes, and sends again (the same id and body) only on a 404.
async fn deliver(inbox: &Inbox, id: &str, lead: &str, card: &[u8], felt: &Felt) {
    let ack = serde_json::json!({ "submission_id": id, "status": "stored" });
    let start = Instant::now();
    let mut send = true;
    loop {
        assert!(start.elapsed() < Duration::from_secs(60), "{id} was not acknowledged within 60 s");
        let request = if send {
            client().post(inbox.leads_url()).header("origin", ORIGIN).multipart(form(lead, &[("card_front", "c.jpg", card.to_vec())]))
        } else {
            client().get(format!("{}?submission_id={id}", inbox.leads_url()))
        };
        match reply(request.send().await).await {
            Reply::Answer { status: 200, body, .. } => {
                assert_eq!(json(&body), ack, "{id}");
                return;
            }
            Reply::Answer { status: 404, body, .. } if !send => {
                assert_eq!(json(&body)["status"], "unknown", "{id}");
                send = true;
            }
            Reply::Answer { status: 503, retry_after, .. } => {
                felt.refused.fetch_add(1, Ordering::Relaxed);
                assert_eq!(retry_after, Some(1), "{id}: a 503 says when to retry");
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
            Reply::Answer { status, body, .. } => panic!("{id}: unexpected {status}: {body}"),
            Reply::Lost => {
                felt.lost.fetch_add(1, Ordering::Relaxed);
                send = false;
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
        }
    }
}

const CLIENTS: usize = 8;

fn restart_card(seed: u64) -> Vec<u8> {
    jpeg(100_000 + (seed as usize * 7_919) % 300_000, seed)
}

/// PostgreSQL restarted twice while eight clients keep sending leads: every
/// lead is acknowledged in the end, each exactly once in the database with
/// its card byte-identical, and no temp or orphaned file is left. A cluster
/// of the test's own (stopped when the test ends, pass or fail), so the
/// restarts disturb no other test.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn postgres_restarted_under_load() {
    if pg_base().is_none() {
        eprintln!("SKIPPED: PFS_TEST_PG is not set (scripts/test.sh starts PostgreSQL and sets it)");
        return;
    }
    let pg = PgCluster::start();
    let database = fresh_pg_in(&pg.url).await;
    let inbox = Arc::new(Inbox::start_with_database(database.clone(), &["--retry-after-secs", "1"]).await);
    let stop = Arc::new(AtomicBool::new(false));
    let felt = Arc::new(Felt::default());
    let mut clients = Vec::new();
    for c in 0..CLIENTS {
        let (inbox, stop, felt) = (inbox.clone(), stop.clone(), felt.clone());
        clients.push(tokio::spawn(async move {
            let mut sent = Vec::new();
            while !stop.load(Ordering::Relaxed) {
                let k = sent.len();
                let (id, seed) = (format!("pg-{c}-{k}"), (c * 100_000 + k) as u64);
                let lead = lead_json(&id, &format!("Restart {c} {k}"), "+15551234567");
                deliver(&inbox, &id, &lead, &restart_card(seed), &felt).await;
                sent.push((format!("Restart {c} {k}"), id, seed));
            }
            sent
        }));
    }
    for mode in ["fast", "immediate"] {
        tokio::time::sleep(Duration::from_millis(600)).await;
        tokio::task::block_in_place(|| pg.restart(mode));
    }
    tokio::time::sleep(Duration::from_millis(600)).await;
    stop.store(true, Ordering::Relaxed);
    let mut sent = Vec::new();
    for c in clients {
        sent.extend(c.await.expect("a client"));
    }
    let (refused, lost) = (felt.refused.load(Ordering::Relaxed), felt.lost.load(Ordering::Relaxed));
    eprintln!("{} leads, {refused} answers 503, {lost} answers lost during the restarts", sent.len());
    assert!(refused + lost > 0, "the restarts were felt by the clients (else this test tests nothing)");

    // In the database: each submission exactly once, with its one card.
    use sqlx::{Connection, Row};
    let mut conn = sqlx::PgConnection::connect(&database).await.expect("connect");
    let rows =
        sqlx::query("SELECT submission_id, COUNT(*) AS n FROM leads GROUP BY submission_id").fetch_all(&mut conn).await.expect("leads");
    let copies: std::collections::HashMap<String, i64> =
        rows.iter().map(|r| (r.get::<String, _>("submission_id"), r.get::<i64, _>("n"))).collect();
    assert_eq!(copies.len(), sent.len(), "as many leads as were sent");
    for (_, id, _) in &sent {
        assert_eq!(copies.get(id), Some(&1), "{id} is stored exactly once");
    }
    let files: i64 = sqlx::query("SELECT COUNT(*) AS n FROM lead_files").fetch_one(&mut conn).await.expect("files").get("n");
    assert_eq!(files as usize, sent.len(), "one card row a lead");
    assert_eq!(inbox.stored_and_temp(), (sent.len(), 0), "one stored file a lead, no temp file; the inbox said:\n{}", inbox.warnings());

    // Through the inbox: every card decrypts to the bytes sent. (The lead
    // ids come from the database: the list page shows the newest 1,000, and
    // a quick machine sends more than that here.)
    let admin = staff(&inbox, true).await;
    let ids: std::collections::HashMap<String, String> = sqlx::query("SELECT id, submission_id FROM leads")
        .fetch_all(&mut conn)
        .await
        .expect("lead ids")
        .iter()
        .map(|r| (r.get::<String, _>("submission_id"), r.get::<String, _>("id")))
        .collect();
    assert_eq!(ids.len(), sent.len());
    for (name, id, seed) in &sent {
        let got = admin.get(&format!("/inbox/leads/{}/files/card_front", ids[id])).await.bytes().await.expect("card");
        assert_eq!(sha256(&got), sha256(&restart_card(*seed)), "the card of {name}");
    }
}
