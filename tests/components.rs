//! Component tests in headless Chromium (wasm-bindgen-test): the widget
//! mounts into an open shadow root, renders and responds to clicks there.
#![cfg(target_arch = "wasm32")]

mod browser;

use browser::{find, host_element, inline_config, until};
use gloo::timers::future::TimeoutFuture;
use program_fit_screener::embed::mount;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement, ShadowRoot};

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh host element with an open shadow root, as the loader makes.
fn host(attrs: &[(&str, &str)]) -> (HtmlElement, ShadowRoot) {
    host_element("div", attrs)
}

#[wasm_bindgen_test]
async fn renders_in_the_shadow_root_and_answers_clicks() {
    let (host, root) = host(&[("phone", "833-846-5669")]);
    let mut mounted = mount(host.clone(), root.clone(), None, None);
    assert!(root.query_selector(".pfs").unwrap().is_none(), "mount reads the config; render shows it");
    mounted.render();
    assert_eq!(root.adopted_style_sheets().length(), 1, "styles are adopted into the shadow root");
    let start = until(|| find(&root, "button", "Start")).await;
    assert!(host.text_content().unwrap_or_default().is_empty(), "nothing leaks into the light DOM");
    start.click();
    until(|| find(&root, "h2", "Who are you looking for help for?")).await;
    assert!(find(&root, "p", "Question 1 of 9").is_some());
    let myself: HtmlInputElement = root.get_element_by_id("pfs-who-self").unwrap().dyn_into().unwrap();
    myself.click();
    find(&root, "button", "Continue").unwrap().click();
    until(|| find(&root, "h2", "Which substances are involved?")).await;
    find(&root, "button", "Back").unwrap().click();
    let again: HtmlInputElement = until(|| root.get_element_by_id("pfs-who-self")?.dyn_into().ok()).await;
    assert!(again.checked(), "the answer is kept after Back");
    mounted.unmount();
    assert_eq!(root.child_element_count(), 0, "nothing remains in the shadow root after unmount");
    host.remove();
}

#[wasm_bindgen_test]
async fn an_invalid_inline_config_fails_open_with_the_call_link() {
    let (host, root) = host(&[("phone", "833-846-5669")]);
    inline_config(&host, r#"{"version": 1, "questions": []}"#);
    let mut mounted = mount(host.clone(), root.clone(), None, None);
    assert!(mounted.step(), "loading the code that reads it is a stage (here at once, without the split)");
    assert!(mounted.step(), "reading the JSON is a stage; the structure is the next");
    assert!(!mounted.step(), "no stage is left once the config is found invalid");
    let link = until(|| find(&root, "a", "Call 833-846-5669")).await;
    assert_eq!(link.get_attribute("href").as_deref(), Some("tel:+18338465669"));
    host.remove();
}

#[wasm_bindgen_test]
async fn a_widget_removed_before_its_first_render_never_renders() {
    let (host, root) = host(&[]);
    let mut mounted = mount(host.clone(), root.clone(), None, None);
    mounted.update();
    mounted.unmount();
    mounted.render();
    TimeoutFuture::new(50).await;
    assert_eq!(root.child_element_count(), 0);
    host.remove();
}
