//! `screener-check`: checks program-fit screener configs with the widget's
//! own reader and lint, prints the decision table, and owns the JSON Schema.
//! Native only: built for wasm32 this crate is empty.
#![cfg(not(target_arch = "wasm32"))]
#![deny(unsafe_code)]
#![warn(missing_debug_implementations)]

pub mod cli;
pub mod labels;
pub mod render;
pub mod schema;
pub mod table;
