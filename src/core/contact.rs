//! Contact-form validation, pure so it is tested natively. Invariant: a
//! lead is only sent when `validate` returns no problems.

/// How the visitor would like to be contacted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preferred {
    Call,
    Text,
    Email,
}

impl Preferred {
    pub const ALL: [Preferred; 3] = [Preferred::Call, Preferred::Text, Preferred::Email];

    /// The value sent in the lead.
    pub fn id(self) -> &'static str {
        match self {
            Preferred::Call => "call",
            Preferred::Text => "text",
            Preferred::Email => "email",
        }
    }
}

/// The fields a visitor types into the contact form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContactFields {
    pub name: String,
    pub phone: String,
    pub email: String,
    pub preferred: Option<Preferred>,
    pub best_time: String,
    pub who: String,
    pub insurance: String,
    pub message: String,
    pub consent: bool,
    /// Off by default: the screening answers are sent only when ticked.
    pub include_answers: bool,
}

/// Which field a problem belongs to (also its input's id).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Name,
    Phone,
    Email,
    BestTime,
    Who,
    Insurance,
    CardFront,
    CardBack,
    Message,
    Consent,
}

impl Field {
    /// Every field, in the form's order: the one list the form, its error
    /// summary and a server's errors go by.
    pub const ALL: [Field; 10] = [
        Field::Name,
        Field::Phone,
        Field::Email,
        Field::BestTime,
        Field::Who,
        Field::Insurance,
        Field::CardFront,
        Field::CardBack,
        Field::Message,
        Field::Consent,
    ];

    /// The insurance-card pickers, in the form's order; each file is sent
    /// as a part named by its field (`card_front`).
    pub const FILES: [Field; 2] = [Field::CardFront, Field::CardBack];

    /// The field's name in the lead and in a server's errors (`"best_time"`).
    pub fn name(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Phone => "phone",
            Field::Email => "email",
            Field::BestTime => "best_time",
            Field::Who => "who",
            Field::Insurance => "insurance",
            Field::CardFront => "card_front",
            Field::CardBack => "card_back",
            Field::Message => "message",
            Field::Consent => "consent",
        }
    }

    /// Its input's id (`"pfs-best-time"`).
    pub fn id(self) -> &'static str {
        match self {
            Field::Name => "pfs-name",
            Field::Phone => "pfs-phone",
            Field::Email => "pfs-email",
            Field::BestTime => "pfs-best-time",
            Field::Who => "pfs-who",
            Field::Insurance => "pfs-insurance",
            Field::CardFront => "pfs-card-front",
            Field::CardBack => "pfs-card-back",
            Field::Message => "pfs-message",
            Field::Consent => "pfs-consent",
        }
    }

    /// The field named by a server's error (`"phone"`, `"email"`, ...).
    pub fn from_name(name: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.name() == name)
    }

    /// What the visitor typed into a text field; `None` for the others.
    pub fn text(self, f: &ContactFields) -> Option<&String> {
        Some(match self {
            Field::Name => &f.name,
            Field::Phone => &f.phone,
            Field::Email => &f.email,
            Field::BestTime => &f.best_time,
            Field::Who => &f.who,
            Field::Insurance => &f.insurance,
            Field::Message => &f.message,
            Field::CardFront | Field::CardBack | Field::Consent => return None,
        })
    }

    /// `fields` with this text field set to `value` (others unchanged).
    pub fn with_text(self, fields: &ContactFields, value: String) -> ContactFields {
        let mut f = fields.clone();
        match self {
            Field::Name => f.name = value,
            Field::Phone => f.phone = value,
            Field::Email => f.email = value,
            Field::BestTime => f.best_time = value,
            Field::Who => f.who = value,
            Field::Insurance => f.insurance = value,
            Field::Message => f.message = value,
            Field::CardFront | Field::CardBack | Field::Consent => {}
        }
        f
    }
}

/// The largest insurance-card file accepted, as the article's form says.
pub const MAX_FILE_BYTES: u64 = 32 * MEGABYTE;

const MEGABYTE: u64 = 1024 * 1024;

/// A file size for people: megabytes to one decimal place, rounded half
/// up, with the language's decimal point (`"1.5 MB"`, `"1,5 MB"`).
/// Integer arithmetic: float formatting would add kilobytes to the wasm.
pub fn megabytes(bytes: u64, decimal_point: &str) -> String {
    // Whole megabytes, then the remainder's tenths (10 when it rounds up).
    let tenths = bytes / MEGABYTE * 10 + (bytes % MEGABYTE * 10 + MEGABYTE / 2) / MEGABYTE;
    format!("{}{decimal_point}{} MB", tenths / 10, tenths % 10)
}

/// Checks an upload before sending: JPEG, PNG, HEIC/HEIF or PDF (by type or,
/// since browsers often leave HEIC untyped, by extension), at most 32 MB.
pub fn check_file(name: &str, mime: &str, size: u64) -> Result<(), Problem> {
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    let typed = ["image/jpeg", "image/png", "image/heic", "image/heif", "application/pdf"].contains(&mime);
    let by_ext = ["jpg", "jpeg", "png", "heic", "heif", "pdf"].contains(&ext.as_str());
    if !(typed || (mime.is_empty() && by_ext)) {
        return Err(Problem::FileType);
    }
    if size > MAX_FILE_BYTES {
        return Err(Problem::FileTooBig);
    }
    Ok(())
}

/// What is wrong with a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    NameRequired,
    ContactRequired,
    PhoneInvalid,
    EmailInvalid,
    ConsentRequired,
    /// Call or text was chosen without a phone number.
    PhoneNeeded,
    /// Email was chosen without an email address.
    EmailNeeded,
    FileType,
    FileTooBig,
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
    let by_phone = matches!(f.preferred, Some(Preferred::Call | Preferred::Text));
    if by_phone && phone.is_empty() && !email.is_empty() {
        problems.push((Field::Phone, Problem::PhoneNeeded));
    }
    if f.preferred == Some(Preferred::Email) && email.is_empty() && !phone.is_empty() {
        problems.push((Field::Email, Problem::EmailNeeded));
    }
    // Calls or texts need prior express written consent (TCPA): required
    // when call or text is chosen, or when a number is given with no choice.
    let may_call = by_phone || (f.preferred.is_none() && !phone.is_empty());
    if may_call && !f.consent {
        problems.push((Field::Consent, Problem::ConsentRequired));
    }
    problems
}

/// Why the widget ignores an attribute (its console error, after "the
/// `name` attribute is ignored: "); the configurator shows the same words.
pub const REFUSED_PHONE: &str = "it is not a US/Canada or +international phone number, so no call link is shown";
/// See [`REFUSED_PHONE`].
pub const REFUSED_SUBMIT_URL: &str = "it must be an https: address (or http:// on 127.0.0.1 or localhost), so the form is not offered";
/// See [`REFUSED_PHONE`].
pub const REFUSED_EMAIL: &str = "it is not a plain e-mail address, so no e-mail link is shown";

/// A US/Canada number (10 digits, optional leading 1) or an E.164 number,
/// as E.164 (`+15551234567`); `None` if it is neither.
pub fn normalize_phone(input: &str) -> Option<String> {
    let allowed = |c: char| matches!(c, '0'..='9' | ' ' | '(' | ')' | '-' | '.' | '+');
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

/// A plain shape check: something@domain.tld, no spaces, and nothing that a
/// `mailto:` link would read as more than one address.
pub fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.rsplit_once('@') else { return false };
    // Nothing that would mean something else in a `mailto:` link
    // (`a@b.org?bcc=x@y.com` adds a hidden recipient) or in a header.
    // (ASCII tests only: Unicode's tables would add kilobytes to the wasm.)
    let plain = |c: char| {
        !c.is_whitespace()
            && !c.is_ascii_control()
            && !matches!(c, '?' | '&' | '#' | '%' | '/' | '\\' | ':' | ';' | ',' | '<' | '>' | '"' | '(' | ')' | '[' | ']')
    };
    !local.is_empty()
        && s.chars().all(plain)
        && !local.contains('@')
        && domain.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.' || !c.is_ascii())
        && domain.split('.').count() >= 2
        && domain.split('.').all(|p| !p.is_empty())
        && s.len() <= 254
}

#[cfg(test)]
mod tests;
