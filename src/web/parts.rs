//! One loader for every wasm part (the contact form's, the site config
//! reader's, each locale's): where a part is (idle, loading, here, failed),
//! fetching it once however many widgets ask, fetching it again only after
//! a failure, and telling whoever waits when it settles. A part's value is
//! what its `#[wasm_split]` function returns (function pointers, static
//! data). It knows nothing of what the parts hold or of the components.
//!
//! Without the `split` feature (the component tests) a part's function
//! returns at once, so `fetch` settles it before it returns.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

/// A part could not be fetched or started.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unavailable;

#[cfg(feature = "split")]
impl From<wasm_split_helpers::SplitLoaderError> for Unavailable {
    fn from(_: wasm_split_helpers::SplitLoaderError) -> Self {
        Unavailable
    }
}

enum State<T> {
    Idle,
    Loading(js_sys::Promise),
    Here(T),
    Failed,
}

struct Inner<T> {
    state: State<T>,
    /// What to do when the part settles (redraw whoever waits for it).
    waiting: Vec<Box<dyn FnOnce()>>,
}

/// A wasm part: a handle to its one state (clones share it).
pub struct Part<T>(Rc<RefCell<Inner<T>>>);

impl<T> Clone for Part<T> {
    fn clone(&self) -> Self {
        Part(self.0.clone())
    }
}

impl<T> std::fmt::Debug for Part<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Part")
    }
}

impl<T> Default for Part<T> {
    fn default() -> Self {
        Part(Rc::new(RefCell::new(Inner { state: State::Idle, waiting: Vec::new() })))
    }
}

impl<T: Clone + 'static> Part<T> {
    /// The part's value, once it is here.
    pub fn here(&self) -> Option<T> {
        match &self.0.borrow().state {
            State::Here(value) => Some(value.clone()),
            _ => None,
        }
    }

    /// The last fetch failed (only `fetch` tries again).
    pub fn failed(&self) -> bool {
        matches!(self.0.borrow().state, State::Failed)
    }

    /// Starts fetching the part with `load` (its `#[wasm_split]` function),
    /// or again after a failure. `Some(promise)` while it loads, settling
    /// once it is here or has failed; `None` once it has settled.
    pub fn fetch<F>(&self, load: impl FnOnce() -> F) -> Option<js_sys::Promise>
    where
        F: Future<Output = Result<T, Unavailable>> + 'static,
    {
        match &self.0.borrow().state {
            State::Here(_) => return None,
            State::Loading(promise) => return Some(promise.clone()),
            State::Idle | State::Failed => {}
        }
        let mut future = Box::pin(load());
        // A part already here (or built in) answers at once: no task, no promise.
        if let Poll::Ready(result) = Pin::as_mut(&mut future).poll(&mut Context::from_waker(Waker::noop())) {
            self.settle(result);
            return None;
        }
        let part = self.clone();
        let promise = wasm_bindgen_futures::future_to_promise(async move {
            part.settle(future.await);
            Ok(wasm_bindgen::JsValue::UNDEFINED)
        });
        self.0.borrow_mut().state = State::Loading(promise.clone());
        Some(promise)
    }

    /// Calls `then` when the part settles, or now if it is not loading.
    pub fn when_settled(&self, then: Box<dyn FnOnce()>) {
        let mut inner = self.0.borrow_mut();
        if matches!(inner.state, State::Loading(_)) {
            inner.waiting.push(then);
        } else {
            drop(inner);
            then();
        }
    }

    fn settle(&self, result: Result<T, Unavailable>) {
        let waiting = {
            let mut inner = self.0.borrow_mut();
            inner.state = match result {
                Ok(value) => State::Here(value),
                Err(Unavailable) => State::Failed,
            };
            std::mem::take(&mut inner.waiting)
        };
        for then in waiting {
            then();
        }
    }
}
