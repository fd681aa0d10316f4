//! The built-in screener's wordings in wasm parts of their own, one per
//! locale, so the first question needs neither: English after the first
//! screen (`split_en.wasm`, fetched at mount, for every visitor alike) and
//! Spanish with the UI's Spanish strings (`split_es.wasm`, fetched for a
//! visitor who reads Spanish). build.rs packs them apart
//! (`packed::split_locale_except`, `packed::split_locale`). The code that
//! only a visitor past the first screen needs (putting wordings back,
//! reading texts in a loved one's voice) comes with whichever part is
//! here first (`Tools`). `Mounted` waits for Spanish before the first
//! render of a widget that speaks it from the start; the app waits, on a
//! screen that says so, when the next screen's wordings are not here yet.
//! If Spanish cannot load, the widget stays in English and says so; if
//! English cannot, the next screen says so, with Try again and the call
//! button.

use crate::core::i18n::{self, Form, Strings};
use crate::core::model::Questionnaire;
use crate::core::packed;
use crate::web::parts::{Part, Unavailable};
use std::cell::RefCell;
use std::rc::Rc;

/// The locale whose UI strings come in a part (the others are built in).
pub const SPANISH: &str = "es";

/// The code every part brings (the same functions, shared by the parts).
#[derive(Clone, Copy)]
struct Tools {
    merge: fn(&mut Questionnaire, &[u8]) -> bool,
    voice: fn(&Questionnaire, Option<usize>) -> Questionnaire,
}

const TOOLS: Tools = Tools { merge: packed::add_locale, voice: Questionnaire::in_voice };

/// What a locale's part carries: its UI strings (none for English, whose
/// are built in), its wordings of the built-in screener, the tools.
#[derive(Clone, Copy)]
struct Wordings {
    strings: Option<(&'static Strings, &'static Form)>,
    wordings: &'static [u8],
    tools: Tools,
}

/// The list of languages with a part: one line each, its code (the part
/// is `core/split_<code>.wasm`), its UI strings and its wordings.
macro_rules! locale_parts {
    ($($code:ident => $strings:expr, $wordings:expr;)*) => {
        /// The locales with a part, in the order of `PARTS`.
        const LOCALES: &[&str] = &[$(stringify!($code)),*];

        $(
            /// A split point: the wordings (and the strings) move to the part.
            #[cfg_attr(feature = "split", wasm_split_helpers::wasm_split($code, fallible))]
            fn $code() -> Result<Wordings, Unavailable> {
                Ok(Wordings { strings: $strings, wordings: $wordings, tools: TOOLS })
            }
        )*

        /// Fetches the part at `at` in `LOCALES` and makes its strings available.
        async fn load(at: usize) -> Result<Wordings, Unavailable> {
            #[cfg(feature = "split")]
            let result = {
                let mut found = Err(Unavailable);
                let mut i = 0;
                $(
                    if i == at {
                        found = $code().await;
                    }
                    i += 1;
                )*
                let _ = i;
                found
            };
            #[cfg(not(feature = "split"))]
            let result = {
                let loaders: &[fn() -> Result<Wordings, Unavailable>] = &[$($code),*];
                loaders.get(at).ok_or(Unavailable).and_then(|load| load())
            };
            if let Ok(Wordings { strings: Some((strings, form)), .. }) = &result {
                i18n::register(strings);
                i18n::register_form(form);
            }
            result
        }
    };
}

locale_parts! {
    en => None, crate::BUILTIN_EN;
    es => Some((i18n::ES, i18n::ES_FORM)), crate::BUILTIN_ES;
}

thread_local! {
    static PARTS: Vec<Part<Wordings>> = LOCALES.iter().map(|_| Part::default()).collect();
    /// The built-in screener with each part's wordings, made once.
    static BUILTIN: RefCell<Vec<Option<Rc<Questionnaire>>>> = RefCell::new(vec![None; LOCALES.len()]);
    /// The last questionnaire read in a voice.
    static VOICED: RefCell<Option<Voiced>> = const { RefCell::new(None) };
}

/// A questionnaire, a voice, and the questionnaire read in that voice.
type Voiced = (Rc<Questionnaire>, usize, Rc<Questionnaire>);

/// `locale`'s part and its place in `LOCALES`, if it has one.
fn part_of(locale: &str) -> Option<(usize, Part<Wordings>)> {
    let at = LOCALES.iter().position(|l| *l == locale)?;
    Some((at, PARTS.with(|p| p[at].clone())))
}

/// The tools, from whichever part is here first.
fn tools() -> Option<Tools> {
    PARTS.with(|p| p.iter().find_map(Part::here)).map(|w| w.tools)
}

/// Starts fetching `locale`'s part, or again after a failure; the promise
/// settles when it is here or has failed. `None` once it is here, or for a
/// locale without a part.
pub fn fetch(locale: &str) -> Option<js_sys::Promise> {
    let (at, part) = part_of(locale)?;
    part.fetch(move || load(at))
}

/// For an app that wants `locale`'s part: fetches it unless it failed
/// (only `retry` asks again), and calls `then` when it settles.
pub fn want(locale: &str, then: Box<dyn FnOnce()>) {
    let Some((_, part)) = part_of(locale) else { return };
    if part.failed() {
        return;
    }
    fetch(locale);
    part.when_settled(then);
}

/// After a failure, asks again (the visitor asked again).
pub fn retry(locale: &str) {
    if failed(locale) {
        fetch(locale);
    }
}

/// The wordings of `locale`'s part, once here.
fn wordings(locale: &str) -> Option<&'static [u8]> {
    part_of(locale)?.1.here().map(|w| w.wordings)
}

/// Whether the widget has `locale`'s UI strings now: English's are built
/// in, every other locale's come in its part.
pub fn here(locale: &str) -> bool {
    locale == i18n::FALLBACK || wordings(locale).is_some()
}

/// Whether the last fetch of `locale`'s part failed.
pub fn failed(locale: &str) -> bool {
    part_of(locale).is_some_and(|(_, part)| part.failed())
}

/// `config` as it reads in `locale`, or `None` while that needs a part. The
/// built-in screener lacks its wordings after the first screen until the
/// part is here (a site's config has every locale it declares, but the UI's
/// Spanish strings are in Spanish's part).
pub fn config_for(config: &Rc<Questionnaire>, locale: &str) -> Option<Rc<Questionnaire>> {
    if !here(locale) {
        return None;
    }
    if !config.lacks(locale) {
        return Some(config.clone());
    }
    let (at, wordings, tools) = (part_of(locale)?.0, wordings(locale)?, tools()?);
    BUILTIN.with(|b| {
        let mut b = b.borrow_mut();
        if b[at].is_none() {
            let mut q = packed::decode(crate::BUILTIN_PACKED)?;
            b[at] = (tools.merge)(&mut q, wordings).then(|| Rc::new(q));
        }
        b[at].clone()
    })
}

/// `config` with every text in `voice` (who is answering). Reading in a
/// voice is only needed past the first screen, so its code comes with the
/// parts; until one is here, `config` as it is.
pub fn voiced(config: &Rc<Questionnaire>, voice: Option<usize>) -> Rc<Questionnaire> {
    let (Some(v), Some(tools)) = (voice, tools()) else { return config.clone() };
    VOICED.with(|c| {
        let mut c = c.borrow_mut();
        match &*c {
            Some((from, at, q)) if Rc::ptr_eq(from, config) && *at == v => q.clone(),
            _ => {
                let q = Rc::new((tools.voice)(config, voice));
                *c = Some((config.clone(), v, q.clone()));
                q
            }
        }
    })
}
