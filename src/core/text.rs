//! Localised text: a config string is either plain or a per-locale map,
//! optionally with wordings for other voices (who is answering), keyed
//! `voice:locale`. Invariant: `get` always returns something (the default
//! locale, then any) and never a wording of another voice.
//! Keys and wordings are `Str`: the built-in screener's borrow the packed
//! bytes in the wasm's static data (`core::packed`), a site's own config's
//! are owned, so the built-in texts take no heap of their own. A locale's
//! part adds its wordings through a shared reference (`add_later`), so the
//! page's one built-in questionnaire gets them for every reader.

use std::borrow::Cow;
use std::cell::Cell;

/// A key or a wording: borrowed from static bytes, or owned.
pub type Str = Cow<'static, str>;

/// A text in one or more locales. The first entry is the default.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text {
    variants: Vec<(Str, Str)>,
    /// Wordings a part brought once the text was shared (`add_later`: the
    /// built-in screener's locales, put into the one questionnaire every
    /// widget of the page reads), read after `variants`.
    later: Cell<&'static [(&'static str, &'static str)]>,
}

impl Text {
    /// A text with the same wording in every locale.
    pub fn plain(s: impl Into<Str>) -> Self {
        Text::localized(vec![(Str::Borrowed(""), s.into())])
    }

    /// A text from `(locale, wording)` pairs; the first pair is the fallback.
    pub fn localized(variants: Vec<(Str, Str)>) -> Self {
        Text { variants, later: Cell::default() }
    }

    /// Every `(key, wording)`: the text's own, then those added later.
    fn all(&self) -> impl Iterator<Item = (&str, &str)> {
        self.variants.iter().map(|(k, w)| (&**k, &**w)).chain(self.later.get().iter().copied())
    }

    /// The wording for `locale` ("es-MX" matches "es"), else the fallback.
    /// Wordings of other voices are never returned: `resolve_voice` first.
    pub fn get(&self, locale: &str) -> &str {
        let lang = locale.split('-').next().unwrap_or(locale);
        self.wording(locale)
            .or_else(|| self.wording(lang))
            .or_else(|| self.variants.first().map(|(_, w)| &**w))
            .or_else(|| self.later.get().first().map(|&(_, w)| w))
            .unwrap_or("")
    }

    /// The wording keyed `key`, the text's own first. (One loop per place
    /// rather than `all`'s chain: `get` is in every view.)
    fn wording(&self, key: &str) -> Option<&str> {
        if let Some((_, w)) = self.variants.iter().find(|(k, _)| k == key) {
            return Some(w);
        }
        self.later.get().iter().find(|(k, _)| *k == key).map(|&(_, w)| w)
    }

    /// The `(locale, wording)` pairs, the fallback first (not those added
    /// later: `flatten` first where they may be).
    pub fn variants(&self) -> &[(Str, Str)] {
        &self.variants
    }

    /// Takes out the wordings for `locale`, its other voices' included, as
    /// `(key, wording)` pairs.
    pub fn remove(&mut self, locale: &str) -> Vec<(Str, Str)> {
        self.flatten();
        let (out, keep) = std::mem::take(&mut self.variants).into_iter().partition(|(k, _)| locale_of(k) == locale);
        self.variants = keep;
        out
    }

    /// Adds wordings through a shared reference, for every reader of the
    /// text: a part's, which live as long as the wasm's static data do
    /// (`packed::add_locale`). A text's own come first when read, so the
    /// fallback stays its default locale's. The slice they replace (a
    /// locale added before) is left behind: once per locale and page.
    pub fn add_later(&self, wordings: Vec<(&'static str, &'static str)>) {
        if wordings.is_empty() {
            return;
        }
        let before = self.later.get();
        let all = if before.is_empty() { wordings } else { before.iter().copied().chain(wordings).collect() };
        self.later.set(all.leak());
    }

    /// Puts the wordings added later in with the text's own, in the
    /// reader's order (`add`).
    pub fn flatten(&mut self) {
        let later = self.later.take();
        if !later.is_empty() {
            self.add(later.iter().map(|&(k, w)| (Str::Borrowed(k), Str::Borrowed(w))).collect());
        }
    }

    /// Adds wordings: a locale's own after the other locales' own, a
    /// voice's after every other (the order the config reader gives).
    /// A text that had none takes `wordings` as they are when they are in
    /// that order already (those `flatten` puts into a voice's copy are):
    /// no new vector, and none with room to spare (growing one pair at a
    /// time would leave room for four).
    pub fn add(&mut self, wordings: Vec<(Str, Str)>) {
        if self.variants.is_empty() && wordings.is_sorted_by_key(|(k, _)| k.contains(':')) {
            self.variants = wordings;
            return;
        }
        self.variants.reserve_exact(wordings.len());
        for (k, w) in wordings {
            let at = if k.contains(':') {
                self.variants.len()
            } else {
                self.variants.iter().position(|(v, _)| v.contains(':')).unwrap_or(self.variants.len())
            };
            self.variants.insert(at, (k, w));
        }
    }

    /// The locales this text has an explicit wording for (empty for plain).
    pub fn locales(&self) -> impl Iterator<Item = &str> {
        self.all().map(|(l, _)| l).filter(|l| !l.is_empty() && !l.contains(':'))
    }

    /// Whether this text has its own wording for `locale` (a plain text has
    /// one for every locale).
    pub fn has(&self, locale: &str) -> bool {
        self.wording("").is_some() || self.wording(locale).is_some()
    }

    /// Whether this text has a wording for `voice`.
    pub fn has_voice(&self, voice: &str) -> bool {
        self.all().any(|(k, _)| k.split_once(':').is_some_and(|(v, _)| v == voice))
    }

    /// Keeps one voice: the wordings for `voice` (keyed `voice:locale`)
    /// replace the default ones of their locale; every other voice's go.
    pub fn resolve_voice(&mut self, voice: Option<&str>) {
        self.flatten();
        let voiced: Vec<(Str, Str)> = self
            .variants
            .iter()
            .filter_map(|(k, w)| {
                let (v, _) = k.split_once(':')?;
                (Some(v) == voice).then(|| (after_colon(k), w.clone()))
            })
            .collect();
        self.variants.retain(|(k, _)| !k.contains(':'));
        for (l, w) in voiced {
            match self.variants.iter_mut().find(|(k, _)| *k == l) {
                Some(slot) => slot.1 = w,
                None => self.variants.push((l, w)),
            }
        }
    }
}

/// The locale of a voice's key (`loved_one:es` gives `es`), borrowed when the key is.
fn after_colon(key: &Str) -> Str {
    let at = key.find(':').map_or(0, |i| i + 1);
    match key {
        Cow::Borrowed(k) => Cow::Borrowed(&k[at..]),
        Cow::Owned(k) => Cow::Owned(k[at..].to_string()),
    }
}

/// The locale part of a wording's key (`loved_one:es` is Spanish).
fn locale_of(key: &str) -> &str {
    key.rsplit(':').next().unwrap_or(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_exact_then_language_then_first() {
        let t = Text::localized(vec![("en".into(), "Hi".into()), ("es".into(), "Hola".into())]);
        assert_eq!(t.get("es"), "Hola");
        assert_eq!(t.get("es-MX"), "Hola");
        assert_eq!(t.get("fr"), "Hi");
        assert_eq!(Text::plain("x").get("es"), "x");
        assert_eq!(Text::default().get("en"), "");
    }

    #[test]
    fn a_voice_replaces_its_wordings_and_others_never_show() {
        let pairs = |p: &[(&str, &str)]| p.iter().map(|(k, w)| (Str::from(k.to_string()), Str::from(w.to_string()))).collect::<Vec<_>>();
        let t =
            Text::localized(pairs(&[("en", "Have you"), ("es", "¿Has"), ("other:en", "Has the person"), ("other:es", "¿Ha la persona")]));
        assert_eq!(t.get("en"), "Have you");
        assert_eq!(t.locales().collect::<Vec<_>>(), ["en", "es"]);
        assert!(t.has_voice("other") && !t.has_voice("en"));
        let mut other = t.clone();
        other.resolve_voice(Some("other"));
        assert_eq!((other.get("en"), other.get("es")), ("Has the person", "¿Ha la persona"));
        let mut own = t.clone();
        own.resolve_voice(None);
        assert_eq!(own.variants(), pairs(&[("en", "Have you"), ("es", "¿Has")]).as_slice());
        let mut spanish = t.clone();
        let taken = spanish.remove("es");
        assert_eq!(taken, pairs(&[("es", "¿Has"), ("other:es", "¿Ha la persona")]));
        assert_eq!(spanish.variants(), pairs(&[("en", "Have you"), ("other:en", "Has the person")]).as_slice());
        spanish.add(taken);
        assert_eq!(spanish, t, "put back in the reader's order");
    }

    #[test]
    fn wordings_added_later_through_a_shared_reference_read_as_if_they_were_its_own() {
        let pairs = |p: &[(&str, &str)]| p.iter().map(|(k, w)| (Str::from(k.to_string()), Str::from(w.to_string()))).collect::<Vec<_>>();
        let whole =
            Text::localized(pairs(&[("en", "Have you"), ("es", "¿Has"), ("other:en", "Has the person"), ("other:es", "¿Ha la persona")]));
        // As the built-in screener's: none of its own after the first screen, each locale with its part.
        let shared = Text::default();
        assert_eq!((shared.get("en"), shared.has("en"), shared.locales().count()), ("", false, 0));
        shared.add_later(vec![("en", "Have you"), ("other:en", "Has the person")]);
        assert_eq!((shared.get("en"), shared.get("es"), shared.get("fr")), ("Have you", "Have you", "Have you"), "English is the fallback");
        assert!(shared.has("en") && !shared.has("es") && shared.has_voice("other"));
        shared.add_later(vec![("es", "¿Has"), ("other:es", "¿Ha la persona")]);
        assert_eq!((shared.get("es"), shared.get("es-MX"), shared.get("en")), ("¿Has", "¿Has", "Have you"));
        assert_eq!(shared.locales().collect::<Vec<_>>(), ["en", "es"]);
        let mut loved = shared.clone();
        loved.resolve_voice(Some("other"));
        assert_eq!((loved.get("en"), loved.get("es")), ("Has the person", "¿Ha la persona"), "a voice's copy has every locale added");
        let mut own = shared.clone();
        own.resolve_voice(None);
        assert_eq!((own.get("en"), own.get("es"), own.has_voice("other")), ("Have you", "¿Has", false));
        let mut flat = shared.clone();
        flat.flatten();
        assert_eq!(flat, whole, "put in with its own, in the reader's order");
        // A text that keeps its first screen's English gets Spanish after it.
        let first = Text::localized(pairs(&[("en", "Who is it for?")]));
        first.add_later(vec![("es", "¿Para quién?")]);
        assert_eq!((first.get("fr"), first.get("es")), ("Who is it for?", "¿Para quién?"));
    }

    #[test]
    fn wordings_added_to_a_text_without_any_keep_the_readers_order_and_no_spare_room() {
        let pairs = |p: &[(&str, &str)]| p.iter().map(|(k, w)| (Str::from(k.to_string()), Str::from(w.to_string()))).collect::<Vec<_>>();
        let wordings = pairs(&[("en", "Have you"), ("other:en", "Has the person")]);
        let mut taken = Text::default();
        taken.add(wordings.clone());
        assert_eq!(taken.variants(), wordings.as_slice());
        assert_eq!(taken.variants.capacity(), 2, "the vector as it came, exactly as long as it is");
        let mut sorted = Text::default();
        sorted.add(pairs(&[("other:en", "Has the person"), ("en", "Have you")]));
        assert_eq!(sorted, taken, "a voice's wording first still ends after the locale's own");
    }
}
