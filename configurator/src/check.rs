//! The form's checks, with the widget's own rules: a phone number
//! `core::contact::normalize_phone` refuses, an e-mail `is_email` refuses,
//! an accent colour under WCAG's 4.5:1 (`core::contrast`), a timeout or a
//! dataLayer name the widget would not use, a questionnaire the widget's
//! config reader refuses (`core::config`, as `screener-check`). Pure,
//! tested natively; verdicts are enums, and `words` says them with the
//! widget's own messages. (The submit-url rule is the browser's URL parser,
//! `web::submit::is_allowed_url`, so the page asks it.)

use program_fit_screener::core::config;
use program_fit_screener::core::contact::{is_email, normalize_phone, REFUSED_EMAIL, REFUSED_PHONE, REFUSED_SUBMIT_URL};
use program_fit_screener::core::contrast::{ratio, Rgb, AA_NORMAL_TEXT};
use program_fit_screener::core::reader::ConfigError;

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
    /// The widget would not offer the form.
    SubmitUrlRefused,
    /// Not a number of seconds: the widget uses 30.
    TimeoutIgnored,
    /// Outside 1 to 300 s: the widget uses this instead.
    TimeoutClamped(u32),
    /// Not a JavaScript name: the widget pushes to `window.dataLayer`.
    DatalayerName,
}

/// The verdict in words: the widget's own message where it has one.
pub fn words(v: Verdict) -> String {
    let ignored = |why: &str| format!("The widget would ignore this: {why}.");
    match v {
        Verdict::Fine => String::new(),
        Verdict::PhoneRefused => ignored(REFUSED_PHONE),
        Verdict::EmailRefused => ignored(REFUSED_EMAIL),
        Verdict::SubmitUrlRefused => ignored(REFUSED_SUBMIT_URL),
        Verdict::NotAColour => "Not a colour: write it as #rgb or #rrggbb (for example #0b5d57).".into(),
        Verdict::LowContrast(r) => format!(
            "Too little contrast: text on this colour has a ratio of {:.2}:1; WCAG AA needs at least 4.5:1. Choose a darker accent, or set the text on it.",
            (r * 100.0).floor() / 100.0
        ),
        Verdict::TimeoutIgnored => "Not a number of seconds: the widget would use 30.".into(),
        Verdict::TimeoutClamped(s) => format!("The widget allows 1 to 300 seconds: it would use {s}."),
        Verdict::DatalayerName => "Not a JavaScript variable name: the widget would push to window.dataLayer instead.".into(),
    }
}

/// `submit-timeout`: empty is the default (30 s).
pub fn timeout(text: &str) -> Verdict {
    let t = text.trim();
    if t.is_empty() {
        return Verdict::Fine;
    }
    match t.parse::<f64>() {
        Ok(s) if s.is_finite() && (1.0..=300.0).contains(&s) => Verdict::Fine,
        Ok(s) if s.is_finite() => Verdict::TimeoutClamped(s.clamp(1.0, 300.0) as u32),
        _ => Verdict::TimeoutIgnored,
    }
}

/// `datalayer`: empty is off; a name must be a JavaScript identifier
/// (js/extras.js's rule).
pub fn datalayer(text: &str) -> Verdict {
    let t = text.trim();
    let mut chars = t.chars();
    let start = |c: char| c.is_ascii_alphabetic() || c == '_' || c == '$';
    match chars.next() {
        None => Verdict::Fine,
        Some(c) if start(c) && chars.all(|c| start(c) || c.is_ascii_digit()) => Verdict::Fine,
        _ => Verdict::DatalayerName,
    }
}

/// What a questionnaire has, when the widget would show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Questionnaire {
    pub questions: usize,
    pub outcomes: usize,
    pub locales: Vec<String>,
}

/// A questionnaire JSON as the widget reads a site's own (size bound,
/// JSON, structure, the lint): what it has, or every problem with its path.
pub fn questionnaire(text: &str) -> Result<Questionnaire, Vec<ConfigError>> {
    let q = config::check(config::structure(&config::read_bounded(text)?)?)?;
    Ok(Questionnaire { questions: q.questions.len(), outcomes: q.outcomes.len(), locales: q.locales.clone() })
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
        assert!(words(accent("#ffcc00", "")).contains("1.51:1"));
    }

    #[test]
    fn refusals_use_the_widgets_own_words() {
        assert_eq!(words(Verdict::PhoneRefused), format!("The widget would ignore this: {REFUSED_PHONE}."));
        assert!(words(Verdict::SubmitUrlRefused).contains("https:"));
    }

    #[test]
    fn timeouts_and_datalayer_names() {
        for (t, v) in [
            ("", Verdict::Fine),
            ("45", Verdict::Fine),
            ("0.5", Verdict::TimeoutClamped(1)),
            ("900", Verdict::TimeoutClamped(300)),
            ("soon", Verdict::TimeoutIgnored),
        ] {
            assert_eq!(timeout(t), v, "{t}");
        }
        for (n, v) in [
            ("", Verdict::Fine),
            ("dataLayer", Verdict::Fine),
            ("$layer_2", Verdict::Fine),
            ("my layer", Verdict::DatalayerName),
            ("2x", Verdict::DatalayerName),
        ] {
            assert_eq!(datalayer(n), v, "{n}");
        }
    }

    #[test]
    fn questionnaires_are_read_as_the_widget_reads_them() {
        let built_in = questionnaire(program_fit_screener::BUILTIN_CONFIG).expect("the built-in screener");
        assert!(built_in.questions > 5 && built_in.outcomes >= 3, "{built_in:?}");
        let errors = questionnaire(r#"{"version": 1, "questions": []}"#).expect_err("no questions");
        assert!(!errors.is_empty());
        let errors = questionnaire("{").expect_err("not JSON");
        assert!(errors[0].message.contains("not valid JSON"), "{errors:?}");
        let big = format!("{{\"x\": \"{}\"}}", "a".repeat(config::MAX_BYTES));
        assert!(questionnaire(&big).expect_err("too big")[0].message.contains("256 KB"));
    }
}
