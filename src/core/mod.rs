//! The pure core: it imports no yew, web-sys, js-sys or gloo, so `cargo test`
//! runs it natively. Invariant: nothing here panics on any config or answer.

pub mod condition;
pub mod contact;
pub mod config;
pub mod i18n;
pub mod lead;
pub mod lint;
pub mod model;
pub mod outcome;
pub mod reader;
pub mod session;
pub mod text;

/// The built-in screener, compiled into the widget.
pub const BUILTIN_CONFIG: &str = include_str!("../../screeners/program-fit.json");
