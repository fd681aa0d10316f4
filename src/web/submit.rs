//! Sends a lead to the marketer's endpoint as `multipart/form-data` (a CORS
//! simple request). Invariant: nothing is sent anywhere but `submit-url`,
//! and only when the visitor presses Send.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{FormData, RequestInit, RequestMode, Response};

/// Why a submission failed, for the message shown to the visitor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SubmitError {
    /// No response at all (offline, DNS, CORS, blocked).
    Network,
    /// The server answered with this status.
    Status(u16),
}

/// Only `https:` URLs, or `http:` on this machine for local testing.
pub fn is_allowed_url(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    lower.starts_with("https://")
        || lower.starts_with("http://127.0.0.1")
        || lower.starts_with("http://localhost")
        || lower.starts_with("http://[::1]")
}

/// Posts the fields; `Ok` on any 2xx answer.
pub async fn send(url: &str, fields: &[(&str, String)]) -> Result<(), SubmitError> {
    let form = FormData::new().map_err(|_| SubmitError::Network)?;
    for (name, value) in fields {
        form.append_with_str(name, value).map_err(|_| SubmitError::Network)?;
    }
    let init = RequestInit::new();
    init.set_method("POST");
    init.set_mode(RequestMode::Cors);
    init.set_body(&JsValue::from(form));
    let window = web_sys::window().ok_or(SubmitError::Network)?;
    let response = JsFuture::from(window.fetch_with_str_and_init(url, &init)).await.map_err(|_| SubmitError::Network)?;
    let response: Response = response.dyn_into().map_err(|_| SubmitError::Network)?;
    if response.ok() {
        Ok(())
    } else {
        Err(SubmitError::Status(response.status()))
    }
}

/// The page address without query string or fragment (they can carry
/// personal data from ad clicks or emails).
pub fn page_url() -> String {
    web_sys::window()
        .and_then(|w| {
            let l = w.location();
            Some(format!("{}{}", l.origin().ok()?, l.pathname().ok()?))
        })
        .unwrap_or_default()
}
