//! What the embedding page configured on the element: its attributes read
//! and checked once per mount (and again on `update`). A refused attribute
//! is reported in the console and left out.

use crate::core::contact::{normalize_phone, REFUSED_EMAIL, REFUSED_PHONE, REFUSED_SUBMIT_URL};
use crate::core::i18n;
use crate::ui::settings::Settings;
use crate::web::events::Host;
use crate::web::{loader, submit};
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

pub(super) fn read_settings(host: &HtmlElement) -> Settings {
    let attr = |name: &str| host.get_attribute(name).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
    let refused =
        |name: &str, why: &str| crate::web::console_error(&format!("program-fit-screener: the {name} attribute is ignored: {why}"));
    // The loader's reading of the light-DOM `<a slot="phone">`, which
    // call-tracking scripts swap (the loader calls `update` when they do).
    let phone = loader::told(host, loader::PHONE).or_else(|| attr("phone"));
    if phone.as_deref().is_some_and(|p| normalize_phone(p).is_none()) {
        refused("phone", REFUSED_PHONE);
    }
    let submit_url = attr("submit-url");
    let allowed_submit = submit_url.as_deref().and_then(resolve_url).filter(|u| submit::is_allowed_url(u));
    if submit_url.is_some() && allowed_submit.is_none() {
        refused("submit-url", REFUSED_SUBMIT_URL);
    }
    let email = attr("email");
    if email.as_deref().is_some_and(|e| !crate::core::contact::is_email(e)) {
        refused("email", REFUSED_EMAIL);
    }
    Settings {
        phone,
        submit_url: allowed_submit,
        center: attr("center-name"),
        email: email.filter(|e| crate::core::contact::is_email(e)),
        timeout_ms: attr("submit-timeout")
            .map(|t| seconds(&t))
            .filter(|t| t.is_finite())
            .map_or(30_000, |t| (t.clamp(1.0, 300.0) * 1000.0) as u32),
        locale: choose_locale(host),
        host: Host::new(host.clone()),
    }
}

/// A number of seconds as JavaScript's unary `+` reads it (NaN when it is
/// not a number): the browser's parser instead of Rust's, which would add
/// kilobytes to the wasm.
fn seconds(text: &str) -> f64 {
    JsValue::from_str(text).unchecked_into_f64()
}

/// The element's `lang`, else the nearest ancestor's, else the browser's
/// languages, else English: the first of these that the widget speaks.
fn choose_locale(host: &HtmlElement) -> String {
    let mut wanted: Vec<String> = host.closest("[lang]").ok().flatten().and_then(|e| e.get_attribute("lang")).into_iter().collect();
    if wanted.iter().all(|l| l.trim().is_empty()) {
        if let Some(w) = web_sys::window() {
            wanted.extend(w.navigator().languages().iter().filter_map(|l| l.as_string()));
        }
    }
    wanted.iter().find_map(|l| i18n::supported(l)).unwrap_or(i18n::FALLBACK).to_string()
}

/// An absolute URL for `url`, resolved against the page's address (so a
/// same-site path such as `/leads` works), or `None` if it does not parse.
/// Never against `document.baseURI`: a `<base href>` injected into the page
/// would send the leads to another origin.
fn resolve_url(url: &str) -> Option<String> {
    let base = web_sys::window()?.location().href().ok()?;
    web_sys::Url::new_with_base(url, &base).ok().map(|u| u.href())
}
