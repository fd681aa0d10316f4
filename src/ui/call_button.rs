//! Click to call: a real `tel:` link, shown only for a valid phone number,
//! as a button (the result, the form, the waiting screen) or as the quiet
//! "Prefer to talk?" line under every other screen.
//! A press tells the host page `pfs-call` (the admissions line only: the
//! crisis and helpline links of the safety screens are never reported).

use crate::core::contact::normalize_phone;
use crate::core::i18n::fill;
use crate::ui::settings::Settings;
use crate::web::events::HostEvent;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CallButtonProps {
    pub settings: Rc<Settings>,
    /// A secondary button, after a crisis result's own numbers.
    #[prop_or_default]
    pub quiet: bool,
    /// The quiet line under a screen instead of a button.
    #[prop_or_default]
    pub line: bool,
}

#[function_component(CallButton)]
pub fn call_button(props: &CallButtonProps) -> Html {
    let s = props.settings.strings();
    let Some(phone) = props.settings.phone.as_deref() else { return html! {} };
    let Some(e164) = normalize_phone(phone) else { return html! {} };
    let host = props.settings.host.clone();
    let onclick = Callback::from(move |_: MouseEvent| host.emit(HostEvent::Call));
    let (href, label) = (format!("tel:{e164}"), fill(s.call, &[("phone", phone)]));
    if props.line {
        return html! { <p class="pfs-talk">{s.talk}{" "}<a {href} {onclick}>{label}</a></p> };
    }
    html! {
        <div class="pfs-call">
            <a class={classes!("pfs-button", if props.quiet { "pfs-secondary" } else { "pfs-call-button" })} {href} {onclick}>{label}</a>
            <p class="pfs-note">{s.call_note}</p>
        </div>
    }
}
