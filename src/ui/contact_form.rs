//! The contact form: its fields, the GOV.UK-style error summary, the
//! preview of what will be sent and the sending status. What Send does is
//! in `contact_submit`. Invariant: what the visitor typed is kept until the
//! lead is delivered, then dropped.

use crate::core::contact::{check_file, ContactFields, Field, Preferred};
use crate::core::i18n::fill;
use crate::core::lead::answers;
use crate::core::model::Questionnaire;
use crate::core::outcome::evaluate;
use crate::core::session::Session;
use crate::ui::call_button::CallButton;
use crate::ui::contact_submit::{message, on_submit, FormState, Lead, Sent, Status, FILE_FIELDS};
use crate::ui::form_fields::{check_field, error_summary, Checkbox, FileField, TextField};
use crate::ui::lead_preview::{preferred_label, LeadPreview};
use crate::ui::settings::Settings;
use crate::web::visit::attribution;
use std::rc::Rc;
use web_sys::{File, HtmlElement};
use yew::prelude::*;

#[derive(Properties)]
pub struct ContactFormProps {
    pub settings: Rc<Settings>,
    pub config: Rc<Questionnaire>,
    pub session: Session,
}

impl PartialEq for ContactFormProps {
    fn eq(&self, o: &Self) -> bool {
        self.settings == o.settings && Rc::ptr_eq(&self.config, &o.config) && self.session == o.session
    }
}

#[function_component(ContactForm)]
pub fn contact_form(props: &ContactFormProps) -> Html {
    let settings = props.settings.clone();
    let (s, t) = (settings.strings(), settings.form());
    // Nothing is pre-filled from the answers: only what the visitor types is sent.
    let fields = use_state(ContactFields::default);
    let files = use_state(|| [None::<File>, None::<File>]);
    let problems = use_state(Vec::<(Option<Field>, String)>::new);
    let status = use_state(|| Status::Editing);
    let sent = use_mut_ref(|| None::<Sent>);
    let summary = use_node_ref();
    let nodes: Rc<Vec<(Field, NodeRef)>> = Rc::new(
        [
            Field::Name,
            Field::Phone,
            Field::Email,
            Field::BestTime,
            Field::Who,
            Field::Insurance,
            Field::CardFront,
            Field::CardBack,
            Field::Message,
            Field::Consent,
        ]
        .into_iter()
        .map(|f| (f, NodeRef::default()))
        .collect(),
    );
    let node = |field: Field| nodes.iter().find(|(f, _)| *f == field).map(|(_, n)| n.clone()).unwrap_or_default();
    let consent_text = fill(t.consent, &[("center", settings.center.as_deref().unwrap_or(t.the_center))]);

    // Focus the error summary after a Send that found problems (not when a
    // file is refused as it is picked: focus must not jump away then).
    let attempts = use_state(|| 0u32);
    use_effect_with((*attempts, problems.is_empty()), {
        let summary = summary.clone();
        move |(n, empty)| {
            if *n > 0 && !*empty {
                if let Some(el) = summary.cast::<HtmlElement>() {
                    let _ = el.focus();
                }
            }
        }
    });

    // Without an address LazyContactForm shows the no-form view instead of this.
    let Some(url) = settings.submit_url.clone() else { return html! {} };
    if *status == Status::Sent {
        return html! {
            <div class="pfs-sent" role="status">
                <h3>{t.sent_title}</h3>
                <p>{t.sent_body}</p>
            </div>
        };
    }
    let busy = matches!(*status, Status::Sending(_) | Status::Retrying);

    let onsubmit = on_submit(
        FormState {
            fields: fields.clone(),
            files: files.clone(),
            problems: problems.clone(),
            status: status.clone(),
            attempts: attempts.clone(),
            sent,
        },
        Rc::new(Lead {
            settings: settings.clone(),
            config: props.config.clone(),
            session: props.session.clone(),
            consent_text: consent_text.clone(),
            url,
        }),
    );

    let error_for = |field: Field| problems.iter().find(|(f, _)| *f == Some(field)).map(|(_, m)| m.clone());
    let setter = |set: fn(&mut ContactFields, String)| field_setter(&fields, set);
    let text = |field: Field,
                label: String,
                kind: Option<&'static str>,
                auto: Option<&'static str>,
                value: String,
                set: fn(&mut ContactFields, String)| {
        html! {
            <TextField {field} {label} {kind} autocomplete={auto} {value} error={error_for(field)} strings={s} node={node(field)} on_input={setter(set)} />
        }
    };
    let optional = |label: &str| format!("{label} {}", t.optional);
    let file_field = |i: usize, field: Field, label: &str| {
        let current = files[i].clone();
        let (files, problems) = (files.clone(), problems.clone());
        let on_change = Callback::from(move |file: Option<File>| {
            let mut all = (*files).clone();
            let mut p: Vec<_> = (*problems).iter().filter(|(f, _)| *f != Some(field)).cloned().collect();
            if let Some(Err(problem)) = file.as_ref().map(|f| check_file(&f.name(), &f.type_(), f.size() as u64)) {
                p.push((Some(field), message(t, problem).to_string()));
                all[i] = None;
            } else {
                all[i] = file;
            }
            problems.set(p);
            files.set(all);
        });
        html! { <FileField {field} label={optional(label)} file={current} error={error_for(field)} strings={s} texts={t} node={node(field)} {on_change} /> }
    };
    let checker = |set: fn(&mut ContactFields, bool)| field_setter(&fields, set);
    let preferred = {
        let fields = fields.clone();
        Preferred::ALL.into_iter().map(move |p| {
            let checked = fields.preferred == Some(p);
            let fields = fields.clone();
            let id = format!("pfs-preferred-{}", p.id());
            let onchange = Callback::from(move |_| fields.set(ContactFields { preferred: Some(p), ..(*fields).clone() }));
            html! { <div class="pfs-option"><input type="radio" name="pfs-preferred" id={id.clone()} {checked} {onchange} /><label for={id}>{preferred_label(t, p)}</label></div> }
        })
    };
    let preview_files: Vec<(String, String)> = FILE_FIELDS
        .iter()
        .zip(files.iter())
        .filter_map(|((f, _), file)| {
            let label = if *f == Field::CardFront { t.card_front } else { t.card_back };
            Some((label.to_string(), file.as_ref()?.name()))
        })
        .collect();
    // With the answers goes the result (the outcome's id and title): the preview says so.
    let preview_answers = fields.include_answers.then(|| {
        let outcome = &props.config.outcomes[evaluate(&props.config, &props.session).outcome];
        let mut shown = vec![(s.result_label.to_string(), vec![outcome.title.get(&settings.locale).to_string()])];
        shown.extend(answers(&props.config, &props.session, &settings.locale));
        shown
    });

    html! {
        // method="dialog": the browser itself never submits it (see question.rs).
        <form class="pfs-form" method="dialog" {onsubmit} novalidate=true aria-busy={busy.then_some("true")}>
            <h3>{t.form_title}</h3>
            <p>{t.form_intro}</p>
            {error_summary(&problems, t, summary, node)}
            // Locked while sending and between retries: what is sent is what the visitor sees.
            <fieldset class="pfs-fieldset" disabled={busy}>
            {text(Field::Name, t.name.into(), None, Some("name"), fields.name.clone(), |f, v| f.name = v)}
            <p class="pfs-hint">{t.contact_hint}</p>
            {text(Field::Phone, t.phone.into(), Some("tel"), Some("tel"), fields.phone.clone(), |f, v| f.phone = v)}
            {text(Field::Email, t.email.into(), Some("email"), Some("email"), fields.email.clone(), |f, v| f.email = v)}
            <fieldset class="pfs-fieldset pfs-field">
                <legend class="pfs-legend-small">{t.preferred_label}</legend>
                <div class="pfs-options pfs-inline">{for preferred}</div>
            </fieldset>
            {text(Field::BestTime, optional(t.best_time), None, None, fields.best_time.clone(), |f, v| f.best_time = v)}
            {text(Field::Who, optional(t.who_for), None, None, fields.who.clone(), |f, v| f.who = v)}
            {text(Field::Insurance, optional(t.insurance), None, None, fields.insurance.clone(), |f, v| f.insurance = v)}
            {file_field(0, Field::CardFront, t.card_front)}
            {file_field(1, Field::CardBack, t.card_back)}
            <TextField field={Field::Message} label={optional(t.message)} multiline=true value={fields.message.clone()} error={error_for(Field::Message)} strings={s} node={node(Field::Message)} on_input={setter(|f, v| f.message = v)} />
            {check_field(Checkbox { id: Field::Consent.id(), label: consent_text.clone(), checked: fields.consent, error: error_for(Field::Consent), hint: None, node: node(Field::Consent) }, s, checker(|f, v| f.consent = v))}
            {check_field(Checkbox { id: "pfs-include-answers", label: t.include_answers.into(), checked: fields.include_answers, error: None, hint: Some(t.include_answers_hint), node: NodeRef::default() }, s, checker(|f, v| f.include_answers = v))}
            </fieldset>
            <LeadPreview texts={t} fields={(*fields).clone()} files={preview_files} consent_text={consent_text.clone()} answers={preview_answers} attribution={attribution(&settings.host.element)} />
            if let Status::Failed(msg) = &*status {
                <div class="pfs-error-summary" role="alert">
                    <p>{*msg}</p>
                    <CallButton settings={settings.clone()} />
                </div>
            }
            if let Status::Sending(Some(percent)) = &*status {
                <label class="pfs-progress-label">
                    {fill(t.uploading, &[("percent", &percent.to_string())])}
                    <progress max="100" value={percent.to_string()}></progress>
                </label>
            }
            <p class="pfs-visually-hidden" role="status">{if *status == Status::Retrying { t.retrying } else { "" }}</p>
            <button type="submit" class="pfs-button pfs-primary" disabled={busy}>
                {match &*status { Status::Sending(_) => t.sending, Status::Retrying => t.retrying, Status::Failed(_) => s.retry, _ => t.send }}
            </button>
        </form>
    }
}

/// A callback that sets one field (a text's value, a box's tick) with `set`.
fn field_setter<T: 'static>(fields: &UseStateHandle<ContactFields>, set: fn(&mut ContactFields, T)) -> Callback<T> {
    let fields = fields.clone();
    Callback::from(move |value: T| {
        let mut f = (*fields).clone();
        set(&mut f, value);
        fields.set(f);
    })
}
