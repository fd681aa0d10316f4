//! Localised text: a config string is either plain or a per-locale map.
//! Invariant: `get` always returns something (the default locale, then any).

/// A text in one or more locales. The first entry is the default.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text {
    variants: Vec<(String, String)>,
}

impl Text {
    /// A text with the same wording in every locale.
    pub fn plain(s: impl Into<String>) -> Self {
        Text { variants: vec![(String::new(), s.into())] }
    }

    /// A text from `(locale, wording)` pairs; the first pair is the fallback.
    pub fn localized(variants: Vec<(String, String)>) -> Self {
        Text { variants }
    }

    /// The wording for `locale` ("es-MX" matches "es"), else the fallback.
    pub fn get(&self, locale: &str) -> &str {
        let lang = locale.split('-').next().unwrap_or(locale);
        self.variants
            .iter()
            .find(|(l, _)| l == locale)
            .or_else(|| self.variants.iter().find(|(l, _)| l == lang))
            .or_else(|| self.variants.first())
            .map(|(_, s)| s.as_str())
            .unwrap_or("")
    }

    /// The `(locale, wording)` pairs, the fallback first.
    pub fn variants(&self) -> &[(String, String)] {
        &self.variants
    }

    /// Takes out the wording for `locale`, if it has one.
    pub fn remove(&mut self, locale: &str) -> Option<String> {
        let at = self.variants.iter().position(|(l, _)| l == locale)?;
        Some(self.variants.remove(at).1)
    }

    /// Adds a wording for `locale` (after the others).
    pub fn add(&mut self, locale: &str, wording: String) {
        self.variants.push((locale.to_string(), wording));
    }

    /// The locales this text has an explicit wording for (empty for plain).
    pub fn locales(&self) -> impl Iterator<Item = &str> {
        self.variants.iter().map(|(l, _)| l.as_str()).filter(|l| !l.is_empty())
    }
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
}
