//! The JS-facing embed API and the only module that touches browser
//! globals. The loader (`js/program-fit-screener.js`) calls `mount` for each
//! `<program-fit-screener>` element with its open shadow root, `update` when
//! an attribute changes and `unmount` when the element is removed.

pub mod events;
pub mod submit;

use crate::core::config;
use crate::core::contact::normalize_phone;
use crate::core::i18n::{self, fill};
use crate::ui::app::{AppProps, Settings};
use crate::ui::root::{Root, RootProps};
use events::{Host, HostEvent};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::{CssStyleSheet, Element, HtmlElement, ShadowRoot};

/// The widget's styles, adopted into each shadow root (no `<style>` or
/// inline style attributes, so a strict CSP does not block them):
/// styles/widget.css without comments and spare whitespace (see build.rs).
const STYLES: &str = include_str!(concat!(env!("OUT_DIR"), "/widget.min.css"));

thread_local! {
    /// One stylesheet object shared by every widget on the page.
    static SHEET: Option<CssStyleSheet> = CssStyleSheet::new().ok().filter(|s| s.replace_sync(STYLES).is_ok());
    /// Parked apps with their root elements, reused by later mounts (see `ui::root`).
    static POOL: RefCell<Vec<(Element, yew::AppHandle<Root>)>> = const { RefCell::new(Vec::new()) };
    static GENERATION: Cell<u32> = const { Cell::new(0) };
}

/// Props for a new mount, with a generation no earlier mount had.
fn fresh(widget: AppProps) -> RootProps {
    let generation = GENERATION.with(|g| {
        g.set(g.get().wrapping_add(1));
        g.get()
    });
    RootProps { widget: Some(widget), generation }
}

/// A mounted widget: its config read, and rendered once `render` is called.
#[wasm_bindgen]
pub struct Mounted {
    host: HtmlElement,
    root: ShadowRoot,
    /// What `render` will show: set by `mount` when the config is valid.
    pending: Option<RootProps>,
    app: Option<(Element, yew::AppHandle<Root>, RootProps)>,
}

impl std::fmt::Debug for Mounted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Mounted")
    }
}

#[wasm_bindgen]
impl Mounted {
    /// Re-reads the element's attributes (phone, submit-url, lang, ...)
    /// and updates the widget in place, keeping the visitor's answers.
    pub fn update(&mut self) {
        // Before the first render the pending props take the new settings.
        let props = self.pending.as_mut().or(self.app.as_mut().map(|(_, _, props)| props));
        if let Some(widget) = props.and_then(|p| p.widget.as_mut()) {
            widget.settings = Rc::new(read_settings(&self.host));
        }
        if let Some((_, app, props)) = self.app.as_mut() {
            app.update(props.clone());
        }
    }

    /// Tears the widget down: drops its state and DOM, and parks the app
    /// for reuse by a later mount.
    pub fn unmount(&mut self) {
        self.pending = None;
        if let Some((container, mut app, props)) = self.app.take() {
            app.update(RootProps { widget: None, generation: props.generation });
            container.remove();
            POOL.with(|p| p.borrow_mut().push((container, app)));
        }
    }

    /// Renders the widget mounted by `mount` (once; later calls do
    /// nothing). The loader calls it in a new task, so reading the config
    /// and the first render are two shorter main-thread tasks, not one.
    pub fn render(&mut self) {
        if let Some(props) = self.pending.take() {
            let settings = props.widget.as_ref().map(|w| w.settings.clone());
            self.app = start_app(&self.root, props);
            if let (None, Some(settings)) = (&self.app, settings) {
                fail_open(&self.host, &self.root, &settings, "config");
            }
        }
    }
}

/// Mounts a widget into `root`, the open shadow root of `host`: reads its
/// settings and config, ready for `Mounted::render`, or shows the fail-open
/// view at once when the config is invalid. `config` is the text fetched
/// from `config-url` by the loader, if any; `config_error` says why
/// fetching it failed.
#[wasm_bindgen]
pub fn mount(host: HtmlElement, root: ShadowRoot, config: Option<String>, config_error: Option<String>) -> Mounted {
    install_panic_hook();
    adopt_styles(&root);
    let settings = Rc::new(read_settings(&host));
    let parsed = match config_error {
        Some(e) => Err(vec![e]),
        None => load_config(&host, config.as_deref()),
    };
    let pending = match parsed {
        Ok(q) => Some(fresh(AppProps { config: Rc::new(q), settings })),
        Err(problems) => {
            gloo::console::error!(format!(
                "program-fit-screener: the config is invalid, so the questionnaire is not shown (the call button is):\n{}",
                problems.join("\n")
            ));
            fail_open(&host, &root, &settings, "config");
            None
        }
    };
    Mounted { host, root, pending, app: None }
}

/// Renders the app into `root`, reusing a parked app when there is one.
fn start_app(root: &ShadowRoot, props: RootProps) -> Option<(Element, yew::AppHandle<Root>, RootProps)> {
    if let Some((container, mut app)) = POOL.with(|p| p.borrow_mut().pop()) {
        root.replace_children_with_node_1(&container);
        app.update(props.clone());
        return Some((container, app, props));
    }
    let container = root.owner_document()?.create_element("div").ok()?;
    container.set_class_name("pfs");
    root.replace_children_with_node_1(&container);
    let app = yew::Renderer::<Root>::with_root_and_props(container.clone(), props.clone()).render();
    Some((container, app, props))
}

/// Parses the widget's stylesheet ahead of the first mount. The loader
/// calls it in a task of its own, so the first `mount` is shorter.
#[wasm_bindgen]
pub fn prepare() {
    SHEET.with(|_| ());
}

fn adopt_styles(root: &ShadowRoot) {
    SHEET.with(|sheet| {
        if let Some(sheet) = sheet {
            let sheets = root.adopted_style_sheets();
            if !sheets.includes(sheet, 0) {
                sheets.push(sheet);
                root.set_adopted_style_sheets(&sheets);
            }
        }
    });
}

/// The config text: from `config-url`, else the inline
/// `<script type="application/json">`, else the built-in screener.
fn load_config(host: &HtmlElement, fetched: Option<&str>) -> Result<crate::core::model::Questionnaire, Vec<String>> {
    let inline = host.query_selector(r#"script[type="application/json"]"#).ok().flatten().and_then(|s| s.text_content());
    match fetched.or(inline.as_deref()) {
        Some(json) => config::parse(json),
        None => config::parse_builtin(),
    }
    .map_err(|errors| errors.iter().map(ToString::to_string).collect())
}

fn read_settings(host: &HtmlElement) -> Settings {
    let attr = |name: &str| host.get_attribute(name).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
    let refused = |name: &str, why: &str| gloo::console::error!(format!("program-fit-screener: the {name} attribute is ignored: {why}"));
    let phone = attr("phone");
    if phone.as_deref().is_some_and(|p| normalize_phone(p).is_none()) {
        refused("phone", "it is not a US/Canada or +international phone number, so no call link is shown");
    }
    let submit_url = attr("submit-url");
    let allowed_submit = submit_url.as_deref().and_then(|u| resolve_url(host, u)).filter(|u| submit::is_allowed_url(u));
    if submit_url.is_some() && allowed_submit.is_none() {
        refused("submit-url", "it must be an https: address (or http:// on 127.0.0.1 or localhost), so the form is not offered");
    }
    Settings {
        phone,
        submit_url: allowed_submit,
        center: attr("center-name"),
        email: attr("email").filter(|e| crate::core::contact::is_email(e)),
        timeout_ms: attr("submit-timeout")
            .map(|t| seconds(&t))
            .filter(|t| t.is_finite())
            .map_or(30_000, |t| (t.clamp(1.0, 300.0) * 1000.0) as u32),
        locale: choose_locale(host),
        host: Host(host.clone()),
    }
}

/// A number of seconds as JavaScript's unary `+` reads it (NaN when it is
/// not a number): the browser's parser instead of Rust's, which would add
/// kilobytes to the wasm.
fn seconds(text: &str) -> f64 {
    JsValue::from_str(text).unchecked_into_f64()
}

/// The element's `lang`, else the nearest ancestor's, else the browser's
/// languages, else English: the first of these that the widget speaks.
fn choose_locale(host: &HtmlElement) -> String {
    let mut wanted: Vec<String> = host.closest("[lang]").ok().flatten().and_then(|e| e.get_attribute("lang")).into_iter().collect();
    if wanted.iter().all(|l| l.trim().is_empty()) {
        if let Some(w) = web_sys::window() {
            wanted.extend(w.navigator().languages().iter().filter_map(|l| l.as_string()));
        }
    }
    wanted.iter().find_map(|l| i18n::supported(l)).unwrap_or(i18n::LOCALES[0].locale).to_string()
}

/// An absolute URL for `url`, resolved against the page (so a same-site
/// path such as `/leads` works), or `None` if it does not parse.
fn resolve_url(host: &HtmlElement, url: &str) -> Option<String> {
    let base = host.owner_document()?.base_uri().ok()??;
    web_sys::Url::new_with_base(url, &base).ok().map(|u| u.href())
}

/// Replaces the widget with a short message and the call link, built with
/// plain DOM calls (no framework, no `innerHTML`), and says so with an event.
fn fail_open(host: &HtmlElement, root: &ShadowRoot, settings: &Settings, reason: &'static str) {
    let s = settings.strings();
    let build = || -> Option<Element> {
        let doc = root.owner_document()?;
        let card = doc.create_element("section").ok()?;
        card.set_class_name("pfs-card pfs-broken");
        card.set_attribute("lang", &settings.locale).ok()?;
        let p = doc.create_element("p").ok()?;
        p.set_text_content(Some(s.broken));
        card.append_child(&p).ok()?;
        if let Some((phone, e164)) = settings.phone.as_deref().and_then(|p| Some((p, normalize_phone(p)?))) {
            let a = doc.create_element("a").ok()?;
            a.set_class_name("pfs-button pfs-call-button");
            a.set_attribute("href", &format!("tel:{e164}")).ok()?;
            a.set_text_content(Some(&fill(s.call, &[("phone", phone)])));
            card.append_child(&a).ok()?;
        }
        Some(card)
    };
    if let Some(card) = build() {
        root.replace_children_with_node_1(&card);
    }
    Host(host.clone()).emit(HostEvent::Error { reason });
}

/// Turns any panic into the fail-open view on every widget of the page, so
/// a bug never costs a visitor the phone number.
fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        yew::set_custom_panic_hook(Box::new(|info| {
            gloo::console::error!(format!("program-fit-screener: internal error, showing the call button instead: {info}"));
            let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
            let Ok(hosts) = doc.query_selector_all("program-fit-screener") else { return };
            for i in 0..hosts.length() {
                let host = hosts.item(i).and_then(|n| n.dyn_into::<HtmlElement>().ok());
                if let Some((host, root)) = host.and_then(|h| Some((h.clone(), h.shadow_root()?))) {
                    fail_open(&host, &root, &read_settings(&host), "panic");
                }
            }
        }));
    });
}
