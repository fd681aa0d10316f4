//! Reading texts: a plain string when the config has one locale, else one
//! wording per declared locale, the declared ones first (the first is the
//! fallback). A text may also give a declared voice's wordings, as an
//! object under the voice's id (`"loved_one": {"en": ...}`), kept as
//! `voice:locale` wordings after the default ones.

use super::Parser;
use crate::core::json::Value;
use crate::core::reader::{as_array, as_str, index, join, kind_of, Errors, Obj};
use crate::core::text::{Str, Text};

impl Parser {
    pub(super) fn text(&self, v: &Value, path: &str, errors: &mut Errors) -> Option<Text> {
        match v {
            Value::String(_) if self.locales.len() > 1 => {
                errors.push(
                    path,
                    format!(
                        "has one wording, but the config declares the locales {}: give one per locale, like {{\"{}\": \"...\"}}",
                        self.locales.join(", "),
                        self.locales[0]
                    ),
                );
                None
            }
            Value::String(_) => as_str(v, path, errors).map(|s| Text::plain(s.to_string())),
            Value::Object(map) => {
                let mut variants = Vec::new();
                let mut voiced = Vec::new();
                for (key, s) in map.iter().filter(|(k, _)| !k.starts_with("x-")) {
                    if self.voices.contains(key) {
                        match self.text(s, &join(path, key), errors) {
                            Some(t) => voiced.extend(t.variants().iter().map(|(l, w)| (Str::from(format!("{key}:{l}")), w.clone()))),
                            None => continue,
                        }
                    } else if let Some(s) = as_str(s, &join(path, key), errors) {
                        variants.push((Str::from(key.clone()), Str::from(s.to_string())));
                    }
                }
                for locale in &self.locales {
                    if !map.contains_key(locale) {
                        errors.push(path, format!("has no \"{locale}\" translation"));
                    }
                }
                // Declared locales first, in order: the first is the fallback
                // wording. (Moved by hand: a sort would add code to the wasm.)
                let mut ordered = Vec::with_capacity(variants.len());
                for l in &self.locales {
                    if let Some(i) = variants.iter().position(|(v, _)| v == l) {
                        ordered.push(variants.remove(i));
                    }
                }
                ordered.extend(variants);
                ordered.extend(voiced);
                Some(Text::localized(ordered))
            }
            _ => {
                errors.push(path, format!("must be a text (a string or {{\"en\": ...}}), found {}", kind_of(v)));
                None
            }
        }
    }

    pub(super) fn opt_text(&self, obj: &mut Obj, key: &'static str, errors: &mut Errors) -> Option<Text> {
        let path = obj.at(key);
        obj.opt(key).and_then(|v| self.text(v, &path, errors))
    }

    pub(super) fn req_text(&self, obj: &mut Obj, key: &'static str, errors: &mut Errors) -> Option<Text> {
        let path = obj.at(key);
        obj.req(key, errors).and_then(|v| self.text(v, &path, errors))
    }

    pub(super) fn texts(&self, obj: &mut Obj, key: &'static str, errors: &mut Errors) -> Vec<Text> {
        let path = obj.at(key);
        let Some(arr) = obj.opt(key).and_then(|v| as_array(v, &path, errors)) else { return Vec::new() };
        arr.iter().enumerate().filter_map(|(i, v)| self.text(v, &index(&path, i), errors)).collect()
    }
}
