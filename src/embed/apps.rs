//! What every widget on the page shares: the parked apps a later mount
//! reuses (see `ui::root`); the stylesheet is `web::styles`.

use crate::ui::app::AppProps;
use crate::ui::root::{Root, RootProps};
use std::cell::{Cell, RefCell};
use wasm_bindgen::prelude::*;
use web_sys::{Element, ShadowRoot};

thread_local! {
    /// Parked apps with their root elements, reused by later mounts.
    static POOL: RefCell<Vec<(Element, yew::AppHandle<Root>)>> = const { RefCell::new(Vec::new()) };
    static GENERATION: Cell<u32> = const { Cell::new(0) };
    static REHEARSED: Cell<bool> = const { Cell::new(false) };
}

/// Props for a new mount, with a generation no earlier mount had.
pub(super) fn fresh(widget: AppProps) -> RootProps {
    let generation = GENERATION.with(|g| {
        g.set(g.get().wrapping_add(1));
        g.get()
    });
    RootProps { widget: Some(widget), generation }
}

/// An app in a widget's shadow root: its root element, its handle, its props.
pub(super) type Running = (Element, yew::AppHandle<Root>, RootProps);

/// Empties an unmounted widget's app (or a rehearsal) and keeps it for a
/// later mount.
pub(super) fn park(container: Element, mut app: yew::AppHandle<Root>) {
    app.update(RootProps { widget: None, generation: 0 });
    POOL.with(|p| p.borrow_mut().push((container, app)));
}

/// Puts the app for `props` into `root`: a parked app, reused and shown at
/// once (`true`), or a new one, created empty and not yet in `root`
/// (`false`), so that its first render of the screener is a stage of its own.
pub(super) fn start_app(root: &ShadowRoot, props: RootProps) -> Option<(Running, bool)> {
    if let Some((container, mut app)) = POOL.with(|p| p.borrow_mut().pop()) {
        root.replace_children_with_node_1(&container);
        app.update(props.clone());
        return Some(((container, app, props), true));
    }
    let container = root.owner_document()?.create_element("div").ok()?;
    container.set_class_name("pfs");
    // Not in the page until its render: an empty box would cost the host
    // page a layout of its own.
    let empty = RootProps { widget: None, generation: props.generation };
    let app = yew::Renderer::<Root>::with_root_and_props(container.clone(), empty).render();
    Some(((container, app, props), false))
}

/// An app that is never in the page, in two stages: its start screen
/// (`rehearse`), then `widget`'s first question (`Rehearsal::start`); once
/// per page, in the stages before the first widget's first render.
/// V8 compiles each wasm function the first time it runs, on the main
/// thread; this runs the code the first render and the visitor's first
/// click (Start) need before the Start button shows, so that click does
/// not compile it (about 20 ms at 4x CPU, bench/README.md) and never waits
/// behind it. Two stages, as the two together were one long task at 4x
/// CPU (60-110 ms, bench/README.md). Its effects never leave it: it is not
/// in the page (nothing to see, announce or lay out), and the app sends
/// host events only on a step change. `Rehearsal::park` empties it and
/// keeps it for the page's next mount.
pub(super) fn rehearse(root: &ShadowRoot, widget: &AppProps) -> Option<Rehearsal> {
    if REHEARSED.with(|r| r.replace(true)) {
        return None;
    }
    let container = root.owner_document()?.create_element("div").ok()?;
    container.set_class_name("pfs");
    let props = fresh(AppProps { rehearsal: false, ..widget.clone() });
    let app = yew::Renderer::<Root>::with_root_and_props(container.clone(), props).render();
    Some(Rehearsal { container, app, looked: Cell::new(0) })
}

/// How many times a rehearsal stage looks for what the one before drew
/// before it goes on anyway (the loader looks once per timer task, 4 ms
/// apart at least): a screen without it, or a render that never comes,
/// must not hold the widget up.
const MOST_LOOKS: u8 = 50;

/// The rehearsal's app, its root element, and how many times the current
/// stage has looked for what the stage before drew.
pub(super) struct Rehearsal {
    container: Element,
    app: yew::AppHandle<Root>,
    looked: Cell<u8>,
}

impl Rehearsal {
    /// Whether Yew has drawn `what` into the rehearsal's root, or the
    /// stage has looked long enough. Yew's scheduler yields to the browser
    /// (a timer task) during long work, so a stage waits for the one before
    /// it to show (`Mounted::pending`) rather than queue its update behind
    /// it, in the same task.
    pub(super) fn drawn(&self, what: &str) -> bool {
        self.looked.set(self.looked.get().saturating_add(1));
        self.looked.get() > MOST_LOOKS || self.container.query_selector(what).ok().flatten().is_some()
    }

    /// The second stage: the same app made anew (a new generation is a new
    /// `App`), at the first question.
    pub(super) fn start(&mut self, widget: &AppProps) {
        self.looked.set(0);
        self.app.update(fresh(AppProps { rehearsal: true, ..widget.clone() }));
    }

    /// Empties the app and keeps it for a later mount (`park`).
    pub(super) fn park(self) {
        park(self.container, self.app);
    }
}

/// Whether the page has rehearsed already.
pub(super) fn rehearsed() -> bool {
    REHEARSED.with(Cell::get)
}

/// Parses the widget's stylesheet ahead of the first mount. The loader
/// calls it in a task of its own, so the first `mount` is shorter.
#[wasm_bindgen]
pub fn prepare() {
    crate::web::styles::prepare();
}
