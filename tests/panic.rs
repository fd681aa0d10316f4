//! A bug must never cost a visitor the phone number: a panic anywhere in the
//! widget's code turns every widget on the page into the fail-open view (a
//! short message and the call link) and tells the host page. Its own test
//! binary, so the page the panic leaves behind is no other test's page.
#![cfg(target_arch = "wasm32")]

mod browser;

use browser::{find, host_element, until};
use program_fit_screener::embed::mount;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;
use web_sys::{CustomEvent, HtmlElement, ShadowRoot};

wasm_bindgen_test_configure!(run_in_browser);

/// A `<program-fit-screener>` element with an open shadow root, as the loader makes.
fn widget(phone: &str) -> (HtmlElement, ShadowRoot) {
    host_element("program-fit-screener", &[("phone", phone)])
}

/// The fail-open view's call link (every screen has a quieter one of its own).
fn link(root: &ShadowRoot) -> Option<HtmlElement> {
    root.query_selector(".pfs-broken a").ok()??.dyn_into().ok()
}

fn start_button(root: &ShadowRoot) -> Option<HtmlElement> {
    find(root, "button", "Start")
}

#[wasm_bindgen_test]
async fn a_panic_shows_the_call_link_in_every_widget_and_says_so() {
    let (first, first_root) = widget("833-846-5669");
    let (second, second_root) = widget("(206) 555-0100");
    let reasons = Rc::new(RefCell::new(Vec::<String>::new()));
    let listener = Closure::<dyn Fn(CustomEvent)>::new({
        let reasons = reasons.clone();
        move |e: CustomEvent| {
            let reason = js_sys::Reflect::get(&e.detail(), &"reason".into()).ok().and_then(|r| r.as_string());
            reasons.borrow_mut().push(reason.unwrap_or_default());
        }
    });
    for host in [&first, &second] {
        host.add_event_listener_with_callback("pfs-error", listener.as_ref().unchecked_ref()).unwrap();
    }
    let mut a = mount(first.clone(), first_root.clone(), None, None);
    let mut b = mount(second.clone(), second_root.clone(), None, None);
    a.render();
    b.render();
    until(|| start_button(&first_root)).await;
    until(|| start_button(&second_root)).await;
    assert!(link(&first_root).is_none(), "before the panic the questionnaire is shown, not the fail-open view");

    // A bug in the widget's code, in a task of its own (as in an event handler).
    let bug = Closure::once_into_js(|| -> () { panic!("a bug in the widget") });
    web_sys::window().unwrap().set_timeout_with_callback(bug.unchecked_ref()).unwrap();

    let call = until(|| link(&first_root)).await;
    assert_eq!(call.text_content().as_deref(), Some("Call 833-846-5669"));
    assert_eq!(call.get_attribute("href").as_deref(), Some("tel:+18338465669"));
    let other = until(|| link(&second_root)).await;
    assert_eq!(other.get_attribute("href").as_deref(), Some("tel:+12065550100"));
    assert!(start_button(&first_root).is_none(), "the questionnaire is gone");
    assert!(first_root.text_content().unwrap_or_default().contains("could not"), "a short message says why");
    assert_eq!(*reasons.borrow(), ["panic", "panic"], "each host page element hears pfs-error with reason panic");
    first.remove();
    second.remove();
}
