//! When the questionnaire cannot be shown (an invalid config, a part of the
//! widget that would not load, a panic): a short message and the call link,
//! built with plain DOM calls, and a `pfs-error` event for the host page.

use super::settings::read_settings;
use crate::core::contact::normalize_phone;
use crate::core::i18n::fill;
use crate::ui::settings::Settings;
use crate::web::events::{Host, HostEvent};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, ShadowRoot};

/// Says in the console why the config is refused, and shows the fail-open view.
pub(super) fn config_invalid(host: &HtmlElement, root: &ShadowRoot, settings: &Settings, problems: &[String]) {
    // One line per problem (a loop, not `join`, which would add a kilobyte).
    let mut message = String::from("program-fit-screener: the config is invalid, so the questionnaire is not shown (the call button is):");
    for problem in problems {
        message.push('\n');
        message.push_str(problem);
    }
    crate::web::console_error(&message);
    fail_open(host, root, settings, "config");
}

/// Replaces the widget with a short message and the call link, built with
/// plain DOM calls (no framework, no `innerHTML`), and says so with an event.
pub(super) fn fail_open(host: &HtmlElement, root: &ShadowRoot, settings: &Settings, reason: &'static str) {
    draw(root, settings);
    Host::new(host.clone()).emit(HostEvent::Error { reason });
}

/// Draws the fail-open view, or draws it again with the settings' new
/// number (a call-tracking script swapped it) if it is already shown.
pub(super) fn draw(root: &ShadowRoot, settings: &Settings) {
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
}

/// Turns any panic into the fail-open view on every widget of the page, so
/// a bug never costs a visitor the phone number.
pub(super) fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        yew::set_custom_panic_hook(Box::new(|info| {
            crate::web::console_error(&format!("program-fit-screener: internal error, showing the call button instead: {info}"));
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
