//! What the loader (`js/program-fit-screener.js`) tells the wasm through
//! read-only properties of the element, for what it alone can know or
//! already reads: the number in the light-DOM `<a slot="phone">`
//! (`pfsPhone`: its text, else its `tel:` address, else nothing; the
//! loader's fail-open view shows it too, so the rule is written once) and
//! where the visit came from (`pfsVisit`, see `visit`). A host page can
//! read them, but they hold nothing it does not know. Knows nothing of
//! what the values are for.

use web_sys::HtmlElement;

/// The slotted phone number, as the loader found it.
pub const PHONE: &str = "pfsPhone";
/// The page's address and referrer at load and the host's own values.
pub const VISIT: &str = "pfsVisit";

/// The loader's value of `name` on the element, trimmed; `None` when it is
/// empty or not there (the wasm without the loader, in the component tests).
pub fn told(element: &HtmlElement, name: &str) -> Option<String> {
    let value = js_sys::Reflect::get(element, &name.into()).ok()?.as_string()?;
    Some(value.trim().to_string()).filter(|v| !v.is_empty())
}
