//! Program-fit screener: a privacy-first questionnaire widget.
//!
//! `core` is the pure engine (config, flow, scoring, outcomes, UI strings); it
//! never touches the DOM and is tested natively. `ui` (Yew components) and
//! `web` (the embed API and every browser call) exist only on wasm32.
#![deny(unsafe_code)]
#![warn(missing_debug_implementations)]

pub mod core;

/// The built-in screener's config: screeners/program-fit.json without its
/// whitespace (see build.rs), for the tests and tools; the widget ships
/// `BUILTIN_PACKED` instead.
pub const BUILTIN_CONFIG: &str = include_str!(concat!(env!("OUT_DIR"), "/program-fit.min.json"));

/// The built-in screener, checked and packed by build.rs (`core::packed`):
/// what the widget unpacks, without a JSON reader or the config's checks.
pub const BUILTIN_PACKED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/program-fit.bin"));

#[cfg(target_arch = "wasm32")]
pub mod ui;
#[cfg(target_arch = "wasm32")]
pub mod web;

