//! A visible language switch: one button per other language that both the
//! widget and the questionnaire speak, each labelled in its own language.

use crate::core::i18n::{Strings, LANGUAGES};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LanguageSwitchProps {
    pub strings: &'static Strings,
    /// Locales the questionnaire has texts for.
    pub available: Vec<String>,
    pub on_choose: Callback<&'static str>,
}

#[function_component(LanguageSwitch)]
pub fn language_switch(props: &LanguageSwitchProps) -> Html {
    let current = props.strings.locale;
    let others: Vec<(&'static str, &'static str)> =
        LANGUAGES.iter().filter(|l| l.code != current && props.available.iter().any(|a| a == l.code)).map(|l| (l.code, l.name)).collect();
    if others.is_empty() {
        return html! {};
    }
    html! {
        <nav class="pfs-lang" aria-label={props.strings.language_label}>
            {for others.into_iter().map(|(code, name)| {
                let on_choose = props.on_choose.clone();
                html! {
                    <button type="button" class="pfs-link-button" lang={code} onclick={Callback::from(move |_| on_choose.emit(code))}>
                        {name}
                    </button>
                }
            })}
        </nav>
    }
}
