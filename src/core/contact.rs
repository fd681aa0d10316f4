//! Contact-form validation, pure so it is tested natively. Invariant: a
//! lead is only sent when `validate` returns no problems.

/// The fields a visitor types into the contact form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContactFields {
    pub name: String,
    pub phone: String,
    pub email: String,
    pub consent: bool,
}

/// Which field a problem belongs to (also its input's id).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Name,
    Phone,
    Email,
    Consent,
}

impl Field {
    pub fn id(self) -> &'static str {
        match self {
            Field::Name => "pfs-name",
            Field::Phone => "pfs-phone",
            Field::Email => "pfs-email",
            Field::Consent => "pfs-consent",
        }
    }
}

/// What is wrong with a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    NameRequired,
    ContactRequired,
    PhoneInvalid,
    EmailInvalid,
    ConsentRequired,
}

/// Every problem in the form, in the order the fields appear.
pub fn validate(f: &ContactFields) -> Vec<(Field, Problem)> {
    let mut problems = Vec::new();
    if f.name.trim().is_empty() {
        problems.push((Field::Name, Problem::NameRequired));
    }
    let phone = f.phone.trim();
    let email = f.email.trim();
    if phone.is_empty() && email.is_empty() {
        problems.push((Field::Phone, Problem::ContactRequired));
    }
    if !phone.is_empty() && normalize_phone(phone).is_none() {
        problems.push((Field::Phone, Problem::PhoneInvalid));
    }
    if !email.is_empty() && !is_email(email) {
        problems.push((Field::Email, Problem::EmailInvalid));
    }
    // Calls or texts need prior express consent (TCPA) when a number is given.
    if !phone.is_empty() && !f.consent {
        problems.push((Field::Consent, Problem::ConsentRequired));
    }
    problems
}

/// A US/Canada number (10 digits, optional leading 1) or an E.164 number,
/// as E.164 (`+15551234567`); `None` if it is neither.
pub fn normalize_phone(input: &str) -> Option<String> {
    let allowed = |c: char| c.is_ascii_digit() || " ()-.+".contains(c);
    if !input.chars().all(allowed) || input.chars().skip(1).any(|c| c == '+') {
        return None;
    }
    let digits: String = input.chars().filter(char::is_ascii_digit).collect();
    if input.trim_start().starts_with('+') {
        return (8..=15).contains(&digits.len()).then(|| format!("+{digits}"));
    }
    let national = match digits.len() {
        10 => digits.as_str(),
        11 if digits.starts_with('1') => &digits[1..],
        _ => return None,
    };
    // NANP: area code and exchange start with 2-9.
    let ok = national.as_bytes()[0] >= b'2' && national.as_bytes()[3] >= b'2';
    ok.then(|| format!("+1{national}"))
}

/// A plain shape check: something@domain.tld, no spaces.
pub fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.rsplit_once('@') else { return false };
    !local.is_empty()
        && !s.chars().any(char::is_whitespace)
        && domain.split('.').count() >= 2
        && domain.split('.').all(|p| !p.is_empty())
        && s.len() <= 254
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert!(is_email("name@example.com"));
        for bad in ["name", "name@", "@example.com", "na me@example.com", "name@example", "name@example."] {
            assert!(!is_email(bad), "{bad}");
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
        let bad = ContactFields { name: "Ana".into(), phone: "12".into(), email: "x@".into(), consent: true };
        assert_eq!(validate(&bad), vec![(Field::Phone, Problem::PhoneInvalid), (Field::Email, Problem::EmailInvalid)]);
    }
}
