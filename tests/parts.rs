//! The one loader of a wasm part (`web::parts::Part`), driven with futures
//! the test holds back and lets go: one fetch at a time, its promise
//! settling once the value is here, those waiting called once when it
//! settles, a failure kept until `retry`. The
//! component tests build without `split`, so a part that is ready at once
//! settles inside `fetch`, as every part does there.
#![cfg(target_arch = "wasm32")]

use program_fit_screener::web::parts::{Part, Unavailable};
use std::cell::Cell;
use std::future::Future;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A gate the test opens: a promise and its resolve function.
fn gate() -> (js_sys::Promise, js_sys::Function) {
    let mut open = None;
    let promise = js_sys::Promise::new(&mut |resolve, _| open = Some(resolve));
    (promise, open.unwrap())
}

/// A part's start that counts its runs and ends with `result` once `gate` opens.
fn start(gate: &js_sys::Promise, runs: &Rc<Cell<u32>>, result: Result<u32, Unavailable>) -> impl Future<Output = Result<u32, Unavailable>> {
    let (gate, runs) = (JsFuture::from(gate.clone()), runs.clone());
    async move {
        runs.set(runs.get() + 1);
        let _ = gate.await;
        result
    }
}

/// A callback for `want` that counts its calls.
fn counter(calls: &Rc<Cell<u32>>) -> Box<dyn FnOnce()> {
    let calls = calls.clone();
    Box::new(move || calls.set(calls.get() + 1))
}

#[wasm_bindgen_test]
fn a_part_ready_at_once_settles_inside_fetch_and_is_never_started_again() {
    let part = Part::<u32>::default();
    assert!(part.fetch(async { Ok(7) }).is_none(), "no promise: it is here");
    assert_eq!(part.get(), Some(7));
    let runs = Rc::new(Cell::new(0));
    let (never, _) = gate();
    assert!(part.fetch(start(&never, &runs, Ok(8))).is_none());
    let calls = Rc::new(Cell::new(0));
    part.want(counter(&calls), start(&never, &runs, Ok(9)));
    assert_eq!((runs.get(), calls.get(), part.get()), (0, 0, Some(7)), "a part here is not fetched again, nor waited for");
}

#[wasm_bindgen_test]
async fn one_fetch_at_a_time_and_those_waiting_are_called_once_it_is_here() {
    let part = Part::<u32>::default();
    let (held, open) = gate();
    let runs = Rc::new(Cell::new(0));
    let first = part.fetch(start(&held, &runs, Ok(3))).expect("on its way");
    let again = part.fetch(start(&held, &runs, Ok(4))).expect("still on its way");
    assert!(js_sys::Object::is(&first, &again), "the same fetch's promise");
    assert!(js_sys::Object::is(&first, &part.pending().unwrap()));
    let calls = Rc::new(Cell::new(0));
    part.want(counter(&calls), start(&held, &runs, Ok(5)));
    part.want(counter(&calls), start(&held, &runs, Ok(6)));
    assert_eq!((part.get(), part.failed(), calls.get()), (None, false, 0));
    open.call0(&JsValue::NULL).unwrap();
    JsFuture::from(first).await.unwrap();
    assert_eq!((part.get(), runs.get(), calls.get()), (Some(3), 1, 2), "started once; both waiting called once");
    assert!(part.pending().is_none());
    assert!(part.fetch(start(&held, &runs, Ok(7))).is_none());
    assert_eq!(runs.get(), 1);
}

#[wasm_bindgen_test]
async fn a_failure_is_kept_until_retry() {
    let part = Part::<u32>::default();
    let (open_gate, open) = gate();
    open.call0(&JsValue::NULL).unwrap();
    let runs = Rc::new(Cell::new(0));
    let calls = Rc::new(Cell::new(0));
    part.want(counter(&calls), start(&open_gate, &runs, Err(Unavailable)));
    JsFuture::from(part.pending().unwrap()).await.unwrap();
    assert_eq!((part.failed(), part.get(), calls.get()), (true, None, 1), "told it failed");
    part.want(counter(&calls), start(&open_gate, &runs, Ok(1)));
    assert_eq!((runs.get(), calls.get(), part.pending().is_none()), (1, 1, true), "a failed part is not asked again by want");
    part.retry();
    assert!(!part.failed());
    part.want(counter(&calls), start(&open_gate, &runs, Ok(2)));
    JsFuture::from(part.pending().unwrap()).await.unwrap();
    assert_eq!((part.get(), runs.get(), calls.get()), (Some(2), 2, 2), "asked again after retry, and here");
}
