//! Spanish in a wasm part of its own: the UI's Spanish strings and the
//! built-in screener's Spanish wordings (build.rs packs them apart,
//! `packed::split_locale`). Most visitors read English, and Spanish is a
//! twentieth of the first screen's bytes. `Mounted` waits for it before
//! the first render of a widget that speaks Spanish from the start; the app
//! fetches it when a visitor switches to Spanish or the page's `lang`
//! changes. If it cannot load, the widget stays in English and says so.

use crate::core::i18n::{self, Strings};
use crate::core::model::Questionnaire;
use crate::core::packed;
use std::cell::RefCell;
use std::rc::Rc;

/// The locale this part carries.
pub const LOCALE: &str = "es";

/// The part could not be fetched or started.
#[derive(Debug)]
pub struct Unavailable;

#[cfg(feature = "split")]
impl From<wasm_split_helpers::SplitLoaderError> for Unavailable {
    fn from(_: wasm_split_helpers::SplitLoaderError) -> Self {
        Unavailable
    }
}

type Spanish = (&'static Strings, &'static [u8]);

/// The split point: the strings and the wordings move to the part with it.
#[cfg_attr(feature = "split", wasm_split_helpers::wasm_split(es, fallible))]
fn spanish() -> Result<Spanish, Unavailable> {
    Ok((i18n::ES, crate::BUILTIN_ES))
}

/// Where the part is.
enum Part {
    Idle,
    Loading(js_sys::Promise),
    Here(&'static [u8]),
    Failed,
}

thread_local! {
    static PART: RefCell<Part> = const { RefCell::new(Part::Idle) };
    /// What to do when the part settles (redraw the apps waiting for it).
    static WAITING: RefCell<Vec<Box<dyn FnOnce()>>> = const { RefCell::new(Vec::new()) };
    /// The built-in screener with its Spanish, made once.
    static BUILTIN: RefCell<Option<Rc<Questionnaire>>> = const { RefCell::new(None) };
}

fn settle(result: Result<Spanish, Unavailable>) {
    PART.with(|p| {
        *p.borrow_mut() = match result {
            Ok((strings, wordings)) => {
                i18n::register(strings);
                Part::Here(wordings)
            }
            Err(Unavailable) => Part::Failed,
        }
    });
    for then in WAITING.with(|w| std::mem::take(&mut *w.borrow_mut())) {
        then();
    }
}

/// Starts fetching the part, or again after a failure; the promise
/// settles when it is here or has failed. `None` once it is here.
pub fn fetch() -> Option<js_sys::Promise> {
    let state = PART.with(|p| match &*p.borrow() {
        Part::Here(_) => Some(None),
        Part::Loading(promise) => Some(Some(promise.clone())),
        Part::Idle | Part::Failed => None,
    });
    if let Some(state) = state {
        return state;
    }
    #[cfg(feature = "split")]
    let promise = wasm_bindgen_futures::future_to_promise(async {
        settle(spanish().await);
        Ok(wasm_bindgen::JsValue::UNDEFINED)
    });
    #[cfg(not(feature = "split"))]
    let promise = {
        settle(spanish());
        js_sys::Promise::resolve(&wasm_bindgen::JsValue::UNDEFINED)
    };
    PART.with(|p| {
        if matches!(*p.borrow(), Part::Idle | Part::Failed) {
            *p.borrow_mut() = Part::Loading(promise.clone());
        }
    });
    Some(promise)
}

/// For an app that wants Spanish: fetches the part unless it failed (only
/// `retry` asks again), and calls `then` when it settles.
pub fn want(then: Box<dyn FnOnce()>) {
    if failed() {
        return;
    }
    WAITING.with(|w| w.borrow_mut().push(then));
    fetch();
}

/// After a failure, lets `want` ask again (the visitor chose Spanish again).
pub fn retry() {
    PART.with(|p| {
        if matches!(*p.borrow(), Part::Failed) {
            *p.borrow_mut() = Part::Idle;
        }
    });
}

/// Whether the widget can speak `locale` now.
pub fn here(locale: &str) -> bool {
    locale != LOCALE || PART.with(|p| matches!(*p.borrow(), Part::Here(_)))
}

/// Whether the last fetch failed.
pub fn failed() -> bool {
    PART.with(|p| matches!(*p.borrow(), Part::Failed))
}

/// `config` as it reads in `locale`, or `None` while that needs the part.
/// The built-in screener lacks its Spanish until the part is here (a
/// site's config has every locale it declares, but the UI's Spanish
/// strings are in the part too).
pub fn config_for(config: &Rc<Questionnaire>, locale: &str) -> Option<Rc<Questionnaire>> {
    if !here(locale) {
        return None;
    }
    if !config.lacks(locale) {
        return Some(config.clone());
    }
    let wordings = PART.with(|p| match *p.borrow() {
        Part::Here(w) => Some(w),
        _ => None,
    })?;
    BUILTIN.with(|b| {
        let mut b = b.borrow_mut();
        if b.is_none() {
            let mut q = packed::decode(crate::BUILTIN_PACKED)?;
            *b = packed::add_locale(&mut q, LOCALE, wordings).then(|| Rc::new(q));
        }
        b.clone()
    })
}
