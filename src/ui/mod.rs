//! Yew components: a thin rendering layer over `core`. Components own
//! rendering only; state lives in the `core::session` reducer and browser
//! calls live in `web`.

// Props hold callbacks and node refs, which have no useful Debug output.
#![allow(missing_debug_implementations)]

pub mod app;
pub mod call_button;
pub mod contact_form;
pub mod contact_submit;
pub mod form_fields;
pub mod interrupt;
pub mod intro;
pub mod language_switch;
pub mod lazy_contact;
pub mod lead_preview;
pub mod level;
pub mod question;
pub mod result;
pub mod root;
pub mod settings;
