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
/// what the widget unpacks, without a JSON reader or the config's checks,
/// and without its other languages' wordings (build.rs writes each to
/// `program-fit.<code>.bin`, carried by its part, `web::translations`) or
/// its English after the first screen (`BUILTIN_EN`).
pub const BUILTIN_PACKED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/program-fit.bin"));

/// The built-in screener's English wordings after the first screen, which
/// `BUILTIN_PACKED` lacks too (`core::packed::split_locale_except`); in a
/// wasm part of their own, fetched once the first screen is drawn
/// (`embed::Mounted::prefetch`).
pub const BUILTIN_EN: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/program-fit.en.bin"));

// The floors above the pure core, each importing only the ones below it:
// embed (the element's lifecycle) -> ui (components) -> web (browser
// services) -> core.
// The element (its wasm exports) only with the `element` feature (default):
// the configurator links the floors below it without it.
#[cfg(all(target_arch = "wasm32", feature = "element"))]
pub mod embed;
#[cfg(target_arch = "wasm32")]
pub mod ui;
#[cfg(target_arch = "wasm32")]
pub mod web;

/// The wasm's allocator: talc rather than Rust's default (dlmalloc), which
/// ships 1.4 KB less (brotli).
#[cfg(target_arch = "wasm32")]
#[global_allocator]
#[allow(unsafe_code)]
// SAFETY: `new_global` needs a single-threaded wasm; the widget's wasm is
// built without atomics and never runs in a worker.
static ALLOCATOR: talc::TalckWasm = unsafe { talc::TalckWasm::new_global() };
