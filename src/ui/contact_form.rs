//! The contact form: validates with the pure `core::contact` rules, shows a
//! GOV.UK-style error summary, previews what will be sent, and delivers the
//! lead with retries. Invariant: what the visitor typed is kept until the
//! lead is delivered, then dropped.

use crate::core::contact::{check_file, validate, ContactFields, Field, Preferred, Problem};
use crate::core::i18n::{fill, Strings};
use crate::core::lead::{answers, lead_json, percent, retry_delay_ms, server_errors, Attachment, Failure, LeadMeta};
use crate::core::model::Questionnaire;
use crate::core::session::Session;
use crate::ui::app::Settings;
use crate::ui::call_button::CallButton;
use crate::ui::form_fields::{FileField, TextField};
use crate::ui::lead_preview::{preferred_label, LeadPreview};
use crate::web::events::HostEvent;
use crate::web::submit;
use std::rc::Rc;
use web_sys::{File, HtmlElement, HtmlInputElement};
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

#[derive(Debug, Clone, PartialEq)]
enum Status {
    Editing,
    /// Uploading; the fraction sent, when known.
    /// With the upload's whole percent once files are being sent.
    Sending(Option<u32>),
    Retrying,
    Failed(&'static str),
    Sent,
}

pub fn message(s: &Strings, p: Problem) -> &'static str {
    match p {
        Problem::NameRequired => s.name_required,
        Problem::ContactRequired => s.contact_required,
        Problem::PhoneInvalid => s.phone_invalid,
        Problem::EmailInvalid => s.email_invalid,
        Problem::ConsentRequired => s.consent_required,
        Problem::PhoneNeeded => s.phone_needed,
        Problem::EmailNeeded => s.email_needed,
        Problem::FileType => s.file_type,
        Problem::FileTooBig => s.file_too_big,
    }
}

const FILE_FIELDS: [(Field, &str); 2] = [(Field::CardFront, "card_front"), (Field::CardBack, "card_back")];

#[function_component(ContactForm)]
pub fn contact_form(props: &ContactFormProps) -> Html {
    let settings = props.settings.clone();
    let s = settings.strings();
    // Nothing is pre-filled from the answers: only what the visitor types is sent.
    let fields = use_state(ContactFields::default);
    let files = use_state(|| [None::<File>, None::<File>]);
    let problems = use_state(Vec::<(Option<Field>, String)>::new);
    let status = use_state(|| Status::Editing);
    let submission_id = use_state(submit::new_submission_id);
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
    let consent_text = fill(s.consent, &[("center", settings.center.as_deref().unwrap_or(s.the_center))]);

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

    let Some(url) = settings.submit_url.clone() else {
        return html! {
            <div class="pfs-no-form">
                <p class="pfs-lead">{s.no_form}</p>
                if let Some(email) = &settings.email {
                    <p><a href={format!("mailto:{email}")}>{fill(s.email_us, &[("email", email)])}</a></p>
                }
            </div>
        };
    };
    if *status == Status::Sent {
        return html! {
            <div class="pfs-sent" role="status">
                <h3>{s.sent_title}</h3>
                <p>{s.sent_body}</p>
            </div>
        };
    }
    let busy = matches!(*status, Status::Sending(_) | Status::Retrying);

    let onsubmit = {
        let (fields, files, problems, status, submission_id, attempts) =
            (fields.clone(), files.clone(), problems.clone(), status.clone(), submission_id.clone(), attempts.clone());
        let (settings, config, session, consent_text) =
            (settings.clone(), props.config.clone(), props.session.clone(), consent_text.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if matches!(*status, Status::Sending(_) | Status::Retrying) {
                return; // a double click never sends twice
            }
            let found: Vec<(Option<Field>, String)> =
                validate(&fields).into_iter().map(|(f, p)| (Some(f), message(settings.strings(), p).to_string())).collect();
            // Files were checked as they were picked; a refused one is never kept.
            problems.set(found.clone());
            if !found.is_empty() {
                attempts.set(*attempts + 1);
                return;
            }
            let attached: Vec<(&'static str, File)> =
                FILE_FIELDS.iter().zip(files.iter()).filter_map(|((_, name), f)| Some((*name, f.clone()?))).collect();
            let meta_files: Vec<Attachment> =
                attached.iter().map(|(field, f)| Attachment { field, name: f.name(), mime: f.type_(), size: f.size() as u64 }).collect();
            let time = submit::now_iso();
            let page = submit::page_url();
            let meta = LeadMeta {
                submission_id: &submission_id,
                locale: &settings.locale,
                page: &page,
                consent_text: &consent_text,
                consent_time: &time,
            };
            let lead = lead_json(&fields, &meta_files, &meta, Some((&config, &session))).to_string();
            let (status, problems, fields, files, settings, url) =
                (status.clone(), problems.clone(), fields.clone(), files.clone(), settings.clone(), url.clone());
            let (attempts, attempt) = (attempts.clone(), *attempts + 1);
            status.set(Status::Sending(None));
            wasm_bindgen_futures::spawn_local(async move {
                let progress_status = status.clone();
                let has_files = !attached.is_empty();
                let on_progress: Rc<dyn Fn(f64)> = Rc::new(move |f| {
                    if has_files {
                        progress_status.set(Status::Sending(Some(percent(f))))
                    }
                });
                let mut retry = 0;
                let failure = loop {
                    match submit::send(&url, &lead, &attached, settings.timeout_ms, on_progress.clone()).await {
                        Ok(()) => break None,
                        Err(f) => match retry_delay_ms(&f, retry) {
                            Some(delay) => {
                                status.set(Status::Retrying);
                                submit::sleep(delay).await;
                                retry += 1;
                                status.set(Status::Sending(None));
                            }
                            None => break Some(f),
                        },
                    }
                };
                let s = settings.strings();
                match failure {
                    None => {
                        settings.host.emit(HostEvent::Submit);
                        fields.set(ContactFields::default());
                        files.set([None, None]);
                        status.set(Status::Sent);
                    }
                    Some(Failure::Status(code, body)) if (400..500).contains(&code) && code != 429 => {
                        let mut reported: Vec<(Option<Field>, String)> =
                            server_errors(&body).into_iter().map(|(f, m)| (f.as_deref().and_then(Field::from_name), m)).collect();
                        if reported.is_empty() {
                            reported.push((None, s.send_failed.to_string()));
                        }
                        problems.set(reported);
                        attempts.set(attempt);
                        status.set(Status::Editing);
                    }
                    Some(Failure::Network) => status.set(Status::Failed(s.failed_network)),
                    Some(Failure::Timeout) => status.set(Status::Failed(s.failed_timeout)),
                    Some(Failure::Status(..)) => status.set(Status::Failed(s.send_failed)),
                }
            });
        })
    };

    let error_for = |field: Field| problems.iter().find(|(f, _)| *f == Some(field)).map(|(_, m)| m.clone());
    let setter = |set: fn(&mut ContactFields, String)| {
        let fields = fields.clone();
        Callback::from(move |v: String| {
            let mut f = (*fields).clone();
            set(&mut f, v);
            fields.set(f);
        })
    };
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
    let optional = |label: &str| format!("{label} {}", s.optional);
    let file_field = |i: usize, field: Field, label: &str| {
        let current = files[i].clone();
        let (files, problems) = (files.clone(), problems.clone());
        let on_change = Callback::from(move |file: Option<File>| {
            let mut all = (*files).clone();
            let mut p: Vec<_> = (*problems).iter().filter(|(f, _)| *f != Some(field)).cloned().collect();
            if let Some(Err(problem)) = file.as_ref().map(|f| check_file(&f.name(), &f.type_(), f.size() as u64)) {
                p.push((Some(field), message(s, problem).to_string()));
                all[i] = None;
            } else {
                all[i] = file;
            }
            problems.set(p);
            files.set(all);
        });
        html! { <FileField {field} label={optional(label)} file={current} error={error_for(field)} strings={s} node={node(field)} {on_change} /> }
    };
    let check = |label: String,
                 id: &'static str,
                 checked: bool,
                 error: Option<String>,
                 hint: Option<&'static str>,
                 node: NodeRef,
                 set: fn(&mut ContactFields, bool)| {
        let fields = fields.clone();
        let onchange = Callback::from(move |e: Event| {
            let mut f = (*fields).clone();
            set(&mut f, e.target_unchecked_into::<HtmlInputElement>().checked());
            fields.set(f);
        });
        let error_id = format!("{id}-error");
        html! {
            <div class={classes!("pfs-field", error.is_some().then_some("pfs-has-error"))}>
                if let Some(msg) = &error { <p class="pfs-error" id={error_id.clone()}><span class="pfs-visually-hidden">{s.error_prefix}{" "}</span>{msg}</p> }
                <div class="pfs-option">
                    <input {id} type="checkbox" {checked} {onchange} ref={node} aria-invalid={error.is_some().then_some("true")}
                        aria-describedby={error.is_some().then_some(error_id).or(hint.map(|_| format!("{id}-hint")))} />
                    <label for={id}>{label}</label>
                </div>
                if let Some(h) = hint { <p class="pfs-hint" id={format!("{id}-hint")}>{h}</p> }
            </div>
        }
    };
    let preferred = {
        let fields = fields.clone();
        Preferred::ALL.into_iter().map(move |p| {
            let checked = fields.preferred == Some(p);
            let fields = fields.clone();
            let id = format!("pfs-preferred-{}", p.id());
            let onchange = Callback::from(move |_| fields.set(ContactFields { preferred: Some(p), ..(*fields).clone() }));
            html! { <div class="pfs-option"><input type="radio" name="pfs-preferred" id={id.clone()} {checked} {onchange} /><label for={id}>{preferred_label(s, p)}</label></div> }
        })
    };
    let preview_files: Vec<(String, String)> = FILE_FIELDS
        .iter()
        .zip(files.iter())
        .filter_map(|((f, _), file)| {
            let label = if *f == Field::CardFront { s.card_front } else { s.card_back };
            Some((label.to_string(), file.as_ref()?.name()))
        })
        .collect();
    let preview_answers = fields.include_answers.then(|| answers(&props.config, &props.session, &settings.locale));

    html! {
        <form class="pfs-form" {onsubmit} novalidate=true aria-busy={busy.then_some("true")}>
            <h3>{s.form_title}</h3>
            <p>{s.form_intro}</p>
            if !problems.is_empty() {
                <div class="pfs-error-summary" tabindex="-1" ref={summary} role="alert">
                    <h4>{s.error_summary}</h4>
                    <ul>
                        {for problems.iter().map(|(field, m)| match field {
                            Some(field) => {
                                let target = node(*field);
                                let onclick = Callback::from(move |e: MouseEvent| {
                                    e.prevent_default();
                                    if let Some(el) = target.cast::<HtmlElement>() { let _ = el.focus(); }
                                });
                                html! { <li><a href={format!("#{}", field.id())} {onclick}>{m}</a></li> }
                            }
                            None => html! { <li>{m}</li> },
                        })}
                    </ul>
                </div>
            }
            {text(Field::Name, s.name.into(), None, Some("name"), fields.name.clone(), |f, v| f.name = v)}
            <p class="pfs-hint">{s.contact_hint}</p>
            {text(Field::Phone, s.phone.into(), Some("tel"), Some("tel"), fields.phone.clone(), |f, v| f.phone = v)}
            {text(Field::Email, s.email.into(), Some("email"), Some("email"), fields.email.clone(), |f, v| f.email = v)}
            <fieldset class="pfs-fieldset pfs-field">
                <legend class="pfs-legend-small">{s.preferred_label}</legend>
                <div class="pfs-options pfs-inline">{for preferred}</div>
            </fieldset>
            {text(Field::BestTime, optional(s.best_time), None, None, fields.best_time.clone(), |f, v| f.best_time = v)}
            {text(Field::Who, optional(s.who_for), None, None, fields.who.clone(), |f, v| f.who = v)}
            {text(Field::Insurance, optional(s.insurance), None, None, fields.insurance.clone(), |f, v| f.insurance = v)}
            {file_field(0, Field::CardFront, s.card_front)}
            {file_field(1, Field::CardBack, s.card_back)}
            <TextField field={Field::Message} label={optional(s.message)} multiline=true value={fields.message.clone()} error={error_for(Field::Message)} strings={s} node={node(Field::Message)} on_input={setter(|f, v| f.message = v)} />
            {check(consent_text.clone(), Field::Consent.id(), fields.consent, error_for(Field::Consent), None, node(Field::Consent), |f, v| f.consent = v)}
            {check(s.include_answers.into(), "pfs-include-answers", fields.include_answers, None, Some(s.include_answers_hint), NodeRef::default(), |f, v| f.include_answers = v)}
            <LeadPreview strings={s} fields={(*fields).clone()} files={preview_files} consent_text={consent_text.clone()} answers={preview_answers} />
            if let Status::Failed(msg) = &*status {
                <div class="pfs-error-summary" role="alert">
                    <p>{*msg}</p>
                    <CallButton settings={settings.clone()} />
                </div>
            }
            if let Status::Sending(Some(percent)) = &*status {
                <label class="pfs-progress-label">
                    {fill(s.uploading, &[("percent", &percent.to_string())])}
                    <progress max="100" value={percent.to_string()}></progress>
                </label>
            }
            <p class="pfs-visually-hidden" role="status">{if *status == Status::Retrying { s.retrying } else { "" }}</p>
            <button type="submit" class="pfs-button pfs-primary" disabled={busy}>
                {match &*status { Status::Sending(_) => s.sending, Status::Retrying => s.retrying, Status::Failed(_) => s.retry, _ => s.send }}
            </button>
        </form>
    }
}
