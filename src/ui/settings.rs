//! What the embedding page configured on the element, as the components
//! read it: filled from the element's attributes by `embed::settings`,
//! which the components never see.

use crate::core::i18n::{self, Strings};
use crate::web::events::Host;

/// What the embedding page configured on the element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub phone: Option<String>,
    pub submit_url: Option<String>,
    pub center: Option<String>,
    /// The center's email address, offered when there is no `submit-url`.
    pub email: Option<String>,
    /// How long to wait for the receiver before a retry (`submit-timeout`, seconds).
    pub timeout_ms: u32,
    pub locale: String,
    /// The element, for the events the host page may listen to.
    pub host: Host,
}

impl Settings {
    /// The contact form's strings in the widget's locale (`i18n::form`).
    pub fn form(&self) -> &'static i18n::Form {
        i18n::form(&self.locale)
    }

    pub fn strings(&self) -> &'static Strings {
        i18n::strings(&self.locale)
    }
}
