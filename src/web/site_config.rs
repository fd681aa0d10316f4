//! Reading and checking a site's own config (the JSON reader, `config` and
//! `core::lint`) in a wasm of its own with the `split` feature. The built-in
//! screener comes packed (`core::packed`), so a page with it never fetches
//! this part. `mount` starts the fetch as soon as it sees a site's config.
//! Without the feature (the component tests) the stages are there at once.

use crate::core::config;
use crate::core::json::Value;
use crate::core::model::Questionnaire;
use crate::core::reader::ConfigError;
use crate::web::parts::{split_call, Part, Unavailable};

/// The three stages of reading a site's config, one main-thread task
/// apiece (`web::Work`): as JSON, as a questionnaire, then its checks.
#[derive(Debug, Clone, Copy)]
pub struct Stages {
    pub read_json: fn(&str) -> Result<Value, Vec<ConfigError>>,
    pub structure: fn(&Value) -> Result<Questionnaire, Vec<ConfigError>>,
    pub check: fn(Questionnaire) -> Result<Questionnaire, Vec<ConfigError>>,
}

/// The split point: the stages, and all only they use, move to the part.
#[cfg_attr(feature = "split", wasm_split_helpers::wasm_split(site_config, fallible))]
fn stages() -> Result<Stages, Unavailable> {
    Ok(Stages { read_json: config::read_bounded, structure: config::structure, check: config::check })
}

thread_local! {
    static READER: Part<Stages> = Part::default();
}

/// Starts fetching the part (a site's own config is coming), unless it is
/// here or on its way.
pub fn fetch() {
    READER.with(|r| r.fetch(async { split_call!(stages()) }));
}

/// The stages once here; `Err` if the part could not be fetched or started.
pub fn here() -> Result<Option<Stages>, Unavailable> {
    READER.with(|r| if r.failed() { Err(Unavailable) } else { Ok(r.get()) })
}

/// The promise of the part on its way, if it is.
pub fn pending() -> Option<js_sys::Promise> {
    READER.with(Part::pending)
}
