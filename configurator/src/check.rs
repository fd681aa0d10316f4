//! The form's checks, with the widget's own rules: a phone number
//! `core::contact::normalize_phone` refuses, an e-mail `is_email` refuses,
//! an accent colour under WCAG's 4.5:1 (`core::contrast`). Pure, tested
//! natively; verdicts are enums, and the page turns them into words.
//! (The submit-url rule is the browser's URL parser, `web::submit::
//! is_allowed_url`, so it is checked on the page, not here.)

use program_fit_screener::core::contact::{is_email, normalize_phone};
use program_fit_screener::core::contrast::{ratio, Rgb, AA_NORMAL_TEXT};

/// What is wrong with one field, if anything.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Verdict {
    Fine,
    /// The widget would show no call link.
    PhoneRefused,
    /// The widget would show no e-mail link.
    EmailRefused,
    /// Not a `#rgb` or `#rrggbb` colour.
    NotAColour,
    /// Text on the accent has this contrast ratio, under 4.5:1.
    LowContrast(f64),
}

/// The phone attribute: empty is fine (no call link asked for).
pub fn phone(text: &str) -> Verdict {
    let t = text.trim();
    if t.is_empty() || normalize_phone(t).is_some() {
        Verdict::Fine
    } else {
        Verdict::PhoneRefused
    }
}

/// The email attribute: empty is fine.
pub fn email(text: &str) -> Verdict {
    let t = text.trim();
    if t.is_empty() || is_email(t) {
        Verdict::Fine
    } else {
        Verdict::EmailRefused
    }
}

/// The accent colour against the text drawn on it (white by default).
pub fn accent(accent: &str, text_on_it: &str) -> Verdict {
    if accent.trim().is_empty() {
        return Verdict::Fine;
    }
    let text = if text_on_it.trim().is_empty() { "#ffffff" } else { text_on_it };
    match (Rgb::from_hex(accent), Rgb::from_hex(text)) {
        (Some(a), Some(t)) => {
            let r = ratio(a, t);
            if r < AA_NORMAL_TEXT {
                Verdict::LowContrast(r)
            } else {
                Verdict::Fine
            }
        }
        _ => Verdict::NotAColour,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_and_email_follow_the_widget() {
        for (input, expect) in [
            ("", Verdict::Fine),
            ("833-846-5669", Verdict::Fine),
            ("+44 20 7946 0958", Verdict::Fine),
            ("call us", Verdict::PhoneRefused),
            ("12345", Verdict::PhoneRefused),
        ] {
            assert_eq!(phone(input), expect, "{input}");
        }
        for (input, expect) in
            [("", Verdict::Fine), ("admissions@example.org", Verdict::Fine), ("a@b.org?bcc=x@y.com", Verdict::EmailRefused)]
        {
            assert_eq!(email(input), expect, "{input}");
        }
    }

    #[test]
    fn low_contrast_accents_are_flagged_with_their_ratio() {
        assert_eq!(accent("#0b5d57", ""), Verdict::Fine);
        let Verdict::LowContrast(r) = accent("#ffcc00", "") else { panic!("#ffcc00 on white passes") };
        assert!((r - 1.51).abs() < 0.01, "{r}");
        assert_eq!(accent("#ffcc00", "#000"), Verdict::Fine);
        assert_eq!(accent("yellow", ""), Verdict::NotAColour);
    }
}
