//! Reading and checking a site's own config (the JSON reader, `config` and
//! `core::lint`) in a wasm of its own with the `split` feature. The built-in
//! screener comes packed (`core::packed`), so a page with it never fetches
//! this part. `mount` starts the fetch as soon as it sees a site's config
//! (through `web::parts`, like every part). Without the feature (the
//! component tests) the stages are there at once.

use crate::core::config;
use crate::core::json::Value;
use crate::core::model::Questionnaire;
use crate::core::reader::ConfigError;
use crate::web::parts::{Part, Unavailable};

/// The three stages of reading a site's config, one main-thread task
/// apiece (`web::Work`): as JSON, as a questionnaire, then its checks.
#[derive(Debug, Clone, Copy)]
pub struct Stages {
    pub read_json: fn(&str) -> Result<Value, Vec<ConfigError>>,
    pub structure: fn(&Value) -> Result<Questionnaire, Vec<ConfigError>>,
    pub check: fn(Questionnaire) -> Result<Questionnaire, Vec<ConfigError>>,
}

/// The split point: the stages, and all only they use, move to the part.
#[cfg_attr(feature = "split", wasm_split_helpers::wasm_split(site_config, fallible, preload(fetch_site_config)))]
fn stages() -> Result<Stages, Unavailable> {
    Ok(Stages { read_json: read_bounded, structure: config::structure, check: config::check })
}

/// The most a site's config may weigh: five times the built-in screener in
/// two languages (49 KB), and a bound on the work of reading and checking it.
pub const MAX_CONFIG_BYTES: usize = 256 * 1024;

/// A site's JSON, refused at once when it is larger than `MAX_CONFIG_BYTES`.
fn read_bounded(text: &str) -> Result<Value, Vec<ConfigError>> {
    if text.len() > MAX_CONFIG_BYTES {
        let kb = (text.len() / 1024).to_string();
        let message = format!("is {kb} KB, more than the {} KB a questionnaire may be", MAX_CONFIG_BYTES / 1024);
        return Err(vec![ConfigError { path: String::new(), message }]);
    }
    config::read_json(text)
}

/// Starts fetching the part (a site's own config is coming).
pub fn prefetch() {
    #[cfg(feature = "split")]
    wasm_bindgen_futures::spawn_local(async {
        let _ = fetch_site_config().await;
    });
}

thread_local! {
    static PART: Part<Stages> = Part::default();
}

/// The part with the stages: `fetch` it, then it is `here` (or `failed`).
pub fn part() -> Part<Stages> {
    PART.with(Part::clone)
}

/// Fetches the stages (at once without the split); `Some` while they load.
pub fn fetch() -> Option<js_sys::Promise> {
    part().fetch(|| async {
        #[cfg(feature = "split")]
        return stages().await;
        #[cfg(not(feature = "split"))]
        stages()
    })
}
