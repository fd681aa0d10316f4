//! Delivering the outbox: one e-mail per new lead (only that a lead arrived
//! and a link: no health information; over the SMTP client config.rs
//! checked, TLS as configured) and, when configured, one signed
//! webhook POST, retried with back-off until acknowledged. Rows are
//! claimed with a lease so several workers, in one process or many,
//! deliver each row once. Invariant: without `--webhook-full-lead`, no
//! personal value leaves through here.

use crate::db::{now_ms, OutboxRow};
use crate::server::App;
use hmac::{Hmac, Mac};
use lettre::message::Mailbox;
use lettre::{AsyncTransport, Message};
use sha2::Sha256;
use std::sync::Arc;
use std::time::Duration;

/// How long a claimed row is reserved for its worker.
const LEASE_MS: i64 = 60_000;

/// The delay before retry number `attempts`: 2, 4, 8 ... s, at most an hour.
pub fn backoff_ms(attempts: i64) -> i64 {
    1000 * (1i64 << attempts.clamp(1, 12)).min(3600)
}

/// Delivers due rows until the process ends.
pub async fn run(app: Arc<App>) {
    let client = reqwest::Client::builder().timeout(Duration::from_secs(15)).build().unwrap_or_default();
    loop {
        match app.db.claim_outbox(10, LEASE_MS).await {
            Ok(rows) if !rows.is_empty() => {
                for row in rows {
                    deliver(&app, &client, &row).await;
                }
                continue;
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "outbox claim failed"),
        }
        let _ = tokio::time::timeout(app.settings.outbox_interval, app.outbox_wake.notified()).await;
    }
}

async fn deliver(app: &App, client: &reqwest::Client, row: &OutboxRow) {
    let result = match row.kind.as_str() {
        "email" => email(app, row).await,
        "webhook" => webhook(app, client, row).await,
        other => Err(format!("unknown outbox kind {other}")),
    };
    let done = match result {
        Ok(()) => app.db.outbox_delivered(&row.id).await,
        Err(e) => {
            tracing::warn!(kind = %row.kind, attempts = row.attempts, error = %e, "delivery failed; will retry");
            app.db.outbox_failed(&row.id, now_ms() + backoff_ms(row.attempts), &e).await
        }
    };
    if let Err(e) = done {
        tracing::warn!(error = %e, "outbox update failed");
    }
}

fn link(app: &App, lead_id: &str) -> String {
    format!("{}/inbox/leads/{lead_id}", app.settings.public_url)
}

async fn email(app: &App, row: &OutboxRow) -> Result<(), String> {
    let Some(mailer) = &app.settings.smtp else { return Ok(()) };
    let from: Mailbox = app.settings.mail_from.parse().map_err(|e| format!("from: {e}"))?;
    let mut builder = Message::builder().from(from).subject("New lead in the inbox");
    for to in &app.settings.notify {
        builder = builder.to(to.parse().map_err(|e| format!("to: {e}"))?);
    }
    let body = format!(
        "A new lead arrived in the admissions inbox.\n\nSign in to see it:\n{}\n\nThis message carries no details on purpose.\n",
        link(app, &row.lead_id)
    );
    let message = builder.body(body).map_err(|e| e.to_string())?;
    // The transport was built and checked at start (config.rs: TLS, its roots, credentials).
    mailer.transport.send(message).await.map(|_| ()).map_err(|e| e.to_string())
}

/// The webhook's signature header value: `sha256=` and the hex HMAC of the body.
pub fn signature(secret: &str, body: &[u8]) -> String {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret.as_bytes()).unwrap_or_else(|_| unreachable!("HMAC takes any key"));
    mac.update(body);
    let bytes = mac.finalize().into_bytes();
    format!("sha256={}", bytes.iter().map(|b| format!("{b:02x}")).collect::<String>())
}

async fn webhook(app: &App, client: &reqwest::Client, row: &OutboxRow) -> Result<(), String> {
    let Some((url, secret)) = &app.settings.webhook else { return Ok(()) };
    let Some(lead) = app.db.lead(&row.lead_id).await.map_err(|e| e.to_string())? else {
        // Deleted before delivery: nothing to send.
        return Ok(());
    };
    let mut payload = serde_json::json!({
        "event": "lead.received",
        "lead_id": lead.id,
        "submission_id": lead.submission_id,
        "received_at": lead.received_at,
        "link": link(app, &lead.id),
    });
    if app.settings.webhook_full_lead {
        let plain = app.keys.open(&lead.body, &lead.id).map_err(|e| e.to_string())?;
        payload["lead"] = serde_json::from_slice(&plain).map_err(|e| e.to_string())?;
    }
    let body = serde_json::to_vec(&payload).map_err(|e| e.to_string())?;
    let res = client
        .post(url)
        .header("content-type", "application/json")
        .header("x-pfs-signature", signature(secret, &body))
        .header("idempotency-key", &row.id)
        .body(body)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    if res.status().is_success() {
        Ok(())
    } else {
        Err(format!("webhook answered {}", res.status()))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn backoff_grows_and_stops_at_an_hour() {
        let d: Vec<i64> = (1..=14).map(super::backoff_ms).collect();
        assert_eq!(&d[..3], &[2000, 4000, 8000]);
        assert!(d.windows(2).all(|w| w[0] <= w[1]));
        assert_eq!(*d.last().unwrap_or(&0), 3_600_000);
    }

    #[test]
    fn signature_is_the_hmac_of_the_body() {
        // RFC 4231 test case 2.
        assert_eq!(
            super::signature("Jefe", b"what do ya want for nothing?"),
            "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }
}
