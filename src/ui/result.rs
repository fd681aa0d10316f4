//! The result: which level of care may fit, the reasons drawn from the
//! answers, the notes that hold (safety and practical advice), what the
//! program involves, the not-a-diagnosis line, then the call button and the
//! contact form. On an urgent result (crisis) the safety resources come
//! first and the call button and form follow, plainly secondary.

use crate::core::model::Questionnaire;
use crate::core::outcome::evaluate;
use crate::core::session::Session;
use crate::ui::call_button::CallButton;
use crate::ui::interrupt::{links, SafetyText};
use crate::ui::lazy_contact::LazyContactForm;
use crate::ui::level::LevelDetails;
use crate::ui::settings::Settings;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties)]
pub struct ResultProps {
    pub config: Rc<Questionnaire>,
    pub session: Session,
    pub settings: Rc<Settings>,
    pub heading: NodeRef,
    pub on_back: Callback<MouseEvent>,
    pub on_restart: Callback<MouseEvent>,
}

impl PartialEq for ResultProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.config, &other.config) && self.session == other.session && self.settings == other.settings
    }
}

#[function_component(ResultStep)]
pub fn result_step(props: &ResultProps) -> Html {
    let q = &props.config;
    let s = props.settings.strings();
    let l = props.settings.locale.as_str();
    let eval = evaluate(q, &props.session);
    let outcome = &q.outcomes[eval.outcome];
    let urgent = outcome.urgent.and_then(|i| q.interrupts.get(i));
    let notes = eval.notes.iter().filter_map(|&n| q.notes.get(n)).map(|n| {
        html! { <li><p>{n.text.get(l)}</p>{links(&n.actions, l)}</li> }
    });
    let contact = html! {
        <>
            <CallButton settings={props.settings.clone()} quiet={urgent.is_some()} />
            if outcome.contact {
                <LazyContactForm settings={props.settings.clone()} config={q.clone()} session={props.session.clone()} />
            }
        </>
    };
    html! {
        <div class="pfs-step pfs-result">
            <p class="pfs-progress">{s.result_label}</p>
            <h2 class="pfs-title" tabindex="-1" ref={props.heading.clone()}>{outcome.title.get(l)}</h2>
            <p class="pfs-lead">{outcome.summary.get(l)}</p>
            if let Some(urgent) = urgent {
                <div class="pfs-urgent-box">
                    <SafetyText interrupt={urgent.clone()} locale={props.settings.locale.clone()} />
                </div>
            }
            if !eval.reasons.is_empty() {
                <h3>{s.why}</h3>
                <ul class="pfs-reasons">
                    {for eval.reasons.iter().map(|&r| html! { <li>{outcome.reasons[r].text.get(l)}</li> })}
                </ul>
            }
            if !eval.notes.is_empty() {
                <h3>{s.also_important}</h3>
                <ul class="pfs-notes">{for notes}</ul>
            }
            {for outcome.levels.iter().filter_map(|&i| q.levels.get(i)).map(|level| html! {
                <LevelDetails level={level.clone()} locale={props.settings.locale.clone()} {s} />
            })}
            <p class="pfs-note">{s.not_diagnosis}</p>
            <div class="pfs-actions">
                <button type="button" class="pfs-button pfs-secondary" onclick={props.on_back.clone()}>{s.back}</button>
                <button type="button" class="pfs-button pfs-secondary" onclick={props.on_restart.clone()}>{s.restart}</button>
            </div>
            if urgent.is_some() {
                <section class="pfs-later" aria-labelledby="pfs-later-title">
                    <h3 id="pfs-later-title">{s.when_ready}</h3>
                    {contact}
                </section>
            } else {
                {contact}
            }
        </div>
    }
}
