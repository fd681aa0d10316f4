//! Events for the host page's own analytics. Invariant: they carry only
//! step numbers and counts, never an answer, an outcome or typed text.

use web_sys::{CustomEvent, CustomEventInit, HtmlElement};

/// The element a widget is mounted on, for dispatching its events.
#[derive(Debug, Clone)]
pub struct Host(pub HtmlElement);

impl PartialEq for Host {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}
impl Eq for Host {}

/// What happened, with the only details an event may carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HostEvent {
    /// The visitor pressed Start.
    Start,
    /// A question is shown: its position and the current number of questions.
    Step { number: usize, total: usize },
    /// The result is shown (which one is not said).
    Result,
    /// A lead was delivered.
    Submit,
    /// Something failed: `config`, `load` (from the loader) or `panic`.
    Error { reason: &'static str },
}

impl Host {
    /// Dispatches `pfs-start`, `pfs-step`, `pfs-result`, `pfs-submit` or
    /// `pfs-error` on the element, bubbling and composed.
    pub fn emit(&self, event: HostEvent) {
        let detail = js_sys::Object::new();
        let set = |k: &str, v: wasm_bindgen::JsValue| {
            let _ = js_sys::Reflect::set(&detail, &k.into(), &v);
        };
        let name = match event {
            HostEvent::Start => "pfs-start",
            HostEvent::Step { number, total } => {
                set("step", (number as u32).into());
                set("total", (total as u32).into());
                "pfs-step"
            }
            HostEvent::Result => "pfs-result",
            HostEvent::Submit => "pfs-submit",
            HostEvent::Error { reason } => {
                set("reason", reason.into());
                "pfs-error"
            }
        };
        let init = CustomEventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        init.set_detail(&detail);
        if let Ok(e) = CustomEvent::new_with_event_init_dict(name, &init) {
            let _ = self.0.dispatch_event(&e);
        }
    }
}
