//! Delivers a lead to the marketer's endpoint as `multipart/form-data` (a
//! CORS simple request): a `lead` part with the JSON, and one part per file,
//! streamed by the browser from the File objects. Invariant: nothing is sent
//! anywhere but `submit-url`, and only when the visitor presses Send.

use crate::core::lead::Failure;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{File, FormData, ProgressEvent, XmlHttpRequest};

/// An event listener kept alive until the request settles.
type Listener = Closure<dyn FnMut(JsValue)>;

/// Only `https:` URLs, or `http:` to this very machine for local testing
/// (the host name parsed and compared exactly, never a prefix), with no
/// user name or password.
pub fn is_allowed_url(url: &str) -> bool {
    let Ok(u) = web_sys::Url::new(url) else { return false };
    let local = ["127.0.0.1", "localhost", "[::1]"].contains(&u.hostname().as_str());
    u.username().is_empty() && u.password().is_empty() && (u.protocol() == "https:" || (u.protocol() == "http:" && local))
}

/// Posts the lead and its files; `Ok` on any 2xx answer. `on_progress`
/// receives the uploaded fraction (0 to 1) while the body is sent.
pub async fn send(
    url: &str,
    lead: &str,
    files: &[(&'static str, File)],
    timeout_ms: u32,
    on_progress: Rc<dyn Fn(f64)>,
) -> Result<(), Failure> {
    let network = |_| Failure::Network;
    let form = FormData::new().map_err(network)?;
    form.append_with_str("lead", lead).map_err(network)?;
    for (field, file) in files {
        form.append_with_blob_and_filename(field, file, &file.name()).map_err(network)?;
    }
    let xhr = XmlHttpRequest::new().map_err(network)?;
    xhr.open_with_async("POST", url, true).map_err(network)?;
    xhr.set_timeout(timeout_ms);

    // One promise settled by whichever of load, error or timeout fires.
    let handlers: Rc<RefCell<Vec<Listener>>> = Rc::default();
    let done = js_sys::Promise::new(&mut |resolve, _| {
        for (event, outcome) in [("load", "load"), ("error", "error"), ("timeout", "timeout"), ("abort", "error")] {
            let resolve = resolve.clone();
            let cb = Closure::<dyn FnMut(JsValue)>::new(move |_| {
                let _ = resolve.call1(&JsValue::NULL, &outcome.into());
            });
            let _ = xhr.add_event_listener_with_callback(event, cb.as_ref().unchecked_ref());
            handlers.borrow_mut().push(cb);
        }
    });
    let progress = Closure::<dyn FnMut(ProgressEvent)>::new(move |e: ProgressEvent| {
        if e.length_computable() && e.total() > 0.0 {
            on_progress(e.loaded() / e.total());
        }
    });
    if let Ok(upload) = xhr.upload() {
        upload.set_onprogress(Some(progress.as_ref().unchecked_ref()));
    }
    xhr.send_with_opt_form_data(Some(&form)).map_err(network)?;
    let outcome = JsFuture::from(done).await.ok().and_then(|v| v.as_string()).unwrap_or_default();
    if let Ok(upload) = xhr.upload() {
        upload.set_onprogress(None);
    }
    for cb in handlers.borrow().iter() {
        for event in ["load", "error", "timeout", "abort"] {
            let _ = xhr.remove_event_listener_with_callback(event, cb.as_ref().unchecked_ref());
        }
    }
    match outcome.as_str() {
        "load" => match xhr.status().unwrap_or(0) {
            200..=299 => Ok(()),
            0 => Err(Failure::Network),
            code => Err(Failure::Status(code, xhr.response_text().ok().flatten().unwrap_or_default())),
        },
        "timeout" => Err(Failure::Timeout),
        _ => Err(Failure::Network),
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

/// A random UUID for de-duplicating retries (`crypto.randomUUID`).
pub fn new_submission_id() -> String {
    web_sys::window().and_then(|w| w.crypto().ok()).map(|c| c.random_uuid()).unwrap_or_default()
}

/// The current time, ISO 8601.
pub fn now_iso() -> String {
    js_sys::Date::new_0().to_iso_string().into()
}

/// Waits `ms` milliseconds.
pub async fn sleep(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms as i32);
        }
    });
    let _ = JsFuture::from(promise).await;
}
