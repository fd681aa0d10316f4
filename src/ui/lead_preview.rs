//! "What will be sent": the exact fields, file names, where the visit came
//! from (the attribution) and, if the visitor opted in, the answers, before
//! anything is sent.

use crate::core::contact::{normalize_phone, ContactFields, Preferred};
use crate::core::i18n::Form;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LeadPreviewProps {
    pub texts: &'static Form,
    pub fields: ContactFields,
    pub files: Vec<(String, String)>,
    pub consent_text: String,
    /// Question and answer labels, present only when the visitor opted in.
    pub answers: Option<Vec<(String, Vec<String>)>>,
    /// The lead's attribution, as sent (empty: none is).
    pub attribution: Vec<(&'static str, String)>,
}

pub fn preferred_label(t: &Form, p: Preferred) -> &'static str {
    match p {
        Preferred::Call => t.preferred_call,
        Preferred::Text => t.preferred_text,
        Preferred::Email => t.preferred_email,
    }
}

#[function_component(LeadPreview)]
pub fn lead_preview(p: &LeadPreviewProps) -> Html {
    let t = p.texts;
    let f = &p.fields;
    let phone = normalize_phone(&f.phone).unwrap_or_else(|| f.phone.trim().to_string());
    let mut rows: Vec<(String, String)> = [
        (t.name, f.name.trim().to_string()),
        (t.phone, phone),
        (t.email, f.email.trim().to_string()),
        (t.preferred_label, f.preferred.map(|x| preferred_label(t, x).to_string()).unwrap_or_default()),
        (t.best_time, f.best_time.trim().to_string()),
        (t.who_for, f.who.trim().to_string()),
        (t.insurance, f.insurance.trim().to_string()),
        (t.message, f.message.trim().to_string()),
    ]
    .into_iter()
    .filter(|(_, v)| !v.is_empty())
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    rows.extend(p.files.iter().cloned());
    if f.consent {
        rows.push((t.consent_label.to_string(), p.consent_text.clone()));
    }
    html! {
        <details class="pfs-preview">
            <summary>{t.preview_title}</summary>
            <dl>
                {for rows.into_iter().map(|(k, v)| html! { <><dt>{k}</dt><dd>{v}</dd></> })}
            </dl>
            if !p.attribution.is_empty() {
                <h4>{t.preview_source}</h4>
                <dl>
                    {for p.attribution.iter().map(|(k, v)| html! { <><dt>{*k}</dt><dd>{v}</dd></> })}
                </dl>
            }
            if let Some(answers) = &p.answers {
                <h4>{t.preview_answers}</h4>
                <dl>
                    {for answers.iter().map(|(q, a)| html! { <><dt>{q}</dt><dd>{a.join(", ")}</dd></> })}
                </dl>
            }
            <p class="pfs-hint">{t.preview_also}</p>
        </details>
    }
}
