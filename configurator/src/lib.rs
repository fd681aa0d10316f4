//! The configurator for `<program-fit-screener>`: a page for marketers that
//! writes the embed code. It owns the page and its writers; the rules it
//! applies (phone, e-mail, submit URL, contrast, the config check) are the
//! widget's own, imported from `program_fit_screener::core`. It must not
//! be linked into the widget: imports point down, from here to the widget's
//! crate, never back.
#![deny(unsafe_code)]
#![warn(missing_debug_implementations)]

pub mod check;
pub mod snippet;
