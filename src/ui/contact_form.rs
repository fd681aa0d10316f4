//! The contact form: its fields, the GOV.UK-style error summary, the
//! preview of what will be sent and the sending status. What Send does is
//! in `contact_submit`, the delivery itself in `web::deliver`. Invariant:
//! what the visitor typed is kept until the lead is delivered, then
//! dropped; every message is worded as it renders, in the language shown.

use crate::core::contact::{check_file, ContactFields, Field, Preferred};
use crate::core::i18n::{fill, Form};
use crate::core::lead::answers;
use crate::core::model::Questionnaire;
use crate::core::outcome::evaluate;
use crate::core::session::Session;
use crate::ui::call_button::CallButton;
use crate::ui::contact_submit::{on_submit, unsent, FormState, Problems, Says, Status};
use crate::ui::form_fields::{check_field, error_summary, Checkbox, FileField, TextField};
use crate::ui::lead_preview::{preferred_label, LeadPreview};
use crate::ui::settings::Settings;
use crate::web::deliver::{Courier, Filled, Lead, Progress};
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
    let filled = use_state(|| Filled { fields: ContactFields::default(), files: [None, None] });
    let problems = use_state(Problems::new);
    let status = use_state(|| Status::Editing);
    let courier = use_memo((), |_| Courier::default());
    let summary = use_node_ref();
    let nodes = use_memo((), |_| Field::ALL.map(|_| NodeRef::default()));
    let node = |field: Field| Field::ALL.iter().position(|f| *f == field).map(|i| nodes[i].clone()).unwrap_or_default();
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
    let busy = matches!(*status, Status::Busy(_));

    let onsubmit = on_submit(
        FormState {
            filled: filled.clone(),
            problems: problems.clone(),
            status: status.clone(),
            attempts: attempts.clone(),
            courier: courier.clone(),
        },
        Rc::new(Lead {
            url,
            timeout_ms: settings.timeout_ms,
            locale: settings.locale.clone(),
            host: settings.host.clone(),
            consent_text: consent_text.clone(),
            config: props.config.clone(),
            session: props.session.clone(),
        }),
    );

    let fields = &filled.fields;
    let error_for = |field: Field| problems.iter().find(|(f, _)| *f == Some(field)).map(|(_, m)| m.text(t).to_string());
    let optional = |label: &str| format!("{label} {}", t.optional);
    let text = |field: Field, label: String, kind: Option<&'static str>, auto: Option<&'static str>| {
        let filled = filled.clone();
        let on_input =
            Callback::from(move |v| filled.set(Filled { fields: field.with_text(&filled.fields, v), files: filled.files.clone() }));
        let (value, error, node, multiline) =
            (field.text(fields).cloned().unwrap_or_default(), error_for(field), node(field), field == Field::Message);
        html! { <TextField {field} {label} {kind} autocomplete={auto} {multiline} {value} {error} strings={s} {node} {on_input} /> }
    };
    let file_field = |i: usize, label: &str| {
        let field = Field::FILES[i];
        let on_change = on_file(&filled, &problems, i);
        let current = filled.files[i].clone();
        html! { <FileField {field} label={optional(label)} file={current} error={error_for(field)} strings={s} texts={t} node={node(field)} {on_change} /> }
    };
    let checker = |set: fn(&mut ContactFields, bool)| field_setter(&filled, set);
    let consent = Checkbox {
        id: Field::Consent.id(),
        label: consent_text.clone(),
        checked: fields.consent,
        error: error_for(Field::Consent),
        hint: None,
        node: node(Field::Consent),
    };
    let include_answers = Checkbox {
        id: "pfs-include-answers",
        label: t.include_answers.into(),
        checked: fields.include_answers,
        error: None,
        hint: Some(t.include_answers_hint),
        node: NodeRef::default(),
    };

    html! {
        // method="dialog": the browser itself never submits it (see question.rs).
        <form class="pfs-form" method="dialog" {onsubmit} novalidate=true aria-busy={busy.then_some("true")}>
            <h3>{t.form_title}</h3>
            <p>{t.form_intro}</p>
            {error_summary(&problems.iter().map(|(f, m)| (*f, m.text(t).to_string())).collect::<Vec<_>>(), t, summary, node)}
            // Locked while sending and between retries: what is sent is what the visitor sees.
            <fieldset class="pfs-fieldset" disabled={busy}>
            {text(Field::Name, t.name.into(), None, Some("name"))}
            <p class="pfs-hint">{t.contact_hint}</p>
            {text(Field::Phone, t.phone.into(), Some("tel"), Some("tel"))}
            {text(Field::Email, t.email.into(), Some("email"), Some("email"))}
            <fieldset class="pfs-fieldset pfs-field">
                <legend class="pfs-legend-small">{t.preferred_label}</legend>
                <div class="pfs-options pfs-inline">{preferred(&filled, t)}</div>
            </fieldset>
            {text(Field::BestTime, optional(t.best_time), None, None)}
            {text(Field::Who, optional(t.who_for), None, None)}
            {text(Field::Insurance, optional(t.insurance), None, None)}
            {file_field(0, t.card_front)}
            {file_field(1, t.card_back)}
            {text(Field::Message, optional(t.message), None, None)}
            {check_field(consent, s, checker(|f, v| f.consent = v))}
            {check_field(include_answers, s, checker(|f, v| f.include_answers = v))}
            </fieldset>
            {preview(props, &filled, consent_text.clone())}
            {sending(*status, &settings)}
        </form>
    }
}

/// Picking the card file `i`: kept, or refused with its problem (by name,
/// type and size, `check_file`) and not kept.
fn on_file(filled: &UseStateHandle<Filled>, problems: &UseStateHandle<Problems>, i: usize) -> Callback<Option<File>> {
    let field = Field::FILES[i];
    let (filled, problems) = (filled.clone(), problems.clone());
    Callback::from(move |file: Option<File>| {
        let mut files = filled.files.clone();
        let mut p: Problems = problems.iter().filter(|(f, _)| *f != Some(field)).cloned().collect();
        if let Some(Err(problem)) = file.as_ref().map(|f| check_file(&f.name(), &f.type_(), f.size() as u64)) {
            p.push((Some(field), Says::Problem(problem)));
            files[i] = None;
        } else {
            files[i] = file;
        }
        problems.set(p);
        filled.set(Filled { fields: filled.fields.clone(), files });
    })
}

/// The choice of how to be contacted, as radio buttons.
fn preferred(filled: &UseStateHandle<Filled>, t: &'static Form) -> Html {
    Preferred::ALL
        .into_iter()
        .map(|p| {
            let checked = filled.fields.preferred == Some(p);
            let id = format!("pfs-preferred-{}", p.id());
            let onchange = field_setter(filled, move |f, _: Event| f.preferred = Some(p));
            html! {
                <div class="pfs-option">
                    <input type="radio" name="pfs-preferred" id={id.clone()} {checked} {onchange} />
                    <label for={id}>{preferred_label(t, p)}</label>
                </div>
            }
        })
        .collect()
}

/// "What will be sent": the fields, the files' names, the consent, and
/// with the answers the result (the outcome's id and title) too.
fn preview(props: &ContactFormProps, filled: &Filled, consent_text: String) -> Html {
    let settings = &props.settings;
    let (s, t) = (settings.strings(), settings.form());
    let files: Vec<(String, String)> = [t.card_front, t.card_back]
        .iter()
        .zip(filled.files.iter())
        .filter_map(|(label, file)| Some((label.to_string(), file.as_ref()?.name())))
        .collect();
    let answers = filled.fields.include_answers.then(|| {
        let outcome = &props.config.outcomes[evaluate(&props.config, &props.session).outcome];
        let mut shown = vec![(s.result_label.to_string(), vec![outcome.title.get(&settings.locale).to_string()])];
        shown.extend(answers(&props.config, &props.session, &settings.locale));
        shown
    });
    let attribution = attribution(&settings.host.element);
    html! { <LeadPreview texts={t} fields={filled.fields.clone()} {files} {consent_text} {answers} {attribution} /> }
}

/// Below the fields: why the last send failed (with the call button), the
/// upload's progress, the retry announced, and the Send button, named for
/// what it does now.
fn sending(status: Status, settings: &Rc<Settings>) -> Html {
    let (s, t) = (settings.strings(), settings.form());
    let button = match status {
        Status::Busy(Progress::Sending(_)) => t.sending,
        Status::Busy(Progress::Retrying) => t.retrying,
        Status::Failed(_) => s.retry,
        _ => t.send,
    };
    html! {
        <>
            if let Status::Failed(why) = status {
                <div class="pfs-error-summary" role="alert">
                    <p>{unsent(t, why)}</p>
                    <CallButton settings={settings.clone()} />
                </div>
            }
            if let Status::Busy(Progress::Sending(Some(percent))) = status {
                <label class="pfs-progress-label">
                    {fill(t.uploading, &[("percent", &percent.to_string())])}
                    <progress max="100" value={percent.to_string()}></progress>
                </label>
            }
            <p class="pfs-visually-hidden" role="status">{if status == Status::Busy(Progress::Retrying) { t.retrying } else { "" }}</p>
            <button type="submit" class="pfs-button pfs-primary" disabled={matches!(status, Status::Busy(_))}>
                {button}
            </button>
        </>
    }
}

/// A callback that sets one of the typed fields (a box's tick, a choice) with `set`.
fn field_setter<T: 'static>(filled: &UseStateHandle<Filled>, set: impl Fn(&mut ContactFields, T) + 'static) -> Callback<T> {
    let filled = filled.clone();
    Callback::from(move |value: T| {
        let mut fields = filled.fields.clone();
        set(&mut fields, value);
        filled.set(Filled { fields, files: filled.files.clone() });
    })
}
