//! The receiver contract (docs/embedding.md) against the real binary, on SQLite
//! and PostgreSQL: ack only after commit, dedupe, probe, 422/413 bodies,
//! content-checked types, bad multipart, CORS for configured origins only.

mod common;
use common::*;

both!(errors_the_widget_understands, cors_is_exact);
every_store!(ack_dedupe_and_probe, files_are_checked_by_their_bytes, oversized_and_malformed);

async fn ack_dedupe_and_probe(b: Backend, files: Files) {
    let inbox = Inbox::start_files(b, files, &[]).await;
    let c = client();
    let probe = c.get(format!("{}?submission_id=sub-1", inbox.leads_url())).header("origin", ORIGIN).send().await.expect("probe");
    assert_eq!(probe.status(), 404);
    assert_eq!(probe.headers()["access-control-allow-origin"], ORIGIN);
    assert_eq!(probe.headers()["access-control-expose-headers"], "Retry-After");
    assert_eq!(probe.headers()["vary"], "Origin");
    assert_eq!(json(&probe.text().await.unwrap_or_default()), serde_json::json!({ "submission_id": "sub-1", "status": "unknown" }));

    let lead = lead_json("sub-1", "Ada Lovelace", "+15551234567");
    let front = jpeg(300_000, 1);
    let back = png(200_000, 2);
    let (status, headers, body) =
        post(&inbox, &lead, &[("card_front", "front.jpg", front.clone()), ("card_back", "back.png", back.clone())]).await;
    assert_eq!(status, 200, "{body}");
    assert!(headers["content-type"].to_str().unwrap_or_default().starts_with("application/json"));
    assert_eq!(json(&body), serde_json::json!({ "submission_id": "sub-1", "status": "stored" }));

    // The same submission again: the same ack, nothing new.
    let (status, _, body) = post(&inbox, &lead, &[("card_front", "front.jpg", front.clone())]).await;
    assert_eq!((status, json(&body)), (200, serde_json::json!({ "submission_id": "sub-1", "status": "stored" })));
    let probe = c.get(format!("{}?submission_id=sub-1", inbox.leads_url())).send().await.expect("probe");
    assert_eq!(probe.status(), 200);
    assert_eq!(json(&probe.text().await.unwrap_or_default())["status"], "stored");

    let admin = staff(&inbox, true).await;
    let rows = admin.csv_rows().await;
    assert_eq!(rows.len(), 1, "one lead after two posts");
    // The attribution has a column each, after the notes: utm_source is filled.
    let (_, csv) = admin.text("/inbox/export.csv").await;
    let header = csv.lines().next().unwrap_or_default();
    assert!(header.ends_with(r#""notes","utm_source","utm_medium","utm_campaign","utm_term","utm_content","gclid","gbraid","wbraid","msclkid","fbclid","landing_page","referrer""#), "{header}");
    assert!(rows[0].contains(r#","newsletter","","#), "{}", rows[0]);
    let ids = admin.lead_ids().await;
    assert_eq!(ids.len(), 1);
    assert_eq!(ids[0].1, "Ada Lovelace");
    assert_eq!(inbox.stored_and_temp(), (2, 0), "two stored cards, no temp file left");
    let in_db = if files == Files::Database { 2 } else { 0 };
    assert_eq!(inbox.files_in_database(), in_db, "the cards are where --files says");
    // Both cards come back byte for byte.
    for (field, bytes) in [("card_front", &front), ("card_back", &back)] {
        let r = admin.get(&format!("/inbox/leads/{}/files/{field}", ids[0].0)).await;
        assert_eq!(r.status(), 200);
        assert_eq!(r.headers()["cache-control"], "no-store");
        assert_eq!(sha256(&r.bytes().await.expect("bytes")), sha256(bytes), "{field}");
    }
    // The lead's page shows what was typed, the answers and the attribution.
    let (status, page) = admin.text(&format!("/inbox/leads/{}", ids[0].0)).await;
    assert_eq!(status, 200);
    for shown in [
        "Ada Lovelace",
        "+15551234567",
        "Acme Health",
        "Likely a good fit",
        "Who is this for?",
        "utm_source",
        "newsletter",
        "https://site.example/article",
    ] {
        assert!(unescape(&page).contains(shown), "the lead page shows {shown}");
    }
}

async fn errors_the_widget_understands(b: Backend) {
    let inbox = Inbox::start(b, &[]).await;
    let lead = serde_json::json!({ "submission_id": "sub-2", "contact": { "name": " ", "phone": "12" }, "consent": null }).to_string();
    let (status, headers, body) = post(&inbox, &lead, &[]).await;
    assert_eq!(status, 422);
    assert_eq!(headers["access-control-allow-origin"], ORIGIN);
    let errors = &json(&body)["errors"];
    assert!(errors["name"].is_string() && errors["phone"].is_string(), "{body}");
    for bad in ["not json", "{}", r#"{"submission_id":"x y","contact":{"name":"A","email":"a@b.co"}}"#] {
        let (status, _, body) = post(&inbox, bad, &[]).await;
        assert_eq!(status, 422, "{bad}");
        assert!(json(&body)["errors"].is_array(), "{body}");
    }
    // Huge JSON is refused without reading it into memory whole.
    let huge = format!(r#"{{"submission_id":"h","contact":{{"name":"{}"}}}}"#, "x".repeat(2_000_000));
    let (status, _, _) = post(&inbox, &huge, &[]).await;
    assert_eq!(status, 413);
    let r = client().get(format!("{}?submission_id=sub-2", inbox.leads_url())).send().await.expect("probe");
    assert_eq!(r.status(), 404, "nothing was stored");
}

async fn files_are_checked_by_their_bytes(b: Backend, files: Files) {
    let inbox = Inbox::start_files(b, files, &[]).await;
    let html = b"<!doctype html><script>alert(1)</script>".to_vec();
    let (status, _, body) = post(&inbox, &lead_json("sub-3", "Bo", "+15551234567"), &[("card_front", "card.png", html)]).await;
    assert_eq!(status, 422);
    assert!(json(&body)["errors"]["card_front"].is_string(), "{body}");
    assert_eq!(inbox.stored_and_temp(), (0, 0));
    for (name, head) in [("c.pdf", b"%PDF-1.7\n".to_vec()), ("c.heic", b"\0\0\0\x18ftypheic\0\0\0\0".to_vec()), ("c.bin", png(1000, 3))] {
        let mut bytes = head;
        bytes.extend(jpeg(5000, 4));
        let id = format!("sub-3-{}", name.replace('.', "-"));
        let (status, _, body) = post(&inbox, &lead_json(&id, "Bo", "+15551234567"), &[("card_front", name, bytes)]).await;
        assert_eq!(status, 200, "{name}: {body}");
    }
}

async fn oversized_and_malformed(b: Backend, files: Files) {
    let inbox = Inbox::start_files(b, files, &[]).await;
    let c = client();
    let big = jpeg(33 * 1024 * 1024, 5);
    let r = c
        .post(inbox.leads_url())
        .multipart(form(&lead_json("sub-4", "Cy", "+15551234567"), &[("card_front", "big.jpg", big)]))
        .send()
        .await;
    // The server may answer before the upload ends and close the connection.
    if let Ok(r) = r {
        assert_eq!(r.status(), 413);
        assert!(json(&r.text().await.unwrap_or_default())["errors"]["card_front"].is_string());
    }
    // 10,000 fields: refused at the first unexpected one.
    let mut f = reqwest::multipart::Form::new().text("lead", lead_json("sub-5", "Di", "+15551234567"));
    for i in 0..10_000 {
        f = f.text(format!("f{i}"), "x");
    }
    let r = c.post(inbox.leads_url()).multipart(f).send().await.expect("many fields");
    assert_eq!(r.status(), 422);
    // Not multipart, a broken boundary, a truncated body.
    let r = c.post(inbox.leads_url()).header("content-type", "application/json").body("{}").send().await.expect("json");
    assert_eq!(r.status(), 400);
    let r = c
        .post(inbox.leads_url())
        .header("content-type", "multipart/form-data; boundary=XX")
        .body("--XX\r\nContent-Disposition: form-data; name=\"lead\"\r\n\r\n{\"a\"")
        .send()
        .await
        .expect("cut");
    assert_eq!(r.status(), 400);
    let r =
        c.post(inbox.leads_url()).header("content-type", "multipart/form-data; boundary=XX").body("garbage").send().await.expect("garbage");
    assert_eq!(r.status(), 400);
    for id in ["sub-4", "sub-5"] {
        let r = c.get(format!("{}?submission_id={id}", inbox.leads_url())).send().await.expect("probe");
        assert_eq!(r.status(), 404, "{id} was not stored");
    }
    assert_eq!(inbox.stored_and_temp(), (0, 0));
}

async fn cors_is_exact(b: Backend) {
    let inbox = Inbox::start(b, &[]).await;
    let c = client();
    let pre = c
        .request(reqwest::Method::OPTIONS, inbox.leads_url())
        .header("origin", ORIGIN)
        .header("access-control-request-method", "POST")
        .send()
        .await
        .expect("options");
    assert_eq!(pre.status(), 204);
    assert_eq!(pre.headers()["access-control-allow-origin"], ORIGIN);
    assert_eq!(pre.headers()["vary"], "Origin");
    assert!(pre.headers()["access-control-allow-methods"].to_str().unwrap_or_default().contains("POST"));
    for evil in ["http://evil.example", "http://site.example.evil.example", "null"] {
        let r = c
            .post(inbox.leads_url())
            .header("origin", evil)
            .multipart(form(&lead_json("sub-6", "Ed", "+15551234567"), &[]))
            .send()
            .await
            .expect("post");
        assert_eq!(r.status(), 403, "{evil}");
        assert!(r.headers().get("access-control-allow-origin").is_none());
        assert!(r.headers().get("access-control-expose-headers").is_none());
        assert_eq!(r.headers()["vary"], "Origin");
        let r = c.request(reqwest::Method::OPTIONS, inbox.leads_url()).header("origin", evil).send().await.expect("options");
        assert!(r.headers().get("access-control-allow-origin").is_none());
        let r = c.get(format!("{}?submission_id=sub-6", inbox.leads_url())).header("origin", evil).send().await.expect("probe");
        assert!(r.headers().get("access-control-allow-origin").is_none());
    }
    let r = c.get(format!("{}?submission_id=sub-6", inbox.leads_url())).send().await.expect("probe");
    assert_eq!(r.status(), 404, "the refused origin stored nothing");
    let r = c.get(format!("{}/healthz", inbox.url)).send().await.expect("healthz");
    assert_eq!(r.status(), 200);
}
