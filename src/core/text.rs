//! Localised text: a config string is either plain or a per-locale map,
//! optionally with wordings for other voices (who is answering), keyed
//! `voice:locale`. Invariant: `get` always returns something (the default
//! locale, then any) and never a wording of another voice.
//! Keys and wordings are `Str`: the built-in screener's borrow the packed
//! bytes in the wasm's static data (`core::packed`), a site's own config's
//! are owned, so the built-in texts take no heap of their own.

use std::borrow::Cow;

/// A key or a wording: borrowed from static bytes, or owned.
pub type Str = Cow<'static, str>;

/// A text in one or more locales. The first entry is the default.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text {
    variants: Vec<(Str, Str)>,
}

impl Text {
    /// A text with the same wording in every locale.
    pub fn plain(s: impl Into<Str>) -> Self {
        Text { variants: vec![(Str::Borrowed(""), s.into())] }
    }

    /// A text from `(locale, wording)` pairs; the first pair is the fallback.
    pub fn localized(variants: Vec<(Str, Str)>) -> Self {
        Text { variants }
    }

    /// The wording for `locale` ("es-MX" matches "es"), else the fallback.
    /// Wordings of other voices are never returned: `resolve_voice` first.
    pub fn get(&self, locale: &str) -> &str {
        let lang = locale.split('-').next().unwrap_or(locale);
        self.variants
            .iter()
            .find(|(l, _)| l == locale)
            .or_else(|| self.variants.iter().find(|(l, _)| l == lang))
            .or_else(|| self.variants.first())
            .map(|(_, s)| &**s)
            .unwrap_or("")
    }

    /// The `(locale, wording)` pairs, the fallback first.
    pub fn variants(&self) -> &[(Str, Str)] {
        &self.variants
    }

    /// Takes out the wordings for `locale`, its other voices' included, as
    /// `(key, wording)` pairs.
    pub fn remove(&mut self, locale: &str) -> Vec<(Str, Str)> {
        let (out, keep) = std::mem::take(&mut self.variants).into_iter().partition(|(k, _)| locale_of(k) == locale);
        self.variants = keep;
        out
    }

    /// Adds wordings: a locale's own after the other locales' own, a
    /// voice's after every other (the order the config reader gives).
    /// A text that had none takes `wordings` as they are when they are in
    /// that order already (the packed locales' are): no new vector, and
    /// none with room to spare (growing one pair at a time would leave room
    /// for four, a third of the English wordings' heap).
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
        self.variants.iter().map(|(l, _)| &**l).filter(|l| !l.is_empty() && !l.contains(':'))
    }

    /// Whether this text has its own wording for `locale` (a plain text has
    /// one for every locale).
    pub fn has(&self, locale: &str) -> bool {
        self.variants.iter().any(|(k, _)| k.is_empty() || k == locale)
    }

    /// Whether this text has a wording for `voice`.
    pub fn has_voice(&self, voice: &str) -> bool {
        self.variants.iter().any(|(k, _)| k.split_once(':').is_some_and(|(v, _)| v == voice))
    }

    /// Keeps one voice: the wordings for `voice` (keyed `voice:locale`)
    /// replace the default ones of their locale; every other voice's go.
    pub fn resolve_voice(&mut self, voice: Option<&str>) {
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
