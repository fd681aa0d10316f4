//! The `lead` JSON part: parsed once into a checked `Lead`, with the
//! widget's own contact rules (program_fit_screener::core::contact), and the
//! file types recognised by their first bytes. Invariant: the JSON is kept
//! as sent (unknown top-level keys such as `attribution` included); only
//! what the widget checks is refused, with the 422 body it understands.

use program_fit_screener::core::contact::{validate, ContactFields, Preferred, Problem};
use serde_json::{Map, Value};

/// A lead whose JSON passed the checks.
#[derive(Debug, Clone)]
pub struct Lead {
    pub submission_id: String,
    pub name: String,
    pub phone: String,
    pub email: String,
    /// The whole JSON as sent.
    pub json: Value,
}

/// What is wrong with a lead: `(field name or None, message)`.
pub type Problems = Vec<(Option<&'static str>, String)>;

/// The longest text accepted in one contact field.
const MAX_TEXT: usize = 5_000;

/// A submission id: 1 to 128 letters, digits, `-` or `_` (a UUID).
pub fn valid_submission_id(id: &str) -> bool {
    (1..=128).contains(&id.len()) && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

fn message(p: Problem) -> &'static str {
    match p {
        Problem::NameRequired => "Please enter your name.",
        Problem::ContactRequired => "Please enter a phone number or an email address.",
        Problem::PhoneInvalid => "Please enter a valid phone number.",
        Problem::EmailInvalid => "Please enter a valid email address.",
        Problem::ConsentRequired => "Please agree to be contacted.",
        Problem::PhoneNeeded => "Please enter a phone number to be called or texted.",
        Problem::EmailNeeded => "Please enter an email address to be emailed.",
        Problem::FileType => "Please choose a JPEG, PNG, HEIC or PDF file.",
        Problem::FileTooBig => "The file is larger than 32 MB.",
    }
}

/// The message for a file problem, for the 422/413 bodies.
pub fn file_message(p: Problem) -> &'static str {
    message(p)
}

/// Parses and checks the `lead` part.
pub fn parse(text: &[u8]) -> Result<Lead, Problems> {
    let general = |m: &str| vec![(None, m.to_string())];
    let json: Value = serde_json::from_slice(text).map_err(|_| general("The lead is not valid JSON."))?;
    let Value::Object(top) = &json else { return Err(general("The lead must be a JSON object.")) };
    let submission_id = top.get("submission_id").and_then(Value::as_str).unwrap_or_default().to_string();
    if !valid_submission_id(&submission_id) {
        return Err(general("The submission_id is missing or invalid."));
    }
    let empty = Map::new();
    let contact = top.get("contact").and_then(Value::as_object).unwrap_or(&empty);
    let mut problems: Problems = Vec::new();
    let text = |key: &'static str, problems: &mut Problems| -> String {
        match contact.get(key) {
            None | Some(Value::Null) => String::new(),
            Some(Value::String(s)) if s.chars().count() <= MAX_TEXT => s.clone(),
            Some(Value::String(_)) => {
                problems.push((Some(key), format!("Please keep this under {MAX_TEXT} characters.")));
                String::new()
            }
            Some(_) => {
                problems.push((Some(key), "This must be text.".to_string()));
                String::new()
            }
        }
    };
    let fields = ContactFields {
        name: text("name", &mut problems),
        phone: text("phone", &mut problems),
        email: text("email", &mut problems),
        preferred: match contact.get("preferred").and_then(Value::as_str) {
            Some(p) => Preferred::ALL.into_iter().find(|x| x.id() == p),
            None => None,
        },
        best_time: text("best_time", &mut problems),
        who: text("who", &mut problems),
        insurance: text("insurance", &mut problems),
        message: text("message", &mut problems),
        consent: top.get("consent").is_some_and(Value::is_object),
        include_answers: top.get("screening").is_some(),
    };
    problems.extend(validate(&fields).into_iter().map(|(f, p)| (Some(f.name()), message(p).to_string())));
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Lead {
        submission_id,
        name: fields.name.trim().to_string(),
        phone: fields.phone.trim().to_string(),
        email: fields.email.trim().to_string(),
        json,
    })
}

/// The 422 body: `{"errors": {field: message}}`, or a list for problems
/// that belong to no field.
pub fn errors_body(problems: &Problems) -> Value {
    if problems.iter().all(|(f, _)| f.is_some()) {
        let mut map = Map::new();
        for (f, m) in problems {
            map.entry(f.unwrap_or_default()).or_insert_with(|| Value::String(m.clone()));
        }
        serde_json::json!({ "errors": map })
    } else {
        serde_json::json!({ "errors": problems.iter().map(|(_, m)| m.clone()).collect::<Vec<_>>() })
    }
}

/// The type of a card file from its first bytes: JPEG, PNG, HEIC/HEIF
/// (an ISO-BMFF `ftyp` box with a HEIF brand) or PDF; `None` otherwise.
pub fn sniff(head: &[u8]) -> Option<&'static str> {
    if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Some("image/jpeg");
    }
    if head.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        return Some("image/png");
    }
    if head.starts_with(b"%PDF-") {
        return Some("application/pdf");
    }
    if head.len() >= 12 && &head[4..8] == b"ftyp" {
        return match &head[8..12] {
            b"heic" | b"heix" | b"hevc" | b"hevx" | b"heim" | b"heis" => Some("image/heic"),
            b"mif1" | b"msf1" | b"heif" => Some("image/heif"),
            _ => None,
        };
    }
    None
}

/// Bytes `sniff` needs to decide.
pub const SNIFF_LEN: usize = 12;

#[cfg(test)]
mod tests {
    use super::*;

    fn check(json: &str, expect: &[&str]) {
        let got = match parse(json.as_bytes()) {
            Ok(_) => Vec::new(),
            Err(p) => p.iter().map(|(f, _)| f.unwrap_or("-")).collect(),
        };
        assert_eq!(got, expect, "{json}");
    }

    #[test]
    fn the_widgets_rules_decide() {
        let ok = r#"{"submission_id":"a-1","contact":{"name":"Ann","phone":"+15551234567"},"consent":{"text":"t","time":"x"}}"#;
        check(ok, &[]);
        check(r#"{"submission_id":"a-1","contact":{"name":" ","phone":"+15551234567"},"consent":{}}"#, &["name"]);
        check(r#"{"submission_id":"a-1","contact":{"name":"Ann"}}"#, &["phone"]);
        check(r#"{"submission_id":"a-1","contact":{"name":"Ann","phone":"+15551234567"},"consent":null}"#, &["consent"]);
        check(r#"{"submission_id":"a-1","contact":{"name":"Ann","email":"a@b.co"}}"#, &[]);
        check(r#"{"contact":{"name":"Ann","email":"a@b.co"}}"#, &["-"]);
        check(r#"{"submission_id":"<x>","contact":{"name":"Ann","email":"a@b.co"}}"#, &["-"]);
        check("[1]", &["-"]);
        check("not json", &["-"]);
        check(r#"{"submission_id":"a","contact":{"name":7,"email":"a@b.co"}}"#, &["name", "name"]);
    }

    #[test]
    fn types_are_known_by_their_bytes() {
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Some("image/jpeg"));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Some("image/png"));
        assert_eq!(sniff(b"%PDF-1.7"), Some("application/pdf"));
        assert_eq!(sniff(b"\0\0\0\x18ftypheic\0\0"), Some("image/heic"));
        assert_eq!(sniff(b"\0\0\0\x18ftypmif1\0\0"), Some("image/heif"));
        assert_eq!(sniff(b"\0\0\0\x18ftypisom\0\0"), None);
        assert_eq!(sniff(b"<html><script>"), None);
        assert_eq!(sniff(b""), None);
    }
}
