//! UI strings (everything that is not screener content). Each locale is one
//! file with its `STRINGS` and `FORM`; a missing string is a compile error,
//! so no locale can ship half translated. To add a locale: copy `en.rs`,
//! translate, and add one line to `other_languages!` (docs/translating.md).
//! English is always there; the widget fetches another locale's strings in
//! its part when they are first needed (`web::translations`) and
//! `register`s them.

mod en;
pub mod pseudo;

use std::cell::RefCell;

/// Every language but English, one line each: its code, the module of its
/// strings file (`es.rs`, with `STRINGS` and `FORM`), its own name (the
/// language switch shows it), its "could not load" sentence (shown, with
/// the English one, when its part cannot load; so it ships with English)
/// and whether it is written right to left. Each is a
/// wasm part of its own, `core/split_<module>.wasm`; build.rs packs its
/// screener wordings apart. The pseudo-locales (`pseudo`, made by build.rs)
/// are in test builds only (feature `pseudo`). `$then!` receives the list.
macro_rules! other_languages {
    ($then:ident) => {
        $then! {
            ("es", es, "Español", "No se pudo cargar el español. Revisa tu conexión e inténtalo de nuevo.", false),
            #[cfg(all(feature = "pseudo", target_arch = "wasm32"))]
            ("en-XA", en_xa, "[Éñĝļíšĥ]", "[Ţĥé ƥšéúđó-ļáñĝúáĝé çóúļđ ñóţ ļóáđ.]", false),
            #[cfg(all(feature = "pseudo", target_arch = "wasm32"))]
            ("ar-XB", ar_xb, "\u{202e}English\u{202c}", "\u{200f}\u{202e}The pseudo-language could not load.\u{202c}", true),
        }
    };
}
// For `web::translations` (not in every build, so not always used).
#[allow(unused_imports)]
pub(crate) use other_languages;

/// A language the widget speaks (see `other_languages!`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Language {
    pub code: &'static str,
    pub name: &'static str,
    pub unavailable: &'static str,
    pub rtl: bool,
}

macro_rules! declare_languages {
    ($( $(#[$when:meta])* ($code:literal, $module:ident, $name:literal, $unavailable:literal, $rtl:literal) ),* $(,)?) => {
        $( $(#[$when])* pub mod $module; )*

        /// Each language's code, names and direction: English first.
        pub const LANGUAGES: &[Language] = &[
            Language { code: FALLBACK, name: "English", unavailable: "", rtl: false },
            $( $(#[$when])* Language { code: $code, name: $name, unavailable: $unavailable, rtl: $rtl }, )*
        ];

        /// Every shipped locale's strings, in the order of `LANGUAGES`.
        #[cfg(test)]
        const SHIPPED: &[(&Strings, &Form)] = &[(&en::EN, &en::FORM), $( $(#[$when])* (&$module::STRINGS, &$module::FORM), )*];
    };
}
other_languages!(declare_languages);

/// Every UI string, in one locale.
#[derive(Debug)]
pub struct Strings {
    pub locale: &'static str,
    /// The language's own name, for the language switch ("Español").
    pub language_name: &'static str,
    /// Accessible name of the language switch ("Language").
    pub language_label: &'static str,
    pub intro_title: &'static str,
    pub intro_purpose: &'static str,
    pub start: &'static str,
    /// "Question {n} of {total}".
    pub progress: &'static str,
    pub back: &'static str,
    pub next: &'static str,
    pub choose_one: &'static str,
    pub choose_some: &'static str,
    pub error_prefix: &'static str,
    pub result_label: &'static str,
    pub why: &'static str,
    pub involves: &'static str,
    pub schedule: &'static str,
    pub benefits: &'static str,
    pub not_diagnosis: &'static str,
    /// The screen shown while the next questions' wordings load.
    pub one_moment: &'static str,
    pub next_loading: &'static str,
    pub next_unavailable: &'static str,
    /// Heading of the result's notes (safety and practical advice).
    pub also_important: &'static str,
    /// Heading before the call button and the form on an urgent result,
    /// whose safety resources come first.
    pub when_ready: &'static str,
    pub restart: &'static str,
    /// "Call {phone}".
    pub call: &'static str,
    pub call_note: &'static str,
    /// Before the quiet call link under every screen but the result.
    pub talk: &'static str,
    pub retry: &'static str,
    pub no_form: &'static str,
    /// While the contact form is fetched (it loads separately).
    pub form_loading: &'static str,
    pub form_unavailable: &'static str,
    /// When the language asked for could not load (English's is the one
    /// shown, beside that language's own sentence).
    pub language_unavailable: &'static str,
    pub broken: &'static str,
    pub email_us: &'static str,
}

/// The contact form's strings, in one locale: apart from `Strings` so that
/// they travel with the contact form's wasm part (English) and with each
/// other locale's part, not with the first question (`form`).
#[derive(Debug)]
pub struct Form {
    pub locale: &'static str,
    pub form_title: &'static str,
    pub form_intro: &'static str,
    pub name: &'static str,
    pub phone: &'static str,
    pub email: &'static str,
    pub contact_hint: &'static str,
    /// "I agree that {center} may contact me ..." — sent with the lead.
    pub consent: &'static str,
    pub send: &'static str,
    pub sending: &'static str,
    pub error_summary: &'static str,
    pub name_required: &'static str,
    pub contact_required: &'static str,
    pub phone_invalid: &'static str,
    pub email_invalid: &'static str,
    pub consent_required: &'static str,
    pub sent_title: &'static str,
    pub sent_body: &'static str,
    pub send_failed: &'static str,
    pub the_center: &'static str,
    pub consent_label: &'static str,
    pub optional: &'static str,
    pub preferred_label: &'static str,
    pub preferred_call: &'static str,
    pub preferred_text: &'static str,
    pub preferred_email: &'static str,
    pub best_time: &'static str,
    pub who_for: &'static str,
    pub insurance: &'static str,
    pub card_front: &'static str,
    pub card_back: &'static str,
    pub file_hint: &'static str,
    /// Between the whole and the tenths of a file size: "." or ",".
    pub decimal_point: &'static str,
    pub remove: &'static str,
    pub message: &'static str,
    pub include_answers: &'static str,
    pub include_answers_hint: &'static str,
    pub preview_title: &'static str,
    pub preview_also: &'static str,
    pub preview_answers: &'static str,
    /// Above the lead's attribution (`core::lead::attribution`) in the preview.
    pub preview_source: &'static str,
    pub phone_needed: &'static str,
    pub email_needed: &'static str,
    pub file_type: &'static str,
    pub file_too_big: &'static str,
    pub uploading: &'static str,
    pub retrying: &'static str,
    pub failed_network: &'static str,
    pub failed_timeout: &'static str,
    /// The receiver may have the lead but did not acknowledge it.
    pub send_unconfirmed: &'static str,
    pub server_rejected: &'static str,
}

impl PartialEq for Strings {
    fn eq(&self, other: &Self) -> bool {
        self.locale == other.locale
    }
}

/// One `Form` per locale, so the locale tells them apart.
impl PartialEq for Form {
    fn eq(&self, other: &Self) -> bool {
        self.locale == other.locale
    }
}

/// The language of `code` (as `supported` gives it).
pub fn language(code: &str) -> Option<&'static Language> {
    LANGUAGES.iter().find(|l| l.code == code)
}

/// The locale that is always there (its strings ship with the widget): the
/// widget speaks it when it cannot speak the one asked for.
pub const FALLBACK: &str = "en";

thread_local! {
    /// The locales other than English whose strings are here.
    static REGISTERED: RefCell<Vec<&'static Strings>> = const { RefCell::new(Vec::new()) };
    /// The same for the contact form's strings.
    static FORMS: RefCell<Vec<&'static Form>> = const { RefCell::new(Vec::new()) };
}

/// Adds a locale's `item` to `list`, once; `locale` says whose it is.
fn add<T>(list: &RefCell<Vec<&'static T>>, item: &'static T, locale: fn(&T) -> &str) {
    let mut list = list.borrow_mut();
    if !list.iter().any(|x| locale(x) == locale(item)) {
        list.push(item);
    }
}

/// The item of `list` for `wanted` (a code `supported` gave), if it is here.
fn find<T>(list: &RefCell<Vec<&'static T>>, wanted: &str, locale: fn(&T) -> &str) -> Option<&'static T> {
    list.borrow().iter().copied().find(|x| locale(x) == wanted)
}

/// Makes a locale's strings available to `strings`.
pub fn register(s: &'static Strings) {
    REGISTERED.with(|r| add(r, s, |s| s.locale));
}

/// Makes a locale's contact form strings available to `form`.
pub fn register_form(f: &'static Form) {
    FORMS.with(|r| add(r, f, |f| f.locale));
}

/// The contact form's strings for `locale` if they are here, else English.
/// Only the contact form calls it, so the English ones ship in its part.
pub fn form(locale: &str) -> &'static Form {
    FORMS.with(|r| find(r, locale, |f| f.locale)).unwrap_or(&en::FORM)
}

/// The strings for `locale` ("en-US" matches "en") if they are here, else English.
pub fn strings(locale: &str) -> &'static Strings {
    REGISTERED.with(|r| find(r, locale, |s| s.locale)).unwrap_or(&en::EN)
}

/// The locale code the widget speaks for `wanted` (exactly, else "es-MX"
/// gives "es"), if any.
pub fn supported(wanted: &str) -> Option<&'static str> {
    let wanted = wanted.trim();
    let lang = wanted.split(['-', '_']).next()?.to_ascii_lowercase();
    let exact = LANGUAGES.iter().find(|l| l.code == wanted);
    exact.or_else(|| LANGUAGES.iter().find(|l| l.code == lang)).map(|l| l.code)
}

/// Fills `{name}` placeholders in one pass (a value is never read as a
/// template); a brace that opens no known placeholder stays as it is.
pub fn fill(template: &str, pairs: &[(&str, &str)]) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some((before, after)) = rest.split_once('{') {
        out.push_str(before);
        let found = after.split_once('}').and_then(|(key, tail)| Some((pairs.iter().find(|(k, _)| *k == key)?.1, tail)));
        match found {
            Some((value, tail)) => {
                out.push_str(value);
                rest = tail;
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn falls_back_to_english_and_fills() {
        assert_eq!(strings("en-GB").locale, "en");
        assert_eq!(strings("xx").locale, "en");
        assert_eq!(fill(strings("en").progress, &[("n", "3"), ("total", "12")]), "Question 3 of 12");
    }

    #[test]
    fn fills_each_placeholder_once_and_leaves_other_braces() {
        let pairs = [("a", "{b}"), ("b", "B")];
        assert_eq!(fill("{a} and {b}, {a}", &pairs), "{b} and B, {b}", "a value is not read as a template");
        assert_eq!(fill("{x} {", &pairs), "{x} {");
        assert_eq!(fill("{{b}}", &pairs), "{B}");
        assert_eq!(fill("", &pairs), "");
        assert_eq!(fill("ñ{b}é", &pairs), "ñBé");
    }

    #[test]
    fn spanish_is_there_once_registered_and_keeps_every_placeholder() {
        assert_eq!(strings("es").locale, "en", "not registered yet");
        assert_eq!(supported("es-MX"), Some("es"));
        assert_eq!(form("es").locale, "en", "nor the form's");
        register(&es::STRINGS);
        register(&es::STRINGS);
        register_form(&es::FORM);
        assert_eq!(strings("es").locale, "es");
        assert_eq!(form("es").locale, "es");
        fn placeholders(t: &str) -> Vec<&str> {
            t.match_indices('{').filter_map(|(i, _)| t[i..].find('}').map(|j| &t[i..=i + j])).collect()
        }
        let (en, en_form) = (strings("en"), form("en"));
        for (s, f) in SHIPPED {
            assert_eq!(s.locale, f.locale, "a locale's strings and form strings are its own");
            for (field, theirs, ours) in [
                ("progress", s.progress, en.progress),
                ("call", s.call, en.call),
                ("consent", f.consent, en_form.consent),
                ("uploading", f.uploading, en_form.uploading),
            ] {
                let wanted = placeholders(ours);
                assert!(!wanted.is_empty(), "{field}: the English template has placeholders");
                for p in wanted {
                    assert!(theirs.contains(p), "{}.{field} lacks {p}: {theirs}", s.locale);
                }
            }
        }
    }

    #[test]
    fn every_locale_is_named_for_the_switch() {
        let named: Vec<(&str, &str)> = SHIPPED.iter().map(|(s, _)| (s.locale, s.language_name)).collect();
        let listed: Vec<(&str, &str)> = LANGUAGES.iter().map(|l| (l.code, l.name)).collect();
        assert_eq!(named, listed);
        assert_eq!(LANGUAGES[0].code, FALLBACK, "the fallback is the first, built-in locale");
        assert!(LANGUAGES[1..].iter().all(|l| !l.unavailable.is_empty()), "each says it could not load");
    }

    #[test]
    fn a_locale_with_a_region_of_its_own_is_found_exactly() {
        register(&es::STRINGS);
        // No "es-MX" of its own: Spanish; a locale listed with its region
        // (the pseudo-locales) is found by its whole code first.
        assert_eq!(supported("ES_mx"), Some("es"));
        let pseudo = LANGUAGES.iter().any(|l| l.code == "en-XA");
        assert_eq!(supported("en-XA"), Some(if pseudo { "en-XA" } else { "en" }), "its own first, else its language");
        assert_eq!(supported("fr"), None);
        assert_eq!(language("es").map(|l| l.name), Some("Español"));
        assert_eq!(language("xx"), None);
    }
}
