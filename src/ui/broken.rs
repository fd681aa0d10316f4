//! Fail-open view: when the config is invalid the visitor still gets a
//! short message and the call button.

use crate::ui::app::Settings;
use crate::ui::call_button::CallButton;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct BrokenProps {
    pub settings: Rc<Settings>,
}

#[function_component(Broken)]
pub fn broken(props: &BrokenProps) -> Html {
    html! {
        <section class="pfs-card pfs-broken">
            <p>{props.settings.strings().broken}</p>
            <CallButton settings={props.settings.clone()} />
        </section>
    }
}
