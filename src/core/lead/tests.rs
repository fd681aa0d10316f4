use super::*;
use crate::core::config::parse;
use crate::core::contact::Preferred;
use crate::core::session::Action;
use crate::BUILTIN_CONFIG;

/// The lead as the receiver reads it: written by us, parsed by serde_json.
fn sent(lead: crate::core::json::Value) -> serde_json::Value {
    serde_json::from_str(&lead.to_string()).expect("the lead is JSON")
}

fn meta() -> LeadMeta<'static> {
    LeadMeta {
        submission_id: "id-1",
        locale: "en",
        page: "https://example.org/blog",
        consent_text: "I agree",
        consent_time: "2026-11-27T10:00:00Z",
    }
}

fn answered() -> (Questionnaire, Session) {
    let q = parse(BUILTIN_CONFIG).unwrap();
    let mut s = Session::new(&q).reduce(&q, Action::Start).reduce(&q, Action::Choose { question: 0, option: 0 }).reduce(&q, Action::Next);
    s = s.reduce(&q, Action::Toggle { question: 1, option: 4 }); // cannabis
    (q, s)
}

#[test]
fn lead_carries_the_contact_fields_and_consent() {
    let fields = ContactFields {
        name: " Ana ".into(),
        phone: "(833) 846-5669".into(),
        preferred: Some(Preferred::Text),
        consent: true,
        message: "Evenings".into(),
        ..Default::default()
    };
    let files = [Attachment { field: "card_front", name: "front.jpg".into(), mime: "image/jpeg".into(), size: 10 }];
    let lead = sent(lead_json(&fields, &files, &meta(), None));
    assert_eq!(lead["contact"]["name"], "Ana");
    assert_eq!(lead["contact"]["phone"], "+18338465669");
    assert_eq!(lead["contact"]["preferred"], "text");
    assert_eq!(lead["consent"]["text"], "I agree");
    assert_eq!(lead["files"][0]["name"], "front.jpg");
    assert_eq!(lead["files"][0]["size"], 10);
    assert_eq!(lead["submission_id"], "id-1");
    assert!(lead.get("screening").is_none());
}

#[test]
fn answers_only_when_opted_in() {
    let (q, s) = answered();
    let mut fields = ContactFields { name: "Ana".into(), email: "a@b.org".into(), ..Default::default() };
    let lead = sent(lead_json(&fields, &[], &meta(), Some((&q, &s))));
    assert!(lead.get("screening").is_none(), "off by default");
    assert!(!lead.to_string().contains("Cannabis"));
    fields.include_answers = true;
    let lead = sent(lead_json(&fields, &[], &meta(), Some((&q, &s))));
    assert_eq!(lead["screening"]["answers"][0]["question"], "Who are you looking for help for?");
    assert_eq!(lead["screening"]["answers"][0]["answer"][0], "Myself (I am 18 or older)");
    assert_eq!(lead["screening"]["answers"][1]["answer"][0], "Cannabis");
    assert_eq!(lead["config_version"], 1);
    assert!(lead["screening"]["outcome"]["id"].is_string());
}

#[test]
fn reads_server_errors() {
    assert_eq!(
        server_errors(r#"{"errors": {"phone": "Not a number we can text"}}"#),
        vec![(Some("phone".into()), "Not a number we can text".into())]
    );
    assert_eq!(server_errors(r#"{"errors": ["Try later", "Spam?"]}"#), vec![(None, "Try later".into()), (None, "Spam?".into())]);
    assert_eq!(server_errors("<html>oops</html>"), vec![]);
}

#[test]
fn upload_progress_is_a_whole_percent() {
    for (fraction, shown) in [(0.0, 0), (0.004, 0), (0.005, 1), (0.5, 50), (0.996, 100), (1.0, 100), (1.7, 100), (-0.2, 0), (f64::NAN, 0)] {
        assert_eq!(percent(fraction), shown, "{fraction}");
    }
}
