//! One question per screen: a fieldset whose legend is the question, real
//! radio buttons or checkboxes with labels, progress, Back and Continue.

use crate::core::i18n::{fill, Strings};
use crate::core::model::Question;
use web_sys::SubmitEvent;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct QuestionProps {
    pub question: Question,
    pub chosen: Vec<usize>,
    pub progress: (usize, usize),
    pub missing: bool,
    pub locale: String,
    pub strings: &'static Strings,
    pub heading: NodeRef,
    pub on_choose: Callback<usize>,
    pub on_next: Callback<()>,
    pub on_back: Callback<MouseEvent>,
}

impl PartialEq for Question {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

#[function_component(QuestionStep)]
pub fn question_step(props: &QuestionProps) -> Html {
    let s = props.strings;
    let q = &props.question;
    let l = props.locale.as_str();
    let multi = q.kind.is_multi();
    let onsubmit = {
        let on_next = props.on_next.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            on_next.emit(());
        })
    };
    let described = match (q.hint.is_some(), props.missing) {
        (true, true) => Some("pfs-hint pfs-error"),
        (true, false) => Some("pfs-hint"),
        (false, true) => Some("pfs-error"),
        (false, false) => None,
    };
    let (n, total) = props.progress;
    let options = q.options.iter().enumerate().map(|(i, o)| {
        let id = format!("pfs-{}-{}", q.id, o.id);
        let on_choose = props.on_choose.clone();
        html! {
            <div class="pfs-option">
                <input
                    type={if multi { "checkbox" } else { "radio" }}
                    id={id.clone()}
                    name={q.id.clone()}
                    value={o.id.clone()}
                    checked={props.chosen.contains(&i)}
                    onchange={Callback::from(move |_| on_choose.emit(i))}
                />
                <label for={id}>{o.label.get(l)}</label>
            </div>
        }
    });
    html! {
        <form class="pfs-step" {onsubmit} novalidate=true>
            <p class="pfs-progress">{fill(s.progress, &[("n", &n.to_string()), ("total", &total.to_string())])}</p>
            <fieldset
                class={classes!("pfs-fieldset", props.missing.then_some("pfs-has-error"))}
                aria-describedby={described}
            >
                <legend class="pfs-legend">
                    <h2 class="pfs-title" tabindex="-1" ref={props.heading.clone()}>{q.text.get(l)}</h2>
                </legend>
                if let Some(hint) = &q.hint {
                    <p class="pfs-hint" id="pfs-hint">{hint.get(l)}</p>
                }
                if props.missing {
                    <p class="pfs-error" id="pfs-error">
                        <span class="pfs-visually-hidden">{s.error_prefix}{" "}</span>
                        {if multi { s.choose_some } else { s.choose_one }}
                    </p>
                }
                <div class="pfs-options">{for options}</div>
            </fieldset>
            <div class="pfs-actions">
                <button type="submit" class="pfs-button pfs-primary">{s.next}</button>
                <button type="button" class="pfs-button pfs-secondary" onclick={props.on_back.clone()}>{s.back}</button>
            </div>
        </form>
    }
}
