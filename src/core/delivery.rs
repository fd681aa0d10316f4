//! What each answer of a lead receiver means, and what the widget does next,
//! under the receiver contract (docs/embedding.md, "What a receiver must
//! do"). Pure, tested natively. Invariants: a lead counts as delivered only
//! on a 2xx answer that was not redirected and whose JSON body names the
//! lead's `submission_id`; a body that may have been wholly uploaded is
//! never sent again until the receiver has said (a probe's 404) that it does
//! not have it.

use super::json;
use super::lead::{Failure, MAX_RETRIES};

/// The request made: the lead itself, or the probe that asks the receiver
/// whether it has a `submission_id` (`GET submit-url?submission_id=`),
/// knowing that the whole body was uploaded once (`uploaded`), or not: a
/// connection that drops just after a small body may end before the
/// browser says the upload was complete.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attempt {
    Send,
    Probe { uploaded: bool },
}

/// What came back from one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// An answer the page may read: its status and body, whether it came
    /// from another URL than the one asked (a redirect was followed), and
    /// its `Retry-After` in seconds.
    Answer { status: u16, body: String, redirected: bool, retry_after: Option<u32> },
    /// No answer the page may read (offline, refused, blocked by CORS,
    /// timed out), and whether the whole body had been uploaded first.
    Lost { timeout: bool, uploaded: bool },
}

/// What to do after a reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Next {
    /// The receiver acknowledged the lead.
    Delivered,
    /// Wait this many milliseconds, then make this request.
    Again(u32, Attempt),
    /// The receiver may have the lead, but did not confirm it: the visitor
    /// is told so and asked to call.
    Unconfirmed,
    /// The lead was not delivered (a 4xx is the visitor's to fix).
    Failed(Failure),
}

/// The longest `Retry-After` the widget waits for, in seconds.
pub const MAX_RETRY_AFTER_S: u32 = 30;

/// Whether `body` is JSON naming `id` as its `submission_id` (the
/// receiver's acknowledgement, or a probe's "unknown").
pub fn names_id(body: &str, id: &str) -> bool {
    json::parse(body).ok().and_then(|v| v.get("submission_id")?.as_str().map(|s| s == id)).unwrap_or(false)
}

/// What to do after `reply` to `attempt` for the lead `id`, when `retry`
/// automatic retries were made already (back-off 1, 2, 4 s; at least a
/// 503's or 429's `Retry-After`, up to 30 s).
pub fn next(attempt: Attempt, reply: &Reply, id: &str, retry: u32) -> Next {
    let backoff = 1000u32 << retry.min(8);
    let again = |to: Attempt, wait: u32, give_up: Next| if retry < MAX_RETRIES { Next::Again(wait, to) } else { give_up };
    let (status, body, redirected, retry_after) = match reply {
        Reply::Answer { status, body, redirected, retry_after } => (*status, body, *redirected, *retry_after),
        Reply::Lost { timeout, uploaded } => {
            let lost = Next::Failed(if *timeout { Failure::Timeout } else { Failure::Network });
            return match attempt {
                // The receiver may have it: ask before sending it again.
                Attempt::Send => again(Attempt::Probe { uploaded: *uploaded }, backoff, if *uploaded { Next::Unconfirmed } else { lost }),
                Attempt::Probe { uploaded: true } => again(attempt, backoff, Next::Unconfirmed),
                // Neither the lead nor the probe got through: the receiver is
                // out of reach, and the body was not known to be there.
                Attempt::Probe { uploaded: false } => again(Attempt::Send, backoff, lost),
            };
        }
    };
    let transient = status >= 500 || status == 429;
    let wait = backoff.max(retry_after.unwrap_or(0).min(MAX_RETRY_AFTER_S) * 1000);
    match attempt {
        // Not the receiver's own answer (a login page, `/leads` to `/leads/`),
        // or a 2xx without the acknowledgement.
        _ if redirected => Next::Unconfirmed,
        _ if (200..300).contains(&status) => {
            if names_id(body, id) {
                Next::Delivered
            } else {
                Next::Unconfirmed
            }
        }
        Attempt::Probe { .. } if status == 404 && names_id(body, id) => again(Attempt::Send, 0, Next::Failed(Failure::Network)),
        Attempt::Probe { .. } if transient => again(attempt, wait, Next::Unconfirmed),
        Attempt::Probe { .. } => Next::Unconfirmed,
        Attempt::Send if transient => again(Attempt::Send, wait, Next::Failed(Failure::Status(status, body.clone()))),
        Attempt::Send => Next::Failed(Failure::Status(status, body.clone())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "7d3f";
    const SURE: Attempt = Attempt::Probe { uploaded: true };
    const UNSURE: Attempt = Attempt::Probe { uploaded: false };
    const ACK: &str = r#"{"submission_id":"7d3f","status":"stored"}"#;

    fn answer(status: u16, body: &str) -> Reply {
        Reply::Answer { status, body: body.into(), redirected: false, retry_after: None }
    }

    fn check(attempt: Attempt, reply: Reply, retry: u32, expect: Next) {
        assert_eq!(next(attempt, &reply, ID, retry), expect, "{attempt:?} {reply:?} after {retry} retries");
    }

    #[test]
    fn delivered_only_with_the_acknowledgement_of_this_id_and_no_redirect() {
        check(Attempt::Send, answer(200, ACK), 0, Next::Delivered);
        check(Attempt::Send, answer(201, ACK), 0, Next::Delivered);
        check(SURE, answer(200, ACK), 2, Next::Delivered);
        check(UNSURE, answer(200, ACK), 1, Next::Delivered);
        check(Attempt::Send, answer(200, r#"{"ok":true}"#), 0, Next::Unconfirmed);
        check(Attempt::Send, answer(200, r#"{"submission_id":"other"}"#), 0, Next::Unconfirmed);
        check(Attempt::Send, answer(200, "<html>Sign in</html>"), 0, Next::Unconfirmed);
        check(Attempt::Send, answer(204, ""), 0, Next::Unconfirmed);
        let redirected = Reply::Answer { status: 200, body: ACK.into(), redirected: true, retry_after: None };
        check(Attempt::Send, redirected, 0, Next::Unconfirmed);
    }

    #[test]
    fn a_lost_answer_is_probed_before_the_lead_is_sent_again() {
        check(Attempt::Send, Reply::Lost { timeout: true, uploaded: true }, 0, Next::Again(1000, SURE));
        check(Attempt::Send, Reply::Lost { timeout: false, uploaded: true }, 1, Next::Again(2000, SURE));
        check(Attempt::Send, Reply::Lost { timeout: false, uploaded: false }, 0, Next::Again(1000, UNSURE));
        check(SURE, Reply::Lost { timeout: false, uploaded: false }, 2, Next::Again(4000, SURE));
        check(SURE, Reply::Lost { timeout: true, uploaded: false }, 3, Next::Unconfirmed);
        check(SURE, answer(503, ""), 3, Next::Unconfirmed);
        check(SURE, answer(403, ""), 0, Next::Unconfirmed);
        // Only the receiver's own "unknown" means it does not have the lead.
        check(SURE, answer(404, r#"{"submission_id":"7d3f","status":"unknown"}"#), 1, Next::Again(0, Attempt::Send));
        check(UNSURE, answer(404, r#"{"submission_id":"7d3f","status":"unknown"}"#), 1, Next::Again(0, Attempt::Send));
        check(SURE, answer(404, "not found"), 1, Next::Unconfirmed);
    }

    #[test]
    fn out_of_reach_the_lead_is_sent_again_then_fails() {
        check(UNSURE, Reply::Lost { timeout: false, uploaded: false }, 1, Next::Again(2000, Attempt::Send));
        check(Attempt::Send, Reply::Lost { timeout: true, uploaded: false }, 3, Next::Failed(Failure::Timeout));
        check(UNSURE, Reply::Lost { timeout: false, uploaded: false }, 3, Next::Failed(Failure::Network));
        check(Attempt::Send, Reply::Lost { timeout: false, uploaded: true }, 3, Next::Unconfirmed);
    }

    #[test]
    fn server_errors_back_off_honouring_retry_after_up_to_30_s_and_4xx_are_not_retried() {
        check(Attempt::Send, answer(500, ""), 0, Next::Again(1000, Attempt::Send));
        check(Attempt::Send, answer(500, ""), 2, Next::Again(4000, Attempt::Send));
        check(Attempt::Send, answer(500, "x"), 3, Next::Failed(Failure::Status(500, "x".into())));
        let later = |s| Reply::Answer { status: 503, body: String::new(), redirected: false, retry_after: Some(s) };
        check(Attempt::Send, later(5), 0, Next::Again(5000, Attempt::Send));
        check(Attempt::Send, later(3600), 0, Next::Again(30_000, Attempt::Send));
        let busy = Reply::Answer { status: 429, body: String::new(), redirected: false, retry_after: Some(2) };
        check(Attempt::Send, busy, 2, Next::Again(4000, Attempt::Send));
        check(Attempt::Send, answer(422, "{}"), 0, Next::Failed(Failure::Status(422, "{}".into())));
        check(Attempt::Send, answer(413, ""), 0, Next::Failed(Failure::Status(413, String::new())));
    }
}
