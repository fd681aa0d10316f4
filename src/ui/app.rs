//! The root component: holds the session reducer, picks the screen for the
//! current step, moves focus to each new screen's heading and announces it.

use crate::core::i18n::{self, fill, Strings};
use crate::core::model::Questionnaire;
use crate::core::session::{Action, Session, Step};
use crate::ui::call_button::CallButton;
use crate::ui::interrupt::InterruptStep;
use crate::ui::intro::Intro;
use crate::ui::language_switch::LanguageSwitch;
use crate::ui::question::QuestionStep;
use crate::ui::result::ResultStep;
use crate::ui::settings::Settings;
use crate::web::events::{Host, HostEvent};
use crate::web::translations;
use std::rc::Rc;
use web_sys::HtmlElement;
use yew::functional::UseForceUpdateHandle;
use yew::prelude::*;

#[derive(Properties, Debug, Clone)]
pub struct AppProps {
    pub config: Rc<Questionnaire>,
    pub settings: Rc<Settings>,
    /// A rehearsal (`embed::apps::rehearse`): starts at the first question,
    /// in an app that is never in the page.
    #[prop_or_default]
    pub rehearsal: bool,
}

impl PartialEq for AppProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.config, &other.config) && self.settings == other.settings && self.rehearsal == other.rehearsal
    }
}

/// The Yew adapter around the pure reducer.
#[derive(Debug)]
struct State {
    config: Rc<Questionnaire>,
    session: Session,
}

impl Reducible for State {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(State { config: self.config.clone(), session: self.session.reduce(&self.config, action) })
    }
}

#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let state = use_reducer({
        let config = props.config.clone();
        let rehearsal = props.rehearsal;
        move || {
            let session = Session::new(&config);
            State { session: if rehearsal { session.reduce(&config, Action::Start) } else { session }, config }
        }
    });
    let heading = use_node_ref();
    // The visitor's own choice of language overrides the page's.
    let chosen = use_state(|| None::<&'static str>);
    let wanted = chosen.map_or_else(|| props.settings.locale.clone(), str::to_string);
    let redraw = use_force_update();
    let first_screen = matches!(state.session.step, Step::Intro | Step::Question(0));
    let Shown { config, locale, missing, waits } = shown(&props.config, &wanted, first_screen, &redraw);
    let retry = {
        let locale = locale.clone();
        Callback::from(move |_: MouseEvent| {
            translations::retry(&locale);
            redraw.force_update();
        })
    };
    // Every text in the voice of whoever is answering (a loved one, say).
    let config = translations::voiced(&config, config.voice(&state.session.answers, &state.session.scores(&config)));
    let settings =
        if locale == props.settings.locale { props.settings.clone() } else { Rc::new(Settings { locale, ..(*props.settings).clone() }) };
    let strings = settings.strings();
    let rtl = i18n::language(&settings.locale).is_some_and(|l| l.rtl);
    let q = &config;
    let session = &state.session;
    // The card keeps focus while a screen is swapped for the next (see `dispatcher`).
    let card = use_node_ref();
    use_step_change(session.step, &heading, &settings.host);

    let announcement = match session.step {
        Step::Question(_) => session
            .progress(q)
            .map(|(n, total)| fill(strings.progress, &[("n", &n.to_string()), ("total", &total.to_string())]))
            .unwrap_or_default(),
        _ => String::new(),
    };

    let screen = if waits { waiting(strings, &heading, &settings, retry) } else { screen(&state, &card, &heading, &config, &settings) };
    html! {
        <section class="pfs-card" lang={settings.locale.clone()} dir={rtl.then_some("rtl")} aria-label={strings.intro_title} tabindex="-1" ref={card}>
            <LanguageSwitch
                {strings}
                available={q.locales.clone()}
                on_choose={Callback::from(move |l| {
                    translations::retry(l);
                    chosen.set(Some(l));
                })}
            />
            if let (true, Some(language)) = (missing && translations::failed(&wanted), i18n::language(&wanted)) {
                // In the language the visitor asked for too: it could not load.
                <p class="pfs-hint" role="status">
                    <span lang={language.code}>{language.unavailable}</span>
                    {" "}{strings.language_unavailable}
                </p>
            }
            <p class="pfs-visually-hidden" aria-live="polite">{announcement}</p>
            {screen}
            // Who would rather talk can call from every screen; the result
            // has its own button, the waiting screen too.
            if session.step != Step::Result && !waits {
                <CallButton settings={settings.clone()} line=true />
            }
        </section>
    }
}

/// The screen of the session's step: the intro, a question's screen, a
/// safety screen or the result.
fn screen(state: &UseReducerHandle<State>, card: &NodeRef, heading: &NodeRef, config: &Rc<Questionnaire>, settings: &Rc<Settings>) -> Html {
    let (q, session, strings) = (config, &state.session, settings.strings());
    let dispatch = |action: Action| dispatcher(state, card, action);
    match session.step {
        Step::Intro => html! { <Intro {strings} heading={heading.clone()} on_start={dispatch(Action::Start)} /> },
        Step::Question(i) => {
            let on_choose = {
                let state = state.clone();
                let config = config.clone();
                Callback::from(move |(question, option): (usize, usize)| {
                    let multi = config.questions.get(question).is_some_and(|x| x.kind.is_multi());
                    state.dispatch(if multi { Action::Toggle { question, option } } else { Action::Choose { question, option } })
                })
            };
            let screen = session.screen(q, i);
            html! {
                <QuestionStep
                    config={config.clone()}
                    chosen={screen.iter().map(|&j| session.answers.get(j).map(<[usize]>::to_vec).unwrap_or_default()).collect::<Vec<_>>()}
                    {screen}
                    progress={session.progress(q).unwrap_or((1, 1))}
                    missing={session.missing_answer}
                    locale={settings.locale.clone()}
                    {strings}
                    heading={heading.clone()}
                    {on_choose}
                    on_next={dispatcher::<()>(state, card, Action::Next)}
                    on_back={dispatch(Action::Back)}
                />
            }
        }
        Step::Interrupt { interrupt, .. } => html! {
            <InterruptStep
                interrupt={q.interrupts[interrupt].clone()}
                locale={settings.locale.clone()}
                {strings}
                heading={heading.clone()}
                on_continue={dispatch(Action::Continue)}
                on_back={dispatch(Action::Back)}
            />
        },
        Step::Result => html! {
            <ResultStep
                config={config.clone()}
                session={session.clone()}
                settings={settings.clone()}
                heading={heading.clone()}
                on_back={dispatch(Action::Back)}
                on_restart={dispatch(Action::Restart)}
            />
        },
    }
}

/// On every step change: move focus to the new screen's heading, and
/// tell the host page of the milestones every visitor passes (Start, a
/// result), each once: never a question, a safety screen or Back. Never on
/// the first render: the widget must not steal focus from the host page.
#[hook]
fn use_step_change(step: Step, heading: &NodeRef, host: &Host) {
    let previous = use_mut_ref(|| None::<Step>);
    use_effect_with(step, {
        let heading = heading.clone();
        let host = host.clone();
        move |step: &Step| {
            let Some(before) = previous.borrow_mut().replace(*step) else { return };
            if let Some(h) = heading.cast::<HtmlElement>() {
                let _ = h.focus();
            }
            if before == Step::Intro && *step != Step::Intro {
                host.emit(HostEvent::Start);
            }
            if *step == Step::Result {
                host.emit(HostEvent::Result);
            }
        }
    });
}

/// The questionnaire and language the app shows (`missing`: in English,
/// as the wanted language is not here), and whether it `waits` for the
/// wordings after the first screen.
struct Shown {
    config: Rc<Questionnaire>,
    locale: String,
    missing: bool,
    waits: bool,
}

/// What the app shows in, asking for the parts it lacks (`redraw` once
/// they settle). A locale's part is fetched when first wanted
/// (`web::translations`); until it is here, or if it cannot load, the
/// widget stays in English. The first screen has its own wordings; the
/// loader asks for the rest once that screen is drawn
/// (`Mounted::prefetch`), and a screen after it that finds them missing
/// asks here (a language the visitor picks is asked for at once).
fn shown(builtin: &Rc<Questionnaire>, wanted: &str, first_screen: bool, redraw: &UseForceUpdateHandle) -> Shown {
    let want = |locale: &str| {
        let redraw = redraw.clone();
        translations::want(locale, Box::new(move || redraw.force_update()));
    };
    let translated = translations::config_for(builtin, wanted);
    let missing = translated.is_none();
    let english = || translations::config_for(builtin, i18n::FALLBACK);
    let config = translated.or_else(english).unwrap_or_else(|| builtin.clone());
    if missing && (!first_screen || !translations::here(wanted)) {
        want(wanted);
    }
    let locale = if missing { i18n::FALLBACK } else { wanted }.to_string();
    // Past the first screen, its wordings must be here (see `waiting`).
    let waits = config.lacks(&locale) && !first_screen;
    if waits {
        want(&locale);
    }
    Shown { config, locale, missing, waits }
}

/// The screen shown when the next screen's wordings are not here yet (they
/// are asked for once the first screen is drawn, `web::translations`): it
/// says they are on their way, or that they could not load with Try
/// again; the call button either way.
fn waiting(s: &'static Strings, heading: &NodeRef, settings: &Rc<Settings>, retry: Callback<MouseEvent>) -> Html {
    let failed = translations::failed(&settings.locale);
    html! {
        <div class="pfs-step">
            <h2 class="pfs-title" tabindex="-1" ref={heading.clone()}>{s.one_moment}</h2>
            if failed {
                <div class="pfs-error-summary" role="alert">
                    <p>{s.next_unavailable}</p>
                    <button type="button" class="pfs-button pfs-secondary" onclick={retry}>{s.retry}</button>
                </div>
            } else {
                <p class="pfs-note" role="status">{s.next_loading}</p>
            }
            <CallButton settings={settings.clone()} />
        </div>
    }
}

/// A callback that dispatches `action`, whatever event triggers it. When
/// the action changes the screen, focus first moves to the card: the
/// focused button is about to be removed, and focus leaving the widget
/// (to the page's body, and back to the next heading) would tell a page
/// script how many screens the visitor went through.
fn dispatcher<T>(state: &UseReducerHandle<State>, card: &NodeRef, action: Action) -> Callback<T> {
    let (state, card) = (state.clone(), card.clone());
    Callback::from(move |_: T| {
        if state.session.reduce(&state.config, action).step != state.session.step {
            if let Some(card) = card.cast::<HtmlElement>() {
                let _ = card.focus();
            }
        }
        state.dispatch(action)
    })
}
