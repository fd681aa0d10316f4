//! The admissions inbox: server-rendered pages (no JavaScript) for
//! signing in, the leads list (a page at a time, listing.rs), a lead's page, its card files, CSV export,
//! the audit log and users (an admin sets another user's password), and a
//! user's own account (password, TOTP). Invariant: every page is behind `Staff` (but
//! the sign-in form), every change checks the CSRF token, every output is
//! escaped by the templates, and every response carries a strict CSP and
//! `no-store`.

use crate::auth::{self, Staff};
use crate::db::{now_ms, LeadRow, Seek};
use crate::listing;
use crate::server::App;
use axum::extract::{Path, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use minijinja::{context, Environment};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::sync::Arc;

pub use crate::listing::STATUSES;
const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// The compiled templates.
pub struct Templates(Environment<'static>);

impl std::fmt::Debug for Templates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Templates")
    }
}

impl Default for Templates {
    fn default() -> Self {
        Self::new()
    }
}

impl Templates {
    pub fn new() -> Templates {
        let mut env = Environment::new();
        for (name, text) in [
            ("base.html", include_str!("../templates/base.html")),
            ("login.html", include_str!("../templates/login.html")),
            ("list.html", include_str!("../templates/list.html")),
            ("lead.html", include_str!("../templates/lead.html")),
            ("audit.html", include_str!("../templates/audit.html")),
            ("users.html", include_str!("../templates/users.html")),
            ("message.html", include_str!("../templates/message.html")),
            ("account.html", include_str!("../templates/account.html")),
            ("password.html", include_str!("../templates/password.html")),
        ] {
            // The templates are part of the binary and tested: a syntax error fails every test.
            if let Err(e) = env.add_template(name, text) {
                tracing::error!(template = name, error = %e, "template does not compile");
            }
        }
        Templates(env)
    }

    fn render(&self, name: &str, ctx: minijinja::Value) -> Response {
        match self.0.get_template(name).and_then(|t| t.render(ctx)) {
            Ok(html) => Html(html).into_response(),
            Err(e) => {
                tracing::error!(template = name, error = %e, "template failed");
                (StatusCode::INTERNAL_SERVER_ERROR, "The page could not be shown.").into_response()
            }
        }
    }
}

#[derive(Serialize)]
struct StaffView<'a> {
    email: &'a str,
    admin: bool,
    csrf: &'a str,
    /// Only the password page is open to them: no navigation.
    must_change: bool,
}

fn view(s: &Staff) -> StaffView<'_> {
    StaffView { email: &s.email, admin: s.admin, csrf: &s.csrf, must_change: s.must_change_password }
}

/// A date and time for people, in UTC.
pub fn when(ms: i64) -> String {
    let fmt = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute] UTC");
    time::OffsetDateTime::from_unix_timestamp(ms / 1000).ok().and_then(|t| t.format(&fmt).ok()).unwrap_or_default()
}

fn unavailable() -> Response {
    (StatusCode::SERVICE_UNAVAILABLE, [(header::RETRY_AFTER, "5")], "The database is unavailable; try again shortly.").into_response()
}

fn not_found(app: &App, staff: &Staff) -> Response {
    let mut r = app.pages.render(
        "message.html",
        context! { staff => view(staff), heading => "Not found", text => "There is no such lead. It may have been deleted." },
    );
    *r.status_mut() = StatusCode::NOT_FOUND;
    r
}

async fn security_headers(req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// The inbox's routes, under `/inbox`.
pub fn routes(_app: Arc<App>) -> Router<Arc<App>> {
    Router::new()
        .route("/inbox", get(list))
        .route("/inbox/", get(|| async { Redirect::to("/inbox") }))
        .route("/inbox/login", get(login_form).post(login))
        .route("/inbox/logout", post(logout))
        .route("/inbox/leads/{id}", get(lead_page))
        .route("/inbox/leads/{id}/status", post(set_status))
        .route("/inbox/leads/{id}/notes", post(set_notes))
        .route("/inbox/leads/{id}/delete", post(delete))
        .route("/inbox/leads/{id}/files/{field}", get(crate::files::download))
        .route("/inbox/export.csv", get(crate::export::csv))
        .route("/inbox/audit", get(audit))
        .route("/inbox/users", get(users).post(add_user))
        .route("/inbox/users/remove", post(remove_user))
        .route("/inbox/users/role", post(change_role))
        .route("/inbox/users/unlock", post(unlock_user))
        .route("/inbox/users/password", post(reset_password))
        .route("/inbox/account", get(account).post(enable_totp))
        .route(auth::PASSWORD_PAGE, get(password_form).post(change_password))
        .route(
            "/inbox/style.css",
            get(|| async { ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], include_str!("../templates/style.css")) }),
        )
        .layer(middleware::from_fn(security_headers))
}

// Signing in and out.

fn login_page(app: &App, error: Option<&str>, email: &str, status: StatusCode) -> Response {
    let csrf = auth::token();
    let mut r = app.pages.render("login.html", context! { csrf => &csrf, error => error, email => email });
    *r.status_mut() = status;
    if let Ok(v) = HeaderValue::from_str(&auth::set_cookie(app, auth::LOGIN_COOKIE, &csrf, "/inbox/login", 3600)) {
        r.headers_mut().append(header::SET_COOKIE, v);
    }
    r
}

async fn login_form(State(app): State<Arc<App>>) -> Response {
    login_page(&app, None, "", StatusCode::OK)
}

#[derive(Deserialize)]
struct LoginForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    code: String,
}

/// The hash checked when no such user exists, so timing does not tell.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0Zk3o7nq6T5sC0Nn0k2f8Kp2p0Rr3T3mXoWm3JtBv2U";

async fn login(State(app): State<Arc<App>>, headers: HeaderMap, Form(f): Form<LoginForm>) -> Response {
    if !auth::cookie(&headers, auth::LOGIN_COOKIE).is_some_and(|c| auth::same(&c, &f.csrf)) {
        return login_page(&app, Some("The sign-in form expired. Please try again."), &f.email, StatusCode::FORBIDDEN);
    }
    let email = f.email.trim().to_lowercase();
    let failed = "The email or password is not right.";
    let user = match app.db.user_by_email(&email).await {
        Ok(u) => u,
        Err(_) => return unavailable(),
    };
    let Some(user) = user else {
        auth::verify_password(DUMMY_HASH.into(), f.password).await;
        let _ = app.db.audit(&email, "sign-in failed", None, "unknown user").await;
        return login_page(&app, Some(failed), &f.email, StatusCode::UNAUTHORIZED);
    };
    if user.locked_until > now_ms() {
        let _ = app.db.audit(&email, "sign-in refused", None, "account locked").await;
        return login_page(
            &app,
            Some("Too many failed attempts: this account is locked for a while."),
            &f.email,
            StatusCode::TOO_MANY_REQUESTS,
        );
    }
    let second_factor_ok = match &user.totp_secret {
        None => true,
        Some(sealed) => app
            .keys
            .open(sealed, &user.id)
            .ok()
            .and_then(|s| String::from_utf8(s).ok())
            .is_some_and(|secret| crate::totp::verify(&secret, &f.code, crate::totp::now_secs())),
    };
    if !auth::verify_password(user.password_hash.clone(), f.password).await || !second_factor_ok {
        let s = &app.settings;
        let locked = app.db.login_failed(&user.id, i64::from(s.lockout_failures), s.lockout.as_millis() as i64).await.unwrap_or(false);
        let _ = app.db.audit(&email, if locked { "account locked" } else { "sign-in failed" }, None, "wrong password").await;
        return login_page(&app, Some(failed), &f.email, StatusCode::UNAUTHORIZED);
    }
    let token = auth::token();
    let hash = auth::token_hash(&token);
    if app.db.login_succeeded(&user.id).await.is_err() || app.db.create_session(&hash, &user.id, &auth::token()).await.is_err() {
        return unavailable();
    }
    let _ = app.db.audit(&email, "sign-in", None, "").await;
    let mut r = Redirect::to("/inbox").into_response();
    let cookie = auth::set_cookie(&app, auth::SESSION_COOKIE, &token, "/", app.settings.session_max.as_secs());
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        r.headers_mut().append(header::SET_COOKIE, v);
    }
    r
}

#[derive(Deserialize)]
struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

async fn logout(State(app): State<Arc<App>>, staff: Staff, Form(f): Form<CsrfForm>) -> Response {
    if let Err(r) = staff.check_csrf(&f.csrf) {
        return r;
    }
    let _ = app.db.delete_session(&staff.token_hash).await;
    let _ = app.db.audit(&staff.email, "sign-out", None, "").await;
    let mut r = Redirect::to("/inbox/login").into_response();
    if let Ok(v) = HeaderValue::from_str(&auth::set_cookie(&app, auth::SESSION_COOKIE, "", "/", 0)) {
        r.headers_mut().append(header::SET_COOKIE, v);
    }
    r
}

// Leads.

/// A lead opened for display.
#[derive(Debug, Serialize)]
pub struct Opened {
    pub id: String,
    pub received: String,
    pub status: String,
    pub name: String,
    pub phone: String,
    pub json: Value,
    pub notes: String,
}

/// Decrypts a lead's body and notes.
pub fn open(app: &App, row: &LeadRow) -> Option<Opened> {
    let body = app.keys.open(&row.body, &row.id).ok()?;
    let json: Value = serde_json::from_slice(&body).ok()?;
    let notes = row
        .notes
        .as_ref()
        .and_then(|n| app.keys.open(n, &row.id).ok())
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default();
    let text = |v: &Value| v.as_str().unwrap_or_default().to_string();
    Some(Opened {
        id: row.id.clone(),
        received: when(row.received_at),
        status: row.status.clone(),
        name: text(&json["contact"]["name"]),
        phone: text(&json["contact"]["phone"]),
        json,
        notes,
    })
}

/// The list's query string (the export takes the same `q` and `status`).
#[derive(Deserialize, Default)]
pub struct ListQuery {
    /// A search: name words or a phone number.
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub status: String,
    /// A page: the leads older than this position, ...
    #[serde(default)]
    pub before: String,
    /// ... or newer than it, ...
    #[serde(default)]
    pub after: String,
    /// ... or (`1`) the oldest.
    #[serde(default)]
    pub oldest: String,
}

impl ListQuery {
    /// `path` with this filter (a known status only) and, for a page of
    /// the list, where it starts.
    pub fn href(&self, path: &str, at: &Seek) -> String {
        let mut s = url::form_urlencoded::Serializer::new(String::new());
        if !self.q.is_empty() {
            s.append_pair("q", &self.q);
        }
        if STATUSES.contains(&self.status.as_str()) {
            s.append_pair("status", &self.status);
        }
        match at {
            Seek::Newest => {}
            Seek::Older(p) => {
                s.append_pair("before", &listing::cursor(p));
            }
            Seek::Newer(p) => {
                s.append_pair("after", &listing::cursor(p));
            }
            Seek::Oldest => {
                s.append_pair("oldest", "1");
            }
        }
        let query = s.finish();
        if query.is_empty() {
            path.to_string()
        } else {
            format!("{path}?{query}")
        }
    }
}

/// A row of the list: the lead opened, or (its seal failing) only what is
/// stored in the clear, so the list never hides a lead it counts.
fn list_row(app: &App, row: &LeadRow) -> Value {
    match open(app, row) {
        Some(o) => {
            let files = o.json["files"].as_array().map_or(0, Vec::len);
            serde_json::json!({ "id": o.id, "received": o.received, "name": o.name, "phone": o.phone, "status": o.status, "files": files })
        }
        None => {
            tracing::warn!(lead = %row.id, "a lead could not be opened");
            serde_json::json!({ "id": row.id, "received": when(row.received_at), "name": "", "phone": "", "status": row.status, "files": 0, "unreadable": true })
        }
    }
}

/// Which leads a page shows, as the list says it: "Leads 51–100 of 1,234".
fn shown(page: &listing::Page) -> String {
    let t = listing::thousands;
    match page.leads.len() {
        0 => String::new(),
        1 => format!("Lead {} of {}", t(page.first), t(page.total)),
        _ => format!("Leads {}–{} of {}", t(page.first), t(page.last()), t(page.total)),
    }
}

async fn list(State(app): State<Arc<App>>, staff: Staff, Query(q): Query<ListQuery>) -> Response {
    let filter = listing::filter(&app.keys, &q.q, &q.status);
    let (from, notice) = match listing::seek(&q.before, &q.after, &q.oldest) {
        Ok(s) => (s, None),
        Err(_) => {
            (Seek::Newest, Some("That page link is not one the inbox made (it may have been cut short), so here are the newest leads."))
        }
    };
    let Ok(mut page) = listing::page(&app.db, &filter, &from, listing::PAGE).await else { return unavailable() };
    // Back at the top, a page is a full one: the newest.
    if matches!(from, Seek::Newer(_)) && (page.leads.len() as i64) < listing::PAGE && page.total > page.leads.len() as i64 {
        let Ok(top) = listing::page(&app.db, &filter, &Seek::Newest, listing::PAGE).await else { return unavailable() };
        page = top;
    }
    let leads: Vec<Value> = page.leads.iter().map(|r| list_row(&app, r)).collect();
    let at = |s: Option<Seek>| s.map(|s| q.href("/inbox", &s));
    let pages = serde_json::json!({
        "newest": at((page.first > listing::PAGE + 1).then_some(Seek::Newest)),
        "newer": at(page.newer()),
        "older": at(page.older()),
        "oldest": at((page.last() < page.total - listing::PAGE).then_some(Seek::Oldest)),
    });
    let several = page.newer().is_some() || page.older().is_some();
    let ctx = context! {
        staff => view(&staff), leads => leads, q => q.q, status => q.status, statuses => STATUSES,
        shown => shown(&page), total => listing::thousands(page.total), pages => pages, several => several,
        export => q.href("/inbox/export.csv", &Seek::Newest), notice => notice,
    };
    let mut r = app.pages.render("list.html", ctx);
    if notice.is_some() {
        *r.status_mut() = StatusCode::BAD_REQUEST;
    }
    r
}

const CONTACT_LABELS: [(&str, &str); 7] = [
    ("phone", "Phone"),
    ("email", "Email"),
    ("preferred", "Preferred contact"),
    ("best_time", "Best time"),
    ("who", "For whom"),
    ("insurance", "Insurance"),
    ("message", "Message"),
];

const KNOWN_KEYS: [&str; 9] =
    ["submission_id", "locale", "page", "contact", "consent", "files", "config_version", "screening", "attribution"];

fn file_label(field: &str) -> &'static str {
    if field == "card_back" {
        "Back"
    } else {
        "Front"
    }
}

fn size(bytes: i64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{} KB", (bytes + 1023) / 1024)
    }
}

async fn lead_page(State(app): State<Arc<App>>, staff: Staff, Path(id): Path<String>) -> Response {
    let row = match app.db.lead(&id).await {
        Ok(Some(r)) => r,
        Ok(None) => return not_found(&app, &staff),
        Err(_) => return unavailable(),
    };
    let Some(o) = open(&app, &row) else { return unavailable() };
    let Ok(files) = app.db.files(&id).await else { return unavailable() };
    let _ = app.db.audit(&staff.email, "view lead", Some(&id), "").await;
    let j = &o.json;
    let text = |v: &Value| match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    };
    let contact: Vec<Value> =
        CONTACT_LABELS.iter().map(|(k, label)| serde_json::json!({ "label": label, "value": text(&j["contact"][*k]) })).collect();
    let consent = j["consent"].as_object().map(|c| format!("{} ({})", text(&c["text"]), text(&c["time"])));
    let answers: Vec<Value> = j["screening"]["answers"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|x| {
                    let answer = match &x["answer"] {
                        Value::Array(v) => v.iter().map(text).collect::<Vec<_>>().join(", "),
                        other => text(other),
                    };
                    serde_json::json!({ "question": text(&x["question"]), "answer": answer })
                })
                .collect()
        })
        .unwrap_or_default();
    let extra: Vec<Value> = j
        .as_object()
        .map(|m| {
            m.iter()
                .filter(|(k, _)| !KNOWN_KEYS.contains(&k.as_str()))
                .map(|(k, v)| serde_json::json!({ "key": k, "value": v.to_string() }))
                .collect()
        })
        .unwrap_or_default();
    // Where the visit came from, as the widget sent it (its `attribution`
    // object: UTM parameters, click ids, the landing page, the referrer).
    let attribution: Vec<Value> = j["attribution"]
        .as_object()
        .map(|m| m.iter().map(|(k, v)| serde_json::json!({ "key": k, "value": text(v) })).collect())
        .unwrap_or_default();
    let files: Vec<Value> = files
        .iter()
        .map(|f| {
            let kind = if f.mime == "application/pdf" { "PDF" } else { "image" };
            serde_json::json!({ "field": f.field, "label": file_label(&f.field), "kind": kind, "size": size(f.size), "image": f.mime == "image/jpeg" || f.mime == "image/png" })
        })
        .collect();
    let lead = serde_json::json!({
        "id": o.id, "name": o.name, "received": o.received, "status": o.status, "contact": contact, "consent": consent,
        "page": text(&j["page"]), "locale": text(&j["locale"]), "extra": extra, "attribution": attribution,
        "outcome": text(&j["screening"]["outcome"]["title"]), "answers": answers, "files": files, "notes": o.notes,
    });
    app.pages.render("lead.html", context! { staff => view(&staff), lead => lead, statuses => STATUSES })
}

#[derive(Deserialize)]
struct StatusForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    status: String,
}

async fn set_status(State(app): State<Arc<App>>, staff: Staff, Path(id): Path<String>, Form(f): Form<StatusForm>) -> Response {
    if let Err(r) = staff.check_csrf(&f.csrf) {
        return r;
    }
    let Some(status) = STATUSES.iter().find(|s| **s == f.status) else {
        return (StatusCode::UNPROCESSABLE_ENTITY, "Unknown status.").into_response();
    };
    match app.db.set_status(&id, status).await {
        Ok(true) => {
            let _ = app.db.audit(&staff.email, "status change", Some(&id), status).await;
            Redirect::to(&format!("/inbox/leads/{id}")).into_response()
        }
        Ok(false) => not_found(&app, &staff),
        Err(_) => unavailable(),
    }
}

#[derive(Deserialize)]
struct NotesForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    notes: String,
}

async fn set_notes(State(app): State<Arc<App>>, staff: Staff, Path(id): Path<String>, Form(f): Form<NotesForm>) -> Response {
    if let Err(r) = staff.check_csrf(&f.csrf) {
        return r;
    }
    let notes: String = f.notes.chars().take(20_000).collect();
    match app.db.set_notes(&id, &app.keys.seal(notes.as_bytes(), &id)).await {
        Ok(true) => {
            let _ = app.db.audit(&staff.email, "notes edited", Some(&id), "").await;
            Redirect::to(&format!("/inbox/leads/{id}")).into_response()
        }
        Ok(false) => not_found(&app, &staff),
        Err(_) => unavailable(),
    }
}

#[derive(Deserialize)]
struct DeleteForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    confirm: String,
}

async fn delete(State(app): State<Arc<App>>, staff: Staff, Path(id): Path<String>, Form(f): Form<DeleteForm>) -> Response {
    if let Err(r) = staff.check_csrf(&f.csrf) {
        return r;
    }
    if f.confirm != "yes" {
        return (StatusCode::UNPROCESSABLE_ENTITY, "Tick the box to confirm the deletion.").into_response();
    }
    match crate::purge::delete_lead(&app.db, &app.store, &id).await {
        Ok(true) => {
            let _ = app.db.audit(&staff.email, "delete", Some(&id), "lead and files deleted").await;
            app.pages.render(
                "message.html",
                context! { staff => view(&staff), heading => "Lead deleted", text => "The lead and its card files were deleted." },
            )
        }
        Ok(false) => not_found(&app, &staff),
        Err(_) => unavailable(),
    }
}

// Admin pages.

async fn audit(State(app): State<Arc<App>>, staff: Staff) -> Response {
    if let Err(r) = staff.require_admin() {
        return r;
    }
    let Ok(rows) = app.db.audit_log(500).await else { return unavailable() };
    let entries: Vec<Value> = rows
        .iter()
        .map(|e| serde_json::json!({ "when": when(e.at), "actor": e.actor, "action": e.action, "lead_id": e.lead_id, "detail": e.detail }))
        .collect();
    app.pages.render("audit.html", context! { staff => view(&staff), entries => entries })
}

async fn users_page(app: &App, staff: &Staff, message: Option<&str>) -> Response {
    let Ok(rows) = app.db.users().await else { return unavailable() };
    let now = now_ms();
    let users: Vec<Value> =
        rows.iter().map(|u| serde_json::json!({ "email": u.email, "role": u.role, "locked": u.locked_until > now })).collect();
    app.pages.render("users.html", context! { staff => view(staff), users => users, message => message })
}

async fn users(State(app): State<Arc<App>>, staff: Staff) -> Response {
    if let Err(r) = staff.require_admin() {
        return r;
    }
    users_page(&app, &staff, None).await
}

#[derive(Deserialize)]
struct UserForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    admin: String,
}

async fn add_user(State(app): State<Arc<App>>, staff: Staff, Form(f): Form<UserForm>) -> Response {
    if let Err(r) = staff.require_admin().and_then(|()| staff.check_csrf(&f.csrf)) {
        return r;
    }
    let email = f.email.trim().to_lowercase();
    if email.parse::<lettre::Address>().is_err() {
        return users_page(&app, &staff, Some("That is not an email address.")).await;
    }
    if let Err(e) = auth::check_new_password(&f.password) {
        return users_page(&app, &staff, Some(&format!("Not added: {e}."))).await;
    }
    let Ok(hash) = auth::hash_password(f.password.clone()).await else { return unavailable() };
    let role = if f.admin == "yes" { "admin" } else { "staff" };
    let message = match app.db.add_user(&email, &hash, role).await {
        Ok(()) => {
            let _ = app.db.audit(&staff.email, "user added", None, &format!("{email} ({role})")).await;
            format!("{email} was added as {role}.")
        }
        Err(e) if e.is_unique_violation() => format!("{email} already has an account."),
        Err(_) => return unavailable(),
    };
    users_page(&app, &staff, Some(&message)).await
}

/// One of the actions on an existing user (remove, role, unlock, password).
#[derive(Deserialize)]
struct UserAction {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    password: String,
}

/// What every action on a user checks first: an admin, the form's token,
/// and not the admin's own account (so the inbox always keeps an admin who
/// can sign in). The target's e-mail, or the page to answer with.
async fn user_target(app: &App, staff: &Staff, f: &UserAction, own: &str) -> Result<String, Response> {
    staff.require_admin().and_then(|()| staff.check_csrf(&f.csrf))?;
    let email = f.email.trim().to_lowercase();
    if email == staff.email {
        return Err(users_page(app, staff, Some(own)).await);
    }
    Ok(email)
}

/// The users page after an action on `email`: audited with `action` and
/// `detail` and said with `done` when it changed a user.
async fn user_changed(
    app: &App,
    staff: &Staff,
    result: Result<bool, crate::db::DbError>,
    email: &str,
    action: &str,
    detail: &str,
    done: &str,
) -> Response {
    let message = match result {
        Ok(true) => {
            let _ = app.db.audit(&staff.email, action, None, detail).await;
            done.to_string()
        }
        Ok(false) => format!("{email} has no account."),
        Err(_) => return unavailable(),
    };
    users_page(app, staff, Some(&message)).await
}

async fn remove_user(State(app): State<Arc<App>>, staff: Staff, Form(f): Form<UserAction>) -> Response {
    let email = match user_target(&app, &staff, &f, "You cannot remove your own account; another admin can.").await {
        Ok(e) => e,
        Err(r) => return r,
    };
    let result = app.db.remove_user(&email).await;
    user_changed(&app, &staff, result, &email, "user removed", &email, &format!("{email} was removed and signed out.")).await
}

async fn change_role(State(app): State<Arc<App>>, staff: Staff, Form(f): Form<UserAction>) -> Response {
    let email = match user_target(&app, &staff, &f, "You cannot change your own role; another admin can.").await {
        Ok(e) => e,
        Err(r) => return r,
    };
    let role = match f.role.as_str() {
        "admin" | "staff" => f.role.as_str(),
        _ => return users_page(&app, &staff, Some("That is not a role.")).await,
    };
    let result = app.db.set_role(&email, role).await;
    user_changed(&app, &staff, result, &email, "role changed", &format!("{email} ({role})"), &format!("{email} is now {role}.")).await
}

async fn unlock_user(State(app): State<Arc<App>>, staff: Staff, Form(f): Form<UserAction>) -> Response {
    let email = match user_target(&app, &staff, &f, "Your own account is not locked.").await {
        Ok(e) => e,
        Err(r) => return r,
    };
    let result = app.db.unlock_user(&email).await;
    user_changed(&app, &staff, result, &email, "account unlocked", &email, &format!("{email} can sign in again.")).await
}

/// An admin gives another user a new password: a one-time value they must
/// replace with their own at the next sign-in. It ends their sessions and
/// lifts a lockout (the admin has spoken to them).
async fn reset_password(State(app): State<Arc<App>>, staff: Staff, Form(f): Form<UserAction>) -> Response {
    let own = "To change your own password, use Change your password on your account page.";
    let email = match user_target(&app, &staff, &f, own).await {
        Ok(e) => e,
        Err(r) => return r,
    };
    if let Err(e) = auth::check_new_password(&f.password) {
        return users_page(&app, &staff, Some(&format!("The password of {email} was not changed: {e}."))).await;
    }
    let Ok(hash) = auth::hash_password(f.password.clone()).await else { return unavailable() };
    let result = app.db.reset_password(&email, &hash).await;
    let done = format!(
        "{email} has a new one-time password and was signed out. Tell it to them privately; they choose their own when they next sign in."
    );
    user_changed(&app, &staff, result, &email, "password reset by admin", &email, &done).await
}

// A user's own password.

fn password_page(app: &App, staff: &Staff, error: Option<&str>, status: StatusCode) -> Response {
    let ctx = context! { staff => view(staff), must_change => staff.must_change_password, error => error, min => auth::MIN_PASSWORD };
    let mut r = app.pages.render("password.html", ctx);
    *r.status_mut() = status;
    r
}

async fn password_form(State(app): State<Arc<App>>, staff: Staff) -> Response {
    password_page(&app, &staff, None, StatusCode::OK)
}

#[derive(Deserialize)]
struct PasswordForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    current: String,
    #[serde(default)]
    new: String,
    #[serde(default)]
    confirm: String,
}

/// A signed-in user changes their own password, giving the current one
/// (a wrong one counts towards the lockout, as at sign-in); their other
/// sessions end.
async fn change_password(State(app): State<Arc<App>>, staff: Staff, Form(f): Form<PasswordForm>) -> Response {
    if let Err(r) = staff.check_csrf(&f.csrf) {
        return r;
    }
    let refuse = |error: &str| password_page(&app, &staff, Some(error), StatusCode::UNPROCESSABLE_ENTITY);
    let user = match app.db.user_by_email(&staff.email).await {
        Ok(Some(u)) => u,
        Ok(None) => return (StatusCode::FORBIDDEN, "Sign in first.").into_response(),
        Err(_) => return unavailable(),
    };
    if !auth::verify_password(user.password_hash.clone(), f.current.clone()).await {
        let s = &app.settings;
        let _ = app.db.login_failed(&user.id, i64::from(s.lockout_failures), s.lockout.as_millis() as i64).await;
        let _ = app.db.audit(&staff.email, "password change failed", None, "wrong current password").await;
        return refuse("Your current password is not right.");
    }
    if let Err(e) = auth::check_new_password(&f.new) {
        return refuse(&format!("Not changed: {e}."));
    }
    if f.new != f.confirm {
        return refuse("Not changed: the two new passwords are not the same.");
    }
    if f.new == f.current {
        return refuse("Not changed: choose a password other than your current one.");
    }
    let Ok(hash) = auth::hash_password(f.new.clone()).await else { return unavailable() };
    if app.db.change_password(&staff.user_id, &hash, &staff.token_hash).await.is_err() {
        return unavailable();
    }
    let _ = app.db.login_succeeded(&user.id).await;
    let _ = app.db.audit(&staff.email, "password changed", None, "").await;
    let text = "Your password was changed. Anywhere else you were signed in, you were signed out.";
    app.pages.render("message.html", context! { staff => view(&staff), heading => "Password changed", text => text })
}

// Two-step sign-in (TOTP).

fn otpauth(email: &str, secret: &str) -> String {
    format!("otpauth://totp/pfs-inbox:{email}?secret={secret}&issuer=pfs-inbox")
}

async fn account(State(app): State<Arc<App>>, staff: Staff) -> Response {
    let secret = crate::totp::new_secret();
    let ctx = context! { staff => view(&staff), has_totp => staff.has_totp, uri => otpauth(&staff.email, &secret), secret => secret, required => app.settings.require_totp };
    app.pages.render("account.html", ctx)
}

#[derive(Deserialize)]
struct TotpForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    secret: String,
    #[serde(default)]
    code: String,
}

async fn enable_totp(State(app): State<Arc<App>>, staff: Staff, Form(f): Form<TotpForm>) -> Response {
    if let Err(r) = staff.check_csrf(&f.csrf) {
        return r;
    }
    if staff.has_totp {
        return (StatusCode::CONFLICT, "Two-step sign-in is already set up.").into_response();
    }
    if f.secret.len() != 32 || !crate::totp::verify(&f.secret, &f.code, crate::totp::now_secs()) {
        let error = "That code is not right; check the time on your phone and try again.";
        let ctx = context! { staff => view(&staff), has_totp => false, uri => otpauth(&staff.email, &f.secret), secret => f.secret, required => app.settings.require_totp, error => error };
        let mut r = app.pages.render("account.html", ctx);
        *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
        return r;
    }
    if app.db.set_totp(&staff.user_id, &app.keys.seal(f.secret.as_bytes(), &staff.user_id)).await.is_err() {
        return unavailable();
    }
    let _ = app.db.audit(&staff.email, "two-step sign-in enabled", None, "").await;
    let text = "From now on, sign in with your password and the code from your authenticator app.";
    app.pages.render("message.html", context! { staff => view(&staff), heading => "Two-step sign-in is on", text => text })
}
