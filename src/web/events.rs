//! Events for the host page's own analytics. Invariant: only milestones
//! that every visitor passes, whatever they answer, each at most once per
//! widget and with an empty `detail` (only `pfs-error` says which fault):
//! nothing a host script hears depends on an answer. A call to 988, 911 or
//! any helpline is never reported.

use std::cell::Cell;
use std::rc::Rc;
use web_sys::{CustomEvent, CustomEventInit, HtmlElement};

/// The element a widget is mounted on, for dispatching its events, and
/// which milestones it has told already (shared by every copy, so a
/// re-read of the attributes does not forget them).
#[derive(Debug, Clone)]
pub struct Host {
    pub element: HtmlElement,
    told: Rc<Cell<u8>>,
}

impl Host {
    pub fn new(element: HtmlElement) -> Self {
        Host { element, told: Rc::default() }
    }
}

impl PartialEq for Host {
    fn eq(&self, other: &Self) -> bool {
        self.element == other.element
    }
}
impl Eq for Host {}

/// What happened; only `Error` carries a detail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HostEvent {
    /// The visitor pressed Start (`pfs-start`).
    Start,
    /// A result is shown, which one is not said (`pfs-result`).
    Result,
    /// The contact form is shown (`pfs-form`).
    Form,
    /// A lead was delivered and acknowledged (`pfs-submit`).
    Submit,
    /// The admissions call button was pressed (`pfs-call`); never a
    /// crisis or helpline link.
    Call,
    /// Something failed: `config`, `load` (from the loader) or `panic`.
    Error { reason: &'static str },
}

impl HostEvent {
    /// The event's name, and its bit in `Host::told` (milestones only).
    fn name(self) -> (&'static str, u8) {
        match self {
            HostEvent::Start => ("pfs-start", 1),
            HostEvent::Result => ("pfs-result", 2),
            HostEvent::Form => ("pfs-form", 4),
            HostEvent::Submit => ("pfs-submit", 8),
            HostEvent::Call => ("pfs-call", 16),
            HostEvent::Error { .. } => ("pfs-error", 0),
        }
    }
}

impl Host {
    /// Dispatches the event on the element, bubbling and composed (so a
    /// listener on `document` hears it); a milestone only the first time.
    pub fn emit(&self, event: HostEvent) {
        let (name, bit) = event.name();
        if self.told.get() & bit != 0 {
            return;
        }
        self.told.set(self.told.get() | bit);
        let detail = js_sys::Object::new();
        if let HostEvent::Error { reason } = event {
            let _ = js_sys::Reflect::set(&detail, &"reason".into(), &reason.into());
        }
        let init = CustomEventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        init.set_detail(&detail);
        if let Ok(e) = CustomEvent::new_with_event_init_dict(name, &init) {
            let _ = self.element.dispatch_event(&e);
        }
    }
}
