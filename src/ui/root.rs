//! The root of each Yew app: renders one screener, or nothing while parked.
//!
//! Yew never removes the event listeners it attaches to an app's root
//! element (it `forget`s them by design), so creating a new app for every
//! mount would leak a listener and its element each time a single-page app
//! adds and removes the widget. `web` therefore keeps unmounted apps in a
//! pool and reuses them; a new `generation` key gives each mount fresh state.

use crate::ui::app::{App, AppProps};
use yew::prelude::*;

#[derive(Properties, Debug, Clone, PartialEq)]
pub struct RootProps {
    /// The screener to show, or `None` while the app is parked in the pool.
    pub widget: Option<AppProps>,
    /// Changes on every mount, so no state survives from a previous one.
    pub generation: u32,
}

#[function_component(Root)]
pub fn root(props: &RootProps) -> Html {
    match &props.widget {
        Some(p) => html! { <App key={props.generation} config={p.config.clone()} settings={p.settings.clone()} rehearsal={p.rehearsal} /> },
        None => html! {},
    }
}
