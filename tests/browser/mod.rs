//! Helpers shared by the wasm-bindgen-test binaries (components, panic,
//! stages): a host element as the loader makes it, and waiting for the
//! widget the way a person would, by what it shows.
#![allow(dead_code)] // each test binary uses some of them

use gloo::timers::future::TimeoutFuture;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, ShadowRoot, ShadowRootInit, ShadowRootMode};

/// A fresh `tag` element in the page with `attrs` and an open shadow root.
pub fn host_element(tag: &str, attrs: &[(&str, &str)]) -> (HtmlElement, ShadowRoot) {
    let document = web_sys::window().unwrap().document().unwrap();
    let host: HtmlElement = document.create_element(tag).unwrap().dyn_into().unwrap();
    for (k, v) in attrs {
        host.set_attribute(k, v).unwrap();
    }
    document.body().unwrap().append_child(&host).unwrap();
    let root = host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open)).unwrap();
    (host, root)
}

/// Adds `<script type="application/json">` with `json` inside `host`: the inline config.
pub fn inline_config(host: &HtmlElement, json: &str) {
    let script = web_sys::window().unwrap().document().unwrap().create_element("script").unwrap();
    script.set_attribute("type", "application/json").unwrap();
    script.set_text_content(Some(json));
    host.append_child(&script).unwrap();
}

/// Waits (by polling each task turn, at most ~2 s) until `f` finds something.
pub async fn until<T>(mut f: impl FnMut() -> Option<T>) -> T {
    for _ in 0..200 {
        if let Some(v) = f() {
            return v;
        }
        TimeoutFuture::new(10).await;
    }
    panic!("timed out waiting for the widget");
}

/// The first `selector` element in `root` whose text is `text`.
pub fn find(root: &ShadowRoot, selector: &str, text: &str) -> Option<HtmlElement> {
    let list = root.query_selector_all(selector).ok()?;
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<HtmlElement>().ok())
        .find(|e| e.text_content().unwrap_or_default().trim() == text)
}
