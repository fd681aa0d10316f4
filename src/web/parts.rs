//! The one loader of a wasm part (a `#[wasm_split]` point: the contact
//! form's code, a site config's reader, each locale's wordings): where a
//! part is (not asked for, on its way, here, failed), at most one fetch at
//! a time, who to call back when it settles (`want`, which after a failure
//! asks again only once told to: `retry`). Without the `split` feature
//! (the component tests) a part's code is in the one wasm and its future is
//! ready at once: it settles inside `fetch`, with no promise. Knows nothing
//! of what a part brings (the `T` of `Part<T>`, kept typed beside its
//! state) or of who waits for it.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

/// A part could not be fetched or started.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unavailable;

#[cfg(feature = "split")]
impl From<wasm_split_helpers::SplitLoaderError> for Unavailable {
    fn from(_: wasm_split_helpers::SplitLoaderError) -> Self {
        Unavailable
    }
}

/// A split point's value: awaited with `split` (its part is fetched),
/// called at once without it.
#[cfg(feature = "split")]
macro_rules! split_call {
    ($point:expr) => {
        $point.await
    };
}
#[cfg(not(feature = "split"))]
macro_rules! split_call {
    ($point:expr) => {
        $point
    };
}
pub(crate) use split_call;

#[derive(Default)]
enum State {
    #[default]
    Idle,
    Loading(js_sys::Promise),
    Here,
    Failed,
}

/// Where a part is, whatever it brings: its state and who waits for it.
/// (Not generic, so its code is in the wasm once for every part.)
#[derive(Default)]
struct Slot {
    state: RefCell<State>,
    waiting: RefCell<Vec<Box<dyn FnOnce()>>>,
}

impl Slot {
    /// `None` once here; the promise of the fetch on its way; else starts
    /// `run` (which ends by settling) and gives its promise.
    fn fetch(&self, run: Pin<Box<dyn Future<Output = ()>>>) -> Option<js_sys::Promise> {
        match &*self.state.borrow() {
            State::Here => return None,
            State::Loading(promise) => return Some(promise.clone()),
            State::Idle | State::Failed => {}
        }
        // Without `split` the part is here: it settles now.
        #[cfg(not(feature = "split"))]
        let run = {
            let mut run = run;
            if run.as_mut().poll(&mut std::task::Context::from_waker(std::task::Waker::noop())).is_ready() {
                return None;
            }
            run
        };
        // The future runs from a later microtask, so it settles after this.
        let promise = wasm_bindgen_futures::future_to_promise(async move {
            run.await;
            Ok(wasm_bindgen::JsValue::UNDEFINED)
        });
        *self.state.borrow_mut() = State::Loading(promise.clone());
        Some(promise)
    }

    /// The fetch ended, here or failed; then those waiting are called.
    fn settle(&self, here: bool) {
        *self.state.borrow_mut() = if here { State::Here } else { State::Failed };
        let waiting = std::mem::take(&mut *self.waiting.borrow_mut());
        for then in waiting {
            then();
        }
    }
}

/// A wasm part that brings a `T` (a function, a table of functions, the
/// wordings of a locale) once it is fetched and started.
pub struct Part<T: 'static>(Rc<(Slot, Cell<Option<T>>)>);

impl<T> std::fmt::Debug for Part<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Part")
    }
}

impl<T: Copy + 'static> Default for Part<T> {
    fn default() -> Self {
        Part(Rc::default())
    }
}

impl<T: Copy + 'static> Part<T> {
    /// What the part brought, once here.
    pub fn get(&self) -> Option<T> {
        self.0 .1.get()
    }

    /// Whether the last fetch failed (and nobody has asked again).
    pub fn failed(&self) -> bool {
        matches!(*self.0 .0.state.borrow(), State::Failed)
    }

    /// The promise of the fetch on its way, if one is; starts nothing.
    pub fn pending(&self) -> Option<js_sys::Promise> {
        match &*self.0 .0.state.borrow() {
            State::Loading(promise) => Some(promise.clone()),
            _ => None,
        }
    }

    /// Fetches the part with `start` (its split point) unless it is here or
    /// on its way; `None` once here, else the promise that settles with it.
    pub fn fetch(&self, start: impl Future<Output = Result<T, Unavailable>> + 'static) -> Option<js_sys::Promise> {
        let part = self.0.clone();
        self.0 .0.fetch(Box::pin(async move {
            let brought = start.await.ok();
            part.1.set(brought);
            part.0.settle(brought.is_some());
        }))
    }

    /// For a screen that needs the part and is not here yet: fetches it
    /// unless the last fetch failed (only `retry` asks again), and calls
    /// `then` when it settles.
    pub fn want(&self, then: Box<dyn FnOnce()>, start: impl Future<Output = Result<T, Unavailable>> + 'static) {
        if self.failed() || self.get().is_some() {
            return;
        }
        self.0 .0.waiting.borrow_mut().push(then);
        self.fetch(start);
    }

    /// After a failure, lets `want` and `fetch` ask again (the visitor did).
    pub fn retry(&self) {
        let mut state = self.0 .0.state.borrow_mut();
        if matches!(*state, State::Failed) {
            *state = State::Idle;
        }
    }
}
