//! What one level of care involves: summary, components, schedule, benefits.

use crate::core::i18n::Strings;
use crate::core::model::Level;
use yew::prelude::*;

#[derive(Properties)]
pub struct LevelProps {
    pub level: Level,
    pub locale: String,
    pub s: &'static Strings,
}

impl PartialEq for LevelProps {
    fn eq(&self, other: &Self) -> bool {
        self.level.id == other.level.id && self.locale == other.locale
    }
}

#[function_component(LevelDetails)]
pub fn level_details(props: &LevelProps) -> Html {
    let l = props.locale.as_str();
    let level = &props.level;
    let s = props.s;
    let list = |title: &'static str, items: &[crate::core::text::Text]| {
        (!items.is_empty()).then(|| {
            html! {
                <>
                    <h4>{title}</h4>
                    <ul>{for items.iter().map(|t| html! { <li>{t.get(l)}</li> })}</ul>
                </>
            }
        })
    };
    html! {
        <section class="pfs-level" aria-label={level.name.get(l).to_string()}>
            <h3>{level.name.get(l)}</h3>
            <p>{level.summary.get(l)}</p>
            {list(s.involves, &level.involves)}
            if let Some(schedule) = &level.schedule {
                <h4>{s.schedule}</h4>
                <p>{schedule.get(l)}</p>
            }
            {list(s.benefits, &level.benefits)}
        </section>
    }
}
