//! The built-in screener as build.rs packs it: the checked questionnaire in
//! a small binary form (lengths and indices as LEB128, texts as UTF-8), so
//! the wasm unpacks it without the JSON reader and the config's checks.
//! Those load only with a site's own config (`web::lint`). `encode` runs in
//! build.rs and the tests, `decode` in the widget.
//! Invariant: `decode` never panics; bytes it cannot read give `None`.

use super::condition::{Cmp, Condition};
use super::model::*;
use super::text::Text;

/// The questionnaire's bytes, as `decode` reads them back.
pub fn encode(q: &Questionnaire) -> Vec<u8> {
    let mut out = Vec::new();
    q.put(&mut out);
    out
}

/// The questionnaire in `bytes`, or `None` if they are not exactly one.
pub fn decode(bytes: &[u8]) -> Option<Questionnaire> {
    let mut r = Reader { bytes, depth: 0 };
    Questionnaire::take(&mut r).filter(|_| r.bytes.is_empty())
}

/// Takes `locale`'s wordings out of `q`, packed in `texts_mut` order, for
/// `add_locale` to put back.
pub fn split_locale(q: &mut Questionnaire, locale: &str) -> Vec<u8> {
    let wordings: Vec<Option<String>> = q.texts_mut().into_iter().map(|t| t.remove(locale)).collect();
    let mut out = Vec::new();
    wordings.put(&mut out);
    out
}

/// Puts back into `q` the wordings `split_locale` took out; `false` (and
/// `q` untouched) if `bytes` are not wordings for exactly `q`'s texts.
pub fn add_locale(q: &mut Questionnaire, locale: &str, bytes: &[u8]) -> bool {
    let mut r = Reader { bytes, depth: 0 };
    let Some(wordings) = Vec::<Option<String>>::take(&mut r).filter(|_| r.bytes.is_empty()) else { return false };
    let texts = q.texts_mut();
    if texts.len() != wordings.len() {
        return false;
    }
    for (text, wording) in texts.into_iter().zip(wordings) {
        if let Some(wording) = wording {
            text.add(locale, wording);
        }
    }
    true
}

/// How deeply conditions may nest, as in the JSON they come from.
const MAX_DEPTH: usize = super::json::MAX_DEPTH;

/// The bytes not read yet.
struct Reader<'a> {
    bytes: &'a [u8],
    depth: usize,
}

impl Reader<'_> {
    fn byte(&mut self) -> Option<u8> {
        let (&b, rest) = self.bytes.split_first()?;
        self.bytes = rest;
        Some(b)
    }
}

/// A value written by `put` and read back by `take`; every value takes at
/// least one byte, so a count read from bad bytes cannot loop for long.
trait Pack: Sized {
    fn put(&self, out: &mut Vec<u8>);
    fn take(r: &mut Reader<'_>) -> Option<Self>;
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
    fn take(r: &mut Reader<'_>) -> Option<Self> {
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
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        u32::take(r).map(|n| n as usize)
    }
}

impl Pack for i32 {
    fn put(&self, out: &mut Vec<u8>) {
        (((*self << 1) ^ (*self >> 31)) as u32).put(out);
    }
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        u32::take(r).map(|n| (n >> 1) as i32 ^ -((n & 1) as i32))
    }
}

impl Pack for bool {
    fn put(&self, out: &mut Vec<u8>) {
        out.push(u8::from(*self));
    }
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        match r.byte()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }
}

impl Pack for String {
    fn put(&self, out: &mut Vec<u8>) {
        self.len().put(out);
        out.extend_from_slice(self.as_bytes());
    }
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        let len = usize::take(r)?;
        let bytes = r.bytes.get(..len)?;
        r.bytes = &r.bytes[len..];
        String::from_utf8(bytes.to_vec()).ok()
    }
}

impl<T: Pack> Pack for Option<T> {
    fn put(&self, out: &mut Vec<u8>) {
        self.is_some().put(out);
        if let Some(v) = self {
            v.put(out);
        }
    }
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        Some(if bool::take(r)? { Some(T::take(r)?) } else { None })
    }
}

impl<T: Pack> Pack for Vec<T> {
    fn put(&self, out: &mut Vec<u8>) {
        self.len().put(out);
        self.iter().for_each(|v| v.put(out));
    }
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        // A plain loop: `collect` into `Option<Vec<_>>` is several times the
        // code, once per element type.
        let mut items = Vec::new();
        for _ in 0..usize::take(r)? {
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
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        Some((A::take(r)?, B::take(r)?))
    }
}

impl Pack for Text {
    fn put(&self, out: &mut Vec<u8>) {
        self.variants().to_vec().put(out);
    }
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        Some(Text::localized(Vec::take(r)?))
    }
}

/// An enum without data, written as its position in `all`.
fn put_tag<T: PartialEq>(all: &[T], value: &T, out: &mut Vec<u8>) {
    all.iter().position(|v| v == value).unwrap_or(0).put(out);
}

fn take_tag<T: Copy>(all: &[T], r: &mut Reader<'_>) -> Option<T> {
    all.get(usize::take(r)?).copied()
}

const KINDS: [Kind; 4] = [Kind::Single, Kind::Multi, Kind::YesNo, Kind::Scale];

impl Pack for Kind {
    fn put(&self, out: &mut Vec<u8>) {
        put_tag(&KINDS, self, out);
    }
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        take_tag(&KINDS, r)
    }
}

impl Pack for Cmp {
    fn put(&self, out: &mut Vec<u8>) {
        put_tag(&Cmp::ALL.map(|(_, c)| c), self, out);
    }
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        take_tag(&Cmp::ALL.map(|(_, c)| c), r)
    }
}

impl Pack for Condition {
    fn put(&self, out: &mut Vec<u8>) {
        match self {
            Condition::Is { question, option } => {
                0u32.put(out);
                question.put(out);
                option.put(out);
            }
            Condition::AnyOf { question, options } => {
                1u32.put(out);
                question.put(out);
                options.put(out);
            }
            Condition::Includes { question, options } => {
                2u32.put(out);
                question.put(out);
                options.put(out);
            }
            Condition::Answered { question } => {
                3u32.put(out);
                question.put(out);
            }
            Condition::Score { scale, cmp, value } => {
                4u32.put(out);
                scale.put(out);
                cmp.put(out);
                value.put(out);
            }
            Condition::All(all) => {
                5u32.put(out);
                all.put(out);
            }
            Condition::Any(any) => {
                6u32.put(out);
                any.put(out);
            }
            Condition::Not(inner) => {
                7u32.put(out);
                inner.put(out);
            }
        }
    }
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        r.depth += 1;
        if r.depth > MAX_DEPTH {
            return None;
        }
        let c = match u32::take(r)? {
            0 => Condition::Is { question: Pack::take(r)?, option: Pack::take(r)? },
            1 => Condition::AnyOf { question: Pack::take(r)?, options: Pack::take(r)? },
            2 => Condition::Includes { question: Pack::take(r)?, options: Pack::take(r)? },
            3 => Condition::Answered { question: Pack::take(r)? },
            4 => Condition::Score { scale: Pack::take(r)?, cmp: Pack::take(r)?, value: Pack::take(r)? },
            5 => Condition::All(Pack::take(r)?),
            6 => Condition::Any(Pack::take(r)?),
            7 => Condition::Not(Box::new(Pack::take(r)?)),
            _ => return None,
        };
        r.depth -= 1;
        Some(c)
    }
}

/// A struct, written field by field in the order given.
macro_rules! record {
    ($($name:ident { $($field:ident),* })*) => {$(
        impl Pack for $name {
            fn put(&self, out: &mut Vec<u8>) {
                $(self.$field.put(out);)*
            }
            fn take(r: &mut Reader<'_>) -> Option<Self> {
                Some($name { $($field: Pack::take(r)?),* })
            }
        }
    )*};
}

record! {
    Questionnaire { version, locales, scales, questions, interrupts, levels, outcomes, fallback }
    Scale { id, label }
    Question { id, kind, text, hint, options, show_if }
    Choice { id, label, hint, scores, interrupt, exclusive }
    Interrupt { id, title, body, actions, continue_label }
    Link { label, href }
    Level { id, name, summary, involves, schedule, benefits }
    Outcome { id, title, summary, levels, when, reasons, urgent, contact }
    Reason { when, text }
}

#[cfg(test)]
mod tests;
