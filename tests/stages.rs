//! The widget shows in stages, one main-thread task apiece in the loader
//! (unpacking the built-in screener, or loading the code for a site's own
//! config, reading its JSON, its questionnaire and checking it; creating the
//! app, its first render), and only after the last.
//! Its own test binary, so no other test has parked an app for reuse.
#![cfg(target_arch = "wasm32")]

mod browser;

use browser::{find, host_element, inline_config, until};
use gloo::timers::future::TimeoutFuture;
use program_fit_screener::web::{mount, Mounted};
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
    // The built-in screener: unpacking it, the app, its render.
    let (first, first_root) = host_element("div", &[]);
    let mut a = mount(first.clone(), first_root.clone(), None, None);
    assert_eq!(stages(&mut a, &first_root).await, 3);

    // A site's own config: the code to read it (here at once, without the
    // split), its JSON, its questionnaire, its checks, the app, its render.
    let (second, second_root) = host_element("div", &[]);
    inline_config(&second, include_str!("../screeners/program-fit.json"));
    let mut b = mount(second.clone(), second_root.clone(), None, None);
    assert_eq!(stages(&mut b, &second_root).await, 6);

    // A removed widget's app is parked and reused: shown at once when ready.
    a.unmount();
    first.remove();
    let (third, third_root) = host_element("div", &[]);
    let mut c = mount(third.clone(), third_root.clone(), None, None);
    assert_eq!(stages(&mut c, &third_root).await, 2);
    b.unmount();
    c.unmount();
    second.remove();
    third.remove();
}
