//! The element's lifecycle, the top floor: the JS-facing API the loader
//! (`js/program-fit-screener.js`) calls, `mount` for each
//! `<program-fit-screener>` element with its open shadow root, `update`
//! when an attribute changes and `unmount` when the element is removed;
//! the stages before the first render, the pool of apps (`apps`), the
//! fail-open view (`fail_open`) and reading the attributes (`settings`).
//! Nothing below imports it.

mod apps;
mod fail_open;
mod settings;

use crate::core::i18n;
use crate::core::json;
use crate::core::model::Questionnaire;
use crate::core::reader::ConfigError;
use crate::ui::app::AppProps;
use crate::ui::settings::Settings;
use crate::web::site_config::{self, Stages};
use crate::web::styles;
use crate::web::translations;
use apps::{fresh, start_app, Running};
use fail_open::{config_invalid, fail_open, install_panic_hook};
use settings::read_settings;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::{HtmlElement, ShadowRoot};

/// What is left to do before a widget shows. Each stage is one call of
/// `Mounted::step`, and the loader gives each its own main-thread task, so
/// none is one long task on a slow phone.
enum Work {
    /// The built-in screener, to unpack (build.rs checked and packed it).
    Builtin,
    /// A site's own config: waiting for the code to read and check it
    /// (`pending` has the promise).
    Site(String),
    /// The site's JSON text to read.
    Json(String, Stages),
    /// The JSON, to read as a questionnaire.
    Read(json::Value, Stages),
    /// The site's questionnaire, to check.
    Lint(Questionnaire, Stages),
    /// The questionnaire, waiting for its locale's part (`pending` has the promise).
    Translating(Rc<Questionnaire>, js_sys::Promise),
    /// The questionnaire, ready: the app is created, empty, then shown.
    Show(Rc<Questionnaire>),
    /// The app exists, empty: first, once per page, the start screen and
    /// then the first question are rehearsed in an app out of the page
    /// (`apps::rehearse`), a stage each.
    Rehearse,
    /// That app, at its start screen: now its first question.
    RehearseStart(apps::Rehearsal),
    /// That app, to empty and park for a later mount.
    Park(apps::Rehearsal),
    /// The app exists but shows nothing yet: the first render of the screener.
    Render,
    Done,
}

/// A mounted widget: its settings read; `step` or `render` shows it.
#[wasm_bindgen]
pub struct Mounted {
    host: HtmlElement,
    root: ShadowRoot,
    settings: Rc<Settings>,
    work: Work,
    app: Option<Running>,
    /// The locale whose wordings after the first screen the built-in
    /// screener lacks, for `prefetch` to ask for once that screen is drawn.
    wordings: Option<String>,
}

impl std::fmt::Debug for Mounted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Mounted")
    }
}

#[wasm_bindgen]
impl Mounted {
    /// Re-reads the element's attributes (phone, submit-url, lang, ...)
    /// and its slotted phone number, and updates the widget in place,
    /// keeping the visitor's answers; or the fail-open view, if that is
    /// what it shows.
    pub fn update(&mut self) {
        // The same `Host`: the milestones already told stay told.
        self.settings = Rc::new(Settings { host: self.settings.host.clone(), ..read_settings(&self.host) });
        let done = matches!(self.work, Work::Done);
        let Some((_, app, props)) = self.app.as_mut() else {
            // Done without an app: the fail-open view, drawn again.
            return if done {
                fail_open::draw(&self.root, &self.settings)
            };
        };
        if let Some(widget) = props.widget.as_mut() {
            widget.settings = self.settings.clone();
        }
        if done {
            app.update(props.clone());
        }
    }

    /// Tears the widget down: drops its state and DOM, and parks the app
    /// for reuse by a later mount.
    pub fn unmount(&mut self) {
        if let Work::RehearseStart(rehearsal) | Work::Park(rehearsal) = std::mem::replace(&mut self.work, Work::Done) {
            rehearsal.park();
        }
        if let Some((container, app, _)) = self.app.take() {
            container.remove();
            apps::park(container, app);
        }
    }

    /// Does the next stage of showing the widget (see `Work`); `true` while
    /// more remain. A config found invalid shows the fail-open view.
    pub fn step(&mut self) -> bool {
        self.work = match std::mem::replace(&mut self.work, Work::Done) {
            Work::Builtin => match translations::builtin() {
                Some(q) => Work::Show(q),
                None => {
                    self.invalid(&[ConfigError { path: String::new(), message: "(the built-in screener) could not be unpacked".into() }])
                }
            },
            Work::Site(text) => match site_config::here() {
                Ok(Some(stages)) => Work::Json(text, stages),
                Ok(None) => Work::Site(text),
                Err(_) => {
                    crate::web::console_error("program-fit-screener: the config check could not load, so only the call button is shown.");
                    fail_open(&self.host, &self.root, &self.settings, "load");
                    Work::Done
                }
            },
            Work::Json(text, stages) => match (stages.read_json)(&text) {
                Ok(value) => Work::Read(value, stages),
                Err(errors) => self.invalid(&errors),
            },
            Work::Read(value, stages) => match (stages.structure)(&value) {
                Ok(q) => Work::Lint(q, stages),
                Err(errors) => self.invalid(&errors),
            },
            Work::Lint(q, stages) => match (stages.check)(q) {
                Ok(q) => Work::Show(Rc::new(q)),
                Err(errors) => self.invalid(&errors),
            },
            Work::Show(q) if !translations::here(&self.settings.locale) && !translations::failed(&self.settings.locale) => {
                match translations::fetch(&self.settings.locale) {
                    Some(part) => Work::Translating(q, part),
                    None => Work::Show(q),
                }
            }
            Work::Translating(q, part) => self.translating(q, part),
            Work::Show(q) => self.show(q),
            Work::Rehearse => match self.widget().and_then(|widget| apps::rehearse(&self.root, widget)) {
                Some(rehearsal) => Work::RehearseStart(rehearsal),
                None => Work::Render,
            },
            // Each rehearsal stage once Yew has drawn the one before (see `pending`).
            Work::RehearseStart(rehearsal) if !rehearsal.drawn("button") => Work::RehearseStart(rehearsal),
            Work::RehearseStart(mut rehearsal) => {
                if let Some(widget) = self.widget() {
                    rehearsal.start(widget);
                }
                Work::Park(rehearsal)
            }
            Work::Park(rehearsal) if !rehearsal.drawn("fieldset") => Work::Park(rehearsal),
            Work::Park(rehearsal) => {
                rehearsal.park();
                Work::Render
            }
            Work::Render => {
                if let Some((container, app, props)) = self.app.as_mut() {
                    self.root.replace_children_with_node_1(container);
                    app.update(props.clone());
                }
                Work::Done
            }
            Work::Done => Work::Done,
        };
        !matches!(self.work, Work::Done)
    }

    /// What the next stage waits for, if anything (the code to read a
    /// site's config, a locale's part, the rehearsal's render so far): the
    /// loader awaits it instead of yielding a task.
    pub fn pending(&self) -> Option<js_sys::Promise> {
        match &self.work {
            Work::Site(_) => site_config::pending(),
            Work::Translating(_, part) => Some(part.clone()),
            // After Yew's own timer task, if it yielded mid-render.
            Work::RehearseStart(..) | Work::Park(..) => Some(crate::web::timeout(0)),
            _ => None,
        }
    }

    /// Fetches what later screens need: the wordings after the first
    /// screen (`contact` false: the loader asks once the first screen's
    /// frame is drawn, so the part's download and start never hold it up),
    /// or the contact form's code if the widget has a form (`contact` true,
    /// a fixed time after the first screen is up).
    pub fn prefetch(&self, contact: bool) {
        if contact {
            crate::ui::lazy_contact::prefetch(self.settings.submit_url.is_some());
        } else if let Some(locale) = &self.wordings {
            translations::fetch(locale);
        }
    }
}

impl Mounted {
    /// Does every stage left at once, up to one that must wait (`pending`):
    /// for the component tests, which do not step as the loader does (not
    /// exported to JavaScript: the loader never calls it).
    /// The rehearsal is left out: its stages wait for Yew's renders, which
    /// run once this has returned.
    pub fn render(&mut self) {
        while self.step() {
            if matches!(self.work, Work::Rehearse) {
                self.work = Work::Render;
            }
            if self.pending().is_some() {
                break;
            }
        }
        self.prefetch(false);
    }

    /// Waiting for the locale's part: shown once it is here, or in English
    /// if it failed (the app says why, in both languages).
    fn translating(&self, q: Rc<Questionnaire>, part: js_sys::Promise) -> Work {
        let failed = translations::failed(&self.settings.locale);
        if failed {
            crate::web::console_error(
                "program-fit-screener: the text in the page's language could not load, so the widget is shown in English.",
            );
        }
        if failed || translations::here(&self.settings.locale) {
            Work::Show(q)
        } else {
            Work::Translating(q, part)
        }
    }

    /// Creates the app for `q`, empty: rendered at once, or after the
    /// rehearsal (once per page) or the render stage; the fail-open view
    /// if it cannot be created.
    fn show(&mut self, q: Rc<Questionnaire>) -> Work {
        // The wordings after the first screen, in the widget's
        // language (English if its part failed in the stage before),
        // asked for once the first screen is drawn (`prefetch`),
        // whatever the visitor answers.
        let locale = if translations::failed(&self.settings.locale) { i18n::FALLBACK } else { self.settings.locale.as_str() };
        self.wordings = q.lacks(locale).then(|| locale.to_owned());
        let props = fresh(AppProps { config: q, settings: self.settings.clone(), rehearsal: false });
        match start_app(&self.root, props) {
            Some((app, rendered)) => {
                self.app = Some(app);
                if rendered {
                    Work::Done
                } else if apps::rehearsed() {
                    Work::Render
                } else {
                    Work::Rehearse
                }
            }
            None => {
                fail_open(&self.host, &self.root, &self.settings, "config");
                Work::Done
            }
        }
    }

    /// The props of this widget's app, once it is made.
    fn widget(&self) -> Option<&AppProps> {
        self.app.as_ref().and_then(|(_, _, props)| props.widget.as_ref())
    }

    fn invalid(&self, errors: &[ConfigError]) -> Work {
        let problems: Vec<String> = errors.iter().map(ToString::to_string).collect();
        config_invalid(&self.host, &self.root, &self.settings, &problems);
        Work::Done
    }
}

/// Mounts a widget into `root`, the open shadow root of `host`: reads its
/// settings and finds its config, ready for `Mounted::step`, or shows the
/// fail-open view at once when the config could not be fetched. `config`
/// is the text fetched from `config-url` by the loader, if any;
/// `config_error` says why fetching it failed.
#[wasm_bindgen]
pub fn mount(host: HtmlElement, root: ShadowRoot, config: Option<String>, config_error: Option<String>) -> Mounted {
    install_panic_hook();
    styles::adopt(&root);
    let settings = Rc::new(read_settings(&host));
    let work = match config_error {
        Some(e) => {
            config_invalid(&host, &root, &settings, &[e]);
            Work::Done
        }
        None => {
            let inline = || host.query_selector(r#"script[type="application/json"]"#).ok().flatten().and_then(|s| s.text_content());
            match config.or_else(inline) {
                Some(text) => {
                    site_config::fetch();
                    Work::Site(text)
                }
                None => Work::Builtin,
            }
        }
    };
    Mounted { host, root, settings, work, app: None, wordings: None }
}
