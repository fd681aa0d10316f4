use super::*;

const MB: u64 = MEGABYTE;

#[test]
fn phones() {
    for (input, expected) in [
        ("833-846-5669", Some("+18338465669")),
        ("(833) 846 5669", Some("+18338465669")),
        ("1 833 846 5669", Some("+18338465669")),
        ("+44 20 7946 0958", Some("+442079460958")),
        ("123-456-7890", None),
        ("555-0100", None),
        ("833-846-566a", None),
        ("+1+8338465669", None),
    ] {
        assert_eq!(normalize_phone(input).as_deref(), expected, "{input}");
    }
}

#[test]
fn emails() {
    for good in ["name@example.com", "first.last+tag@mail.example.org", "josé@correo.example.es"] {
        assert!(is_email(good), "{good}");
    }
    for bad in ["name", "name@", "@example.com", "na me@example.com", "name@example", "name@example."] {
        assert!(!is_email(bad), "{bad}");
    }
    // What a mailto: link would read as more (hidden recipients, a subject, a body).
    for injected in [
        "a@b.org?bcc=x@y.com",
        "a@b.org&cc=x@y.com",
        "a@b.org,x@y.com",
        "a@b.org;x@y.com",
        "a@x@b.org",
        "a@b.org%0Abcc:x@y.com",
        "a@b.org#x",
        "a@b.org/x",
        "a\n@b.org",
        "<a@b.org>",
        "\"a\"@b.org",
    ] {
        assert!(!is_email(injected), "{injected}");
    }
}

#[test]
fn form_problems() {
    let empty = ContactFields::default();
    assert_eq!(validate(&empty), vec![(Field::Name, Problem::NameRequired), (Field::Phone, Problem::ContactRequired)]);
    let phone_no_consent = ContactFields { name: "Ana".into(), phone: "833 846 5669".into(), ..Default::default() };
    assert_eq!(validate(&phone_no_consent), vec![(Field::Consent, Problem::ConsentRequired)]);
    let email_only = ContactFields { name: "Ana".into(), email: "ana@example.org".into(), ..Default::default() };
    assert_eq!(validate(&email_only), vec![]);
    let bad = ContactFields { name: "Ana".into(), phone: "12".into(), email: "x@".into(), consent: true, ..Default::default() };
    assert_eq!(validate(&bad), vec![(Field::Phone, Problem::PhoneInvalid), (Field::Email, Problem::EmailInvalid)]);
    let text_by_email =
        ContactFields { name: "Ana".into(), email: "ana@example.org".into(), preferred: Some(Preferred::Text), ..Default::default() };
    assert_eq!(validate(&text_by_email), vec![(Field::Phone, Problem::PhoneNeeded), (Field::Consent, Problem::ConsentRequired)]);
    let email_pref =
        ContactFields { name: "Ana".into(), phone: "833 846 5669".into(), preferred: Some(Preferred::Email), ..Default::default() };
    assert_eq!(validate(&email_pref), vec![(Field::Email, Problem::EmailNeeded)], "no consent needed to be emailed");
}

#[test]
fn files() {
    assert_eq!(check_file("card.jpg", "image/jpeg", 31 * MB), Ok(()));
    assert_eq!(check_file("card.heic", "", 2 * MB), Ok(()), "untyped HEIC by extension");
    assert_eq!(check_file("card.pdf", "application/pdf", 32 * MB), Ok(()));
    assert_eq!(check_file("card.pdf", "application/pdf", 32 * MB + 1), Err(Problem::FileTooBig));
    assert_eq!(check_file("card.exe", "application/x-msdownload", 1), Err(Problem::FileType));
    assert_eq!(check_file("card.jpg", "text/html", 1), Err(Problem::FileType), "the type wins over the name");
}

#[test]
fn file_sizes_read_like_the_browser_would_print_them() {
    for (bytes, shown) in [
        (0, "0.0 MB"),
        (1, "0.0 MB"),
        (MB / 20 + 1, "0.1 MB"),
        (MB / 20 - 1, "0.0 MB"),
        (3 * MB / 2, "1.5 MB"),
        (32 * MB, "32.0 MB"),
        (MB * 999 / 100, "10.0 MB"),
        (u64::MAX, "17592186044416.0 MB"),
    ] {
        assert_eq!(megabytes(bytes, "."), shown, "{bytes} bytes");
        // Against the float formatting it replaces (exact for these sizes).
        if bytes < 1 << 50 {
            assert_eq!(megabytes(bytes, "."), format!("{:.1} MB", bytes as f64 / MB as f64), "{bytes} bytes");
        }
    }
    assert_eq!(megabytes(3 * MB / 2, ","), "1,5 MB");
}

#[test]
fn each_field_is_declared_once_and_read_back_by_its_name() {
    let mut ids = std::collections::BTreeSet::new();
    for field in Field::ALL {
        assert_eq!(Field::from_name(field.name()), Some(field), "{field:?}");
        assert_eq!(field.id(), format!("pfs-{}", field.name().replace('_', "-")), "{field:?}");
        assert!(ids.insert(field.id()), "{field:?}'s id is another field's");
        // A text field's value is what was set; the others hold no text.
        let set = field.with_text(&ContactFields::default(), "typed".into());
        match field.text(&set) {
            Some(v) => assert_eq!(v, "typed", "{field:?}"),
            None => assert_eq!(set, ContactFields::default(), "{field:?} is not a text field but took text"),
        }
    }
    assert_eq!(Field::from_name("nope"), None);
    assert!(Field::FILES.iter().all(|f| Field::ALL.contains(f) && f.text(&ContactFields::default()).is_none()));
}
