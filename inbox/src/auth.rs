//! Staff authentication: argon2id passwords, sessions (a random token in
//! an HttpOnly SameSite=Strict cookie, only its SHA-256 stored), idle and
//! absolute expiry, per-session CSRF tokens, and lockout after repeated
//! failures. Invariant: a handler that takes `Staff` runs only for a live
//! session (and, for a user whose password an admin set, only the page
//! that changes it); a POST handler also calls `Staff::check_csrf` first.

use crate::db::now_ms;
use crate::server::App;
use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use rand::RngCore;
use sha2::{Digest, Sha256};
use std::sync::Arc;
use subtle::ConstantTimeEq;

pub const SESSION_COOKIE: &str = "pfs_session";
pub const LOGIN_COOKIE: &str = "pfs_login";
/// Where a signed-in user changes their own password.
pub const PASSWORD_PAGE: &str = "/inbox/account/password";

/// The shortest password accepted.
pub const MIN_PASSWORD: usize = 12;

pub fn check_new_password(p: &str) -> Result<(), String> {
    if p.chars().count() < MIN_PASSWORD {
        return Err(format!("the password must have at least {MIN_PASSWORD} characters"));
    }
    Ok(())
}

/// An argon2id hash (PHC string) of a password, computed off the async
/// threads (it is slow on purpose: tens of milliseconds of one core), so a
/// sign-in or a new password never stalls the server's other requests.
pub async fn hash_password(p: String) -> anyhow::Result<String> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Ok(Argon2::default().hash_password(p.as_bytes(), &salt).map_err(|e| anyhow::anyhow!("hashing: {e}"))?.to_string())
    })
    .await?
}

/// Whether `p` matches the stored hash (off the async threads, as `hash_password`).
pub async fn verify_password(hash: String, p: String) -> bool {
    tokio::task::spawn_blocking(move || PasswordHash::new(&hash).is_ok_and(|h| Argon2::default().verify_password(p.as_bytes(), &h).is_ok()))
        .await
        .unwrap_or(false)
}

/// A random token, base64url.
pub fn token() -> String {
    let mut b = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut b);
    URL_SAFE_NO_PAD.encode(b)
}

pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// Equal in constant time.
pub fn same(a: &str, b: &str) -> bool {
    !a.is_empty() && a.as_bytes().ct_eq(b.as_bytes()).into()
}

/// The value of a cookie in the request.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers.get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(';')).find_map(|c| {
        let (k, v) = c.trim().split_once('=')?;
        (k == name).then(|| v.to_string())
    })
}

/// A `Set-Cookie` value with the inbox's attributes.
pub fn set_cookie(app: &App, name: &str, value: &str, path: &str, max_age: u64) -> String {
    let secure = if app.settings.secure_cookies { "; Secure" } else { "" };
    format!("{name}={value}; Path={path}; HttpOnly; SameSite=Strict; Max-Age={max_age}{secure}")
}

/// A signed-in staff member.
#[derive(Debug, Clone)]
pub struct Staff {
    pub user_id: String,
    pub email: String,
    pub admin: bool,
    pub csrf: String,
    pub token_hash: String,
    pub has_totp: bool,
    /// An admin set this user's password: they must choose their own first.
    pub must_change_password: bool,
}

impl Staff {
    /// Refuses a change whose form does not carry this session's token.
    pub fn check_csrf(&self, sent: &str) -> Result<(), Response> {
        if same(sent, &self.csrf) {
            Ok(())
        } else {
            Err((StatusCode::FORBIDDEN, "The form expired or was not sent from the inbox. Go back, reload and try again.").into_response())
        }
    }

    /// Refuses a staff member who is not an admin.
    pub fn require_admin(&self) -> Result<(), Response> {
        if self.admin {
            Ok(())
        } else {
            Err((StatusCode::FORBIDDEN, "Only an admin can see this page.").into_response())
        }
    }
}

impl FromRequestParts<Arc<App>> for Staff {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, app: &Arc<App>) -> Result<Self, Self::Rejection> {
        let refuse = |parts: &Parts| {
            if parts.method == Method::GET {
                Redirect::to("/inbox/login").into_response()
            } else {
                (StatusCode::FORBIDDEN, "Sign in first.").into_response()
            }
        };
        let Some(token) = cookie(&parts.headers, SESSION_COOKIE) else { return Err(refuse(parts)) };
        let hash = token_hash(&token);
        let session = match app.db.session(&hash).await {
            Ok(Some(s)) => s,
            Ok(None) => return Err(refuse(parts)),
            Err(_) => return Err((StatusCode::SERVICE_UNAVAILABLE, "The database is unavailable.").into_response()),
        };
        let now = now_ms();
        let s = &app.settings;
        if now - session.last_seen > s.session_idle.as_millis() as i64 || now - session.created_at > s.session_max.as_millis() as i64 {
            let _ = app.db.delete_session(&hash).await;
            return Err(refuse(parts));
        }
        let _ = app.db.touch_session(&hash).await;
        let has_totp = session.user.totp_secret.is_some();
        let path = parts.uri.path();
        // A password an admin set is a one-time value: nothing but changing it (or signing out).
        if session.user.must_change_password && path != PASSWORD_PAGE && path != "/inbox/logout" {
            return Err(if parts.method == Method::GET {
                Redirect::to(PASSWORD_PAGE).into_response()
            } else {
                (StatusCode::FORBIDDEN, "Choose your own password first.").into_response()
            });
        }
        // When TOTP is required, a user without it may only set it up (or sign out).
        let setup = path.starts_with("/inbox/account") || path == "/inbox/logout";
        if s.require_totp && !has_totp && !setup {
            return Err(if parts.method == Method::GET {
                Redirect::to("/inbox/account").into_response()
            } else {
                (StatusCode::FORBIDDEN, "Set up two-step sign-in first.").into_response()
            });
        }
        Ok(Staff {
            has_totp,
            must_change_password: session.user.must_change_password,
            user_id: session.user.id,
            email: session.user.email,
            admin: session.user.role == "admin",
            csrf: session.csrf,
            token_hash: hash,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// On a one-thread runtime, a task that ticks every millisecond keeps
    /// ticking while a password is hashed and checked: the work is not on
    /// the async thread (done there, the runtime could run nothing else).
    #[tokio::test(flavor = "current_thread")]
    async fn hashing_and_checking_leave_the_async_thread_free() {
        let ticks = Arc::new(AtomicUsize::new(0));
        let t = ticks.clone();
        let ticker = tokio::spawn(async move {
            loop {
                t.fetch_add(1, Ordering::Relaxed);
                tokio::time::sleep(std::time::Duration::from_millis(1)).await;
            }
        });
        tokio::task::yield_now().await;
        let before = ticks.load(Ordering::Relaxed);
        let hash = hash_password("a long test password".into()).await.expect("a hash");
        let during_hash = ticks.load(Ordering::Relaxed) - before;
        let before = ticks.load(Ordering::Relaxed);
        assert!(verify_password(hash.clone(), "a long test password".into()).await);
        let during_check = ticks.load(Ordering::Relaxed) - before;
        assert!(!verify_password(hash, "another password".into()).await);
        ticker.abort();
        assert!(during_hash >= 2 && during_check >= 2, "the runtime ran other work meanwhile: {during_hash}, {during_check} ticks");
    }
}
