//! How the questionnaire's own types are packed: enums as a position,
//! conditions as a tag and their fields, structs field by field.

use super::{Pack, Reader, MAX_DEPTH};
use crate::core::condition::{Cmp, Condition};
use crate::core::model::*;

/// An enum without data, written as its position in `all`.
fn put_tag<T: PartialEq>(all: &[T], value: &T, out: &mut Vec<u8>) {
    all.iter().position(|v| v == value).unwrap_or(0).put(out);
}

fn take_tag<T: Copy>(all: &[T], r: &mut Reader) -> Option<T> {
    all.get(usize::take(r)?).copied()
}

const KINDS: [Kind; 4] = [Kind::Single, Kind::Multi, Kind::YesNo, Kind::Scale];

impl Pack for Kind {
    fn put(&self, out: &mut Vec<u8>) {
        put_tag(&KINDS, self, out);
    }
    fn take(r: &mut Reader) -> Option<Self> {
        take_tag(&KINDS, r)
    }
}

impl Pack for Cmp {
    fn put(&self, out: &mut Vec<u8>) {
        put_tag(&Cmp::ALL.map(|(_, c)| c), self, out);
    }
    fn take(r: &mut Reader) -> Option<Self> {
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
    fn take(r: &mut Reader) -> Option<Self> {
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
            fn take(r: &mut Reader) -> Option<Self> {
                Some($name { $($field: Pack::take(r)?),* })
            }
        }
    )*};
}

record! {
    Questionnaire { version, locales, scales, questions, interrupts, levels, outcomes, fallback, voices, notes }
    Scale { id, label }
    Question { id, kind, text, hint, options, show_if, same_screen }
    Choice { id, label, hint, scores, interrupt, exclusive }
    Interrupt { id, title, body, actions, continue_label, when }
    Link { label, href }
    Level { id, name, summary, involves, schedule, benefits }
    Outcome { id, title, summary, levels, when, reasons, urgent, contact }
    Reason { when, text }
    Voice { id, when }
    Note { id, when, text, actions }
}
