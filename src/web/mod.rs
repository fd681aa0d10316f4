//! Browser services below the components: delivering a lead (`deliver`,
//! over the requests of `submit`),
//! telling the host page about milestones (`events`), the built-in
//! screener's wordings and the other locales' strings in parts of their own
//! (`translations`) and the reader of a site's own config, in a part of its
//! own (`site_config`), the one loader of those parts and the contact
//! form's (`parts`), where the visit came from (`visit`), what the loader
//! tells the wasm (`loader`) and the stylesheet every widget adopts
//! (`styles`). It knows nothing of the components above it (`ui`) or of
//! the element's lifecycle (`embed`).

pub mod deliver;
pub mod events;
pub mod loader;
pub mod parts;
pub mod site_config;
pub mod styles;
pub mod submit;
pub mod translations;
pub mod visit;

/// Tells the site's developer something in the browser's console, as an
/// error: web-sys's own call (gloo's macro built an array for one string).
pub fn console_error(message: &str) {
    web_sys::console::error_1(&message.into());
}

/// A promise that settles `ms` milliseconds from now, after the timer
/// tasks queued before it (Yew's scheduler continues its work in such a
/// task when it yields).
pub fn timeout(ms: u32) -> js_sys::Promise {
    js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms as i32);
        }
    })
}
