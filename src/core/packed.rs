//! The built-in screener as build.rs packs it: the checked questionnaire in
//! a small binary form (lengths and indices as LEB128, texts as UTF-8), so
//! the wasm unpacks it without the JSON reader and the config's checks.
//! Those load only with a site's own config (`web::site_config`). `encode` runs in
//! build.rs and the tests, `decode` in the widget.
//! Invariant: `decode` never panics; bytes it cannot read give `None`.

use super::model::*;
use super::text::{Str, Text};

/// The questionnaire's bytes, as `decode` reads them back.
pub fn encode(q: &Questionnaire) -> Vec<u8> {
    let mut out = Vec::new();
    q.put(&mut out);
    out
}

/// The questionnaire in `bytes`, or `None` if they are not exactly one.
/// Its texts borrow `bytes` (the wasm's static data), so they take no heap.
pub fn decode(bytes: &'static [u8]) -> Option<Questionnaire> {
    let mut r = Reader { bytes, depth: 0 };
    Questionnaire::take(&mut r).filter(|_| r.bytes.is_empty())
}

/// Takes `locale`'s wordings out of `q`, packed in `texts_mut` order, for
/// `add_locale` to put back.
pub fn split_locale(q: &mut Questionnaire, locale: &str) -> Vec<u8> {
    split_locale_except(q, locale, &[])
}

/// Takes `locale`'s wordings out of every text of `q` but those `keep`
/// names (the first screen's, which the widget shows before any part can
/// be here), packed in `texts_mut` order like `split_locale`'s.
pub fn split_locale_except(q: &mut Questionnaire, locale: &str, keep: &[*const Text]) -> Vec<u8> {
    let wordings: Vec<Vec<(Str, Str)>> =
        q.texts_mut().into_iter().map(|t| if keep.contains(&(&*t as *const Text)) { Vec::new() } else { t.remove(locale) }).collect();
    let mut out = Vec::new();
    wordings.put(&mut out);
    out
}

/// `from`'s wordings (its voices' too) made into `to`'s by `make`, packed
/// in `texts_mut` order like `split_locale`'s, for `add_locale` to put in;
/// `q` then declares `to`. For the pseudo-locales (`i18n::pseudo`).
pub fn derive_locale(q: &mut Questionnaire, from: &str, to: &str, make: fn(&str) -> String) -> Vec<u8> {
    let derived: Vec<Vec<(String, String)>> = q
        .texts_mut()
        .into_iter()
        .map(|t| {
            let mut made = Vec::new();
            for (key, wording) in t.variants() {
                let voice = key.strip_suffix(from).filter(|v| v.is_empty() || v.ends_with(':'));
                if let Some(voice) = voice {
                    made.push((format!("{voice}{to}"), make(wording)));
                }
            }
            made
        })
        .collect();
    q.locales.push(to.to_string());
    let mut out = Vec::new();
    derived.put(&mut out);
    out
}

/// The texts the first screen shows before any part can be here: the
/// first question's (a safety screen its options raise waits, like any
/// later screen, for the part fetched after the first screen).
pub fn first_screen(q: &Questionnaire) -> Vec<*const Text> {
    let mut keep: Vec<*const Text> = Vec::new();
    let Some(first) = q.questions.first() else { return keep };
    keep.push(&first.text);
    keep.extend(first.hint.iter().map(|t| t as *const Text));
    for o in &first.options {
        keep.push(&o.label);
        keep.extend(o.hint.iter().map(|t| t as *const Text));
    }
    keep
}

/// Puts back into `q` the wordings `split_locale` took out, for every
/// reader of `q` (`Text::add_later`: the widget has one built-in
/// questionnaire, shared, and no second copy with the locale in); `false`
/// (and `q` untouched) if `bytes` are not wordings for exactly `q`'s texts.
pub fn add_locale(q: &Questionnaire, bytes: &'static [u8]) -> bool {
    let mut r = Reader { bytes, depth: 0 };
    let Some(wordings) = Vec::<Vec<(&'static str, &'static str)>>::take(&mut r).filter(|_| r.bytes.is_empty()) else { return false };
    let texts = q.texts();
    if texts.len() != wordings.len() {
        return false;
    }
    for (text, wording) in texts.into_iter().zip(wordings) {
        text.add_later(wording);
    }
    true
}

/// How deeply conditions may nest, as in the JSON they come from.
const MAX_DEPTH: usize = super::json::MAX_DEPTH;

/// The bytes not read yet.
struct Reader {
    bytes: &'static [u8],
    depth: usize,
}

impl Reader {
    fn byte(&mut self) -> Option<u8> {
        let (&b, rest) = self.bytes.split_first()?;
        self.bytes = rest;
        Some(b)
    }

    /// A string `put_str` wrote, borrowed from the bytes.
    fn str(&mut self) -> Option<&'static str> {
        let len = usize::take(self)?;
        let bytes = self.bytes.get(..len)?;
        self.bytes = &self.bytes[len..];
        std::str::from_utf8(bytes).ok()
    }
}

/// A value written by `put` and read back by `take`; every value takes at
/// least one byte, so a count read from bad bytes cannot loop for long.
trait Pack: Sized {
    fn put(&self, out: &mut Vec<u8>);
    fn take(r: &mut Reader) -> Option<Self>;
}

impl Pack for u32 {
    fn put(&self, out: &mut Vec<u8>) {
        let mut n = *self;
        while n >= 0x80 {
            out.push(n as u8 | 0x80);
            n >>= 7;
        }
        out.push(n as u8);
    }
    fn take(r: &mut Reader) -> Option<Self> {
        let mut n = 0u32;
        for shift in [0, 7, 14, 21, 28] {
            let b = r.byte()?;
            n |= u32::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Some(n);
            }
        }
        None
    }
}

impl Pack for usize {
    fn put(&self, out: &mut Vec<u8>) {
        u32::try_from(*self).unwrap_or(u32::MAX).put(out);
    }
    fn take(r: &mut Reader) -> Option<Self> {
        u32::take(r).map(|n| n as usize)
    }
}

impl Pack for i32 {
    fn put(&self, out: &mut Vec<u8>) {
        (((*self << 1) ^ (*self >> 31)) as u32).put(out);
    }
    fn take(r: &mut Reader) -> Option<Self> {
        u32::take(r).map(|n| (n >> 1) as i32 ^ -((n & 1) as i32))
    }
}

impl Pack for bool {
    fn put(&self, out: &mut Vec<u8>) {
        out.push(u8::from(*self));
    }
    fn take(r: &mut Reader) -> Option<Self> {
        match r.byte()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }
}

impl Pack for String {
    fn put(&self, out: &mut Vec<u8>) {
        put_str(self, out);
    }
    fn take(r: &mut Reader) -> Option<Self> {
        r.str().map(str::to_string)
    }
}

/// A text's key or wording: written as a `String` is, read back borrowing the bytes.
impl Pack for Str {
    fn put(&self, out: &mut Vec<u8>) {
        put_str(self, out);
    }
    fn take(r: &mut Reader) -> Option<Self> {
        r.str().map(Str::Borrowed)
    }
}

/// A wording a part brings: read back borrowing the bytes (only read).
impl Pack for &'static str {
    fn put(&self, out: &mut Vec<u8>) {
        put_str(self, out);
    }
    fn take(r: &mut Reader) -> Option<Self> {
        r.str()
    }
}

/// A string: its length in bytes, then its UTF-8.
fn put_str(s: &str, out: &mut Vec<u8>) {
    s.len().put(out);
    out.extend_from_slice(s.as_bytes());
}

impl<T: Pack> Pack for Option<T> {
    fn put(&self, out: &mut Vec<u8>) {
        self.is_some().put(out);
        if let Some(v) = self {
            v.put(out);
        }
    }
    fn take(r: &mut Reader) -> Option<Self> {
        Some(if bool::take(r)? { Some(T::take(r)?) } else { None })
    }
}

/// A count, then each item: how a `Vec` is written.
fn put_all<T: Pack>(items: &[T], out: &mut Vec<u8>) {
    items.len().put(out);
    items.iter().for_each(|v| v.put(out));
}

impl<T: Pack> Pack for Vec<T> {
    fn put(&self, out: &mut Vec<u8>) {
        put_all(self, out);
    }
    fn take(r: &mut Reader) -> Option<Self> {
        // A plain loop: `collect` into `Option<Vec<_>>` is several times the
        // code, once per element type. Exactly as long as it is: pushing
        // into an empty vector leaves room for four, and most of these hold
        // one or two (their room was a third of the heap). Every item takes
        // a byte at least, so the bytes left bound a count that lies.
        let n = usize::take(r)?;
        let mut items = Vec::with_capacity(n.min(r.bytes.len()));
        for _ in 0..n {
            items.push(T::take(r)?);
        }
        Some(items)
    }
}

impl<A: Pack, B: Pack> Pack for (A, B) {
    fn put(&self, out: &mut Vec<u8>) {
        self.0.put(out);
        self.1.put(out);
    }
    fn take(r: &mut Reader) -> Option<Self> {
        Some((A::take(r)?, B::take(r)?))
    }
}

/// Written by build.rs and the tests, where no text has wordings added later.
impl Pack for Text {
    fn put(&self, out: &mut Vec<u8>) {
        put_all(self.variants(), out);
    }
    fn take(r: &mut Reader) -> Option<Self> {
        Some(Text::localized(Vec::take(r)?))
    }
}

mod records;

#[cfg(test)]
mod tests;
