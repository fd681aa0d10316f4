//! Click to call: a real `tel:` link, shown only for a valid phone number.
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
}

#[function_component(CallButton)]
pub fn call_button(props: &CallButtonProps) -> Html {
    let s = props.settings.strings();
    let Some(phone) = props.settings.phone.as_deref() else { return html! {} };
    let Some(e164) = normalize_phone(phone) else { return html! {} };
    let host = props.settings.host.clone();
    let onclick = Callback::from(move |_: MouseEvent| host.emit(HostEvent::Call));
    html! {
        <div class="pfs-call">
            <a class={classes!("pfs-button", if props.quiet { "pfs-secondary" } else { "pfs-call-button" })} href={format!("tel:{e164}")} {onclick}>{fill(s.call, &[("phone", phone)])}</a>
            <p class="pfs-note">{s.call_note}</p>
        </div>
    }
}
