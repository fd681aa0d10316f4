//! The built-in screener's wordings in wasm parts of their own, one per
//! locale, so the first question needs none: English after the first
//! screen (`split_en.wasm`, fetched once the first screen is drawn, for every
//! visitor alike) and
//! each other language of `i18n::other_languages!` with its UI strings
//! (`split_es.wasm` for Spanish, fetched for a visitor who reads it); one
//! line in that list makes a part here. build.rs packs the wordings apart
//! (`packed::split_locale_except`, `packed::split_locale`). The code that
//! only a visitor past the first screen needs (putting wordings back,
//! reading texts in a loved one's voice) comes with whichever part is
//! here first (`Tools`). `Mounted` waits for a locale's part before the
//! first render of a widget that speaks it from the start; the app waits,
//! on a screen that says so, when the next screen's wordings are not here
//! yet. If a language cannot load, the widget stays in English and says
//! so; if English cannot, the next screen says so, with Try again and the
//! call button.

use crate::core::i18n::{self, Form, Strings};
use crate::core::model::Questionnaire;
use crate::core::packed;
use crate::web::parts::{split_call, Part, Unavailable};
use std::cell::{Cell, RefCell};
use std::future::Future;
use std::rc::Rc;

/// The code every part brings (the same functions, shared by the parts).
#[derive(Clone, Copy)]
struct Tools {
    merge: fn(&Questionnaire, &'static [u8]) -> bool,
    voice: fn(&Questionnaire, Option<usize>) -> Questionnaire,
}

const TOOLS: Tools = Tools { merge: packed::add_locale, voice: Questionnaire::in_voice };

/// What a part carries: its UI strings (not English's), its wordings, the tools.
type Wordings = (Option<(&'static Strings, &'static Form)>, &'static [u8], Tools);

/// The split points: the wordings (and the strings) move to their parts.
#[cfg_attr(feature = "split", wasm_split_helpers::wasm_split(en, fallible))]
fn english() -> Result<Wordings, Unavailable> {
    Ok((None, crate::BUILTIN_EN, TOOLS))
}

/// One part per other language (`i18n::other_languages!`): its split point,
/// named for its strings' module; `LOCALES`, with English's first; `start`.
macro_rules! locale_parts {
    ($( $(#[$when:meta])* ($code:literal, $module:ident, $($rest:tt)*) ),* $(,)?) => {
        /// The locales with a part, in the order of `PARTS`.
        const LOCALES: &[&str] = &["en", $( $(#[$when])* $code, )*];

        $(
            $(#[$when])*
            #[cfg_attr(feature = "split", wasm_split_helpers::wasm_split($module, fallible))]
            fn $module() -> Result<Wordings, Unavailable> {
                let wordings = include_bytes!(concat!(env!("OUT_DIR"), "/program-fit.", $code, ".bin"));
                Ok((Some((&i18n::$module::STRINGS, &i18n::$module::FORM)), wordings, TOOLS))
            }
        )*

        /// The part of `LOCALES[at]`: fetched and started, its strings
        /// registered. (One future: an `async fn` inside it would cost
        /// 0.2 KB more of the main wasm.)
        fn start(at: usize) -> impl Future<Output = Result<Wordings, Unavailable>> {
            async move {
                let code = LOCALES[at];
                let part = 'part: {
                    if code == "en" {
                        break 'part split_call!(english());
                    }
                    $( $(#[$when])* if code == $code { break 'part split_call!($module()); } )*
                    Err(Unavailable)
                };
                if let Ok((strings, _, tools)) = part {
                    if let Some((strings, form)) = strings {
                        i18n::register(strings);
                        i18n::register_form(form);
                    }
                    HERE.set(Some(tools));
                }
                part
            }
        }
    };
}
i18n::other_languages!(locale_parts);

/// How many parts there are.
const PART_COUNT: usize = LOCALES.len();

thread_local! {
    static PARTS: [Part<Wordings>; PART_COUNT] = std::array::from_fn(|_| Part::default());
    static HERE: Cell<Option<Tools>> = const { Cell::new(None) };
    /// The built-in screener: one for every widget of the page, unpacked
    /// once, each part's wordings put into it once they are here.
    static BUILTIN: RefCell<Option<Rc<Questionnaire>>> = const { RefCell::new(None) };
    /// Which parts' wordings were put into it (or found not to fit): a
    /// voice's copy made before one more went in is stale.
    static MERGED: Cell<[bool; PART_COUNT]> = const { Cell::new([false; PART_COUNT]) };
    /// The last questionnaire read in a voice.
    static VOICED: RefCell<Option<Voiced>> = const { RefCell::new(None) };
}

/// A questionnaire, a voice, the parts' wordings it had then (`MERGED`),
/// and the questionnaire read in that voice.
type Voiced = (Rc<Questionnaire>, usize, [bool; PART_COUNT], Rc<Questionnaire>);

/// The built-in screener, unpacked the first time a widget needs it
/// (`None` if its bytes do not unpack): the first screen's wordings, and
/// each part's once `config_for` has put them in.
pub fn builtin() -> Option<Rc<Questionnaire>> {
    BUILTIN.with(|b| {
        let mut b = b.borrow_mut();
        if b.is_none() {
            *b = packed::decode(crate::BUILTIN_PACKED).map(Rc::new);
        }
        b.clone()
    })
}

fn part_of(locale: &str) -> Option<usize> {
    LOCALES.iter().position(|l| *l == locale)
}

/// `f` of `locale`'s part, if it has one.
fn with_part<R>(locale: &str, f: impl FnOnce(&Part<Wordings>, usize) -> R) -> Option<R> {
    let at = part_of(locale)?;
    Some(PARTS.with(|p| f(&p[at], at)))
}

/// Starts fetching `locale`'s part, or again after a failure; the promise
/// settles when it is here or has failed. `None` once it is here, or for a
/// locale without a part.
pub fn fetch(locale: &str) -> Option<js_sys::Promise> {
    with_part(locale, |p, at| p.fetch(start(at))).flatten()
}

/// For an app that wants `locale`'s part: fetches it unless it failed
/// (only `retry` asks again), and calls `then` when it settles.
pub fn want(locale: &str, then: Box<dyn FnOnce()>) {
    with_part(locale, |p, at| p.want(then, start(at)));
}

/// After a failure, lets `want` ask again (the visitor asked again).
pub fn retry(locale: &str) {
    with_part(locale, |p, _| p.retry());
}

/// The wordings of `locale`'s part, once here.
fn wordings(locale: &str) -> Option<&'static [u8]> {
    with_part(locale, |p, _| p.get().map(|w| w.1)).flatten()
}

/// Whether the widget has `locale`'s UI strings now: English's are built
/// in, every other locale's come in its part.
pub fn here(locale: &str) -> bool {
    locale == i18n::FALLBACK || wordings(locale).is_some()
}

/// Whether the last fetch of `locale`'s part failed.
pub fn failed(locale: &str) -> bool {
    with_part(locale, |p, _| p.failed()).unwrap_or(false)
}

/// `config` as it reads in `locale`, or `None` while that needs a part. The
/// built-in screener lacks its wordings after the first screen until the
/// part is here, and then has them, for every widget (a site's config has
/// every locale it declares, but the UI's strings of a language are in its
/// part).
pub fn config_for(config: &Rc<Questionnaire>, locale: &str) -> Option<Rc<Questionnaire>> {
    if !here(locale) {
        return None;
    }
    if !config.lacks(locale) {
        return Some(config.clone());
    }
    let (at, wordings, tools) = (part_of(locale)?, wordings(locale)?, HERE.get()?);
    let mut merged = MERGED.get();
    if !merged[at] && BUILTIN.with(|b| b.borrow().as_ref().is_some_and(|b| Rc::ptr_eq(b, config))) {
        merged[at] = true;
        MERGED.set(merged);
        // Whether they fitted is what `lacks` says next.
        (tools.merge)(config, wordings);
    }
    (!config.lacks(locale)).then(|| config.clone())
}

/// `config` with every text in `voice` (who is answering). Reading in a
/// voice is only needed past the first screen, so its code comes with the
/// parts; until one is here, `config` as it is.
pub fn voiced(config: &Rc<Questionnaire>, voice: Option<usize>) -> Rc<Questionnaire> {
    let (Some(v), Some(tools)) = (voice, HERE.get()) else { return config.clone() };
    VOICED.with(|c| {
        let mut c = c.borrow_mut();
        match &*c {
            Some((from, at, merged, q)) if Rc::ptr_eq(from, config) && *at == v && *merged == MERGED.get() => q.clone(),
            _ => {
                let q = Rc::new((tools.voice)(config, voice));
                *c = Some((config.clone(), v, MERGED.get(), q.clone()));
                q
            }
        }
    })
}
