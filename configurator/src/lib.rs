//! The configurator for `<program-fit-screener>`: a page for marketers that
//! writes the embed code. It owns the page and its writers; the rules it
//! applies (phone, e-mail, submit URL, contrast, the config check, the
//! lead's format and what a receiver's answer means) are the widget's own,
//! imported from `program_fit_screener::{core, web}`. It must not be linked
//! into the widget: imports point down, from here to the widget's crate
//! (without its `element` feature), never back.
//!
//! Floors: `page` (Yew components) → `browser` (fetch, clipboard, files)
//! → `form`, `check`, `snippet`, `endpoint` (pure, tested natively).
#![deny(unsafe_code)]
#![warn(missing_debug_implementations)]

pub mod check;
pub mod endpoint;
pub mod form;
pub mod snippet;

#[cfg(target_arch = "wasm32")]
mod browser;
#[cfg(target_arch = "wasm32")]
mod page;
