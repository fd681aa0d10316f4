//! A safety screen (crisis, withdrawal danger, under 18): calm words, the
//! numbers as real tel:/sms: links, and a way to continue afterwards.

use crate::core::i18n::Strings;
use crate::core::model::{Interrupt, Link};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct InterruptProps {
    pub interrupt: Interrupt,
    pub locale: String,
    pub strings: &'static Strings,
    pub heading: NodeRef,
    pub on_continue: Callback<MouseEvent>,
    pub on_back: Callback<MouseEvent>,
}

#[function_component(InterruptStep)]
pub fn interrupt_step(props: &InterruptProps) -> Html {
    let l = props.locale.as_str();
    let i = &props.interrupt;
    html! {
        <div class="pfs-step pfs-interrupt">
            <h2 class="pfs-title" tabindex="-1" ref={props.heading.clone()}>{i.title.get(l)}</h2>
            <SafetyText interrupt={i.clone()} locale={props.locale.clone()} />
            <div class="pfs-actions">
                <button type="button" class="pfs-button pfs-secondary" onclick={props.on_continue.clone()}>{i.continue_label.get(l)}</button>
                <button type="button" class="pfs-button pfs-secondary" onclick={props.on_back.clone()}>{props.strings.back}</button>
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct SafetyTextProps {
    pub interrupt: Interrupt,
    pub locale: String,
}

/// The body and links of an interrupt, also repeated on urgent results.
#[function_component(SafetyText)]
pub fn safety_text(props: &SafetyTextProps) -> Html {
    let l = props.locale.as_str();
    html! {
        <>
            {for props.interrupt.body.iter().map(|p| html! { <p>{p.get(l)}</p> })}
            {links(&props.interrupt.actions, l)}
        </>
    }
}

/// A safety screen's or a note's links, as buttons; none, nothing.
pub fn links(links: &[Link], l: &str) -> Html {
    if links.is_empty() {
        return html! {};
    }
    html! {
        <ul class="pfs-links">
            {for links.iter().map(|a| html! {
                <li><a class="pfs-button pfs-urgent" href={a.href.clone()}
                    rel={a.href.starts_with("https:").then_some("noopener noreferrer")}>{a.label.get(l)}</a></li>
            })}
        </ul>
    }
}
