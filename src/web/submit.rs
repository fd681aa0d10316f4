//! Delivers a lead to the marketer's endpoint as `multipart/form-data` (a
//! CORS simple request): a `lead` part with the JSON, and one part per file,
//! streamed by the browser from the File objects; and the probe that asks
//! the receiver whether it has a lead (`delivery` says what the answers
//! mean). Invariant: nothing is sent anywhere but `submit-url`, and only
//! after the visitor pressed Send.

use crate::core::delivery::Reply;
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

/// Posts the lead and its files. `on_progress` receives the uploaded
/// fraction (0 to 1) while the body is sent.
pub async fn send(url: &str, lead: &str, files: &[(&'static str, File)], timeout_ms: u32, on_progress: Rc<dyn Fn(f64)>) -> Reply {
    let lost = Reply::Lost { timeout: false, uploaded: false };
    let Ok(form) = FormData::new() else { return lost };
    if form.append_with_str("lead", lead).is_err() {
        return lost;
    }
    for (field, file) in files {
        if form.append_with_blob_and_filename(field, file, &file.name()).is_err() {
            return lost;
        }
    }
    request("POST", url, Some(&form), timeout_ms, on_progress).await
}

/// Asks the receiver whether it has the lead `id`: `GET url` with
/// `submission_id=<id>` added to its query. Carries only the random id.
pub async fn probe(url: &str, id: &str, timeout_ms: u32) -> Reply {
    let Ok(u) = web_sys::Url::new(url) else { return Reply::Lost { timeout: false, uploaded: false } };
    u.search_params().set("submission_id", id);
    request("GET", &u.href(), None, timeout_ms, Rc::new(|_| {})).await
}

/// One request. `timeout_ms` is an inactivity timeout: each upload
/// progress event gives the request `timeout_ms` more (XHR measures its
/// `timeout` from the start, and it may be changed while the request runs),
/// and so does the end of the upload, for the wait for the answer.
async fn request(method: &str, url: &str, form: Option<&FormData>, timeout_ms: u32, on_progress: Rc<dyn Fn(f64)>) -> Reply {
    let lost = Reply::Lost { timeout: false, uploaded: false };
    let Ok(xhr) = XmlHttpRequest::new() else { return lost };
    if xhr.open_with_async(method, url, true).is_err() {
        return lost;
    }
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
    let start = js_sys::Date::now();
    let uploaded = Rc::new(std::cell::Cell::new(false));
    let extend = {
        let xhr = xhr.clone();
        move || xhr.set_timeout((js_sys::Date::now() - start) as u32 + timeout_ms)
    };
    let progress = Closure::<dyn FnMut(ProgressEvent)>::new({
        let extend = extend.clone();
        move |e: ProgressEvent| {
            extend();
            if e.length_computable() && e.total() > 0.0 {
                on_progress(e.loaded() / e.total());
            }
        }
    });
    let complete = Closure::<dyn FnMut(JsValue)>::new({
        let uploaded = uploaded.clone();
        move |_| {
            uploaded.set(true);
            extend();
        }
    });
    let upload = form.and_then(|_| xhr.upload().ok());
    if let Some(upload) = &upload {
        upload.set_onprogress(Some(progress.as_ref().unchecked_ref()));
        upload.set_onload(Some(complete.as_ref().unchecked_ref()));
    }
    if xhr.send_with_opt_form_data(form).is_err() {
        return lost;
    }
    let outcome = JsFuture::from(done).await.ok().and_then(|v| v.as_string()).unwrap_or_default();
    if let Some(upload) = &upload {
        upload.set_onprogress(None);
        upload.set_onload(None);
    }
    for cb in handlers.borrow().iter() {
        for event in ["load", "error", "timeout", "abort"] {
            let _ = xhr.remove_event_listener_with_callback(event, cb.as_ref().unchecked_ref());
        }
    }
    let status = xhr.status().unwrap_or(0);
    match outcome.as_str() {
        "load" if status != 0 => Reply::Answer {
            status,
            body: xhr.response_text().ok().flatten().unwrap_or_default(),
            // The URL asked, without its fragment (which is never sent).
            redirected: xhr.response_url() != url.split('#').next().unwrap_or(url),
            // Only where it means something, and from the headers the
            // receiver exposes: asking a cross-origin answer for a header it
            // does not expose logs a console error on the host page.
            retry_after: matches!(status, 429 | 503).then(|| retry_after(&xhr)).flatten(),
        },
        outcome => Reply::Lost { timeout: outcome == "timeout", uploaded: uploaded.get() },
    }
}

/// The `Retry-After` seconds among the headers the answer exposes.
fn retry_after(xhr: &XmlHttpRequest) -> Option<u32> {
    let headers = xhr.get_all_response_headers().ok()?;
    headers.lines().find_map(|line| {
        let (name, value) = line.split_once(':')?;
        name.trim().eq_ignore_ascii_case("retry-after").then(|| value.trim().parse().ok()).flatten()
    })
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

/// A random version 4 UUID, naming one lead's content for de-duplication.
/// From `crypto.getRandomValues`, which, unlike `crypto.randomUUID`, an
/// `http:` page has too.
pub fn new_submission_id() -> String {
    let mut bytes = [0u8; 16];
    let random = web_sys::window().and_then(|w| w.crypto().ok()).is_some_and(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !random {
        bytes.iter_mut().for_each(|b| *b = (js_sys::Math::random() * 256.0) as u8);
    }
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex = b"0123456789abcdef";
    let mut id = String::with_capacity(36);
    for (i, b) in bytes.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            id.push('-');
        }
        id.push(hex[usize::from(b >> 4)] as char);
        id.push(hex[usize::from(b & 15)] as char);
    }
    id
}

/// The current time, ISO 8601.
pub fn now_iso() -> String {
    js_sys::Date::new_0().to_iso_string().into()
}

/// Waits `ms` milliseconds.
pub async fn sleep(ms: u32) {
    let _ = JsFuture::from(super::timeout(ms)).await;
}
