//! The endpoint test: the clearly marked test lead it sends, and what the
//! receiver's answer means in plain words, under the receiver contract
//! (docs/inbox.md, "The receiver contract"). The meaning of a reply is the
//! widget's own (`core::delivery::next`); this adds what a marketer should
//! change. Pure, tested natively; the request itself is `web`'s.

use program_fit_screener::core::contact::ContactFields;
use program_fit_screener::core::delivery::{self, Attempt, Next, Reply};
use program_fit_screener::core::json::Value;
use program_fit_screener::core::lead::{self, server_errors, Failure, LeadMeta, MAX_RETRIES};

/// Every test lead's name, so staff see at once what it is.
pub const TEST_NAME: &str = "TEST LEAD from the configurator";

/// What the browser saw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Observed {
    /// An answer the page may read (CORS allowed it).
    Answer { status: u16, body: String, retry_after: Option<u32> },
    /// The receiver answered with a redirect (`redirect: "manual"`).
    Redirected,
    /// No answer within the timeout (seconds).
    TimedOut(u32),
    /// No readable answer; `reachable`: a second request without CORS
    /// (`mode: "no-cors"`, the probe) got an answer, so the server is there
    /// and it is CORS that hides its answers from this page.
    Hidden { reachable: bool },
}

/// What happened, as the marketer needs to hear it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// Reached and acknowledged: the widget would say "sent".
    Acknowledged,
    /// A 2xx without the acknowledgement JSON naming the test's id.
    NoAcknowledgement(u16),
    /// 422 with the problems the receiver named.
    Refused(Vec<String>),
    /// 503 or 429: the receiver is busy; the widget would wait and retry.
    Busy(u16, Option<u32>),
    /// Another status.
    WrongStatus(u16),
    Redirected,
    TimedOut(u32),
    /// Blocked by CORS: the answer carried no `Access-Control-Allow-Origin`
    /// for this page's origin.
    Cors,
    /// Nothing answered at that address.
    Unreachable,
}

/// What the browser saw for the test lead `id`.
pub fn finding(seen: &Observed, id: &str) -> Finding {
    let reply = match seen {
        Observed::Redirected => return Finding::Redirected,
        Observed::TimedOut(s) => return Finding::TimedOut(*s),
        Observed::Hidden { reachable: true } => return Finding::Cors,
        Observed::Hidden { reachable: false } => return Finding::Unreachable,
        Observed::Answer { status, body, retry_after } => {
            Reply::Answer { status: *status, body: body.clone(), redirected: false, retry_after: *retry_after }
        }
    };
    let Reply::Answer { status, body, retry_after, .. } = &reply else { unreachable!("an answer was built above") };
    // The widget's own reading of the answer, as if it had retried already.
    match delivery::next(Attempt::Send, &reply, id, MAX_RETRIES) {
        Next::Delivered => Finding::Acknowledged,
        _ if (200..300).contains(status) => Finding::NoAcknowledgement(*status),
        _ if matches!(status, 429 | 503) => Finding::Busy(*status, *retry_after),
        Next::Failed(Failure::Status(422, _)) => Finding::Refused(server_errors(body).into_iter().map(|(_, m)| m).collect()),
        _ => Finding::WrongStatus(*status),
    }
}

/// A headline and what to do, in plain words; `origin` is this page's
/// origin (the one the receiver saw). The headline starts with "Works:"
/// only when the widget would deliver leads there.
pub fn words(f: &Finding, origin: &str) -> (String, String) {
    let ack = r#"{"submission_id":"<the id sent>","status":"stored"}"#;
    match f {
        Finding::Acknowledged => (
            "Works: your receiver got the test lead and acknowledged it.".into(),
            format!("It answered 200 with the acknowledgement, as the widget needs. The test lead is named \"{TEST_NAME}\"; you can delete it. Your site's own origin must be allowed as {origin} was."),
        ),
        Finding::NoAcknowledgement(s) => (
            format!("Not yet: your receiver answered {s}, but not with the acknowledgement."),
            format!("The widget counts a lead as sent only when the answer is JSON naming its id: {ack}. Without it, visitors are told their details may not have arrived."),
        ),
        Finding::Refused(problems) if problems.is_empty() => (
            "Not yet: your receiver refused the test lead (422).".into(),
            "It named no problem the widget could show. Answer 422 with {\"errors\":{\"field\":\"message\"}}.".into(),
        ),
        Finding::Refused(problems) => (
            "Not yet: your receiver refused the test lead (422).".into(),
            format!("It said: {}. A real visitor would see these messages.", problems.join("; ")),
        ),
        Finding::Busy(s, wait) => (
            format!("Not yet: your receiver is busy ({s})."),
            match wait {
                Some(w) => format!("It asked to retry after {w} s; the widget waits (at most 30 s) and retries. Try again later."),
                None => "It gave no Retry-After; the widget retries after 1, 2 and 4 s. Try again later.".into(),
            },
        ),
        Finding::WrongStatus(s) => (
            format!("Not yet: your receiver answered with status {s}."),
            format!("It must answer 200 with {ack} once the lead is stored."),
        ),
        Finding::Redirected => (
            "Not yet: your receiver answered with a redirect.".into(),
            format!("Form plugins often redirect to a thank-you page; the widget needs a 200 with {ack}, without redirects."),
        ),
        Finding::TimedOut(s) => (
            format!("Not yet: no answer within {s} s."),
            "The widget would give up at the same point (the submit timeout). Check that the receiver answers quickly, or raise the timeout.".into(),
        ),
        Finding::Cors => (
            "Blocked by CORS: your receiver answered, but the browser hid its answer from this page.".into(),
            format!("Add to every answer (and to the OPTIONS preflight): Access-Control-Allow-Origin: {origin} and Vary: Origin, and the same for your site's origin. Without them visitors' browsers cannot see that their lead arrived. The test lead may have been stored."),
        ),
        Finding::Unreachable => (
            "Not reached: nothing answered at that address.".into(),
            "Check the address, that the receiver is running, and that it serves https.".into(),
        ),
    }
}

/// The test lead's JSON: the widget's own lead format, named and worded as
/// a test, with `"test": true` (receivers keep unknown keys).
pub fn test_lead(id: &str, page: &str, time: &str) -> String {
    let fields = ContactFields {
        name: TEST_NAME.into(),
        phone: "+1 555 555 0100".into(),
        message: "A test sent by the program-fit-screener configurator to check this endpoint. No visitor sent it; delete it.".into(),
        consent: true,
        ..ContactFields::default()
    };
    let meta = LeadMeta {
        submission_id: id,
        locale: "en",
        page,
        consent_text: "Test lead: no visitor gave consent.",
        consent_time: time,
        attribution: &[],
    };
    let mut json = lead::lead_json(&fields, &[], &meta, None);
    if let Value::Object(map) = &mut json {
        map.insert("test", Value::Bool(true));
    }
    json.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(status: u16, body: &str) -> Observed {
        Observed::Answer { status, body: body.into(), retry_after: None }
    }

    #[test]
    fn each_answer_gets_its_finding() {
        let id = "test-1";
        assert_eq!(finding(&answer(200, r#"{"submission_id":"test-1","status":"stored"}"#), id), Finding::Acknowledged);
        assert_eq!(finding(&answer(200, r#"{"submission_id":"other"}"#), id), Finding::NoAcknowledgement(200));
        assert_eq!(finding(&answer(204, ""), id), Finding::NoAcknowledgement(204));
        assert_eq!(
            finding(&answer(422, r#"{"errors":{"phone":"Phone is required"}}"#), id),
            Finding::Refused(vec!["Phone is required".into()])
        );
        assert_eq!(finding(&Observed::Answer { status: 503, body: String::new(), retry_after: Some(5) }, id), Finding::Busy(503, Some(5)));
        assert_eq!(finding(&answer(500, "oops"), id), Finding::WrongStatus(500));
        assert_eq!(finding(&answer(404, ""), id), Finding::WrongStatus(404));
        assert_eq!(finding(&Observed::Redirected, id), Finding::Redirected);
        assert_eq!(finding(&Observed::TimedOut(30), id), Finding::TimedOut(30));
        assert_eq!(finding(&Observed::Hidden { reachable: true }, id), Finding::Cors);
        assert_eq!(finding(&Observed::Hidden { reachable: false }, id), Finding::Unreachable);
    }

    #[test]
    fn only_an_acknowledged_lead_reads_as_working_and_cors_names_the_header() {
        let all = [
            Finding::Acknowledged,
            Finding::NoAcknowledgement(200),
            Finding::Refused(vec![]),
            Finding::Refused(vec!["x".into()]),
            Finding::Busy(503, None),
            Finding::WrongStatus(500),
            Finding::Redirected,
            Finding::TimedOut(3),
            Finding::Cors,
            Finding::Unreachable,
        ];
        for f in &all {
            let (head, _) = words(f, "https://site.example");
            assert_eq!(head.starts_with("Works:"), *f == Finding::Acknowledged, "{head}");
        }
        let (_, what) = words(&Finding::Cors, "https://site.example");
        assert!(what.contains("Access-Control-Allow-Origin: https://site.example"), "{what}");
    }

    #[test]
    fn the_test_lead_is_the_widgets_format_and_marked() {
        let json = test_lead("test-9", "https://site.example/configure/", "2026-12-03T10:00:00Z");
        let v = program_fit_screener::core::json::parse(&json).expect("JSON");
        assert_eq!(v.get("submission_id").and_then(Value::as_str), Some("test-9"));
        assert_eq!(v.get("test").and_then(Value::as_bool), Some(true));
        let contact = v.get("contact").expect("contact");
        assert_eq!(contact.get("name").and_then(Value::as_str), Some(TEST_NAME));
        assert_eq!(contact.get("phone").and_then(Value::as_str), Some("+15555550100"));
        assert!(v.get("consent").and_then(Value::as_object).is_some(), "receivers require consent");
        assert!(v.get("screening").is_none(), "no answers: there is no visitor");
    }
}
