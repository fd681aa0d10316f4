//! The contact form: name, phone, email and consent. It validates with the
//! pure `core::contact` rules, shows a GOV.UK-style error summary, and keeps
//! everything typed when sending fails.

use crate::core::contact::{normalize_phone, validate, ContactFields, Field, Problem};
use crate::core::i18n::{fill, Strings};
use crate::ui::app::Settings;
use crate::ui::call_button::CallButton;
use crate::web::events::HostEvent;
use crate::web::submit;
use std::rc::Rc;
use web_sys::{HtmlElement, HtmlInputElement, SubmitEvent};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ContactFormProps {
    pub settings: Rc<Settings>,
}

#[derive(Debug, Clone, PartialEq)]
enum Status {
    Editing,
    Sending,
    Failed,
    Sent,
}

fn message(s: &Strings, p: Problem) -> &'static str {
    match p {
        Problem::NameRequired => s.name_required,
        Problem::ContactRequired => s.contact_required,
        Problem::PhoneInvalid => s.phone_invalid,
        Problem::EmailInvalid => s.email_invalid,
        Problem::ConsentRequired => s.consent_required,
    }
}

#[function_component(ContactForm)]
pub fn contact_form(props: &ContactFormProps) -> Html {
    let s = props.settings.strings();
    let fields = use_state(ContactFields::default);
    let problems = use_state(Vec::<(Field, Problem)>::new);
    let status = use_state(|| Status::Editing);
    let summary = use_node_ref();
    let refs: [(Field, NodeRef); 4] = [
        (Field::Name, use_node_ref()),
        (Field::Phone, use_node_ref()),
        (Field::Email, use_node_ref()),
        (Field::Consent, use_node_ref()),
    ];
    let consent_text = fill(s.consent, &[("center", props.settings.center.as_deref().unwrap_or(s.the_center))]);

    // Focus the error summary whenever a submit finds problems.
    use_effect_with((*problems).clone(), {
        let summary = summary.clone();
        move |p| {
            if !p.is_empty() {
                if let Some(el) = summary.cast::<HtmlElement>() {
                    let _ = el.focus();
                }
            }
        }
    });

    let Some(url) = props.settings.submit_url.clone() else {
        return html! { <p class="pfs-lead">{s.no_form}</p> };
    };
    if *status == Status::Sent {
        return html! {
            <div class="pfs-sent" role="status">
                <h3>{s.sent_title}</h3>
                <p>{s.sent_body}</p>
            </div>
        };
    }

    let onsubmit = {
        let (fields, problems, status) = (fields.clone(), problems.clone(), status.clone());
        let settings = props.settings.clone();
        let consent_text = consent_text.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *status == Status::Sending {
                return;
            }
            let found = validate(&fields);
            problems.set(found.clone());
            if !found.is_empty() {
                return;
            }
            status.set(Status::Sending);
            let f = (*fields).clone();
            let mut data = vec![
                ("name", f.name.trim().to_string()),
                ("phone", normalize_phone(&f.phone).unwrap_or_default()),
                ("email", f.email.trim().to_string()),
                ("locale", settings.locale.clone()),
                ("page", submit::page_url()),
            ];
            if f.consent {
                data.push(("consent_text", consent_text.clone()));
            }
            let (status, url, host) = (status.clone(), url.clone(), settings.host.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let result = submit::send(&url, &data).await;
                if result.is_ok() {
                    host.emit(HostEvent::Submit);
                }
                status.set(if result.is_ok() { Status::Sent } else { Status::Failed });
            });
        })
    };

    let error_for = |field: Field| problems.iter().find(|(f, _)| *f == field).map(|(_, p)| message(s, *p));
    let node = |field: Field| refs.iter().find(|(f, _)| *f == field).map(|(_, r)| r.clone()).unwrap_or_default();
    let text_input = |field: Field, label: &'static str, kind: &'static str, autocomplete: &'static str, value: String, set: fn(&mut ContactFields, String)| {
        let error = error_for(field);
        let error_id = format!("{}-error", field.id());
        let fields = fields.clone();
        let oninput = Callback::from(move |e: InputEvent| {
            let mut f = (*fields).clone();
            set(&mut f, e.target_unchecked_into::<HtmlInputElement>().value());
            fields.set(f);
        });
        html! {
            <div class={classes!("pfs-field", error.is_some().then_some("pfs-has-error"))}>
                <label for={field.id()}>{label}</label>
                if let Some(msg) = error {
                    <p class="pfs-error" id={error_id.clone()}><span class="pfs-visually-hidden">{s.error_prefix}{" "}</span>{msg}</p>
                }
                <input id={field.id()} type={kind} autocomplete={autocomplete} {value} {oninput} ref={node(field)}
                    aria-invalid={error.is_some().then_some("true")}
                    aria-describedby={error.is_some().then_some(error_id)} />
            </div>
        }
    };
    let consent_error = error_for(Field::Consent);
    let on_consent = {
        let fields = fields.clone();
        Callback::from(move |e: Event| {
            let mut f = (*fields).clone();
            f.consent = e.target_unchecked_into::<HtmlInputElement>().checked();
            fields.set(f);
        })
    };

    html! {
        <form class="pfs-form" {onsubmit} novalidate=true>
            <h3>{s.form_title}</h3>
            <p>{s.form_intro}</p>
            if !problems.is_empty() {
                <div class="pfs-error-summary" tabindex="-1" ref={summary} role="alert">
                    <h4>{s.error_summary}</h4>
                    <ul>
                        {for problems.iter().map(|(field, p)| {
                            let target = node(*field);
                            let onclick = Callback::from(move |e: MouseEvent| {
                                e.prevent_default();
                                if let Some(el) = target.cast::<HtmlElement>() { let _ = el.focus(); }
                            });
                            html! { <li><a href={format!("#{}", field.id())} {onclick}>{message(s, *p)}</a></li> }
                        })}
                    </ul>
                </div>
            }
            {text_input(Field::Name, s.name, "text", "name", fields.name.clone(), |f, v| f.name = v)}
            <p class="pfs-hint" id="pfs-contact-hint">{s.contact_hint}</p>
            {text_input(Field::Phone, s.phone, "tel", "tel", fields.phone.clone(), |f, v| f.phone = v)}
            {text_input(Field::Email, s.email, "email", "email", fields.email.clone(), |f, v| f.email = v)}
            <div class={classes!("pfs-field", "pfs-consent", consent_error.is_some().then_some("pfs-has-error"))}>
                if let Some(msg) = consent_error {
                    <p class="pfs-error" id="pfs-consent-error"><span class="pfs-visually-hidden">{s.error_prefix}{" "}</span>{msg}</p>
                }
                <div class="pfs-option">
                    <input id={Field::Consent.id()} type="checkbox" checked={fields.consent} onchange={on_consent} ref={node(Field::Consent)}
                        aria-invalid={consent_error.is_some().then_some("true")}
                        aria-describedby={consent_error.is_some().then_some("pfs-consent-error")} />
                    <label for={Field::Consent.id()}>{consent_text}</label>
                </div>
            </div>
            if *status == Status::Failed {
                <div class="pfs-error-summary" role="alert">
                    <p>{s.send_failed}</p>
                    <CallButton settings={props.settings.clone()} />
                </div>
            }
            <button type="submit" class="pfs-button pfs-primary" disabled={*status == Status::Sending}>
                {match *status { Status::Sending => s.sending, Status::Failed => s.retry, _ => s.send }}
            </button>
        </form>
    }
}
