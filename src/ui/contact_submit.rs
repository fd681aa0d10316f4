//! What the contact form's Send does: checks the fields, builds the lead,
//! delivers it with retries (`web::submit`), then shows how it went: sent
//! (and the typed fields dropped), the server's own problems beside the
//! fields, or a failure with retry and the phone number.

use crate::core::contact::{validate, ContactFields, Field, Problem};
use crate::core::i18n::Strings;
use crate::core::lead::{lead_json, percent, retry_delay_ms, server_errors, Attachment, Failure, LeadMeta};
use crate::core::model::Questionnaire;
use crate::core::session::Session;
use crate::ui::app::Settings;
use crate::web::events::HostEvent;
use crate::web::submit;
use std::rc::Rc;
use web_sys::File;
use yew::prelude::*;

/// Where the form is in sending.
#[derive(Debug, Clone, PartialEq)]
pub enum Status {
    Editing,
    /// Sending; with the upload's whole percent once files are being sent.
    Sending(Option<u32>),
    Retrying,
    Failed(&'static str),
    Sent,
}

/// The file fields, with the names their files are sent under.
pub const FILE_FIELDS: [(Field, &str); 2] = [(Field::CardFront, "card_front"), (Field::CardBack, "card_back")];

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

/// The form's state that Send reads and writes.
#[derive(Clone)]
pub struct FormState {
    pub fields: UseStateHandle<ContactFields>,
    pub files: UseStateHandle<[Option<File>; 2]>,
    pub problems: UseStateHandle<Vec<(Option<Field>, String)>>,
    pub status: UseStateHandle<Status>,
    /// Sends that found problems, so the error summary takes focus after each.
    pub attempts: UseStateHandle<u32>,
}

/// What the lead carries besides the typed fields, and where it goes.
pub struct Lead {
    pub settings: Rc<Settings>,
    pub config: Rc<Questionnaire>,
    pub session: Session,
    pub consent_text: String,
    pub submission_id: String,
    pub url: String,
}

pub fn on_submit(state: FormState, lead: Rc<Lead>) -> Callback<SubmitEvent> {
    Callback::from(move |e: SubmitEvent| {
        e.prevent_default();
        let FormState { fields, files, problems, status, attempts } = state.clone();
        if matches!(*status, Status::Sending(_) | Status::Retrying) {
            return; // a double click never sends twice
        }
        let settings = lead.settings.clone();
        let found: Vec<(Option<Field>, String)> =
            validate(&fields).into_iter().map(|(f, p)| (Some(f), message(settings.strings(), p).to_string())).collect();
        // Files were checked as they were picked; a refused one is never kept.
        problems.set(found.clone());
        let attempt = *attempts + 1;
        if !found.is_empty() {
            attempts.set(attempt);
            return;
        }
        let attached: Vec<(&'static str, File)> =
            FILE_FIELDS.iter().zip(files.iter()).filter_map(|((_, name), f)| Some((*name, f.clone()?))).collect();
        let meta_files: Vec<Attachment> =
            attached.iter().map(|(field, f)| Attachment { field, name: f.name(), mime: f.type_(), size: f.size() as u64 }).collect();
        let (time, page) = (submit::now_iso(), submit::page_url());
        let meta = LeadMeta {
            submission_id: &lead.submission_id,
            locale: &settings.locale,
            page: &page,
            consent_text: &lead.consent_text,
            consent_time: &time,
        };
        let body = lead_json(&fields, &meta_files, &meta, Some((&lead.config, &lead.session))).to_string();
        let url = lead.url.clone();
        status.set(Status::Sending(None));
        wasm_bindgen_futures::spawn_local(async move {
            let progress_status = status.clone();
            let has_files = !attached.is_empty();
            let on_progress: Rc<dyn Fn(f64)> = Rc::new(move |f| {
                if has_files {
                    progress_status.set(Status::Sending(Some(percent(f))))
                }
            });
            // Transient failures (network, timeout, 5xx, 429) are retried
            // after the delays of `retry_delay_ms`. (A loop here, not an async
            // helper: a second future would cost 0.6 KB of wasm.)
            let mut retry = 0;
            let failure = loop {
                match submit::send(&url, &body, &attached, settings.timeout_ms, on_progress.clone()).await {
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
}
