//! Browser services below the components: delivering a lead (`submit`),
//! telling the host page about milestones (`events`), fetching wasm parts
//! (`parts`: the contact form's, a site config's reader's, each
//! locale's), the built-in screener's wordings (`translations`) and the
//! reader of a site's own config (`site_config`). It knows nothing of the
//! components above it (`ui`) or of the element's lifecycle (`embed`).

pub mod events;
pub mod parts;
pub mod site_config;
pub mod submit;
pub mod translations;
