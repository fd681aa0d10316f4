//! Where the visit came from, for the lead only: the loader's hand-over
//! (`loader::VISIT`: the page's address and referrer as the page loaded,
//! a line each, then the host page's own `attribution` query string;
//! empty when turned off)
//! read with the browser's URL parser into the `key=value` lines that
//! `core::lead::attribution` keeps the marketers' keys of. Part of the
//! contact form's code, so the first question carries none of it. Knows
//! nothing of the form or of how the lead is sent.

use crate::core::lead::{self, ATTRIBUTION_KEYS};
use crate::web::loader;
use web_sys::{HtmlElement, Url, UrlSearchParams};

/// The attribution a lead from this element carries (see
/// `core::lead::attribution`), read when it is shown or sent.
pub fn attribution(element: &HtmlElement) -> Vec<(&'static str, String)> {
    lead::attribution(&lines(&loader::told(element, loader::VISIT).unwrap_or_default()))
}

/// The hand-over as `key=value` lines: the landing page (origin and path,
/// never the query or a user name), the referrer's origin, the address's
/// marketing parameters, then the host page's (which so win).
fn lines(handed_over: &str) -> String {
    let mut given = handed_over.splitn(3, '\n');
    let (address, referrer, own) = (given.next().unwrap_or(""), given.next().unwrap_or(""), given.next().unwrap_or(""));
    let mut out = String::new();
    let mut put = |key: &str, value: String| out.push_str(&format!("{key}={}\n", value.replace(['\r', '\n'], " ")));
    let url = Url::new(address).ok();
    if let Some(u) = &url {
        put("landing_page", format!("{}{}", u.origin(), u.pathname()));
    }
    if let Some(origin) = Url::new(referrer).ok().map(|u| u.origin()).filter(|o| o != "null") {
        put("referrer", origin);
    }
    // The address gives only the link parameters (a `?referrer=` in it
    // does not replace the real one); the host page may give every key,
    // its first-touch landing page too.
    let keys = ATTRIBUTION_KEYS.iter().filter(|k| !matches!(**k, "landing_page" | "referrer"));
    let from_address = url.map(|u| u.search_params()).map(|p| (p, keys.collect::<Vec<_>>()));
    let from_host = UrlSearchParams::new_with_str(own).ok().map(|p| (p, ATTRIBUTION_KEYS.iter().collect()));
    for (params, keys) in [from_address, from_host].into_iter().flatten() {
        for key in keys {
            if let Some(value) = params.get(key) {
                put(key, value);
            }
        }
    }
    out
}
