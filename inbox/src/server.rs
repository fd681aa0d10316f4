//! The running server: shared state, the router (receiver, inbox pages,
//! health, the optional static site), CORS for the receiver, and the
//! background tasks (outbox, retention purge, session expiry, orphan sweep).
//! Invariant: CORS headers name only a configured origin, exactly (with
//! `Retry-After` exposed), and every receiver answer carries `Vary: Origin`.

use crate::config::Settings;
use crate::crypto::Keyring;
use crate::db::Db;
use crate::store::Store;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;

/// Everything a request handler may use.
#[derive(Debug)]
pub struct App {
    pub db: Db,
    pub keys: Keyring,
    pub store: Arc<Store>,
    pub settings: Settings,
    pub pages: crate::pages::Templates,
    /// Woken when a lead is committed, so the outbox delivers at once.
    pub outbox_wake: Notify,
}

impl App {
    /// The outbox rows each new lead gets.
    pub fn outbox_kinds(&self) -> Vec<&'static str> {
        let mut kinds = Vec::new();
        if self.settings.smtp.is_some() {
            kinds.push("email");
        }
        if self.settings.webhook.is_some() {
            kinds.push("webhook");
        }
        kinds
    }
}

/// Adds the receiver's CORS headers: the exact origin when configured,
/// `Vary: Origin` always; refuses unknown origins' posts and preflights.
async fn cors(State(app): State<Arc<App>>, req: Request, next: Next) -> Response {
    let origin = req.headers().get(header::ORIGIN).and_then(|v| v.to_str().ok()).map(str::to_string);
    let allowed = origin.as_ref().filter(|o| app.settings.allow_origins.iter().any(|a| a == *o)).cloned();
    let method = req.method().clone();
    let mut res = if origin.is_some() && allowed.is_none() && method != Method::GET {
        (StatusCode::FORBIDDEN, axum::Json(serde_json::json!({ "errors": ["This site is not allowed to send leads here."] })))
            .into_response()
    } else if method == Method::OPTIONS {
        let mut r = StatusCode::NO_CONTENT.into_response();
        let h = r.headers_mut();
        h.insert(header::ACCESS_CONTROL_ALLOW_METHODS, HeaderValue::from_static("GET, POST, OPTIONS"));
        h.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, HeaderValue::from_static("content-type"));
        h.insert(header::ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("600"));
        r
    } else {
        next.run(req).await
    };
    let h = res.headers_mut();
    h.insert(header::VARY, HeaderValue::from_static("Origin"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Some(value) = allowed.and_then(|o| HeaderValue::from_str(&o).ok()) {
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, value);
        // Without it a page on another origin cannot read a 503's Retry-After.
        h.insert(header::ACCESS_CONTROL_EXPOSE_HEADERS, HeaderValue::from_static("Retry-After"));
    }
    res
}

async fn healthz(State(app): State<Arc<App>>) -> Response {
    if app.db.ping().await {
        (StatusCode::OK, "ok\n").into_response()
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unavailable\n").into_response()
    }
}

/// The whole router.
pub fn router(app: Arc<App>) -> Router {
    let leads = Router::new()
        .route("/leads", get(crate::intake::probe).post(crate::intake::receive).options(|| async { StatusCode::NO_CONTENT }))
        .layer(middleware::from_fn_with_state(app.clone(), cors))
        // The body is streamed and limited by the multipart reader.
        .layer(axum::extract::DefaultBodyLimit::disable());
    let mut router = Router::new().merge(leads).route("/healthz", get(healthz)).merge(crate::pages::routes(app.clone()));
    if let Some(site) = &app.settings.site {
        router = router.fallback_service(tower_http::services::ServeDir::new(site));
    }
    router.with_state(app)
}

/// Runs the periodic tasks until the process ends.
pub fn spawn_background(app: Arc<App>) {
    let worker = app.clone();
    tokio::spawn(async move { crate::outbox::run(worker).await });
    let housekeeping = app;
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(3600));
        loop {
            tick.tick().await;
            if let Err(e) = crate::purge::purge(&housekeeping.db, &housekeeping.store, housekeeping.settings.retention_days, "system").await
            {
                tracing::warn!(error = %e, "retention purge failed");
            }
            if let Err(e) = crate::purge::sweep_orphans(&housekeeping.db, &housekeeping.store).await {
                tracing::warn!(error = %e, "orphan sweep failed");
            }
            let now = crate::db::now_ms();
            let s = &housekeeping.settings;
            let _ = housekeeping.db.expire_sessions(now - s.session_idle.as_millis() as i64, now - s.session_max.as_millis() as i64).await;
        }
    });
}

/// Starts serving: connects, migrates, binds, prints the address.
pub async fn serve(settings: Settings, keys: Keyring) -> anyhow::Result<()> {
    std::fs::create_dir_all(&settings.data).map_err(|e| anyhow::anyhow!("--data {}: {e}", settings.data.display()))?;
    let db = Db::connect(&settings.database_url).await.map_err(|e| anyhow::anyhow!("--database: {e}"))?;
    db.migrate().await?;
    let store = Arc::new(Store::open(&settings.data).map_err(|e| anyhow::anyhow!("--data {}: {e}", settings.data.display()))?);
    let listener =
        tokio::net::TcpListener::bind(&settings.listen).await.map_err(|e| anyhow::anyhow!("--listen {}: {e}", settings.listen))?;
    let addr = listener.local_addr()?;
    let app = Arc::new(App { db, keys, store, pages: crate::pages::Templates::new(), settings, outbox_wake: Notify::new() });
    spawn_background(app.clone());
    println!("pfs-inbox listening on http://{addr}");
    axum::serve(listener, router(app)).with_graceful_shutdown(shutdown()).await?;
    Ok(())
}

async fn shutdown() {
    let _ = tokio::signal::ctrl_c().await;
}
