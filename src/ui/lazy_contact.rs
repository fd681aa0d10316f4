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
use crate::web::parts::{split_call, Part, Unavailable};
use yew::prelude::*;

/// Renders the contact form; its code is in the contact chunk.
type View = fn(ContactFormProps) -> Html;

/// The split point: everything only this reaches moves to the chunk.
#[cfg_attr(feature = "split", wasm_split_helpers::wasm_split(contact, fallible, preload(fetch_contact)))]
fn contact_view() -> Result<View, Unavailable> {
    // The form's styles come with its code (styles/form.css).
    crate::web::styles::add_form(include_str!(concat!(env!("OUT_DIR"), "/form.min.css")));
    Ok(|props| html! { <ContactForm ..props /> })
}

thread_local! {
    static FORM: Part<View> = Part::default();
}

async fn start() -> Result<View, Unavailable> {
    split_call!(contact_view())
}

/// Fetches the form's code, if there is a form (a `submit-url`), and
/// starts it, but does not run it: the form's styles are added to the
/// sheet only when the result shows the form, never while the visitor
/// answers. A failure is not kept: the result fetches it again (`FORM`).
/// The loader calls it (`Mounted::prefetch`) a fixed time after the first
/// screen is up, so when the request comes tells nothing of the visitor.
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
    if settings.submit_url.is_none() {
        return html! {
            <div class="pfs-no-form">
                <p class="pfs-lead">{s.no_form}</p>
                if let Some(email) = &settings.email {
                    <p><a href={format!("mailto:{email}")}>{fill(s.email_us, &[("email", email)])}</a></p>
                }
            </div>
        };
    }
    // Fetched unless here or failed (Try again asks again); redrawn when it settles.
    let view = FORM.with(|f| {
        let redraw = redraw.clone();
        f.want(Box::new(move || redraw.force_update()), start());
        f.get().ok_or(f.failed())
    });
    match view {
        Ok(render) => {
            // The host page hears that the form is shown (`pfs-form`), once.
            settings.host.emit(HostEvent::Form);
            render(ContactFormProps { settings: settings.clone(), config: props.config.clone(), session: props.session.clone() })
        }
        Err(true) => {
            let retry = Callback::from(move |_: MouseEvent| {
                FORM.with(Part::retry);
                redraw.force_update();
            });
            html! {
                <div class="pfs-error-summary" role="alert">
                    <p>{s.form_unavailable}</p>
                    <button type="button" class="pfs-button pfs-secondary" onclick={retry}>{s.retry}</button>
                </div>
            }
        }
        Err(false) => html! { <p class="pfs-note" role="status">{s.form_loading}</p> },
    }
}
