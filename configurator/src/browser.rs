//! The configurator's browser calls: the endpoint test's requests, the
//! clipboard, reading a config file, the page's address and the widget's
//! submit-URL rule. It knows nothing of the page's components; what the
//! answers mean is `endpoint`'s.

use crate::endpoint::Observed;
use program_fit_screener::web::submit;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AbortController, FormData, ReferrerPolicy, RequestCredentials, RequestInit, RequestMode, RequestRedirect, Response, ResponseType,
};

/// This page's address.
pub fn page_href() -> String {
    web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default()
}

/// This page's origin, the one a receiver sees.
pub fn page_origin() -> String {
    web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default()
}

/// `url` resolved against this page, as the widget resolves `submit-url`
/// against its host page; `None` if it does not parse.
pub fn resolve(url: &str) -> Option<String> {
    web_sys::Url::new_with_base(url.trim(), &page_href()).ok().map(|u| u.href())
}

/// The widget's own rule for `submit-url` (`web::submit::is_allowed_url`).
pub fn submit_url_allowed(url: &str) -> bool {
    resolve(url).is_some_and(|u| submit::is_allowed_url(&u))
}

/// The loader beside this page (`../program-fit-screener.js`), the
/// default address the snippet points at.
pub fn default_script() -> String {
    web_sys::Url::new_with_base("../program-fit-screener.js", &page_href()).map(|u| u.href()).unwrap_or_default()
}

/// Sends the test lead `lead` (id `id`) to `url` as the widget does
/// (multipart, no credentials, no referrer), without following redirects,
/// giving up after `timeout_s`. A hidden answer is followed by a probe
/// without CORS, which tells a server that answered from no server at all.
pub async fn send_test(url: &str, id: &str, lead: &str, timeout_s: u32) -> Observed {
    let Ok(form) = FormData::new() else { return Observed::Hidden { reachable: false } };
    if form.append_with_str("lead", lead).is_err() {
        return Observed::Hidden { reachable: false };
    }
    let init = RequestInit::new();
    init.set_method("POST");
    init.set_body(&form);
    init.set_mode(RequestMode::Cors);
    init.set_redirect(RequestRedirect::Manual);
    let (answer, timed_out) = fetch(url, &init, timeout_s).await;
    let Some(response) = answer else {
        if timed_out {
            return Observed::TimedOut(timeout_s);
        }
        return Observed::Hidden { reachable: reachable(url, id, timeout_s).await };
    };
    if response.type_() == ResponseType::Opaqueredirect {
        return Observed::Redirected;
    }
    let retry_after = response.headers().get("retry-after").ok().flatten().and_then(|s| s.trim().parse().ok());
    let body = match response.text() {
        Ok(p) => JsFuture::from(p).await.ok().and_then(|t| t.as_string()),
        Err(_) => None,
    };
    Observed::Answer { status: response.status(), body: body.unwrap_or_default(), retry_after }
}

/// The receiver contract's probe (`GET url?submission_id=id`), without
/// CORS: an opaque answer still says a server answered.
async fn reachable(url: &str, id: &str, timeout_s: u32) -> bool {
    let Ok(u) = web_sys::Url::new(url) else { return false };
    u.search_params().set("submission_id", id);
    let init = RequestInit::new();
    init.set_method("GET");
    init.set_mode(RequestMode::NoCors);
    fetch(&u.href(), &init, timeout_s).await.0.is_some()
}

/// One request without credentials or referrer, aborted after
/// `timeout_s`: the response, and whether it timed out.
async fn fetch(url: &str, init: &RequestInit, timeout_s: u32) -> (Option<Response>, bool) {
    let Some(window) = web_sys::window() else { return (None, false) };
    init.set_credentials(RequestCredentials::Omit);
    init.set_referrer_policy(ReferrerPolicy::NoReferrer);
    let Ok(abort) = AbortController::new() else { return (None, false) };
    init.set_signal(Some(&abort.signal()));
    let stop = abort.clone();
    let timer = Closure::once_into_js(move || stop.abort());
    let ms = i32::try_from(timeout_s.saturating_mul(1000)).unwrap_or(i32::MAX);
    let handle = window.set_timeout_with_callback_and_timeout_and_arguments_0(timer.unchecked_ref(), ms).ok();
    let result = JsFuture::from(window.fetch_with_str_and_init(url, init)).await;
    if let Some(h) = handle {
        window.clear_timeout_with_handle(h);
    }
    match result {
        Ok(r) => (r.dyn_into::<Response>().ok(), false),
        Err(_) => (None, abort.signal().aborted()),
    }
}

/// Copies `text` to the clipboard; false when the browser refused.
pub async fn copy(text: &str) -> bool {
    let Some(window) = web_sys::window() else { return false };
    JsFuture::from(window.navigator().clipboard().write_text(text)).await.is_ok()
}

/// The text of the file chosen in `input`, if one was.
pub async fn file_text(input: &web_sys::HtmlInputElement) -> Option<String> {
    let file = input.files()?.get(0)?;
    JsFuture::from(file.text()).await.ok()?.as_string()
}

/// A new random test-lead id, a UUID like the widget's.
pub fn new_id() -> String {
    submit::new_submission_id()
}

/// Now, ISO 8601.
pub fn now() -> String {
    submit::now_iso()
}
