//! What the contact form's Send does: checks the fields, builds the lead,
//! delivers it under the receiver contract (`core::delivery`, over
//! `web::submit`), then tells the visitor the truth: delivered (and the
//! typed fields dropped), the server's own problems beside the fields, not
//! confirmed (please call), or failed (retry, or call). Invariant: one
//! `submission_id` names one content: a retry of unchanged fields sends
//! the very same body under the same id, any change gets a new id.

use crate::core::contact::{validate, ContactFields, Field, Problem};
use crate::core::delivery::{self, Attempt, Next};
use crate::core::i18n::Form;
use crate::core::lead::{lead_json, percent, server_errors, Attachment, Failure, LeadMeta};
use crate::core::model::Questionnaire;
use crate::core::session::Session;
use crate::ui::settings::Settings;
use crate::web::events::HostEvent;
use crate::web::submit;
use crate::web::visit::attribution;
use std::cell::RefCell;
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

pub fn message(t: &Form, p: Problem) -> &'static str {
    match p {
        Problem::NameRequired => t.name_required,
        Problem::ContactRequired => t.contact_required,
        Problem::PhoneInvalid => t.phone_invalid,
        Problem::EmailInvalid => t.email_invalid,
        Problem::ConsentRequired => t.consent_required,
        Problem::PhoneNeeded => t.phone_needed,
        Problem::EmailNeeded => t.email_needed,
        Problem::FileType => t.file_type,
        Problem::FileTooBig => t.file_too_big,
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
    /// The last content sent, its id and its body.
    pub sent: Rc<RefCell<Option<Sent>>>,
}

/// A lead as it was sent: what the visitor had filled in, and the id and
/// body it went under (the body holds the consent time, so it is kept).
pub struct Sent {
    fields: ContactFields,
    files: [Option<File>; 2],
    id: String,
    body: String,
}

/// What the lead carries besides the typed fields, and where it goes.
pub struct Lead {
    pub settings: Rc<Settings>,
    pub config: Rc<Questionnaire>,
    pub session: Session,
    pub consent_text: String,
    pub url: String,
}

pub fn on_submit(state: FormState, lead: Rc<Lead>) -> Callback<SubmitEvent> {
    Callback::from(move |e: SubmitEvent| {
        e.prevent_default();
        let FormState { fields, files, problems, status, attempts, sent } = state.clone();
        if matches!(*status, Status::Sending(_) | Status::Retrying) {
            return; // a double click never sends twice
        }
        let settings = lead.settings.clone();
        let found: Vec<(Option<Field>, String)> =
            validate(&fields).into_iter().map(|(f, p)| (Some(f), message(settings.form(), p).to_string())).collect();
        // Files were checked as they were picked; a refused one is never kept.
        problems.set(found.clone());
        let attempt = *attempts + 1;
        if !found.is_empty() {
            attempts.set(attempt);
            return;
        }
        let attached: Vec<(&'static str, File)> =
            FILE_FIELDS.iter().zip(files.iter()).filter_map(|((_, name), f)| Some((*name, f.clone()?))).collect();
        let again = sent.borrow().as_ref().filter(|p| p.fields == *fields && p.files == *files).map(|p| (p.id.clone(), p.body.clone()));
        let (id, body) = again.unwrap_or_else(|| {
            let id = submit::new_submission_id();
            let meta_files: Vec<Attachment> =
                attached.iter().map(|(field, f)| Attachment { field, name: f.name(), mime: f.type_(), size: f.size() as u64 }).collect();
            let (time, page) = (submit::now_iso(), submit::page_url());
            let attribution = attribution(&settings.host.element);
            let meta = LeadMeta {
                submission_id: &id,
                locale: &settings.locale,
                page: &page,
                consent_text: &lead.consent_text,
                consent_time: &time,
                attribution: &attribution,
            };
            let body = lead_json(&fields, &meta_files, &meta, Some((&lead.config, &lead.session))).to_string();
            (id, body)
        });
        *sent.borrow_mut() = Some(Sent { fields: (*fields).clone(), files: (*files).clone(), id: id.clone(), body: body.clone() });
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
            // The lead, or the probe that asks whether the receiver has it,
            // until `delivery::next` says how it ended. (A loop here, not an
            // async helper: a second future would cost 0.6 KB of wasm.)
            let (mut request, mut retry) = (Attempt::Send, 0);
            let end = loop {
                let reply = match request {
                    Attempt::Send => submit::send(&url, &body, &attached, settings.timeout_ms, on_progress.clone()).await,
                    Attempt::Probe { .. } => submit::probe(&url, &id, settings.timeout_ms).await,
                };
                match delivery::next(request, &reply, &id, retry) {
                    Next::Again(wait, then) => {
                        status.set(Status::Retrying);
                        submit::sleep(wait).await;
                        (request, retry) = (then, retry + 1);
                        status.set(Status::Sending(None));
                    }
                    end => break end,
                }
            };
            let t = settings.form();
            match end {
                Next::Delivered => {
                    settings.host.emit(HostEvent::Submit);
                    *sent.borrow_mut() = None;
                    fields.set(ContactFields::default());
                    files.set([None, None]);
                    status.set(Status::Sent);
                }
                Next::Failed(Failure::Status(code, body)) if (400..500).contains(&code) && code != 429 => {
                    let mut reported: Vec<(Option<Field>, String)> =
                        server_errors(&body).into_iter().map(|(f, m)| (f.as_deref().and_then(Field::from_name), m)).collect();
                    if reported.is_empty() {
                        reported.push((None, t.send_failed.to_string()));
                    }
                    problems.set(reported);
                    attempts.set(attempt);
                    status.set(Status::Editing);
                }
                Next::Unconfirmed => status.set(Status::Failed(t.send_unconfirmed)),
                Next::Failed(Failure::Network) => status.set(Status::Failed(t.failed_network)),
                Next::Failed(Failure::Timeout) => status.set(Status::Failed(t.failed_timeout)),
                Next::Failed(Failure::Status(..)) | Next::Again(..) => status.set(Status::Failed(t.send_failed)),
            }
        });
    })
}
