//! The JS-facing embed API and the only module that touches browser
//! globals. `mount` is called by the loader (`js/program-fit-screener.js`)
//! for each `<program-fit-screener>` element with its open shadow root.

pub mod submit;

use crate::core::config;
use crate::core::model::Questionnaire;
use crate::core::BUILTIN_CONFIG;
use crate::ui::app::{App, AppProps, Settings};
use crate::ui::broken::{Broken, BrokenProps};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::{CssStyleSheet, HtmlElement, ShadowRoot};

/// The widget's styles, adopted into each shadow root (no `<style>` or
/// inline style attributes, so a strict CSP does not block them).
const STYLES: &str = include_str!("../../styles/widget.css");

/// A mounted widget; the loader calls `unmount` when the element is removed.
#[wasm_bindgen]
pub struct Mounted {
    handle: Option<MountedApp>,
}

impl std::fmt::Debug for Mounted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Mounted")
    }
}

enum MountedApp {
    App(yew::AppHandle<App>),
    Broken(yew::AppHandle<Broken>),
}

#[wasm_bindgen]
impl Mounted {
    /// Tears the widget down: removes its DOM and drops its state.
    pub fn unmount(&mut self) {
        match self.handle.take() {
            Some(MountedApp::App(h)) => h.destroy(),
            Some(MountedApp::Broken(h)) => h.destroy(),
            None => {}
        }
    }
}

/// Mounts a widget into `root`, the open shadow root of `host`.
#[wasm_bindgen]
pub fn mount(host: HtmlElement, root: ShadowRoot) -> Result<Mounted, JsValue> {
    adopt_styles(&root)?;
    let document = host.owner_document().ok_or("the element has no document")?;
    let container = document.create_element("div")?;
    container.set_class_name("pfs");
    let settings = Rc::new(read_settings(&host));
    container.set_attribute("lang", &settings.locale)?;
    root.append_child(&container)?;
    let handle = match load_config(&host) {
        Ok(q) => MountedApp::App(
            yew::Renderer::<App>::with_root_and_props(container, AppProps { config: Rc::new(q), settings }).render(),
        ),
        Err(problems) => {
            let message = format!("program-fit-screener: the config is invalid, showing the call button instead:\n{}", problems.join("\n"));
            gloo::console::error!(message);
            MountedApp::Broken(yew::Renderer::<Broken>::with_root_and_props(container, BrokenProps { settings }).render())
        }
    };
    Ok(Mounted { handle: Some(handle) })
}

fn adopt_styles(root: &ShadowRoot) -> Result<(), JsValue> {
    let sheet = CssStyleSheet::new()?;
    sheet.replace_sync(STYLES)?;
    root.set_adopted_style_sheets(&js_sys::Array::of1(&sheet));
    Ok(())
}

/// The inline config (`<script type="application/json">` inside the
/// element) if there is one, else the built-in screener.
fn load_config(host: &HtmlElement) -> Result<Questionnaire, Vec<String>> {
    let inline = host.query_selector(r#"script[type="application/json"]"#).ok().flatten().and_then(|s| s.text_content());
    let json = inline.as_deref().unwrap_or(BUILTIN_CONFIG);
    config::parse(json).map_err(|errors| errors.iter().map(ToString::to_string).collect())
}

fn read_settings(host: &HtmlElement) -> Settings {
    let attr = |name: &str| host.get_attribute(name).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
    let locale = host
        .closest("[lang]")
        .ok()
        .flatten()
        .and_then(|e| e.get_attribute("lang"))
        .filter(|l| !l.is_empty())
        .or_else(|| web_sys::window().and_then(|w| w.navigator().language()))
        .unwrap_or_else(|| "en".to_string());
    Settings {
        phone: attr("phone"),
        submit_url: attr("submit-url").and_then(|u| resolve_url(host, &u)).filter(|u| submit::is_allowed_url(u)),
        center: attr("center-name"),
        locale,
    }
}

/// An absolute URL for `url`, resolved against the page (so a same-site
/// path such as `/leads` works), or `None` if it does not parse.
fn resolve_url(host: &HtmlElement, url: &str) -> Option<String> {
    let base = host.owner_document()?.base_uri().ok()??;
    web_sys::Url::new_with_base(url, &base).ok().map(|u| u.href())
}
