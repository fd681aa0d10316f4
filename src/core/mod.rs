//! The pure core: it imports no yew, web-sys, js-sys or gloo, so `cargo test`
//! runs it natively. Invariant: nothing here panics on any config or answer.

pub mod answers;
pub mod condition;
pub mod config;
pub mod contact;
pub mod contrast;
pub mod delivery;
pub mod format;
pub mod i18n;
pub mod json;
pub mod lead;
pub mod lint;
pub mod model;
pub mod outcome;
pub mod packed;
pub mod path;
pub mod reader;
pub mod session;
#[cfg(not(target_arch = "wasm32"))]
#[doc(hidden)]
pub mod testkit;
pub mod text;

/// Inserts `item` into the sorted `list` unless it is already there. (The
/// core sorts only tiny lists; a full sort would add kilobytes to the wasm.)
pub(crate) fn insert_sorted<T: Ord>(list: &mut Vec<T>, item: T) {
    if let Err(at) = list.binary_search(&item) {
        list.insert(at, item);
    }
}
