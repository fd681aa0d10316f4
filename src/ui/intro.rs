//! The first screen: one line of purpose and a Start button.

use crate::core::i18n::Strings;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct IntroProps {
    pub strings: &'static Strings,
    pub heading: NodeRef,
    pub on_start: Callback<MouseEvent>,
}

#[function_component(Intro)]
pub fn intro(props: &IntroProps) -> Html {
    let s = props.strings;
    html! {
        <div class="pfs-step">
            <h2 class="pfs-title" tabindex="-1" ref={props.heading.clone()}>{s.intro_title}</h2>
            <p class="pfs-lead">{s.intro_purpose}</p>
            <button type="button" class="pfs-button pfs-primary" onclick={props.on_start.clone()}>{s.start}</button>
        </div>
    }
}
