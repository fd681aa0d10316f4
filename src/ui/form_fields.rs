//! Form controls with their label, hint and error tied together for screen
//! readers: a text field (or text area), an insurance-card file picker, a
//! checkbox, and the GOV.UK-style error summary that links to each field.

use crate::core::contact::{megabytes, Field};
use crate::core::i18n::{Form, Strings};
use web_sys::{File, HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

/// A field's error, read by screen readers as "Error: ..." (the field's
/// `aria-describedby` points at `id`).
fn error_message(id: String, msg: &str, s: &Strings) -> Html {
    html! { <p class="pfs-error" {id}><span class="pfs-visually-hidden">{s.error_prefix}{" "}</span>{msg.to_string()}</p> }
}

fn describedby(hint: Option<&str>, error: Option<&str>) -> Option<String> {
    let ids: Vec<&str> = [hint, error].into_iter().flatten().collect();
    (!ids.is_empty()).then(|| ids.join(" "))
}

#[derive(Properties, PartialEq)]
pub struct TextFieldProps {
    pub field: Field,
    pub label: String,
    #[prop_or_default]
    pub kind: Option<&'static str>,
    #[prop_or_default]
    pub autocomplete: Option<&'static str>,
    #[prop_or_default]
    pub hint: Option<&'static str>,
    #[prop_or_default]
    pub multiline: bool,
    pub value: String,
    pub error: Option<String>,
    pub strings: &'static Strings,
    pub node: NodeRef,
    pub on_input: Callback<String>,
}

#[function_component(TextField)]
pub fn text_field(p: &TextFieldProps) -> Html {
    let id = p.field.id();
    let error_id = p.error.as_ref().map(|_| format!("{id}-error"));
    let hint_id = p.hint.map(|_| format!("{id}-hint"));
    let described = describedby(hint_id.as_deref(), error_id.as_deref());
    let on_input = p.on_input.clone();
    let oninput = Callback::from(move |e: InputEvent| {
        let value = e
            .target_dyn_into::<HtmlInputElement>()
            .map(|i| i.value())
            .or_else(|| e.target_dyn_into::<HtmlTextAreaElement>().map(|t| t.value()));
        on_input.emit(value.unwrap_or_default());
    });
    html! {
        <div class={classes!("pfs-field", p.error.is_some().then_some("pfs-has-error"))}>
            <label for={id}>{&p.label}</label>
            if let (Some(hint), Some(hid)) = (p.hint, hint_id.clone()) { <p class="pfs-hint" id={hid}>{hint}</p> }
            if let (Some(msg), Some(eid)) = (&p.error, error_id.clone()) { {error_message(eid, msg, p.strings)} }
            if p.multiline {
                <textarea id={id} rows="3" maxlength="2000" value={p.value.clone()} {oninput} ref={p.node.clone()}
                    aria-invalid={p.error.is_some().then_some("true")} aria-describedby={described} />
            } else {
                <input id={id} type={p.kind.unwrap_or("text")} maxlength="200" autocomplete={p.autocomplete}
                    value={p.value.clone()} {oninput} ref={p.node.clone()}
                    aria-invalid={p.error.is_some().then_some("true")} aria-describedby={described} />
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct FileFieldProps {
    pub field: Field,
    pub label: String,
    pub file: Option<File>,
    pub error: Option<String>,
    pub strings: &'static Strings,
    pub texts: &'static Form,
    pub node: NodeRef,
    pub on_change: Callback<Option<File>>,
}

/// A file picker that, once a file is chosen, shows its name and size with
/// a Remove button.
#[function_component(FileField)]
pub fn file_field(p: &FileFieldProps) -> Html {
    let (s, t) = (p.strings, p.texts);
    let id = p.field.id();
    let error_id = p.error.as_ref().map(|_| format!("{id}-error"));
    let hint_id = format!("{id}-hint");
    let on_change = p.on_change.clone();
    let onchange = Callback::from(move |e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        on_change.emit(input.files().and_then(|f| f.get(0)));
    });
    let on_remove = p.on_change.reform(|_: MouseEvent| None);
    html! {
        <div class={classes!("pfs-field", p.error.is_some().then_some("pfs-has-error"))}>
            <label for={id}>{&p.label}</label>
            <p class="pfs-hint" id={hint_id.clone()}>{t.file_hint}</p>
            if let (Some(msg), Some(eid)) = (&p.error, error_id.clone()) { {error_message(eid, msg, s)} }
            if let Some(file) = &p.file {
                <p class="pfs-file">
                    // The file's name is text, never in an attribute (a page script could read it there).
                    <span id={format!("{id}-file")}>{format!("{} ({})", file.name(), megabytes(file.size() as u64, t.decimal_point))}</span>
                    <button type="button" class="pfs-link-button" onclick={on_remove}
                        aria-label={format!("{}: {}", t.remove, p.label)} aria-describedby={format!("{id}-file")}>{t.remove}</button>
                </p>
            } else {
                <input id={id} type="file" ref={p.node.clone()} {onchange}
                    accept=".jpg,.jpeg,.png,.heic,.heif,.pdf,image/jpeg,image/png,image/heic,image/heif,application/pdf"
                    aria-invalid={p.error.is_some().then_some("true")}
                    aria-describedby={describedby(Some(&hint_id), error_id.as_deref())} />
            }
        </div>
    }
}

/// A checkbox with its label, and its hint or error.
pub struct Checkbox {
    pub id: &'static str,
    pub label: String,
    pub checked: bool,
    pub error: Option<String>,
    pub hint: Option<&'static str>,
    pub node: NodeRef,
}

pub fn check_field(c: Checkbox, s: &'static Strings, on_change: Callback<bool>) -> Html {
    let Checkbox { id, label, checked, error, hint, node } = c;
    let onchange = Callback::from(move |e: Event| on_change.emit(e.target_unchecked_into::<HtmlInputElement>().checked()));
    let error_id = format!("{id}-error");
    html! {
        <div class={classes!("pfs-field", error.is_some().then_some("pfs-has-error"))}>
            if let Some(msg) = &error { {error_message(error_id.clone(), msg, s)} }
            <div class="pfs-option">
                <input {id} type="checkbox" {checked} {onchange} ref={node} aria-invalid={error.is_some().then_some("true")}
                    aria-describedby={error.is_some().then_some(error_id).or(hint.map(|_| format!("{id}-hint")))} />
                <label for={id}>{label}</label>
            </div>
            if let Some(h) = hint { <p class="pfs-hint" id={format!("{id}-hint")}>{h}</p> }
        </div>
    }
}

/// The problems found, each linked to its field (a click focuses it), in
/// a box that takes focus after a Send that found them; nothing when none.
pub fn error_summary(problems: &[(Option<Field>, String)], t: &'static Form, summary: NodeRef, node: impl Fn(Field) -> NodeRef) -> Html {
    if problems.is_empty() {
        return Html::default();
    }
    html! {
        <div class="pfs-error-summary" tabindex="-1" ref={summary} role="alert">
            <h4>{t.error_summary}</h4>
            <ul>
                {for problems.iter().map(|(field, m)| match field {
                    Some(field) => {
                        let target = node(*field);
                        let onclick = Callback::from(move |e: MouseEvent| {
                            e.prevent_default();
                            if let Some(el) = target.cast::<web_sys::HtmlElement>() { let _ = el.focus(); }
                        });
                        html! { <li><a href={format!("#{}", field.id())} {onclick}>{m}</a></li> }
                    }
                    None => html! { <li>{m}</li> },
                })}
            </ul>
        </div>
    }
}
