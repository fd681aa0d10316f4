//! Reading and checking a site's own config (the JSON reader, `config` and
//! `core::lint`) in a wasm of its own with the `split` feature. The built-in
//! screener comes packed (`core::packed`), so a page with it never fetches
//! this part. `mount` starts the fetch as soon as it sees a site's config.
//! Without the feature (the component tests) the stages are there at once.

use crate::core::config;
use crate::core::json::Value;
use crate::core::model::Questionnaire;
use crate::core::reader::ConfigError;

/// Why a site's questionnaire is not shown.
#[derive(Debug)]
pub enum Refused {
    /// The config has problems.
    Invalid(Vec<ConfigError>),
    /// The code to read and check it could not be fetched or started.
    Unavailable,
}

#[cfg(feature = "split")]
impl From<wasm_split_helpers::SplitLoaderError> for Refused {
    fn from(_: wasm_split_helpers::SplitLoaderError) -> Self {
        Refused::Unavailable
    }
}

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
fn stages() -> Result<Stages, Refused> {
    Ok(Stages { read_json: config::read_bounded, structure: config::structure, check: config::check })
}

/// Starts fetching the part (a site's own config is coming).
pub fn prefetch() {
    #[cfg(feature = "split")]
    wasm_bindgen_futures::spawn_local(async {
        let _ = fetch_site_config().await;
    });
}

pub type Loaded = Result<Stages, Refused>;

/// The part on its way: its promise settles once `take` has it.
#[derive(Debug)]
pub struct Pending {
    result: std::rc::Rc<std::cell::RefCell<Option<Loaded>>>,
    pub promise: js_sys::Promise,
}

impl Pending {
    pub fn take(&self) -> Option<Loaded> {
        self.result.borrow_mut().take()
    }
}

/// The stages: at once without the split, else once the part is there.
#[derive(Debug)]
pub enum Begun {
    Done(Loaded),
    Pending(Pending),
}

#[cfg(not(feature = "split"))]
pub fn load() -> Begun {
    Begun::Done(stages())
}

#[cfg(feature = "split")]
pub fn load() -> Begun {
    let result = std::rc::Rc::new(std::cell::RefCell::new(None));
    let promise = wasm_bindgen_futures::future_to_promise({
        let result = result.clone();
        async move {
            *result.borrow_mut() = Some(stages().await);
            Ok(wasm_bindgen::JsValue::UNDEFINED)
        }
    });
    Begun::Pending(Pending { result, promise })
}
