//! The contact form in a wasm of its own. With the `split` feature (the
//! release build, see scripts/split-wasm.sh) the form's code is fetched two
//! seconds after the widget's first screen is up (`prefetch`), so neither
//! the first question nor the visitor's first clicks wait for it, and at the
//! same moment for every visitor whatever they answer (the request tells the
//! server nothing of their progress). If that failed, the result fetches it
//! again; a failure there says so and offers a retry (the call button is
//! just above). Without the feature (the component tests) the form is part
//! of the one wasm.

use crate::core::i18n::fill;
use crate::ui::contact_form::{ContactForm, ContactFormProps};
use crate::web::events::HostEvent;
use crate::web::parts::{Part, Unavailable};
use yew::prelude::*;

/// Renders the contact form; its code is in the contact chunk.
type View = fn(ContactFormProps) -> Html;

/// The split point: everything only this reaches moves to the chunk.
#[cfg_attr(feature = "split", wasm_split_helpers::wasm_split(contact, fallible, preload(fetch_contact)))]
fn contact_view() -> Result<View, Unavailable> {
    Ok(|props| html! { <ContactForm ..props /> })
}

thread_local! {
    static PART: Part<View> = Part::default();
}

/// Fetches the form's code (at once without the split), through the one
/// part loader; the component redraws when it settles.
fn fetch() -> Part<View> {
    let part = PART.with(Part::clone);
    part.fetch(|| async {
        #[cfg(feature = "split")]
        return contact_view().await;
        #[cfg(not(feature = "split"))]
        contact_view()
    });
    part
}

/// Fetches the form's code, if there is a form (a `submit-url`); a
/// failure is left to the result. The loader calls it (`Mounted::prefetch`)
/// a fixed time after the first screen is up, so when the request comes
/// tells nothing of the visitor.
pub fn prefetch(has_form: bool) {
    #[cfg(feature = "split")]
    if has_form {
        wasm_bindgen_futures::spawn_local(async {
            let _ = fetch_contact().await;
        });
    }
    #[cfg(not(feature = "split"))]
    let _ = has_form;
}

#[function_component(LazyContactForm)]
pub fn lazy_contact_form(props: &ContactFormProps) -> Html {
    let settings = &props.settings;
    let s = settings.strings();
    let redraw = use_force_update();
    // Bumped by Retry; each value fetches once (a failure is not cached).
    let attempt = use_state(|| 0u32);
    let wanted = settings.submit_url.is_some();
    use_effect_with((*attempt, wanted), {
        let redraw = redraw.clone();
        move |&(_, wanted)| {
            if wanted {
                let part = fetch();
                if part.failed() || part.here().is_some() {
                    return;
                }
                // Loading (again, after Retry): show so, then redraw when it settles.
                redraw.force_update();
                part.when_settled(Box::new(move || redraw.force_update()));
            }
        }
    });
    let part = PART.with(Part::clone);
    let view = part.here();
    // The host page hears that the form is shown (`pfs-form`), once.
    use_effect_with(view.is_some(), {
        let host = settings.host.clone();
        move |&shown| {
            if shown {
                host.emit(HostEvent::Form);
            }
        }
    });
    if !wanted {
        return html! {
            <div class="pfs-no-form">
                <p class="pfs-lead">{s.no_form}</p>
                if let Some(email) = &settings.email {
                    <p><a href={format!("mailto:{email}")}>{fill(s.email_us, &[("email", email)])}</a></p>
                }
            </div>
        };
    }
    match view {
        Some(render) => {
            render(ContactFormProps { settings: settings.clone(), config: props.config.clone(), session: props.session.clone() })
        }
        None if part.failed() => {
            let retry = Callback::from(move |_: MouseEvent| attempt.set(*attempt + 1));
            html! {
                <div class="pfs-error-summary" role="alert">
                    <p>{s.form_unavailable}</p>
                    <button type="button" class="pfs-button pfs-secondary" onclick={retry}>{s.retry}</button>
                </div>
            }
        }
        None => html! { <p class="pfs-note" role="status">{s.form_loading}</p> },
    }
}
