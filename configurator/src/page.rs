//! The configurator page (Yew): the settings form with the widget's own
//! checks, the real widget beside it (the loader of this very dist/,
//! `../program-fit-screener.js`), the endpoint test, the questionnaire
//! check and the code to copy. It owns layout and words only: what the
//! settings become is `form` and `snippet`, what is wrong `check`, what a
//! receiver's answer means `endpoint`, and every browser call `browser`.

use crate::browser;
use crate::check::{self, Verdict};
use crate::endpoint;
use crate::form::{Form, Input};
use crate::snippet;
use program_fit_screener::core::reader::ConfigError;
use wasm_bindgen::prelude::*;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

#[wasm_bindgen(start)]
pub fn start() {
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("configurator")) {
        yew::Renderer::<App>::with_root(root).render();
    }
}

/// One text input with its label, hint and problem.
#[derive(Properties, PartialEq)]
struct TextProps {
    id: &'static str,
    label: &'static str,
    #[prop_or_default]
    hint: Option<&'static str>,
    value: String,
    #[prop_or_default]
    problem: Option<String>,
    on: Callback<String>,
    #[prop_or("text")]
    kind: &'static str,
    #[prop_or_default]
    placeholder: Option<&'static str>,
}

#[function_component]
fn Text(p: &TextProps) -> Html {
    let hint_id = format!("{}-hint", p.id);
    let problem_id = format!("{}-problem", p.id);
    let described: Vec<&str> =
        [p.hint.map(|_| hint_id.as_str()), p.problem.as_ref().map(|_| problem_id.as_str())].into_iter().flatten().collect();
    let on = p.on.clone();
    let oninput = Callback::from(move |e: InputEvent| on.emit(e.target_unchecked_into::<HtmlInputElement>().value()));
    html! {
        <div class={classes!("field", p.problem.as_ref().map(|_| "has-problem"))}>
            <label for={p.id}>{p.label}</label>
            if let Some(h) = p.hint { <p class="hint" id={hint_id.clone()}>{h}</p> }
            if let Some(m) = &p.problem { <p class="problem" id={problem_id.clone()}>{m}</p> }
            <input id={p.id} type={p.kind} value={p.value.clone()} {oninput} placeholder={p.placeholder}
                spellcheck="false" autocomplete="off"
                aria-invalid={p.problem.as_ref().map(|_| "true")}
                aria-describedby={(!described.is_empty()).then(|| described.join(" "))} />
        </div>
    }
}

/// One drop-down of an attribute's values (`""` is the widget's default).
#[derive(Properties, PartialEq)]
struct ChoiceProps {
    id: &'static str,
    label: &'static str,
    choices: &'static [(&'static str, &'static str)],
    value: String,
    on: Callback<String>,
}

#[function_component]
fn Choice(p: &ChoiceProps) -> Html {
    let on = p.on.clone();
    let onchange = Callback::from(move |e: Event| on.emit(e.target_unchecked_into::<HtmlSelectElement>().value()));
    html! {
        <div class="field">
            <label for={p.id}>{p.label}</label>
            <select id={p.id} {onchange}>
                { for p.choices.iter().map(|(v, l)| html! { <option value={*v} selected={p.value == *v}>{*l}</option> }) }
            </select>
        </div>
    }
}

/// A block of code to copy, with its Copy button.
#[derive(Properties, PartialEq)]
struct CodeProps {
    title: &'static str,
    what: &'static str,
    #[prop_or_default]
    hint: Option<&'static str>,
    code: String,
    copied: Callback<String>,
    #[prop_or_default]
    children: Html,
}

#[function_component]
fn Code(p: &CodeProps) -> Html {
    let (code, what, copied) = (p.code.clone(), p.what, p.copied.clone());
    let onclick = Callback::from(move |_| {
        let (code, copied) = (code.clone(), copied.clone());
        wasm_bindgen_futures::spawn_local(async move {
            copied.emit(if browser::copy(&code).await {
                format!("Copied {what} to the clipboard.")
            } else {
                format!("The browser did not allow copying: select {what} and press Ctrl+C (⌘C on a Mac).")
            });
        });
    });
    html! {
        <section class="code" aria-label={p.title}>
            <h3>{p.title}</h3>
            if let Some(h) = p.hint { <p class="hint">{h}</p> }
            <pre tabindex="0" aria-label={format!("{} (code)", p.title)}><code>{&p.code}</code></pre>
            { p.children.clone() }
            <button type="button" class="copy" {onclick}>{format!("Copy {what}")}</button>
        </section>
    }
}

/// The endpoint test: idle, running, or what happened.
#[derive(Clone, PartialEq)]
enum Probe {
    Idle,
    Running(String),
    Done { ok: bool, head: String, detail: String },
}

/// The questionnaire check's result.
#[derive(Clone, PartialEq)]
enum Checked {
    None,
    Fine(check::Questionnaire),
    Problems(Vec<ConfigError>),
}

const LANGS: &[(&str, &str)] = &[("", "The visitor's language (the page's, else the browser's)"), ("en", "English"), ("es", "Español")];
const THEMES: &[(&str, &str)] = &[("", "Light (default)"), ("dark", "Dark"), ("auto", "Follow the visitor's light or dark setting")];
const LOADINGS: &[(&str, &str)] = &[("", "When it comes near the screen (default)"), ("eager", "At once, with the page")];

#[function_component]
fn App() -> Html {
    let form = use_state(|| Form { script: browser::default_script(), site: browser::page_origin(), ..Form::default() });
    let probe = use_state(|| Probe::Idle);
    let copied = use_state(String::new);
    let config_text = use_state(String::new);
    let checked = use_state(|| Checked::None);
    // The questionnaire the preview shows (the last one without problems),
    // and a key that starts the preview widget over with it.
    let previewed = use_state(|| None::<String>);
    let preview_key = use_state(|| 0u32);
    let phone_width = use_state(|| false);
    let dark = use_state(|| false);
    let summary = use_node_ref();

    let set = |f: fn(&mut Form, String)| {
        let form = form.clone();
        Callback::from(move |v: String| {
            let mut next = (*form).clone();
            f(&mut next, v);
            form.set(next);
        })
    };
    let problems = form.problems(browser::submit_url_allowed(&form.submit_url));
    let problem = |i: Input| problems.iter().find(|(p, _)| *p == i).map(|(_, v)| check::words(*v));

    let send_test = {
        let (form, probe) = (form.clone(), probe.clone());
        Callback::from(move |_| {
            let url = form.submit_url.trim().to_string();
            if url.is_empty() {
                probe.set(Probe::Done { ok: false, head: "Enter your submit URL first.".into(), detail: String::new() });
                return;
            }
            let Some(resolved) = browser::resolve(&url).filter(|u| program_fit_screener::web::submit::is_allowed_url(u)) else {
                probe.set(Probe::Done {
                    ok: false,
                    head: "Not sent: the widget would not send leads there.".into(),
                    detail: check::words(Verdict::SubmitUrlRefused),
                });
                return;
            };
            let timeout =
                form.submit_timeout.trim().parse::<f64>().ok().filter(|t| t.is_finite()).map_or(30, |t| t.clamp(1.0, 300.0) as u32);
            probe.set(Probe::Running(format!("Sending a test lead to {resolved}…")));
            let probe = probe.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let id = browser::new_id();
                let lead = endpoint::test_lead(&id, &browser::page_href(), &browser::now());
                let seen = browser::send_test(&resolved, &id, &lead, timeout).await;
                let found = endpoint::finding(&seen, &id);
                let (head, detail) = endpoint::words(&found, &browser::page_origin());
                probe.set(Probe::Done { ok: found == endpoint::Finding::Acknowledged, head, detail });
            });
        })
    };

    let run_check = {
        let (config_text, checked, previewed, preview_key, summary) =
            (config_text.clone(), checked.clone(), previewed.clone(), preview_key.clone(), summary.clone());
        Callback::from(move |text: String| {
            match check::questionnaire(&text) {
                Ok(q) => {
                    previewed.set(Some(text.clone()));
                    preview_key.set(*preview_key + 1);
                    checked.set(Checked::Fine(q));
                }
                Err(errors) => checked.set(Checked::Problems(errors)),
            }
            config_text.set(text);
            // The result is read next, as an error summary is.
            let summary = summary.clone();
            yew::platform::spawn_local(async move {
                if let Some(el) = summary.cast::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            });
        })
    };
    let on_config_input = {
        let config_text = config_text.clone();
        Callback::from(move |e: InputEvent| config_text.set(e.target_unchecked_into::<HtmlTextAreaElement>().value()))
    };
    let on_check = {
        let (config_text, run_check) = (config_text.clone(), run_check.clone());
        Callback::from(move |_| run_check.emit((*config_text).clone()))
    };
    let on_file = {
        let run_check = run_check.clone();
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            let run_check = run_check.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if let Some(text) = browser::file_text(&input).await {
                    run_check.emit(text);
                }
            });
        })
    };
    let built_in = {
        let (previewed, preview_key, checked) = (previewed.clone(), preview_key.clone(), checked.clone());
        Callback::from(move |_| {
            previewed.set(None);
            preview_key.set(*preview_key + 1);
            checked.set(Checked::None);
        })
    };
    let on_copied = {
        let copied = copied.clone();
        Callback::from(move |m: String| copied.set(m))
    };
    let on_tracking = {
        let form = form.clone();
        Callback::from(move |e: Event| {
            let mut next = (*form).clone();
            next.tracking = e.target_unchecked_into::<HtmlInputElement>().checked();
            form.set(next);
        })
    };
    let toggle = |state: &UseStateHandle<bool>, value: bool| {
        let state = state.clone();
        Callback::from(move |_| state.set(value))
    };

    // What the code blocks hold.
    let embed = form.embed();
    let site = form.site.trim();
    let csp = snippet::csp(&embed, snippet::origin(site).unwrap_or(site));
    let block = form.block_settings();

    // The preview: the real widget with these settings (never `config-url`,
    // which would fetch from the marketer's site: the pasted questionnaire
    // is shown instead).
    let attr = |name: &str| form.attributes().into_iter().find(|(n, _)| *n == name).map(|(_, v)| v);
    let fixed_theme = matches!(form.theme.trim(), "" | "light" | "dark");
    let preview_theme = if fixed_theme { attr("theme") } else { Some(if *dark { "dark" } else { "light" }.to_string()) };
    let style: String = form
        .theme()
        .iter()
        .map(|(n, v)| {
            let v: String = v.chars().filter(|c| !matches!(c, ';' | '{' | '}' | '<' | '>' | '"')).collect();
            format!("--pfs-{n}: {v};")
        })
        .collect();
    let looks_dark = preview_theme.as_deref() == Some("dark");

    html! {
        <>
        <header class="top">
            <h1>{"Program-fit screener: set it up for your site"}</h1>
            <p>{"Fill in what you need; the widget beside the form shows the result as you type, and the code to paste is at the end. Everything stays on this page: nothing is sent anywhere unless you press \u{201c}Send a test lead\u{201d}."}</p>
        </header>
        <main class="layout">
            <div class="workbench">
            <section class="settings" aria-labelledby="settings-title">
                <h2 id="settings-title">{"Your settings"}</h2>
                <form onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())} novalidate=true>
                <fieldset>
                    <legend>{"Contact"}</legend>
                    <Text id={Input::Phone.id()} label="Phone number" hint={Some("US/Canada (833-846-5669) or international (+44 20 7946 0958). Shown as the call button on every screen.")} value={form.phone.clone()} problem={problem(Input::Phone)} on={set(|f, v| f.phone = v)} kind="tel" />
                    <div class="field check">
                        <input id="tracking" type="checkbox" checked={form.tracking} onchange={on_tracking} aria-describedby="tracking-hint" />
                        <label for="tracking">{"My site uses call tracking (CallRail, CallTrackingMetrics, Invoca)"}</label>
                        <p class="hint" id="tracking-hint">{"The number is also written as a link inside the element, which the tracking script swaps like any number on your page."}</p>
                    </div>
                    <Text id={Input::Email.id()} label="E-mail address (optional)" hint={Some("Offered as an e-mail link when there is no submit URL.")} value={form.email.clone()} problem={problem(Input::Email)} on={set(|f, v| f.email = v)} kind="email" />
                    <Text id="center-name" label="Your organisation's name" hint={Some("Used in the consent sentence above the Send button.")} value={form.center_name.clone()} on={set(|f, v| f.center_name = v)} />
                </fieldset>
                <fieldset>
                    <legend>{"Where leads go"}</legend>
                    <Text id={Input::SubmitUrl.id()} label="Submit URL" hint={Some("Your pfs-inbox address ending in /leads, or your own receiver. Without it the form is replaced by the call button.")} value={form.submit_url.clone()} problem={problem(Input::SubmitUrl)} on={set(|f, v| f.submit_url = v)} kind="url" placeholder={Some("https://inbox.example.org/leads")} />
                    <Text id={Input::SubmitTimeout.id()} label="Submit timeout in seconds (optional)" hint={Some("1 to 300; 30 by default. Also the endpoint test's.")} value={form.submit_timeout.clone()} problem={problem(Input::SubmitTimeout)} on={set(|f, v| f.submit_timeout = v)} />
                    <div class="endpoint">
                        <button type="button" onclick={send_test}>{"Send a test lead"}</button>
                        <p class="hint">{format!("Sends one lead named \u{201c}{}\u{201d} to your submit URL from this page, and tells you what came back.", endpoint::TEST_NAME)}</p>
                        <div role="status" class="probe-status">
                            { match &*probe {
                                Probe::Idle => html! {},
                                Probe::Running(m) => html! { <p>{m}</p> },
                                Probe::Done { ok, head, detail } => html! {
                                    <div class={classes!("outcome", if *ok { "good" } else { "bad" })}>
                                        <p><strong>{head}</strong></p>
                                        if !detail.is_empty() { <p>{detail}</p> }
                                    </div>
                                },
                            } }
                        </div>
                    </div>
                </fieldset>
                <fieldset>
                    <legend>{"Language and look"}</legend>
                    <Choice id="lang" label="Language" choices={LANGS} value={form.lang.clone()} on={set(|f, v| f.lang = v)} />
                    <Choice id="theme" label="Colours" choices={THEMES} value={form.theme.clone()} on={set(|f, v| f.theme = v)} />
                    <Text id={Input::Accent.id()} label="Accent colour (optional)" hint={Some("Buttons and links, as #rrggbb; #0b5d57 by default.")} value={form.accent.clone()} problem={problem(Input::Accent)} on={set(|f, v| f.accent = v)} placeholder={Some("#0b5d57")} />
                    <Text id={Input::AccentText.id()} label="Text on the accent colour (optional)" hint={Some("White by default.")} value={form.accent_text.clone()} problem={problem(Input::AccentText)} on={set(|f, v| f.accent_text = v)} placeholder={Some("#ffffff")} />
                    <Text id="font" label="Font (optional)" hint={Some("A font your page already loads, as in CSS: Georgia, serif.")} value={form.font.clone()} on={set(|f, v| f.font = v)} />
                </fieldset>
                <fieldset>
                    <legend>{"Loading and measuring"}</legend>
                    <Choice id="loading" label="Load the widget" choices={LOADINGS} value={form.loading.clone()} on={set(|f, v| f.loading = v)} />
                    <Text id="attribution" label="Attribution (optional)" hint={Some("Empty: the lead says where the visit came from (UTM parameters, click ids), read from the page's address. off: nothing. Or your own values: utm_source=newsletter&utm_campaign=spring.")} value={form.attribution.clone()} on={set(|f, v| f.attribution = v)} />
                    <Text id={Input::Datalayer.id()} label="Tag manager dataLayer (optional)" hint={Some("Empty: off. dataLayer (or your array's name): the widget pushes its milestones, never an answer.")} value={form.datalayer.clone()} problem={problem(Input::Datalayer)} on={set(|f, v| f.datalayer = v)} />
                    <Text id="config-url" label="Your questionnaire's address (optional)" hint={Some("A questionnaire JSON on your own site; check it below first.")} value={form.config_url.clone()} on={set(|f, v| f.config_url = v)} kind="url" />
                </fieldset>
                <fieldset>
                    <legend>{"Your site"}</legend>
                    <Text id="script" label="Address of program-fit-screener.js" hint={Some("Where you copy the dist/ folder (your site or CDN). It starts as this page's own copy.")} value={form.script.clone()} on={set(|f, v| f.script = v)} kind="url" />
                    <Text id="site" label="Your site's address" hint={Some("For the Content-Security-Policy line: other origins are added to it.")} value={form.site.clone()} on={set(|f, v| f.site = v)} kind="url" />
                </fieldset>
                </form>
            </section>

            <section class="preview" aria-labelledby="preview-title">
                <h2 id="preview-title">{"Preview"}</h2>
                <div class="preview-controls">
                    <fieldset>
                        <legend>{"Width"}</legend>
                        <label><input type="radio" name="width" checked={!*phone_width} onchange={toggle(&phone_width, false)} />{" Desktop"}</label>
                        <label><input type="radio" name="width" checked={*phone_width} onchange={toggle(&phone_width, true)} />{" Phone (360 px)"}</label>
                    </fieldset>
                    if fixed_theme {
                        <p class="hint">{"To see it in light and in dark, set Colours to \u{201c}Follow the visitor's light or dark setting\u{201d}."}</p>
                    } else {
                        <fieldset>
                            <legend>{"The visitor's setting"}</legend>
                            <label><input type="radio" name="scheme" checked={!*dark} onchange={toggle(&dark, false)} />{" Light"}</label>
                            <label><input type="radio" name="scheme" checked={*dark} onchange={toggle(&dark, true)} />{" Dark"}</label>
                        </fieldset>
                    }
                </div>
                <div class={classes!("frame", phone_width.then_some("phone"), looks_dark.then_some("dark"))}>
                    <program-fit-screener key={format!("preview-{}", *preview_key)} loading="eager"
                        phone={attr("phone")} submit-url={attr("submit-url")} center-name={attr("center-name")} email={attr("email")}
                        lang={attr("lang")} theme={preview_theme} attribution={attr("attribution")} submit-timeout={attr("submit-timeout")}
                        style={(!style.is_empty()).then_some(style)}>
                        if let Some((e164, shown)) = &embed.tracked_phone {
                            <a slot="phone" href={format!("tel:{e164}")}>{shown}</a>
                        }
                        if let Some(json) = &*previewed {
                            <script type="application/json">{json}</script>
                        }
                    </program-fit-screener>
                </div>
                <p class="hint">{
                    if previewed.is_some() { "The preview shows your questionnaire (checked below)." }
                    else { "The preview shows the built-in questionnaire; check your own below to see it here." }
                }</p>
            </section>
            </div>

            <section class="questionnaire" aria-labelledby="questionnaire-title">
                <h2 id="questionnaire-title">{"Check your own questionnaire (optional)"}</h2>
                <p class="hint">{"Paste or open a questionnaire JSON (docs/config.md): every problem is listed with where it is, as screener-check lists them, and one without problems is shown in the preview."}</p>
                <div class="field">
                    <label for="config-text">{"Questionnaire JSON"}</label>
                    <textarea id="config-text" rows="8" spellcheck="false" value={(*config_text).clone()} oninput={on_config_input} />
                </div>
                <div class="field">
                    <label for="config-file">{"Or open a file"}</label>
                    <input id="config-file" type="file" accept=".json,application/json" onchange={on_file} />
                </div>
                <button type="button" onclick={on_check}>{"Check the questionnaire"}</button>
                if previewed.is_some() { <button type="button" class="secondary" onclick={built_in}>{"Preview the built-in questionnaire again"}</button> }
                <div class="summary" tabindex="-1" ref={summary}>
                    { match &*checked {
                        Checked::None => html! {},
                        Checked::Fine(q) => html! {
                            <div class="outcome good">
                                <h3>{"No problems found"}</h3>
                                <p>{format!("{} and {}, in {}. The preview now shows it.", count(q.questions, "question"), count(q.outcomes, "result"), q.locales.join(", "))}</p>
                            </div>
                        },
                        Checked::Problems(errors) => html! {
                            <div class="outcome bad">
                                <h3>{format!("{}: the widget would not show this questionnaire", count(errors.len(), "problem"))}</h3>
                                <ul>
                                    { for errors.iter().map(|e| html! {
                                        <li>if !e.path.is_empty() { <code>{&e.path}</code>{": "} }{&e.message}</li>
                                    }) }
                                </ul>
                                <p>{"Visitors would see the call button instead. The preview keeps the last questionnaire without problems."}</p>
                            </div>
                        },
                    } }
                </div>
            </section>

            <section class="result" aria-labelledby="code-title">
                <h2 id="code-title">{"Your code"}</h2>
                if !problems.is_empty() {
                    <div class="outcome bad">
                        <p><strong>{format!("The widget would ignore {} of these settings:", problems.len())}</strong></p>
                        <ul>{ for problems.iter().map(|(i, _)| html! { <li><a href={format!("#{}", i.id())}>{label(*i)}</a></li> }) }</ul>
                    </div>
                }
                <Code title="HTML for your page" what="the HTML" hint={Some("Paste it where the widget should appear.")} code={snippet::html(&embed)} copied={on_copied.clone()} />
                <Code title="WordPress shortcode" what="the shortcode" hint={Some("With the Program Fit Screener plugin: paste it into a post, or add the block and use the settings below.")} code={snippet::shortcode(&embed)} copied={on_copied.clone()}>
                    if !block.is_empty() {
                        <>
                        <h4>{"Block settings"}</h4>
                        <dl class="block-settings">{ for block.iter().map(|(n, v)| html! { <><dt>{*n}</dt><dd>{v}</dd></> }) }</dl>
                        </>
                    }
                </Code>
                <Code title="Content-Security-Policy" what="the CSP line" hint={Some("If your site sends a Content-Security-Policy header, these are the sources the widget needs.")} code={csp} copied={on_copied.clone()} />
                <Code title="CSS that keeps your page still" what="the CSS" hint={Some("Optional: reserves the widget's height before it loads, and carries your colours.")} code={snippet::host_css(&embed)} copied={on_copied} />
                <p role="status" class="copied">{(*copied).clone()}</p>
            </section>
        </main>
        </>
    }
}

/// "1 question", "3 questions".
fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// A problem's field name in the list above the code.
fn label(i: Input) -> &'static str {
    match i {
        Input::Phone => "Phone number",
        Input::Email => "E-mail address",
        Input::SubmitUrl => "Submit URL",
        Input::SubmitTimeout => "Submit timeout",
        Input::Accent => "Accent colour",
        Input::AccentText => "Text on the accent colour",
        Input::Datalayer => "Tag manager dataLayer",
    }
}
