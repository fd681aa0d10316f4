//! The JS-facing embed API and the only module that touches browser
//! globals. The loader (`js/program-fit-screener.js`) calls `mount` for each
//! `<program-fit-screener>` element with its open shadow root, `update` when
//! an attribute changes and `unmount` when the element is removed.

pub mod events;
pub mod lint;
pub mod submit;

use crate::core::config;
use crate::core::contact::normalize_phone;
use crate::core::i18n::{self, fill};
use crate::core::json;
use crate::core::model::Questionnaire;
use crate::core::reader::ConfigError;
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

/// An app in a widget's shadow root: its root element, its handle, its props.
type Running = (Element, yew::AppHandle<Root>, RootProps);

/// What is left to do before a widget shows. Each stage is one call of
/// `Mounted::step`, and the loader gives each its own main-thread task, so
/// none is one long task on a slow phone.
enum Work {
    /// The config's JSON text to read: a site's own (`Some`), or the built-in one.
    Json(Option<String>),
    /// The JSON, to read as a questionnaire; `lint` for a site's own config.
    Read {
        value: json::Value,
        lint: bool,
    },
    /// A site's questionnaire, to check.
    Lint(Questionnaire),
    /// Checking it, once the lint's code is fetched (`pending` has the promise).
    Linting(lint::Pending),
    /// The questionnaire, ready: the app is created, empty, then shown.
    Show(Questionnaire),
    /// The app exists but shows nothing yet: the first render of the screener.
    Render,
    Done,
}

/// A mounted widget: its settings read; `step` or `render` shows it.
#[wasm_bindgen]
pub struct Mounted {
    host: HtmlElement,
    root: ShadowRoot,
    settings: Rc<Settings>,
    work: Work,
    app: Option<Running>,
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
        self.settings = Rc::new(read_settings(&self.host));
        if let Some((_, app, props)) = self.app.as_mut() {
            if let Some(widget) = props.widget.as_mut() {
                widget.settings = self.settings.clone();
            }
            if matches!(self.work, Work::Done) {
                app.update(props.clone());
            }
        }
    }

    /// Tears the widget down: drops its state and DOM, and parks the app
    /// for reuse by a later mount.
    pub fn unmount(&mut self) {
        self.work = Work::Done;
        if let Some((container, mut app, props)) = self.app.take() {
            app.update(RootProps { widget: None, generation: props.generation });
            container.remove();
            POOL.with(|p| p.borrow_mut().push((container, app)));
        }
    }

    /// Does the next stage of showing the widget (see `Work`); `true` while
    /// more remain. A config found invalid shows the fail-open view.
    pub fn step(&mut self) -> bool {
        self.work = match std::mem::replace(&mut self.work, Work::Done) {
            Work::Json(text) => match config::read_json(text.as_deref().unwrap_or(crate::core::BUILTIN_CONFIG)) {
                Ok(value) => Work::Read { value, lint: text.is_some() },
                Err(errors) => self.invalid(&errors),
            },
            Work::Read { value, lint } => match config::structure(&value) {
                Ok(q) if lint => Work::Lint(q),
                Ok(q) => Work::Show(q),
                Err(errors) => self.invalid(&errors),
            },
            Work::Lint(q) => match lint::begin(q) {
                lint::Begun::Done(checked) => self.checked(checked),
                lint::Begun::Pending(p) => Work::Linting(p),
            },
            Work::Linting(p) => match p.take() {
                Some(checked) => self.checked(checked),
                None => Work::Linting(p),
            },
            Work::Show(q) => {
                let props = fresh(AppProps { config: Rc::new(q), settings: self.settings.clone() });
                match start_app(&self.root, props) {
                    Some((app, rendered)) => {
                        self.app = Some(app);
                        if rendered {
                            Work::Done
                        } else {
                            Work::Render
                        }
                    }
                    None => {
                        fail_open(&self.host, &self.root, &self.settings, "config");
                        Work::Done
                    }
                }
            }
            Work::Render => {
                if let Some((container, app, props)) = self.app.as_mut() {
                    self.root.replace_children_with_node_1(container);
                    app.update(props.clone());
                }
                Work::Done
            }
            Work::Done => Work::Done,
        };
        !matches!(self.work, Work::Done)
    }

    /// What the next stage waits for, if anything (the lint's code): the
    /// loader awaits it instead of yielding a task.
    pub fn pending(&self) -> Option<js_sys::Promise> {
        match &self.work {
            Work::Linting(p) => Some(p.promise.clone()),
            _ => None,
        }
    }

    /// Does every stage left at once, up to one that must wait (`pending`).
    pub fn render(&mut self) {
        while self.step() && self.pending().is_none() {}
    }
}

impl Mounted {
    /// A site's questionnaire after the lint: shown, or refused.
    fn checked(&self, checked: lint::Checked) -> Work {
        match checked {
            Ok(q) => Work::Show(q),
            Err(lint::Refused::Invalid(errors)) => self.invalid(&errors),
            Err(lint::Refused::Unavailable) => {
                gloo::console::error!("program-fit-screener: the config check could not load, so only the call button is shown.");
                fail_open(&self.host, &self.root, &self.settings, "load");
                Work::Done
            }
        }
    }

    fn invalid(&self, errors: &[ConfigError]) -> Work {
        let problems: Vec<String> = errors.iter().map(ToString::to_string).collect();
        config_invalid(&self.host, &self.root, &self.settings, &problems);
        Work::Done
    }
}

/// Says in the console why the config is refused, and shows the fail-open view.
fn config_invalid(host: &HtmlElement, root: &ShadowRoot, settings: &Settings, problems: &[String]) {
    gloo::console::error!(format!(
        "program-fit-screener: the config is invalid, so the questionnaire is not shown (the call button is):\n{}",
        problems.join("\n")
    ));
    fail_open(host, root, settings, "config");
}

/// Mounts a widget into `root`, the open shadow root of `host`: reads its
/// settings and finds its config, ready for `Mounted::step`, or shows the
/// fail-open view at once when the config could not be fetched. `config`
/// is the text fetched from `config-url` by the loader, if any;
/// `config_error` says why fetching it failed.
#[wasm_bindgen]
pub fn mount(host: HtmlElement, root: ShadowRoot, config: Option<String>, config_error: Option<String>) -> Mounted {
    install_panic_hook();
    adopt_styles(&root);
    let settings = Rc::new(read_settings(&host));
    let work = match config_error {
        Some(e) => {
            config_invalid(&host, &root, &settings, &[e]);
            Work::Done
        }
        None => {
            let inline = || host.query_selector(r#"script[type="application/json"]"#).ok().flatten().and_then(|s| s.text_content());
            let config = config.or_else(inline);
            if config.is_some() {
                lint::prefetch();
            }
            Work::Json(config)
        }
    };
    Mounted { host, root, settings, work, app: None }
}

/// Puts the app for `props` into `root`: a parked app, reused and shown at
/// once (`true`), or a new one, created empty and not yet in `root`
/// (`false`), so that its first render of the screener is a stage of its own.
fn start_app(root: &ShadowRoot, props: RootProps) -> Option<(Running, bool)> {
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
