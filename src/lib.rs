//! Program-fit screener: a privacy-first questionnaire widget.
//!
//! `core` is the pure engine (config, flow, scoring, outcomes, UI strings); it
//! never touches the DOM and is tested natively. `ui` (Yew components) and
//! `web` (the embed API and every browser call) exist only on wasm32.
#![deny(unsafe_code)]
#![warn(missing_debug_implementations)]

pub mod core;

#[cfg(target_arch = "wasm32")]
pub mod ui;
#[cfg(target_arch = "wasm32")]
pub mod web;
