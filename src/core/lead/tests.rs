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
        attribution: &[],
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

/// The lines the loader hands over for a visit that landed on
/// `/blog?utm_source=google&utm_medium=cpc&gclid=abc&name=Ana` from a search.
const LANDED: &str =
    "landing_page=https://example.org/blog\nreferrer=https://www.google.com\nutm_source=google\nutm_medium=cpc\ngclid=abc\nname=Ana";

#[test]
fn attribution_keeps_only_the_marketing_keys_in_order() {
    assert_eq!(
        attribution(LANDED),
        [
            ("utm_source", "google".to_string()),
            ("utm_medium", "cpc".to_string()),
            ("gclid", "abc".to_string()),
            ("landing_page", "https://example.org/blog".to_string()),
            ("referrer", "https://www.google.com".to_string()),
        ],
        "the page's other parameters (a name) are never kept"
    );
    assert!(attribution("").is_empty(), "turned off: the loader hands over nothing");
}

#[test]
fn the_host_pages_own_values_win() {
    // The host page's `attribution` attribute comes after the page's
    // address: its first-touch source replaces the URL's, an empty value
    // does not erase one, and a key it does not give keeps the URL's.
    let lines = format!("{LANDED}\nutm_source=newsletter\nutm_medium=\nutm_campaign=spring");
    let got = attribution(&lines);
    assert_eq!(got[0], ("utm_source", "newsletter".to_string()));
    assert_eq!(got[1], ("utm_medium", "cpc".to_string()));
    assert_eq!(got[2], ("utm_campaign", "spring".to_string()));
    assert_eq!(got[3], ("gclid", "abc".to_string()));
}

#[test]
fn attribution_values_are_bounded_and_plain() {
    let long = "x".repeat(ATTRIBUTION_MAX * 3);
    let got = attribution(&format!("gclid={long}\nutm_term= tab\there \u{7}\nutm_content==a=b"));
    assert_eq!(got[0].1, "tabhere", "control characters are dropped, the value trimmed");
    assert_eq!(got[1].1, "=a=b", "only the first = separates key from value");
    assert_eq!(got[2].1.chars().count(), ATTRIBUTION_MAX);
    // Keys are matched exactly: no prefix, no case folding, no spaces.
    assert!(attribution("UTM_SOURCE=a\nutm_source_x=b\n utm_source=c").is_empty());
}

#[test]
fn the_lead_carries_attribution_only_when_there_is_some() {
    let fields = ContactFields { name: "Ana".into(), email: "a@b.org".into(), ..Default::default() };
    let lead = sent(lead_json(&fields, &[], &meta(), None));
    assert!(lead.get("attribution").is_none(), "none: no key at all");
    let given = attribution(LANDED);
    let text = lead_json(&fields, &[], &LeadMeta { attribution: &given, ..meta() }, None).to_string();
    let lead: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        lead["attribution"],
        serde_json::json!({
            "utm_source": "google", "utm_medium": "cpc", "gclid": "abc",
            "landing_page": "https://example.org/blog", "referrer": "https://www.google.com"
        })
    );
    let at: Vec<usize> = ["utm_source", "utm_medium", "gclid", "landing_page", "referrer"]
        .iter()
        .map(|k| text.find(&format!("\"{k}\":")).expect("sent"))
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "in the documented order: {text}");
}

#[test]
fn the_leads_contact_keys_are_the_forms_text_fields_by_name() {
    use crate::core::contact::Field;
    let lead = sent(lead_json(&ContactFields::default(), &[], &meta(), None));
    let mut keys: Vec<&str> = lead["contact"].as_object().expect("contact").keys().map(String::as_str).collect();
    let mut expected: Vec<&str> =
        Field::ALL.into_iter().filter(|f| f.text(&ContactFields::default()).is_some()).map(Field::name).chain(["preferred"]).collect();
    keys.sort_unstable();
    expected.sort_unstable();
    assert_eq!(keys, expected);
}
