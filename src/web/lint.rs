//! The config lint (`core::lint`, through `config::check`) in a wasm of its
//! own with the `split` feature: only a site's own config is checked, so a
//! page with the built-in screener never fetches it. `mount` starts the
//! fetch as soon as it sees a site's config, so the chunk downloads while
//! the JSON is read. Without the feature (the component tests) the check
//! runs at once, in its own stage as before.

use crate::core::config;
use crate::core::model::Questionnaire;
use crate::core::reader::ConfigError;

/// Why a site's questionnaire is not shown.
#[derive(Debug)]
pub enum Refused {
    /// The lint found problems.
    Invalid(Vec<ConfigError>),
    /// The lint's code could not be fetched or started.
    Unavailable,
}

#[cfg(feature = "split")]
impl From<wasm_split_helpers::SplitLoaderError> for Refused {
    fn from(_: wasm_split_helpers::SplitLoaderError) -> Self {
        Refused::Unavailable
    }
}

pub type Checked = Result<Questionnaire, Refused>;

/// The split point: the lint and all it alone uses move to the chunk.
#[cfg_attr(feature = "split", wasm_split_helpers::wasm_split(lint, fallible, preload(fetch_lint)))]
fn lint(q: Questionnaire) -> Checked {
    config::check(q).map_err(Refused::Invalid)
}

/// Starts fetching the lint's code (a site's own config is coming).
pub fn prefetch() {
    #[cfg(feature = "split")]
    wasm_bindgen_futures::spawn_local(async {
        let _ = fetch_lint().await;
    });
}

/// A check under way: its promise settles once `take` has the result.
#[derive(Debug)]
pub struct Pending {
    result: std::rc::Rc<std::cell::RefCell<Option<Checked>>>,
    pub promise: js_sys::Promise,
}

impl Pending {
    pub fn take(&self) -> Option<Checked> {
        self.result.borrow_mut().take()
    }
}

/// Checks `q`: at once without the split, else once the chunk is there.
#[derive(Debug)]
pub enum Begun {
    Done(Checked),
    Pending(Pending),
}

#[cfg(not(feature = "split"))]
pub fn begin(q: Questionnaire) -> Begun {
    Begun::Done(lint(q))
}

#[cfg(feature = "split")]
pub fn begin(q: Questionnaire) -> Begun {
    let result = std::rc::Rc::new(std::cell::RefCell::new(None));
    let promise = wasm_bindgen_futures::future_to_promise({
        let result = result.clone();
        async move {
            *result.borrow_mut() = Some(lint(q).await);
            Ok(wasm_bindgen::JsValue::UNDEFINED)
        }
    });
    Begun::Pending(Pending { result, promise })
}
