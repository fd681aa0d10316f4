//! The one service the contact form asks to deliver a lead: it builds the
//! lead (`core::lead`), names one content with one `submission_id`, sends
//! it under the receiver contract (`core::delivery` over `submit`), tells
//! the host page when it was delivered, and ends with a typed `Outcome`.
//! Invariant: a retry of unchanged fields sends the very same body under
//! the same id; any change gets a new id. It knows nothing of the
//! components or of the words the visitor reads (the form chooses them
//! from the outcome when it renders, in the language shown then).

use crate::core::contact::{ContactFields, Field};
use crate::core::delivery::{self, Attempt, Next};
use crate::core::lead::{lead_json, percent, server_errors, Attachment, Failure, LeadMeta};
use crate::core::model::Questionnaire;
use crate::core::session::Session;
use crate::web::events::{Host, HostEvent};
use crate::web::submit;
use crate::web::visit::attribution;
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::File;

/// What a lead carries besides the typed fields, and where it goes.
#[derive(Debug)]
pub struct Lead {
    pub url: String,
    pub timeout_ms: u32,
    pub locale: String,
    /// The element: where the visit came from, and who hears of delivery.
    pub host: Host,
    pub consent_text: String,
    pub config: Rc<Questionnaire>,
    pub session: Session,
}

/// What the visitor filled in: the typed fields and the picked files (in
/// the order of `Field::FILES`).
#[derive(Debug, Clone, PartialEq)]
pub struct Filled {
    pub fields: ContactFields,
    pub files: [Option<File>; 2],
}

/// Where a delivery is while it runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// Sending; with the upload's whole percent once files are being sent.
    Sending(Option<u32>),
    /// Waiting before the next automatic try.
    Retrying,
}

/// Why a lead was not delivered, when the visitor cannot fix it in the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unsent {
    /// The receiver may have it but did not confirm it.
    Unconfirmed,
    /// No answer at all (offline, refused, blocked).
    Network,
    /// No answer in time.
    Timeout,
    /// An answer that is not an acknowledgement.
    Refused,
}

/// How a delivery ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Acknowledged: the typed fields may be dropped.
    Delivered,
    /// The receiver found problems the visitor can fix (a 4xx but 429): its
    /// own messages, each with the field it names if any; none if it gave
    /// none.
    Problems(Vec<(Option<Field>, String)>),
    Unsent(Unsent),
}

/// A lead as it was sent: what the visitor had filled in, and the id and
/// body it went under (the body holds the consent time, so it is kept).
#[derive(Debug)]
struct Sent {
    filled: Filled,
    id: String,
    body: String,
}

/// Delivers one form's leads, remembering the last content sent until it
/// is delivered.
#[derive(Debug, Default)]
pub struct Courier {
    last: RefCell<Option<Sent>>,
}

impl Courier {
    /// Delivers `filled` with `lead`: `progress` hears of each stage,
    /// `done` of the end (after `Progress` no more).
    pub fn deliver(self: &Rc<Self>, filled: Filled, lead: &Lead, progress: Rc<dyn Fn(Progress)>, done: impl FnOnce(Outcome) + 'static) {
        let attached: Vec<(&'static str, File)> =
            Field::FILES.iter().zip(filled.files.iter()).filter_map(|(field, f)| Some((field.name(), f.clone()?))).collect();
        let again = self.last.borrow().as_ref().filter(|p| p.filled == filled).map(|p| (p.id.clone(), p.body.clone()));
        let (id, body) = again.unwrap_or_else(|| {
            let id = submit::new_submission_id();
            let body = body(lead, &filled.fields, &attached, &id);
            (id, body)
        });
        *self.last.borrow_mut() = Some(Sent { filled, id: id.clone(), body: body.clone() });
        let (courier, url, timeout, host) = (self.clone(), lead.url.clone(), lead.timeout_ms, lead.host.clone());
        progress(Progress::Sending(None));
        wasm_bindgen_futures::spawn_local(async move {
            let has_files = !attached.is_empty();
            let on_progress: Rc<dyn Fn(f64)> = {
                let progress = progress.clone();
                Rc::new(move |f| {
                    if has_files {
                        progress(Progress::Sending(Some(percent(f))))
                    }
                })
            };
            // The lead, or the probe that asks whether the receiver has it,
            // until `delivery::next` says how it ended. (A loop here, not an
            // async helper: a second future would cost 0.6 KB of wasm.)
            let (mut request, mut retry) = (Attempt::Send, 0);
            let end = loop {
                let reply = match request {
                    Attempt::Send => submit::send(&url, &body, &attached, timeout, on_progress.clone()).await,
                    Attempt::Probe { .. } => submit::probe(&url, &id, timeout).await,
                };
                match delivery::next(request, &reply, &id, retry) {
                    Next::Again(wait, then) => {
                        progress(Progress::Retrying);
                        submit::sleep(wait).await;
                        (request, retry) = (then, retry + 1);
                        progress(Progress::Sending(None));
                    }
                    end => break end,
                }
            };
            done(match end {
                Next::Delivered => {
                    host.emit(HostEvent::Submit);
                    *courier.last.borrow_mut() = None;
                    Outcome::Delivered
                }
                Next::Failed(Failure::Status(code, body)) if (400..500).contains(&code) && code != 429 => {
                    Outcome::Problems(server_errors(&body).into_iter().map(|(f, m)| (f.as_deref().and_then(Field::from_name), m)).collect())
                }
                Next::Unconfirmed => Outcome::Unsent(Unsent::Unconfirmed),
                Next::Failed(Failure::Network) => Outcome::Unsent(Unsent::Network),
                Next::Failed(Failure::Timeout) => Outcome::Unsent(Unsent::Timeout),
                Next::Failed(Failure::Status(..)) | Next::Again(..) => Outcome::Unsent(Unsent::Refused),
            });
        });
    }
}

/// The lead's JSON for `fields` and its files, sent under `id` now.
fn body(lead: &Lead, fields: &ContactFields, attached: &[(&'static str, File)], id: &str) -> String {
    let files: Vec<Attachment> =
        attached.iter().map(|(field, f)| Attachment { field, name: f.name(), mime: f.type_(), size: f.size() as u64 }).collect();
    let (time, page) = (submit::now_iso(), submit::page_url());
    let attribution = attribution(&lead.host.element);
    let meta = LeadMeta {
        submission_id: id,
        locale: &lead.locale,
        page: &page,
        consent_text: &lead.consent_text,
        consent_time: &time,
        attribution: &attribution,
    };
    lead_json(fields, &files, &meta, Some((&lead.config, &lead.session))).to_string()
}
