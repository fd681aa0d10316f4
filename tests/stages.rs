//! The widget shows in stages, one main-thread task apiece in the loader
//! (unpacking the built-in screener, or loading the code for a site's own
//! config, reading its JSON, its questionnaire and checking it; creating the
//! app, once per page a rehearsal out of the page of the start screen and
//! then of the first question, its first render), and only after the last.
//! Its own test binary, so no other test has parked an app for reuse.
#![cfg(target_arch = "wasm32")]

mod browser;

use browser::{find, host_element, inline_config, until};
use gloo::timers::future::TimeoutFuture;
use program_fit_screener::embed::{mount, Mounted};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;
use web_sys::ShadowRoot;

wasm_bindgen_test_configure!(run_in_browser);

/// Steps `mounted` as the loader does, a task apiece, checking that nothing
/// shows before the last stage; returns how many stages there were.
async fn stages(mounted: &mut Mounted, root: &ShadowRoot) -> usize {
    let mut n = 1;
    while mounted.step() {
        n += 1;
        TimeoutFuture::new(0).await;
        assert!(find(root, "button", "Start").is_none(), "nothing shows before the last stage");
    }
    assert!(!mounted.step(), "stepping again does nothing");
    // Yew renders in a microtask and may yield to the browser on the way.
    until(|| find(root, "button", "Start")).await;
    n
}

#[wasm_bindgen_test]
async fn each_stage_is_a_step_and_the_intro_shows_after_the_last() {
    // The built-in screener: unpacking it, the app, the rehearsal out of
    // the page (its start screen, then its first question), parking its
    // app, the render.
    let (first, first_root) = host_element("div", &[]);
    let heard = Rc::new(RefCell::new(Vec::new()));
    let listener = Closure::<dyn FnMut(web_sys::Event)>::new({
        let heard = heard.clone();
        move |e: web_sys::Event| heard.borrow_mut().push(e.type_())
    });
    for name in ["pfs-start", "pfs-result", "pfs-form", "pfs-call"] {
        first.add_event_listener_with_callback(name, listener.as_ref().unchecked_ref()).unwrap();
    }
    // Which elements the page makes (Yew makes them with createElement).
    js_sys::eval(
        "window.__made = []; const make = document.createElement; \
         document.createElement = function (tag, ...rest) { window.__made.push(tag); return make.call(this, tag, ...rest); };",
    )
    .unwrap();
    let made = || js_sys::eval("window.__made.splice(0).join(' ')").unwrap().as_string().unwrap();
    let mut a = mount(first.clone(), first_root.clone(), None, None);
    assert_eq!(stages(&mut a, &first_root).await, 6);
    assert!(made().split(' ').any(|tag| tag == "fieldset"), "the first question was rehearsed (the intro has no fieldset)");
    let document = web_sys::window().unwrap().document().unwrap();
    let rehearsed = document.query_selector_all("h2").unwrap();
    assert!(
        (0..rehearsed.length())
            .all(|i| rehearsed.item(i).and_then(|h| h.text_content()).as_deref() != Some("Who are you looking for help for?")),
        "the rehearsed question is not in the page"
    );
    assert!(find(&first_root, "h2", "Who are you looking for help for?").is_none());
    assert!(heard.borrow().is_empty(), "the rehearsal tells the host page nothing: {:?}", heard.borrow());
    drop(listener);

    // A site's own config: the code to read it (here at once, without the
    // split), its JSON, its questionnaire, its checks, then the app: the
    // rehearsal's, parked, shown at once (a page rehearses once).
    let (second, second_root) = host_element("div", &[]);
    inline_config(&second, include_str!("../screeners/program-fit.json"));
    let mut b = mount(second.clone(), second_root.clone(), None, None);
    assert_eq!(stages(&mut b, &second_root).await, 5);

    // A removed widget's app is parked and reused: shown at once when ready.
    a.unmount();
    first.remove();
    let (third, third_root) = host_element("div", &[]);
    let mut c = mount(third.clone(), third_root.clone(), None, None);
    assert_eq!(stages(&mut c, &third_root).await, 2);

    // With the pool empty, a new app is made and rendered in a stage of its
    // own; the page has rehearsed already.
    let (fourth, fourth_root) = host_element("div", &[]);
    made();
    let mut d = mount(fourth.clone(), fourth_root.clone(), None, None);
    assert_eq!(stages(&mut d, &fourth_root).await, 3);
    assert!(!made().split(' ').any(|tag| tag == "fieldset"), "no second rehearsal");
    for (mut m, host) in [(b, second), (c, third), (d, fourth)] {
        m.unmount();
        host.remove();
    }
}
