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
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

/// Renders the contact form; its code is in the contact chunk.
type View = fn(ContactFormProps) -> Html;

/// The contact chunk could not be fetched or started.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unavailable;

#[cfg(feature = "split")]
impl From<wasm_split_helpers::SplitLoaderError> for Unavailable {
    fn from(_: wasm_split_helpers::SplitLoaderError) -> Self {
        Unavailable
    }
}

/// The split point: everything only this reaches moves to the chunk.
#[cfg_attr(feature = "split", wasm_split_helpers::wasm_split(contact, fallible, preload(fetch_contact)))]
fn contact_view() -> Result<View, Unavailable> {
    // The form's styles come with its code (styles/form.css).
    crate::web::styles::add_form(include_str!(concat!(env!("OUT_DIR"), "/form.min.css")));
    Ok(|props| html! { <ContactForm ..props /> })
}

async fn load() -> Result<View, Unavailable> {
    #[cfg(feature = "split")]
    return contact_view().await;
    #[cfg(not(feature = "split"))]
    contact_view()
}

/// Fetches the form's code, if there is a form (a `submit-url`); a
/// failure is left to the result. The loader calls it (`Mounted::prefetch`)
/// a fixed time after the first screen is up, so when the request comes
/// tells nothing of the visitor.
pub fn prefetch(has_form: bool) {
    #[cfg(feature = "split")]
    if has_form {
        spawn_local(async {
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
    let view = use_state(|| None::<Result<View, Unavailable>>);
    // Bumped by Retry; each value fetches once (a failure is not cached).
    let attempt = use_state(|| 0u32);
    let wanted = settings.submit_url.is_some();
    use_effect_with((*attempt, wanted), {
        let view = view.clone();
        let host = settings.host.clone();
        move |&(_, wanted)| {
            if wanted {
                spawn_local(async move {
                    let loaded = load().await;
                    // The host page hears that the form is shown (`pfs-form`), once.
                    if loaded.is_ok() {
                        host.emit(HostEvent::Form);
                    }
                    view.set(Some(loaded));
                });
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
    match *view {
        Some(Ok(render)) => {
            render(ContactFormProps { settings: settings.clone(), config: props.config.clone(), session: props.session.clone() })
        }
        Some(Err(Unavailable)) => {
            let retry = Callback::from(move |_: MouseEvent| {
                view.set(None);
                attempt.set(*attempt + 1);
            });
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
