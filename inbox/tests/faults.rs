//! Faults against the real binary, on SQLite and PostgreSQL: a client that
//! stops sending, the inbox killed with `kill -9` in the middle of an
//! upload and restarted, the disk and the database refusing writes.

mod common;
use common::*;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

both!(slow_client_is_cut_off, kill_9_mid_upload_leaves_nothing, refused_writes_answer_503);

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

async fn slow_client_is_cut_off(b: Backend) {
    let inbox = Inbox::start(b, &["--read-timeout-secs", "1"]).await;
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

async fn kill_9_mid_upload_leaves_nothing(b: Backend) {
    let mut inbox = Inbox::start(b, &[]).await;
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

async fn refused_writes_answer_503(b: Backend) {
    let inbox = Inbox::start(b, &[]).await;
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
