//! The lead a visitor sends: its JSON (the `lead` part of the multipart
//! body) and what a failure is (what each answer means is `delivery`). Pure, tested natively. Invariant: screening
//! answers and the outcome are in the lead only when the visitor opted in.

use super::contact::{normalize_phone, ContactFields};
use super::json::{self, object, Value};
use super::model::Questionnaire;
use super::outcome::evaluate;
use super::session::Session;

/// A file attached to the lead (sent as its own part, never inside the JSON).
#[derive(Debug, Clone, PartialEq)]
pub struct Attachment {
    /// The multipart part name: `card_front` or `card_back`.
    pub field: &'static str,
    pub name: String,
    pub mime: String,
    /// Bytes.
    pub size: u64,
}

/// Everything the lead carries besides the typed fields.
#[derive(Debug, Clone)]
pub struct LeadMeta<'a> {
    pub submission_id: &'a str,
    pub locale: &'a str,
    /// The page address without query string or fragment.
    pub page: &'a str,
    /// The exact consent sentence shown, and when it was given (ISO 8601).
    pub consent_text: &'a str,
    pub consent_time: &'a str,
    /// Where the visit came from (`attribution`); empty, none is sent.
    pub attribution: &'a [(&'static str, String)],
}

/// The attribution a lead may carry, in the order it is sent: the
/// parameters marketers put on their links (Google Analytics' UTM
/// parameters; Google Ads', Microsoft Ads' and Meta's click ids), then the
/// page the visit landed on (origin and path) and the referrer's origin.
pub const ATTRIBUTION_KEYS: [&str; 12] = [
    "utm_source",
    "utm_medium",
    "utm_campaign",
    "utm_term",
    "utm_content",
    "gclid",
    "gbraid",
    "wbraid",
    "msclkid",
    "fbclid",
    "landing_page",
    "referrer",
];

/// The longest value kept, in characters (a click id is about 100).
pub const ATTRIBUTION_MAX: usize = 200;

/// The attribution in the loader's `key=value` lines (the page's address
/// at load, then the host page's own `attribution` attribute): only the
/// known keys, in their order; for each the last value given (so the host
/// page's win), without control characters, trimmed, at most
/// `ATTRIBUTION_MAX` characters. Anything else the lines hold is dropped.
pub fn attribution(lines: &str) -> Vec<(&'static str, String)> {
    ATTRIBUTION_KEYS
        .iter()
        .filter_map(|&key| {
            let given = lines.lines().filter_map(|l| l.split_once('=')).filter(|(k, _)| *k == key);
            let plain = |v: &str| v.chars().filter(|c| !c.is_control()).collect::<String>().trim().chars().take(ATTRIBUTION_MAX).collect();
            let value: String = given.map(|(_, v)| plain(v)).rfind(|v: &String| !v.is_empty())?;
            Some((key, value))
        })
        .collect()
}

/// One answered question, in the visitor's language, for the team.
pub fn answers(q: &Questionnaire, session: &Session, locale: &str) -> Vec<(String, Vec<String>)> {
    session
        .visible(q)
        .into_iter()
        .filter_map(|i| {
            let question = &q.questions[i];
            let chosen = session.answers.get(i)?;
            let labels = chosen.iter().filter_map(|&o| question.options.get(o)).map(|o| o.label.get(locale).to_string()).collect();
            Some((question.text.get(locale).to_string(), labels))
        })
        .collect()
}

/// The `lead` JSON. `screening` is the questionnaire and session, used only
/// when `fields.include_answers` is set.
pub fn lead_json(fields: &ContactFields, files: &[Attachment], meta: &LeadMeta, screening: Option<(&Questionnaire, &Session)>) -> Value {
    let trimmed = |s: &str| Value::from(s.trim());
    let mut lead = object([
        ("submission_id", meta.submission_id.into()),
        ("locale", meta.locale.into()),
        ("page", meta.page.into()),
        (
            "contact",
            object([
                ("name", trimmed(&fields.name)),
                ("phone", normalize_phone(&fields.phone).unwrap_or_default().into()),
                ("email", trimmed(&fields.email)),
                ("preferred", fields.preferred.map(|p| p.id()).into()),
                ("best_time", trimmed(&fields.best_time)),
                ("who", trimmed(&fields.who)),
                ("insurance", trimmed(&fields.insurance)),
                ("message", trimmed(&fields.message)),
            ]),
        ),
        (
            "consent",
            if fields.consent { object([("text", meta.consent_text.into()), ("time", meta.consent_time.into())]) } else { Value::Null },
        ),
        (
            "files",
            Value::Array(
                files
                    .iter()
                    .map(|f| {
                        object([
                            ("field", f.field.into()),
                            ("name", f.name.as_str().into()),
                            ("type", f.mime.as_str().into()),
                            ("size", f.size.into()),
                        ])
                    })
                    .collect(),
            ),
        ),
    ]);
    if let (false, Value::Object(map)) = (meta.attribution.is_empty(), &mut lead) {
        map.insert("attribution", Value::Object(meta.attribution.iter().map(|(k, v)| (*k, v.as_str().into())).collect()));
    }
    if let (true, Some((q, session)), Value::Object(map)) = (fields.include_answers, screening, &mut lead) {
        let eval = evaluate(q, session);
        let outcome = &q.outcomes[eval.outcome];
        map.insert("config_version", u64::from(q.version).into());
        let answers = answers(q, session, meta.locale)
            .into_iter()
            .map(|(question, answer)| object([("question", question.into()), ("answer", answer.into())]));
        map.insert(
            "screening",
            object([
                ("outcome", object([("id", outcome.id.as_ref().into()), ("title", outcome.title.get(meta.locale).into())])),
                ("answers", Value::Array(answers.collect())),
            ]),
        );
    }
    lead
}

/// An upload's progress (a fraction from the browser) as a whole percent,
/// 0 to 100, without float formatting (which would grow the wasm).
pub fn percent(fraction: f64) -> u32 {
    // `as` saturates and maps NaN to 0.
    (fraction.clamp(0.0, 1.0) * 100.0 + 0.5) as u32
}

/// Why a delivery attempt failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// No answer at all: offline, refused, blocked.
    Network,
    /// No answer within the timeout.
    Timeout,
    /// The server answered with this status and body.
    Status(u16, String),
}

/// How many automatic retries follow a first failed attempt.
pub const MAX_RETRIES: u32 = 3;

/// The problems a server reported as `{"errors": ...}`: a list of messages,
/// or an object of field name to message(s). `(field name, message)`.
pub fn server_errors(body: &str) -> Vec<(Option<String>, String)> {
    let Ok(v) = json::parse(body) else { return Vec::new() };
    let text = |v: &Value| match v {
        Value::String(s) => vec![s.clone()],
        Value::Array(a) => a.iter().filter_map(|m| m.as_str().map(String::from)).collect(),
        _ => Vec::new(),
    };
    match v.get("errors") {
        Some(Value::Object(map)) => map.iter().flat_map(|(k, m)| text(m).into_iter().map(move |t| (Some(k.clone()), t))).collect(),
        Some(other) => text(other).into_iter().map(|t| (None, t)).collect(),
        None => Vec::new(),
    }
}

#[cfg(test)]
mod tests;
