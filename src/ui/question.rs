//! One screen of questions (usually one; `same_screen` ones join it): a
//! fieldset per question whose legend is the question, real radio buttons
//! or checkboxes with labels, progress, Back and Continue. The first
//! question's text is the screen's heading.

use crate::core::i18n::{fill, Strings};
use crate::core::model::{Question, Questionnaire};
use std::rc::Rc;
use web_sys::SubmitEvent;
use yew::prelude::*;

#[derive(Properties)]
pub struct QuestionProps {
    pub config: Rc<Questionnaire>,
    /// The screen's questions (indices into `config`'s), in order.
    pub screen: Vec<usize>,
    /// The options chosen for each of `questions`.
    pub chosen: Vec<Vec<usize>>,
    pub progress: (usize, usize),
    pub missing: bool,
    pub locale: String,
    pub strings: &'static Strings,
    pub heading: NodeRef,
    /// (question index, option index)
    pub on_choose: Callback<(usize, usize)>,
    pub on_next: Callback<()>,
    pub on_back: Callback<MouseEvent>,
}

/// The same questionnaire by pointer, not by its texts: a part's wordings
/// go into it before a screen that needs them is drawn (the first screen's
/// are in it from the start), and a language switched to changes `locale`.
/// (Comparing the screen's questions by value, their clones, cost the first
/// download more than this screen's own code.)
impl PartialEq for QuestionProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.config, &o.config)
            && self.screen == o.screen
            && self.chosen == o.chosen
            && self.progress == o.progress
            && self.missing == o.missing
            && self.locale == o.locale
            && std::ptr::eq(self.strings, o.strings)
            && self.heading == o.heading
            && self.on_choose == o.on_choose
            && self.on_next == o.on_next
            && self.on_back == o.on_back
    }
}

#[function_component(QuestionStep)]
pub fn question_step(props: &QuestionProps) -> Html {
    let s = props.strings;
    let onsubmit = {
        let on_next = props.on_next.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            on_next.emit(());
        })
    };
    let (n, total) = props.progress;
    let fieldsets = props.screen.iter().zip(&props.chosen).enumerate().map(|(at, (&index, chosen))| {
        let missing = props.missing && chosen.is_empty();
        fieldset(props, index, &props.config.questions[index], chosen, missing, (at == 0).then_some(&props.heading))
    });
    html! {
        // method="dialog": outside a dialog the browser submits nothing, so
        // even if the wasm stopped, Enter never puts the answers in the URL.
        <form class="pfs-step" method="dialog" {onsubmit} novalidate=true>
            <p class="pfs-progress">{fill(s.progress, &[("n", &n.to_string()), ("total", &total.to_string())])}</p>
            {for fieldsets}
            <div class="pfs-actions">
                <button type="submit" class="pfs-button pfs-primary">{s.next}</button>
                <button type="button" class="pfs-button pfs-secondary" onclick={props.on_back.clone()}>{s.back}</button>
            </div>
        </form>
    }
}

/// One question of the screen: its legend (the screen's heading on its
/// first question), hint, error and options. A plain function, not a
/// component: a component of its own costs the first download about 1 KB.
fn fieldset(props: &QuestionProps, index: usize, q: &Question, chosen: &[usize], missing: bool, heading: Option<&NodeRef>) -> Html {
    let s = props.strings;
    let l = props.locale.as_str();
    let multi = q.kind.is_multi();
    let (hint_id, error_id) = (format!("pfs-hint-{index}"), format!("pfs-error-{index}"));
    let described = match (q.hint.is_some(), missing) {
        (true, true) => Some(format!("{hint_id} {error_id}")),
        (true, false) => Some(hint_id.clone()),
        (false, true) => Some(error_id.clone()),
        (false, false) => None,
    };
    let options = q.options.iter().enumerate().map(|(i, o)| {
        let id = format!("pfs-{}-{}", q.id, o.id);
        let on_choose = props.on_choose.clone();
        let question = index;
        html! {
            <div class="pfs-option">
                <input
                    type={if multi { "checkbox" } else { "radio" }}
                    id={id.clone()}
                    name={q.id.clone()}
                    value={o.id.clone()}
                    checked={chosen.contains(&i)}
                    onchange={Callback::from(move |_| on_choose.emit((question, i)))}
                />
                <label for={id}>{o.label.get(l)}</label>
            </div>
        }
    });
    let legend = match heading {
        Some(heading) => html! { <h2 class="pfs-title" tabindex="-1" ref={heading.clone()}>{q.text.get(l)}</h2> },
        None => html! { <span class="pfs-subtitle">{q.text.get(l)}</span> },
    };
    html! {
        <fieldset class={classes!("pfs-fieldset", missing.then_some("pfs-has-error"))} aria-describedby={described}>
            <legend class="pfs-legend">{legend}</legend>
            if let Some(hint) = &q.hint {
                <p class="pfs-hint" id={hint_id}>{hint.get(l)}</p>
            }
            if missing {
                <p class="pfs-error" id={error_id}>
                    <span class="pfs-visually-hidden">{s.error_prefix}{" "}</span>
                    {if multi { s.choose_some } else { s.choose_one }}
                </p>
            }
            <div class="pfs-options">{for options}</div>
        </fieldset>
    }
}
