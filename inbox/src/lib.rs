//! The lead inbox (`pfs-inbox`): the receiving end of the widget's contact
//! form. Floors, top to bottom: `cli`/`config` (the command line) →
//! `server` (router, CORS, background tasks) → `intake` (the receiver
//! contract), `pages`/`files`/`export` (the staff inbox, behind `auth`),
//! `outbox`, `purge`, `rotate` → `listing` (which leads, in pages) →
//! `db`, `store`, `crypto`, `lead`.
//! Native only: built for wasm32 (as `trunk build` does for the
//! workspace) the library is empty.
#![cfg(not(target_arch = "wasm32"))]
#![deny(unsafe_code)]
// Handlers refuse with a ready `Response`, the axum idiom; boxing it buys nothing here.
#![allow(clippy::result_large_err)]

pub mod auth;
pub mod cli;
pub mod config;
pub mod crypto;
pub mod db;
pub mod export;
pub mod files;
pub mod intake;
pub mod lead;
pub mod listing;
pub mod outbox;
pub mod pages;
pub mod purge;
pub mod rotate;
pub mod server;
pub mod store;
pub mod totp;
