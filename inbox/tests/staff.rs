//! The staff side against the real binary, on SQLite and PostgreSQL:
//! access control on every page and file, CSRF, roles, lockout, expiry;
//! injection payloads inert in pages and CSV; nothing readable at rest;
//! status, notes, deletion, purge and key rotation with their audit trail;
//! users removed, promoted, unlocked and given a one-time password from
//! the pages, and everyone's own password change;
//! configuration errors at start; the list a page at a time and the
//! export of every lead, past the old cap of 1,000, and their rotation.

mod common;
use common::*;
use std::time::Duration;

both!(
    signed_out_and_forged_requests_are_refused,
    roles_lockout_and_expiry,
    admins_manage_users_from_the_pages,
    admins_reset_passwords_and_users_choose_their_own,
    payloads_are_inert,
    pages_and_the_export_show_every_lead
);
every_store!(nothing_readable_at_rest, follow_up_delete_purge_rotate);

const PAGES: [&str; 5] = ["/inbox", "/inbox/export.csv", "/inbox/audit", "/inbox/users", "/inbox/leads/LEAD"];

async fn one_lead(inbox: &Inbox, name: &str, phone: &str) -> String {
    let (status, _, body) =
        post(inbox, &lead_json(&format!("s-{}", uuid::Uuid::new_v4()), name, phone), &[("card_front", "f.jpg", jpeg(20_000, 1))]).await;
    assert_eq!(status, 200, "{body}");
    let admin = staff(inbox, true).await;
    admin.lead_ids().await.into_iter().find(|(_, n)| n == name).expect("the lead is listed").0
}

async fn signed_out_and_forged_requests_are_refused(b: Backend) {
    let inbox = Inbox::start(b, &[]).await;
    let id = one_lead(&inbox, "Guarded Gus", "+15551234567").await;
    let c = client();
    let mut urls: Vec<String> = PAGES.iter().map(|p| p.replace("LEAD", &id)).collect();
    urls.push(format!("/inbox/leads/{id}/files/card_front"));
    for u in &urls {
        let r = c.get(format!("{}{u}", inbox.url)).send().await.expect("get");
        assert_eq!(r.status(), 303, "{u} signed out");
        assert_eq!(r.headers()["location"], "/inbox/login");
        assert!(!r.text().await.unwrap_or_default().contains("Gus"));
        let r = c.get(format!("{}{u}", inbox.url)).header("cookie", "pfs_session=forged").send().await.expect("get");
        assert_eq!(r.status(), 303, "{u} with a made-up session");
    }
    for (path, fields) in [("status", vec![("status", "closed")]), ("notes", vec![("notes", "x")]), ("delete", vec![("confirm", "yes")])] {
        let url = format!("{}/inbox/leads/{id}/{path}", inbox.url);
        let r = c.post(&url).form(&fields).send().await.expect("post");
        assert_eq!(r.status(), 403, "{path} signed out");
        // Signed in, but with another user's token or none.
        let me = staff(&inbox, false).await;
        let other = staff(&inbox, true).await;
        for token in [other.csrf.as_str(), "", "forged"] {
            let mut f = fields.clone();
            f.push(("csrf", token));
            let r = me.post(&format!("/inbox/leads/{id}/{path}"), &f).await;
            assert_eq!(r.status(), 403, "{path} with csrf {token:?}");
        }
    }
    let admin = staff(&inbox, true).await;
    let (_, page) = admin.text(&format!("/inbox/leads/{id}")).await;
    assert!(page.contains("status-new"), "the forged requests changed nothing");
    // Sign-in itself needs the form's token.
    let r = c
        .post(format!("{}/inbox/login", inbox.url))
        .form(&[("email", "admin@test.example"), ("password", PASSWORD), ("csrf", "x")])
        .send()
        .await
        .expect("login");
    assert_eq!(r.status(), 403);
    assert!(set_cookie(&r, "pfs_session").is_none());
}

async fn roles_lockout_and_expiry(b: Backend) {
    let inbox = Inbox::start(b, &["--session-idle-secs", "2", "--lockout-failures", "3"]).await;
    let staff_member = staff(&inbox, false).await;
    for admin_only in ["/inbox/audit", "/inbox/users"] {
        assert_eq!(staff_member.get(admin_only).await.status(), 403, "{admin_only}");
    }
    let r = staff_member
        .post("/inbox/users", &[("csrf", &staff_member.csrf), ("email", "x@test.example"), ("password", "another long password")])
        .await;
    assert_eq!(r.status(), 403);
    let admin = staff(&inbox, true).await;
    assert_eq!(admin.get("/inbox/audit").await.status(), 200);
    let (_, users) = admin.text("/inbox/users").await;
    assert!(!users.contains("x@test.example"), "the staff member added nobody");
    // Secure cookies by default (plain http in tests needs --insecure-cookies).
    let mut secure = Inbox::start(b, &[]).await;
    secure.extra.clear();
    let page = client().get(format!("{}/inbox/login", secure.url)).send().await.expect("page");
    let cookie = set_cookie(&page, "pfs_login").expect("cookie");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), "{cookie}");

    // Three wrong passwords lock the account, even for the right one.
    for _ in 0..3 {
        let (status, s) = sign_in(&inbox.url, "staff@test.example", "wrong password!").await;
        assert!(s.is_none() && status == 401);
    }
    let (status, s) = sign_in(&inbox.url, "staff@test.example", PASSWORD).await;
    assert!(s.is_none(), "locked");
    assert_eq!(status, 429);
    // Signed in again: the sign-ins above (argon2 each) may take longer than the 2 s idle time on a busy machine.
    let admin = staff(&inbox, true).await;
    let (status, audit) = admin.text("/inbox/audit").await;
    assert_eq!(status, 200);
    assert!(audit.contains("account locked") && audit.contains("sign-in failed"), "{audit}");

    // Sessions end after the idle time.
    tokio::time::sleep(Duration::from_millis(2500)).await;
    assert_eq!(admin.get("/inbox").await.status(), 303, "the idle session expired");
}

async fn admins_manage_users_from_the_pages(b: Backend) {
    let inbox = Inbox::start(b, &["--lockout-failures", "2"]).await;
    inbox.add_user("temp@test.example", false);
    let admin = staff(&inbox, true).await;
    let (status, page) = admin.text("/inbox/users").await;
    assert_eq!(status, 200);
    for button in ["Remove temp@test.example", "Make temp@test.example admin", "Make staff@test.example admin"] {
        assert!(page.contains(&format!("aria-label=\"{button}\"")), "{button}: {page}");
    }
    assert!(!page.contains("aria-label=\"Remove admin@test.example\""), "no button to remove oneself");
    let text = |r: reqwest::Response| async move { r.text().await.unwrap_or_default() };

    // Staff cannot, nor an admin with a forged token.
    let member = staff(&inbox, false).await;
    assert_eq!(member.post("/inbox/users/remove", &[("csrf", &member.csrf), ("email", "temp@test.example")]).await.status(), 403);
    assert_eq!(admin.post("/inbox/users/remove", &[("csrf", "forged"), ("email", "temp@test.example")]).await.status(), 403);

    // A promotion applies to the open session at once.
    let (_, temp) = sign_in(&inbox.url, "temp@test.example", PASSWORD).await;
    let temp = temp.expect("temp signs in");
    assert_eq!(temp.get("/inbox/audit").await.status(), 403);
    let r = admin.post("/inbox/users/role", &[("csrf", &admin.csrf), ("email", "temp@test.example"), ("role", "admin")]).await;
    assert!(text(r).await.contains("temp@test.example is now admin."));
    assert_eq!(temp.get("/inbox/audit").await.status(), 200, "promoted in the open session");
    let r = admin.post("/inbox/users/role", &[("csrf", &admin.csrf), ("email", "temp@test.example"), ("role", "owner")]).await;
    assert!(text(r).await.contains("That is not a role."));

    // An admin can neither remove nor demote themselves: the inbox keeps an admin.
    let r = admin.post("/inbox/users/remove", &[("csrf", &admin.csrf), ("email", "Admin@Test.example")]).await;
    assert!(text(r).await.contains("You cannot remove your own account"));
    let r = admin.post("/inbox/users/role", &[("csrf", &admin.csrf), ("email", "admin@test.example"), ("role", "staff")]).await;
    assert!(text(r).await.contains("You cannot change your own role"));
    assert_eq!(admin.get("/inbox/audit").await.status(), 200, "still an admin");

    // A locked account, unlocked from the page.
    for _ in 0..2 {
        assert!(sign_in(&inbox.url, "staff@test.example", "wrong password!").await.1.is_none());
    }
    assert_eq!(sign_in(&inbox.url, "staff@test.example", PASSWORD).await.0, 429, "locked");
    let (_, page) = admin.text("/inbox/users").await;
    assert!(page.contains("aria-label=\"Unlock staff@test.example\""), "{page}");
    let r = admin.post("/inbox/users/unlock", &[("csrf", &admin.csrf), ("email", "staff@test.example")]).await;
    assert!(text(r).await.contains("staff@test.example can sign in again."));
    assert!(sign_in(&inbox.url, "staff@test.example", PASSWORD).await.1.is_some(), "unlocked");

    // Removed: signed out at once, and no way back in.
    let r = admin.post("/inbox/users/remove", &[("csrf", &admin.csrf), ("email", "temp@test.example")]).await;
    assert!(text(r).await.contains("temp@test.example was removed and signed out."));
    assert_eq!(temp.get("/inbox").await.status(), 303, "the removed user's session ended");
    assert!(sign_in(&inbox.url, "temp@test.example", PASSWORD).await.1.is_none());
    let (_, page) = admin.text("/inbox/users").await;
    assert!(!page.contains("temp@test.example"), "gone from the list");
    let (_, audit) = admin.text("/inbox/audit").await;
    for action in ["role changed", "account unlocked", "user removed"] {
        assert!(audit.contains(action), "{action} is in the audit log");
    }
}

async fn admins_reset_passwords_and_users_choose_their_own(b: Backend) {
    let inbox = Inbox::start(b, &["--lockout-failures", "3"]).await;
    let admin = staff(&inbox, true).await;
    let (_, page) = admin.text("/inbox/users").await;
    assert!(page.contains("aria-label=\"Set password for staff@test.example\""), "{page}");
    assert!(page.contains("New password<span class=\"vh\"> for staff@test.example</span>"), "the field is named for its user");
    assert!(!page.contains("aria-label=\"Set password for admin@test.example\""), "not for the admin's own account");
    let text = |r: reqwest::Response| async move { r.text().await.unwrap_or_default() };
    let given = "a one-time password from the admin";

    // Staff cannot, an admin with a forged token cannot, nor for their own account, nor too short.
    let member = staff(&inbox, false).await;
    let r = member.post("/inbox/users/password", &[("csrf", &member.csrf), ("email", "admin@test.example"), ("password", given)]).await;
    assert_eq!(r.status(), 403);
    let r = admin.post("/inbox/users/password", &[("csrf", "forged"), ("email", "staff@test.example"), ("password", given)]).await;
    assert_eq!(r.status(), 403);
    let r = admin.post("/inbox/users/password", &[("csrf", &admin.csrf), ("email", "admin@test.example"), ("password", given)]).await;
    assert!(text(r).await.contains("To change your own password, use Change your password"));
    let r = admin.post("/inbox/users/password", &[("csrf", &admin.csrf), ("email", "staff@test.example"), ("password", "short")]).await;
    assert!(text(r).await.contains("The password of staff@test.example was not changed: the password must have at least 12"));
    let r = admin.post("/inbox/users/password", &[("csrf", &admin.csrf), ("email", "nobody@test.example"), ("password", given)]).await;
    assert!(text(r).await.contains("nobody@test.example has no account."));
    assert_eq!(member.get("/inbox").await.status(), 200, "the refused resets changed nothing");

    // A locked account: the reset lifts the lock and ends the open session.
    for _ in 0..3 {
        assert!(sign_in(&inbox.url, "staff@test.example", "wrong password!").await.1.is_none());
    }
    let r = admin.post("/inbox/users/password", &[("csrf", &admin.csrf), ("email", "Staff@Test.example"), ("password", given)]).await;
    assert!(text(r).await.contains("staff@test.example has a new one-time password and was signed out."));
    assert_eq!(member.get("/inbox").await.status(), 303, "the user's session ended");
    assert!(sign_in(&inbox.url, "staff@test.example", PASSWORD).await.1.is_none(), "the old password no longer works");

    // Signed in with the one-time password, only the password page opens.
    let (status, once) = sign_in(&inbox.url, "staff@test.example", given).await;
    let once = once.unwrap_or_else(|| panic!("signs in with the one-time password (unlocked): {status}"));
    let (_, other) = sign_in(&inbox.url, "staff@test.example", given).await;
    let other = other.expect("a second session");
    let r = once.get("/inbox").await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/inbox/account/password");
    assert_eq!(once.get("/inbox/account").await.status(), 303);
    let r = once.post("/inbox/leads/x/status", &[("csrf", &once.csrf), ("status", "closed")]).await;
    assert_eq!(r.status(), 403);
    assert!(text(r).await.contains("Choose your own password first."));
    let (status, page) = once.text("/inbox/account/password").await;
    assert_eq!(status, 200);
    assert!(page.contains("An admin set your password") && !page.contains("href=\"/inbox/export.csv\""), "{page}");

    // Its checks: the current password, the length, the same twice, a new one.
    let change = |current: &str, new: &str, confirm: &str| {
        [("csrf", once.csrf.clone()), ("current", current.to_string()), ("new", new.to_string()), ("confirm", confirm.to_string())]
    };
    let mine = "my very own long password";
    for (fields, says) in [
        (change("not the given one!", mine, mine), "Your current password is not right."),
        (change(given, "short", "short"), "at least 12 characters"),
        (change(given, mine, "my very own long passwore"), "the two new passwords are not the same"),
        (change(given, given, given), "choose a password other than your current one"),
    ] {
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let r = once.post("/inbox/account/password", &fields).await;
        assert_eq!(r.status(), 422, "{says}");
        assert!(text(r).await.contains(says), "{says}");
    }
    let forged = [("csrf", "forged"), ("current", given), ("new", mine), ("confirm", mine)];
    assert_eq!(once.post("/inbox/account/password", &forged).await.status(), 403);
    let fields = change(given, mine, mine);
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = once.post("/inbox/account/password", &fields).await;
    assert_eq!(r.status(), 200);
    assert!(text(r).await.contains("Your password was changed."));
    assert_eq!(once.get("/inbox").await.status(), 200, "this session goes on, free");
    assert_eq!(other.get("/inbox/account/password").await.status(), 303, "the other session ended");
    assert!(sign_in(&inbox.url, "staff@test.example", given).await.1.is_none(), "the one-time password is spent");
    let (_, again) = sign_in(&inbox.url, "staff@test.example", mine).await;
    assert_eq!(again.expect("signs in with their own").get("/inbox").await.status(), 200, "no password page any more");

    // The admin changes their own password the same way, from the account page.
    let (_, account) = admin.text("/inbox/account").await;
    assert!(account.contains("href=\"/inbox/account/password\""));
    let (_, page) = admin.text("/inbox/account/password").await;
    assert!(page.contains("Current password") && !page.contains("An admin set your password"));
    let own = "the admin's new long password";
    let r = admin.post("/inbox/account/password", &[("csrf", &admin.csrf), ("current", PASSWORD), ("new", own), ("confirm", own)]).await;
    assert_eq!(r.status(), 200);
    assert!(sign_in(&inbox.url, "admin@test.example", own).await.1.is_some());
    let (_, audit) = admin.text("/inbox/audit").await;
    for action in ["password reset by admin", "password change failed", "password changed"] {
        assert!(audit.contains(action), "{action} is in the audit log");
    }
    assert!(!audit.contains(given) && !audit.contains(mine), "no password in the audit log");
}

async fn payloads_are_inert(b: Backend) {
    let inbox = Inbox::start(b, &[]).await;
    let xss = "<script>alert(1)</script><img src=x onerror=alert(2)>";
    let formula = "=HYPERLINK(\"http://evil.example\",\"x\")";
    let sql = "'); DROP TABLE leads;--";
    let lead = serde_json::json!({
        "submission_id": "inject-1", "page": "javascript:alert(3)",
        "contact": { "name": xss, "phone": "+15551234567", "email": "a@b.co", "who": sql, "insurance": formula, "message": "@SUM(1+1)*cmd|' /C calc'!A0", "best_time": "\"><svg onload=alert(4)>" },
        "consent": { "text": "<b>ok</b>", "time": "t" },
        "screening": { "outcome": { "title": "<iframe src=//evil.example>" }, "answers": [ { "question": "<u>q</u>", "answer": ["<i>a</i>"] } ] },
        "<x>": "</dd><script>alert(5)</script>"
    })
    .to_string();
    let (status, _, body) = post(&inbox, &lead, &[]).await;
    assert_eq!(status, 200, "{body}");
    let admin = staff(&inbox, true).await;
    let ids = admin.lead_ids().await;
    let (status, list) = admin.text("/inbox").await;
    assert_eq!(status, 200);
    let (_, page) = admin.text(&format!("/inbox/leads/{}", ids[0].0)).await;
    for html in [&list, &page] {
        for live in ["<script", "<img", "<svg", "<iframe", "<u>", "<i>", "<b>", "href=\"javascript"] {
            assert!(!html.contains(live), "{live} is escaped");
        }
    }
    assert!(page.contains("&lt;script&gt;"), "shown as text");
    let r = admin.get("/inbox").await;
    let csp = r.headers()["content-security-policy"].to_str().unwrap_or_default().to_string();
    assert!(csp.contains("default-src 'none'") && !csp.contains("unsafe-inline"), "{csp}");
    let rows = admin.csv_rows().await;
    assert_eq!(rows.len(), 1);
    for cell in [formula, "@SUM", "+15551234567"] {
        let quoted = format!("\"'{}", cell.replace('"', "\"\""));
        assert!(rows[0].contains(&quoted), "{cell} is neutralised in {}", rows[0]);
    }
    assert!(!rows[0].contains(",\"="), "no cell starts with =");
    // The SQL went nowhere: the table and the lead are still there.
    assert_eq!(client().get(format!("{}?submission_id=inject-1", inbox.leads_url())).send().await.expect("probe").status(), 200);
}

async fn nothing_readable_at_rest(b: Backend, files: Files) {
    let inbox = Inbox::start_files(b, files, &[]).await;
    let name = "Quintessa Marchbanks";
    let phone = "+15557654321";
    let card = jpeg(300_000, 77);
    let lead = lead_json("rest-1", name, phone);
    let (status, _, _) = post(&inbox, &lead, &[("card_front", "quintessa-card.jpg", card.clone())]).await;
    assert_eq!(status, 200);
    let admin = staff(&inbox, true).await;
    let id = admin.lead_ids().await[0].0.clone();
    let r = admin.post(&format!("/inbox/leads/{id}/notes"), &[("csrf", &admin.csrf), ("notes", "Called Quintessa about detox")]).await;
    assert_eq!(r.status(), 303);
    // Search finds the encrypted name and phone through the blind index.
    for q in ["quintessa", "Marchbanks", "555-765-4321", "4321"] {
        let (_, html) = admin.text(&format!("/inbox?q={q}")).await;
        assert!(html.contains(name), "search {q}");
    }
    let (_, html) = admin.text("/inbox?q=nobody").await;
    assert!(!html.contains(name));

    // The card is where --files says (and so the scan below reads it there).
    assert_eq!(inbox.files_in_database(), usize::from(files == Files::Database));
    let mut places = inbox.data_files();
    places.extend(inbox.logs.iter().cloned());
    if b == Backend::Postgres {
        let Ok(pgdata) = std::env::var("PFS_TEST_PGDATA") else { panic!("PFS_TEST_PGDATA is not set") };
        // Make PostgreSQL write its buffers out first.
        use sqlx::{Connection, Executor};
        let mut c = sqlx::PgConnection::connect(&inbox.database).await.expect("connect");
        c.execute("CHECKPOINT").await.expect("checkpoint");
        let walk = |dir: &std::path::Path| -> Vec<std::path::PathBuf> {
            let mut out = Vec::new();
            let mut stack = vec![dir.to_path_buf()];
            while let Some(d) = stack.pop() {
                for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
                    if e.path().is_dir() {
                        stack.push(e.path());
                    } else {
                        out.push(e.path());
                    }
                }
            }
            out
        };
        places.extend(walk(std::path::Path::new(&pgdata)));
    }
    assert!(places.len() > 3);
    let needles: Vec<Vec<u8>> = vec![
        b"Quintessa".to_vec(),
        b"Marchbanks".to_vec(),
        b"5557654321".to_vec(),
        b"Acme Health".to_vec(),
        b"Likely a good fit".to_vec(),
        card[1000..1064].to_vec(),
    ];
    let mut scanned = 0;
    for p in &places {
        let Ok(bytes) = std::fs::read(p) else { continue };
        scanned += bytes.len();
        for n in &needles {
            assert!(
                !bytes.windows(n.len()).any(|w| w == &n[..]),
                "{} contains {:?}",
                p.display(),
                String::from_utf8_lossy(&n[..n.len().min(20)])
            );
        }
    }
    assert!(scanned > card.len(), "the stored bytes were scanned");
}

async fn follow_up_delete_purge_rotate(b: Backend, files: Files) {
    let mut inbox = Inbox::start_files(b, files, &[]).await;
    let id = one_lead(&inbox, "Follow Fay", "+15551112222").await;
    let keep = one_lead(&inbox, "Keep Kay", "+15551113333").await;
    let card = {
        let admin = staff(&inbox, true).await;
        admin.get(&format!("/inbox/leads/{keep}/files/card_front")).await.bytes().await.expect("card")
    };
    let s = staff(&inbox, false).await;
    let r = s.post(&format!("/inbox/leads/{id}/status"), &[("csrf", &s.csrf), ("status", "contacted")]).await;
    assert_eq!(r.status(), 303);
    let (_, list) = s.text("/inbox?status=contacted").await;
    assert!(list.contains("Follow Fay") && !list.contains("Keep Kay"));
    let r = s.post(&format!("/inbox/leads/{id}/delete"), &[("csrf", &s.csrf), ("confirm", "yes")]).await;
    assert_eq!(r.status(), 200);
    assert_eq!(s.get(&format!("/inbox/leads/{id}")).await.status(), 404);
    assert_eq!(inbox.stored_and_temp(), (1, 0), "the deleted lead's file is gone");

    // Rotation: a new key re-encrypts everything; the lead reads the same.
    let mut args = vec!["key".to_string(), "rotate".into(), "--key-file".into(), inbox.key_file.display().to_string()];
    args.extend(inbox.store_args());
    let out = run(&args.iter().map(String::as_str).collect::<Vec<_>>(), "");
    assert!(out.status.success(), "rotate: {}", String::from_utf8_lossy(&out.stderr));
    inbox.restart();
    let admin = staff(&inbox, true).await;
    let after = admin.get(&format!("/inbox/leads/{keep}/files/card_front")).await.bytes().await.expect("card");
    assert_eq!(sha256(&after), sha256(&card), "the card survives rotation");
    let (_, page) = admin.text(&format!("/inbox/leads/{keep}")).await;
    assert!(page.contains("Acme Health"), "the lead reads the same after rotation");
    let (_, html) = admin.text("/inbox?q=kay").await;
    assert!(html.contains("Keep Kay"), "search works with the new key");

    // Purge everything older than 0 days.
    let mut args = vec!["purge".to_string(), "--retention-days".into(), "0".into()];
    args.extend(inbox.store_args());
    let out = run(&args.iter().map(String::as_str).collect::<Vec<_>>(), "");
    assert!(out.status.success(), "purge: {}", String::from_utf8_lossy(&out.stderr));
    assert!(admin.lead_ids().await.is_empty());
    assert_eq!(inbox.stored_and_temp(), (0, 0));
    let (status, _) = admin.text(&format!("/inbox/leads/{keep}")).await;
    assert_eq!(status, 404, "purged");
    let (_, audit) = admin.text("/inbox/audit").await;
    for action in ["status change", "delete", "view lead", "file download", "sign-in", "key rotated", "purge"] {
        assert!(audit.contains(action), "the audit log has {action}");
    }
    assert!(!audit.contains("Follow Fay"), "the audit log names no lead's person");
}

#[test]
fn bad_configuration_stops_at_start() {
    let dir = tempfile::tempdir().expect("dir");
    let key = dir.path().join("k");
    assert!(run(&["key", "generate", "--key-file", key.to_str().unwrap_or_default()], "").status.success());
    let again = run(&["key", "generate", "--key-file", key.to_str().unwrap_or_default()], "");
    assert!(!again.status.success(), "never overwrites a key");
    let data = dir.path().join("data");
    let d = data.to_str().unwrap_or_default();
    let k = key.to_str().unwrap_or_default();
    let inside = data.join("k");
    std::fs::create_dir_all(&data).expect("data");
    std::fs::copy(&key, &inside).expect("copy");
    for (args, says) in [
        (vec!["serve", "--data", d], "no encryption key"),
        (vec!["serve", "--data", d, "--key-file", k, "--allow-origin", "example.org"], "--allow-origin"),
        (vec!["serve", "--data", d, "--key-file", k, "--allow-origin", "https://example.org/path"], "--allow-origin"),
        (vec!["serve", "--data", d, "--key-file", inside.to_str().unwrap_or_default()], "outside the data directory"),
        (vec!["serve", "--data", d, "--key-file", k, "--database", "mysql://x"], "--database"),
        (vec!["serve", "--data", d, "--key-file", k, "--webhook-url", "http://127.0.0.1:1/"], "--webhook-secret"),
        (vec!["serve", "--data", d, "--key-file", k, "--smtp-url", "smtp://127.0.0.1:1"], "--notify"),
    ] {
        let out = run(&args, "");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(says), "{args:?} says {says}: {err}");
    }
    let short = run(&["user", "add", "a@b.co", "--password-stdin", "--data", d], "short\n");
    assert!(!short.status.success() && String::from_utf8_lossy(&short.stderr).contains("12 characters"));
}

both!(two_step_sign_in);

async fn two_step_sign_in(b: Backend) {
    let inbox = Inbox::start(b, &["--require-totp"]).await;
    let s = staff(&inbox, false).await;
    let r = s.get("/inbox").await;
    assert_eq!(r.status(), 303, "required: the inbox waits for the second factor");
    assert_eq!(r.headers()["location"], "/inbox/account");
    let (status, page) = s.text("/inbox/account").await;
    assert_eq!(status, 200);
    let csrf = csrf_in(&page);
    let at = page.find("id=\"totp-secret\">").expect("the secret is shown") + "id=\"totp-secret\">".len();
    let secret = page[at..].split('<').next().unwrap_or_default().to_string();
    let now = || std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let wrong = s.post("/inbox/account", &[("csrf", &csrf), ("secret", &secret), ("code", "000000")]).await;
    assert_eq!(wrong.status(), 422);
    let code = pfs_inbox::totp::code(&secret, now()).expect("code");
    let r = s.post("/inbox/account", &[("csrf", &csrf), ("secret", &secret), ("code", &code)]).await;
    assert_eq!(r.status(), 200);
    assert_eq!(s.get("/inbox").await.status(), 200, "set up: the inbox opens");
    // From now on the password alone is refused; with the code it works.
    let (status, none) = sign_in(&inbox.url, "staff@test.example", PASSWORD).await;
    assert!(none.is_none() && status == 401);
    let (status, with) =
        sign_in_with_code(&inbox.url, "staff@test.example", PASSWORD, &pfs_inbox::totp::code(&secret, now()).expect("code")).await;
    assert!(with.is_some(), "signed in with the code ({status})");
}

/// The leads of every page from `start`, following "Older leads" to the
/// end; each link keeps `keep` (the filter). The pages' HTML too.
async fn walk(s: &Session, start: &str, keep: &[&str]) -> (Vec<(String, String)>, Vec<String>) {
    let (mut leads, mut pages) = (Vec::new(), Vec::new());
    let mut at = start.to_string();
    loop {
        let (status, html) = s.text(&at).await;
        assert_eq!(status, 200, "{at}");
        let rows = listed(&html);
        assert!(!rows.is_empty() && rows.len() <= 50, "{at}: {} leads", rows.len());
        leads.extend(rows);
        let next = link(&html, "Older leads");
        pages.push(html);
        let Some(next) = next else { break };
        for k in keep {
            assert!(next.contains(k), "{next} keeps {k}");
        }
        assert!(pages.len() < 100, "the pages end");
        at = next;
    }
    for p in &pages[..pages.len() - 1] {
        assert_eq!(listed(p).len(), 50, "a full page but the last");
    }
    (leads, pages)
}

/// The name cell of each row of a CSV export, in order (seeded cells hold no comma).
async fn exported_names(s: &Session, path: &str) -> Vec<String> {
    let r = s.get(path).await;
    assert_eq!(r.status(), 200, "{path}");
    assert_eq!(r.headers()["cache-control"], "no-store");
    assert!(r.headers().get("content-length").is_none(), "streamed, not built whole");
    let body = r.text().await.expect("the whole export");
    let mut lines = body.split("\r\n").filter(|l| !l.is_empty());
    assert!(lines.next().is_some_and(|h| h.starts_with("\"received\",\"status\",\"name\",\"phone\"")), "the same columns");
    lines.map(|l| l.split(',').nth(2).unwrap_or_default().trim_matches('"').to_string()).collect()
}

/// A seeded lead: received at, id, name, status.
type Lead = (i64, String, String, &'static str);

async fn pages_and_the_export_show_every_lead(b: Backend) {
    const N: usize = 1030;
    let inbox = Inbox::start(b, &[]).await;
    // Three leads to a millisecond, so the order's tie-break (the id) is used on every page.
    let base = pfs_inbox::db::now_ms() - 3_600_000;
    let seeds: Vec<Seed> = (0..N)
        .map(|i| Seed {
            name: format!("{} Lead{i:04}", if i.is_multiple_of(10) { "Zed" } else { "Pat" }),
            phone: format!("+1555{i:07}"),
            status: if i % 3 == 1 { "contacted" } else { "new" },
            received_at: base - (i / 3) as i64 * 1000,
        })
        .collect();
    let ids = inbox.seed(&seeds).await;
    let mut all: Vec<Lead> = seeds.iter().zip(&ids).map(|(s, id)| (s.received_at, id.clone(), s.name.clone(), s.status)).collect();
    all.sort_by(|a, b| (b.0, &b.1).cmp(&(a.0, &a.1)));
    let expect =
        |keep: fn(&Lead) -> bool| -> Vec<(String, String)> { all.iter().filter(|l| keep(l)).map(|l| (l.1.clone(), l.2.clone())).collect() };
    let everyone = expect(|_| true);
    let s = staff(&inbox, false).await;

    // Every lead once, newest first, 50 to a page, each page saying which.
    let (leads, pages) = walk(&s, "/inbox", &[]).await;
    assert_eq!(leads.len(), N, "every lead listed");
    assert_eq!(leads.iter().map(|l| &l.0).collect::<std::collections::HashSet<_>>().len(), N, "no lead twice");
    assert_eq!(leads, everyone, "in order");
    assert_eq!(pages.len(), 21);
    for (n, says) in [(0, "Leads 1–50 of 1,030"), (1, "Leads 51–100 of 1,030"), (20, "Leads 1,001–1,030 of 1,030")] {
        let page = &pages[n];
        assert!(page.contains(&format!("<caption>{says}, newest first</caption>")), "page {n} says {says}");
        assert!(page.contains(&format!("<span aria-current=\"page\">{says}</span>")), "page {n} marked current");
        assert!(page.contains("<nav aria-label=\"Pages\""), "page {n} has the pages");
    }
    assert!(link(&pages[0], "Newer leads").is_none() && link(&pages[0], "Newest leads").is_none(), "nothing newer than the first");
    assert!(link(&pages[20], "Older leads").is_none() && link(&pages[20], "Oldest leads").is_none(), "nothing older than the last");
    // Back the other way, and to either end.
    let (_, back) = s.text(&link(&pages[20], "Newer leads").expect("a newer page")).await;
    assert_eq!(listed(&back), listed(&pages[19]), "newer than the last page is the one before");
    let (_, oldest) = s.text(&link(&pages[0], "Oldest leads").expect("the oldest")).await;
    assert_eq!(listed(&oldest), everyone[N - 50..], "the oldest 50");
    let (_, newest) = s.text(&link(&pages[5], "Newest leads").expect("the newest")).await;
    assert_eq!(listed(&newest), listed(&pages[0]));

    // The search and the filter hold on every page.
    let (zed, pages) = walk(&s, "/inbox?q=zed", &["q=zed"]).await;
    assert_eq!(zed, expect(|l| l.2.starts_with("Zed")));
    assert_eq!(pages.len(), 3);
    assert!(pages[1].contains("Leads 51–100 of 103 that match"));
    let (contacted, pages) = walk(&s, "/inbox?status=contacted", &["status=contacted"]).await;
    assert_eq!(contacted, expect(|l| l.3 == "contacted"));
    assert_eq!(pages.len(), 7);
    // One page: no pages to go to.
    let both = expect(|l| l.2.starts_with("Zed") && l.3 == "contacted");
    let (_, html) = s.text("/inbox?q=Zed&status=contacted").await;
    assert_eq!(listed(&html), both);
    assert!(!html.contains("aria-label=\"Pages\"") && link(&html, "Older leads").is_none(), "one page, no paging");
    let (_, html) = s.text("/inbox?q=%2B1+555+000+0042").await;
    assert_eq!(listed(&html).iter().map(|l| l.1.as_str()).collect::<Vec<_>>(), ["Pat Lead0042"], "a phone search");

    // The export: every lead, past the old cap of 1,000, and only the matching ones.
    let names = |v: &[(String, String)]| v.iter().map(|l| l.1.clone()).collect::<Vec<_>>();
    let exported = exported_names(&s, "/inbox/export.csv").await;
    assert_eq!(exported.len(), N, "every lead exported");
    assert_eq!(exported, names(&everyone), "in the list's order");
    assert_eq!(exported_names(&s, "/inbox/export.csv?status=contacted").await, names(&contacted));
    assert_eq!(exported_names(&s, "/inbox/export.csv?q=zed&status=contacted").await, names(&both));
    let (_, html) = s.text("/inbox?status=contacted").await;
    assert_eq!(link(&html, "Export the 343 matching leads (CSV)").as_deref(), Some("/inbox/export.csv?status=contacted"));
    let admin = staff(&inbox, true).await;
    let (_, audit) = admin.text("/inbox/audit").await;
    assert!(audit.contains("1030 leads") && audit.contains("343 leads"), "the exports are audited");

    // A link the inbox did not make is a clear page, not an error; one past the end, the last page.
    let newest_first = listed(&s.text("/inbox").await.1);
    for bad in [
        "before=x",
        "after=12.",
        "before=1.a&after=1.a",
        "oldest=yes",
        "before=99999999999999999999.a",
        "before=1.%FF%FE",
        "after=1.a%27%20OR%201%3D1",
    ] {
        let (status, html) = s.text(&format!("/inbox?{bad}")).await;
        assert_eq!(status, 400, "{bad}");
        assert!(html.contains("not one the inbox made") && listed(&html) == newest_first, "{bad}: the newest leads");
    }
    let (status, html) = s.text("/inbox?before=1.0").await;
    assert_eq!((status, listed(&html)), (200, everyone[N - 50..].to_vec()), "past the oldest: the oldest page");
    assert!(s.get("/inbox?status=new&status=closed").await.status().as_u16() < 500);

    // Key rotation reads the leads a page at a time (100, with ties in
    // time across pages): every one re-encrypted once, none skipped, and
    // the list, the export and the search read the same with the new key.
    let mut inbox = inbox;
    let mut args = vec!["key".to_string(), "rotate".into(), "--key-file".into(), inbox.key_file.display().to_string()];
    args.extend(inbox.store_args());
    let out = run(&args.iter().map(String::as_str).collect::<Vec<_>>(), "");
    assert!(out.status.success(), "rotate: {}", String::from_utf8_lossy(&out.stderr));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.starts_with(&format!("{N} leads re-encrypted with key ")), "{said}");
    inbox.restart();
    let s = staff(&inbox, false).await;
    assert_eq!(exported_names(&s, "/inbox/export.csv").await, names(&everyone), "every lead reads the same");
    assert_eq!(walk(&s, "/inbox?q=zed", &["q=zed"]).await.0, expect(|l| l.2.starts_with("Zed")), "the search, with the new key");
    let out = run(&args.iter().map(String::as_str).collect::<Vec<_>>(), "");
    assert!(String::from_utf8_lossy(&out.stdout).starts_with(&format!("{N} leads re-encrypted")), "a second rotation: every lead again");
}
