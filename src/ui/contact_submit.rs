//! What the contact form's Send does and what it says: checks the fields,
//! asks `web::deliver` to deliver the lead, and keeps the answer typed
//! (`Status`, `Says`), so the words are chosen when the form renders, in
//! the language it shows then: delivered (and the typed fields dropped),
//! the problems beside the fields, not confirmed (please call), or failed
//! (retry, or call).

use crate::core::contact::{validate, ContactFields, Field, Problem};
use crate::core::i18n::Form;
use crate::web::deliver::{Courier, Filled, Lead, Outcome, Progress, Unsent};
use std::rc::Rc;
use yew::prelude::*;

/// Where the form is in sending.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Status {
    Editing,
    Busy(Progress),
    Failed(Unsent),
    Sent,
}

/// A problem the form shows: one it found, the receiver's own words, or
/// that the receiver refused the lead without saying why.
#[derive(Debug, Clone, PartialEq)]
pub enum Says {
    Problem(Problem),
    Server(String),
    SendFailed,
}

impl Says {
    /// The words, in the form's language now (the receiver's in its own).
    pub fn text<'a>(&'a self, t: &'static Form) -> &'a str {
        match self {
            Says::Problem(p) => message(t, *p),
            Says::Server(m) => m,
            Says::SendFailed => t.send_failed,
        }
    }
}

/// The problems shown, each with the field it belongs to, if any.
pub type Problems = Vec<(Option<Field>, Says)>;

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

/// Why the lead was not sent, in words.
pub fn unsent(t: &Form, why: Unsent) -> &'static str {
    match why {
        Unsent::Unconfirmed => t.send_unconfirmed,
        Unsent::Network => t.failed_network,
        Unsent::Timeout => t.failed_timeout,
        Unsent::Refused => t.send_failed,
    }
}

/// The form's state that Send reads and writes.
#[derive(Clone)]
pub struct FormState {
    pub filled: UseStateHandle<Filled>,
    pub problems: UseStateHandle<Problems>,
    pub status: UseStateHandle<Status>,
    /// Sends that found problems, so the error summary takes focus after each.
    pub attempts: UseStateHandle<u32>,
    pub courier: Rc<Courier>,
}

pub fn on_submit(state: FormState, lead: Rc<Lead>) -> Callback<SubmitEvent> {
    Callback::from(move |e: SubmitEvent| {
        e.prevent_default();
        let FormState { filled, problems, status, attempts, courier } = state.clone();
        if matches!(*status, Status::Busy(_)) {
            return; // a double click never sends twice
        }
        // Files were checked as they were picked; a refused one is never kept.
        let found: Problems = validate(&filled.fields).into_iter().map(|(f, p)| (Some(f), Says::Problem(p))).collect();
        let attempt = *attempts + 1;
        let none = found.is_empty();
        problems.set(found);
        if !none {
            attempts.set(attempt);
            return;
        }
        let progress: Rc<dyn Fn(Progress)> = {
            let status = status.clone();
            Rc::new(move |p| status.set(Status::Busy(p)))
        };
        courier.deliver((*filled).clone(), &lead, progress, move |outcome| match outcome {
            Outcome::Delivered => {
                filled.set(Filled { fields: ContactFields::default(), files: [None, None] });
                status.set(Status::Sent);
            }
            Outcome::Problems(reported) => {
                let mut shown: Problems = reported.into_iter().map(|(f, m)| (f, Says::Server(m))).collect();
                if shown.is_empty() {
                    shown.push((None, Says::SendFailed));
                }
                problems.set(shown);
                attempts.set(attempt);
                status.set(Status::Editing);
            }
            Outcome::Unsent(why) => status.set(Status::Failed(why)),
        });
    })
}
