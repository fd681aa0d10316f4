//! "What will be sent": the exact fields, file names and, if the visitor
//! opted in, the answers, before anything is sent.

use crate::core::contact::{normalize_phone, ContactFields, Preferred};
use crate::core::i18n::Strings;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LeadPreviewProps {
    pub strings: &'static Strings,
    pub fields: ContactFields,
    pub files: Vec<(String, String)>,
    pub consent_text: String,
    /// Question and answer labels, present only when the visitor opted in.
    pub answers: Option<Vec<(String, Vec<String>)>>,
}

pub fn preferred_label(s: &Strings, p: Preferred) -> &'static str {
    match p {
        Preferred::Call => s.preferred_call,
        Preferred::Text => s.preferred_text,
        Preferred::Email => s.preferred_email,
    }
}

#[function_component(LeadPreview)]
pub fn lead_preview(p: &LeadPreviewProps) -> Html {
    let s = p.strings;
    let f = &p.fields;
    let phone = normalize_phone(&f.phone).unwrap_or_else(|| f.phone.trim().to_string());
    let mut rows: Vec<(String, String)> = [
        (s.name, f.name.trim().to_string()),
        (s.phone, phone),
        (s.email, f.email.trim().to_string()),
        (s.preferred_label, f.preferred.map(|x| preferred_label(s, x).to_string()).unwrap_or_default()),
        (s.best_time, f.best_time.trim().to_string()),
        (s.who_for, f.who.trim().to_string()),
        (s.insurance, f.insurance.trim().to_string()),
        (s.message, f.message.trim().to_string()),
    ]
    .into_iter()
    .filter(|(_, v)| !v.is_empty())
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    rows.extend(p.files.iter().cloned());
    if f.consent {
        rows.push((s.consent_label.to_string(), p.consent_text.clone()));
    }
    html! {
        <details class="pfs-preview">
            <summary>{s.preview_title}</summary>
            <dl>
                {for rows.into_iter().map(|(k, v)| html! { <><dt>{k}</dt><dd>{v}</dd></> })}
            </dl>
            if let Some(answers) = &p.answers {
                <h4>{s.preview_answers}</h4>
                <dl>
                    {for answers.iter().map(|(q, a)| html! { <><dt>{q}</dt><dd>{a.join(", ")}</dd></> })}
                </dl>
            }
            <p class="pfs-hint">{s.preview_also}</p>
        </details>
    }
}
