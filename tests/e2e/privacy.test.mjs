// Privacy, proven in the browser: through whole questionnaires (with Back,
// Start over and every safety interrupt) the page makes no request but the
// widget's own static files, stores nothing, beacons nothing, and the host
// page can read no answer from the widget's public surface (events, window,
// attributes, the page URL). Each promise has its own test; all of them read
// the same recorded runs, made once in `before`.
//
// "Answer tokens" are what a leak would contain: the labels of the options
// chosen, their option ids, the ids of the questions answered and the
// outcome's id and title. Ids shorter than 4 characters ("no", "yes") are
// left out of the text searches (they occur in ordinary header values such as
// "no-cache"); the structural checks below do not depend on them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { homedir } from 'node:os';
import {
  launch, serve, widget, heading, leadJson, ROOT, ME, LOVED_ONE, NO_ASQ, CALM, NO_HEALTH, FIRST_TIME, HOME_SAFE, TIME, READY, OUTPATIENT_PATH,
} from './helpers.mjs';
import { widgetPaths } from '../../scripts/sizes.mjs';

const SCREENER = JSON.parse(readFileSync(join(ROOT, 'screeners', 'program-fit.json'), 'utf8'));
const CUSTOM = JSON.parse(readFileSync(join(ROOT, 'tests', 'e2e', 'pages', 'custom.json'), 'utf8'));
const text = (t) => (typeof t === 'string' ? t : t.en);
const EVENTS = ['pfs-start', 'pfs-result', 'pfs-form', 'pfs-submit', 'pfs-call', 'pfs-error'];
/** The widget's own files (its later wasm parts included): the only thing it fetches before Send, besides config-url. */
const WIDGET = widgetPaths();
const CONFIG_URL = '/pages/custom.json';
/** Request headers that browsers add on their own to a GET. */
const BROWSER_HEADERS = /^(accept|accept-encoding|accept-language|connection|host|origin|referer|user-agent|upgrade-insecure-requests|cache-control|pragma|priority|if-none-match|if-modified-since|sec-ch-ua(-[a-z]+)?|sec-fetch-(site|mode|dest|user|storage-access)|sec-purpose)$/;
/** A host page that fetches nothing itself, reached from an email campaign: its address carries personal data after the ?. */
const LANDING = '/pages/privacy.html?utm_source=newsletter&email=rosa%40example.org#top';

// Installed in every page before any of its scripts run: counts every call
// to an API that stores, beacons, opens a channel or rewrites the URL, and
// records every event dispatched by script (the widget's events included).
function instrument() {
  const calls = [];
  const events = [];
  const startGlobals = Object.getOwnPropertyNames(window);
  Object.defineProperty(window, '__privacy', { value: { calls, events, startGlobals }, enumerable: false });
  const note = (api, args) => calls.push(`${api}(${[...args].map((a) => String(a).slice(0, 80)).join(', ')})`);
  const wrap = (owner, name, api) => {
    const original = owner?.[name];
    if (typeof original !== 'function') return;
    owner[name] = function (...args) { note(api, args); return original.apply(this, args); };
  };
  const wrapClass = (name) => {
    const Original = window[name];
    if (typeof Original !== 'function') return;
    window[name] = new Proxy(Original, { construct(target, args) { note(`new ${name}`, args); return Reflect.construct(target, args); } });
  };
  for (const m of ['setItem', 'removeItem', 'clear']) wrap(Storage.prototype, m, `Storage.${m}`);
  const cookie = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
  Object.defineProperty(Document.prototype, 'cookie', {
    configurable: true,
    get() { return cookie.get.call(this); },
    set(v) { note('document.cookie=', [v]); cookie.set.call(this, v); },
  });
  if (window.CookieStore) wrap(CookieStore.prototype, 'set', 'cookieStore.set');
  wrap(IDBFactory.prototype, 'open', 'indexedDB.open');
  wrap(Navigator.prototype, 'sendBeacon', 'navigator.sendBeacon');
  if (window.ServiceWorkerContainer) wrap(ServiceWorkerContainer.prototype, 'register', 'serviceWorker.register');
  if (window.CacheStorage) wrap(CacheStorage.prototype, 'open', 'caches.open');
  if (window.StorageManager) { wrap(StorageManager.prototype, 'getDirectory', 'storage.getDirectory'); wrap(StorageManager.prototype, 'persist', 'storage.persist'); }
  wrap(window, 'open', 'window.open');
  wrap(window, 'postMessage', 'window.postMessage');
  wrap(History.prototype, 'pushState', 'history.pushState');
  wrap(History.prototype, 'replaceState', 'history.replaceState');
  for (const c of ['WebSocket', 'EventSource', 'BroadcastChannel', 'Worker', 'SharedWorker', 'RTCPeerConnection']) wrapClass(c);
  const dispatch = EventTarget.prototype.dispatchEvent;
  EventTarget.prototype.dispatchEvent = function (event) {
    let detail;
    try { detail = JSON.parse(JSON.stringify(event.detail ?? null)); } catch { detail = String(event.detail); }
    events.push({
      type: event.type,
      custom: event instanceof CustomEvent,
      target: this?.localName ?? this?.constructor?.name ?? String(this),
      detail,
      extra: Object.keys(event),
    });
    return dispatch.call(this, event);
  };
}

/** A fresh context and page, instrumented, recording every request with its headers and body. */
async function openRecorded(browser, url) {
  const context = await browser.newContext();
  await context.addInitScript(instrument);
  const page = await context.newPage();
  page.requests = [];
  page.errors = [];
  const pending = [];
  context.on('request', (r) => pending.push((async () => {
    page.requests.push({ method: r.method(), url: r.url(), type: r.resourceType(), headers: await r.allHeaders(), body: r.postData() });
  })()));
  page.on('websocket', (ws) => page.requests.push({ method: 'WEBSOCKET', url: ws.url(), headers: {}, body: null }));
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(m.text()); });
  page.on('pageerror', (e) => page.errors.push(e.message));
  page.settle = () => Promise.all(pending.splice(0));
  await page.goto(url);
  await widget(page).first().scrollIntoViewIfNeeded();
  return page;
}

// The question ids, option ids and labels behind each English label.
function lookup(config, label) {
  const found = [];
  for (const q of config.questions) {
    for (const o of q.options) if (text(o.label) === label) found.push({ question: q.id, option: o.id, label });
  }
  assert.ok(found.length, `no option labelled "${label}" in the config`);
  return found;
}

/** Every attribute in the widget's shadow root, as "tag[name]=value" (in document order). */
const attributes = (page) => page.evaluate(() => {
  const root = document.querySelector('program-fit-screener').shadowRoot;
  return [...root.querySelectorAll('*')].flatMap((el) => [...el.attributes].map((a) => `${el.localName}[${a.name}]=${a.value}`));
});
/** The current screen: its attributes and its text. */
const screen = async (page) => ({
  attributes: await attributes(page),
  text: await page.evaluate(() => document.querySelector('program-fit-screener').shadowRoot.textContent),
});

/** What the host page and its URL look like, apart from the widget's shadow root. */
const hostSurface = (page) => page.evaluate(() => {
  const el = document.querySelector('program-fit-screener');
  return {
    url: location.href,
    title: document.title,
    hostAttributes: [...el.attributes].map((a) => `${a.name}=${a.value}`),
    lightDom: el.innerHTML,
    htmlAttributes: [...document.documentElement.attributes].map((a) => `${a.name}=${a.value}`),
    bodyAttributes: [...document.body.attributes].map((a) => `${a.name}=${a.value}`),
    elements: document.querySelectorAll('*').length,
  };
});

const click = async (page, name) => {
  const before = await heading(page).textContent();
  await widget(page).getByRole('button', { name, exact: true }).click();
  await page.waitForFunction((b) => document.querySelector('program-fit-screener').shadowRoot.querySelector('h2')?.textContent !== b, before);
};

/**
 * Plays a path, screen by screen, like a person. A string picks that radio
 * button, an array ticks those checkboxes, `{ screen: [...] }` answers each
 * question of a screen of several, then Continue; `{ press }` presses
 * a button (Back, Start over, an interrupt's continue button). Records the
 * shadow root's attributes on every screen, and just before and just after
 * each choice (choosing must change no attribute: checked is a property).
 */
async function play(page, steps, run) {
  const w = widget(page);
  for (const step of steps) {
    const title = await heading(page).textContent();
    if (step.press) {
      run.screens.push({ title, ...await screen(page) });
      await click(page, step.press);
      continue;
    }
    // One question's answer, or (`{ screen }`) each question's of a screen.
    const answers = step.screen ?? [step];
    const beforeChoice = await attributes(page);
    for (const [i, answer] of answers.entries()) {
      const group = step.screen ? w.locator('fieldset').nth(i) : w;
      for (const name of [answer].flat()) {
        run.chosen.push(...lookup(run.config, name));
        await group.getByRole(Array.isArray(answer) ? 'checkbox' : 'radio', { name, exact: true }).check();
      }
    }
    run.choices.push({ title, before: beforeChoice, after: await attributes(page) });
    await click(page, 'Continue');
  }
  run.screens.push({ title: await heading(page).textContent(), ...await screen(page) });
}

const PATHS = [
  {
    name: 'an outpatient path with Back on a question, Back from the result and Start over',
    steps: [LOVED_ONE, ['Cannabis'], { press: 'Back' }, { press: 'Back' }, ...OUTPATIENT_PATH,
      { press: 'Back' }, 'Thinking about it', { press: 'Start over' }, { press: 'Start' }, ...OUTPATIENT_PATH],
    outcome: 'outpatient',
  },
  {
    name: 'the crisis interrupts (an ASQ "Yes", then "Yes" right now), continue, Back to the question, then on to the crisis result',
    steps: [ME, ['Opioids (fentanyl, heroin, or pain pills such as oxycodone)', 'Cannabis'], { press: 'Continue the questions' },
      { screen: ['Yes', 'No', 'No', 'No'] }, { press: 'Continue the questions' }, 'Yes',
      { press: 'I am safe right now: continue the questions' }, { press: 'Back' }, 'Yes', CALM, NO_HEALTH,
      'Outpatient counseling or therapy', 'The use continued during it or soon after',
      ['Someone there drinks or uses drugs heavily'], TIME, READY],
    outcome: 'crisis',
  },
  {
    name: 'the withdrawal interrupt (alcohol and "A seizure"), Back from it, then on to the detox result',
    steps: [ME, ['Alcohol'], NO_ASQ, CALM, NO_HEALTH, '4 or more times a week', { screen: ['3 or 4', 'Weekly'] }, ['A seizure'], { press: 'Back' }, ['A seizure'],
      FIRST_TIME, HOME_SAFE, TIME, READY],
    outcome: 'detox',
  },
  {
    name: 'the under-18 interrupt, on to the teen result',
    steps: ['A young person under 18 (my child or a teen I care about)', { press: 'Continue the questions' },
      ['Stimulants (meth, cocaine, or Adderall not taken as prescribed)'], NO_ASQ, CALM, NO_HEALTH,
      'Residential or inpatient treatment', 'It helped for a while, then the use came back',
      ['Someone there drinks or uses drugs sometimes'], { screen: ['Most of the day, five days a week', 'No, not right now'] }, 'Not sure there is a problem'],
    outcome: 'teen',
  },
  {
    name: 'a questionnaire from config-url',
    page: '/pages/privacy-config.html',
    config: CUSTOM,
    fetches: [CONFIG_URL],
    steps: ['Not yet'],
    outcome: 'later',
  },
];

let browser, server;
const runs = [];

/** Text tokens that would reveal this run's answers or outcome. */
function secrets(run) {
  const outcome = run.config.outcomes.find((o) => o.id === run.outcome);
  const words = [...run.chosen.flatMap((c) => [c.label, c.option, c.question]), outcome.id, text(outcome.title)];
  return [...new Set(words)].filter((w) => w.length >= 4);
}
const leaks = (text, tokens) => tokens.filter((t) => String(text ?? '').toLowerCase().includes(t.toLowerCase()));

/** Plays a path on a host page, then fills and sends the contact form. */
async function record(path) {
  const page = await openRecorded(browser, `${server.url}${path.page ?? LANDING}`);
  const run = {
    name: path.name,
    config: path.config ?? SCREENER,
    outcome: path.outcome,
    allowed: [new URL(path.page ?? LANDING, server.url).pathname, ...WIDGET, ...(path.fetches ?? [])],
    chosen: [],
    choices: [],
    screens: [],
  };
  await widget(page).getByRole('button', { name: 'Start', exact: true }).waitFor();
  run.loaded = { surface: await hostSurface(page), globals: await page.evaluate(() => Object.getOwnPropertyNames(window)) };
  await click(page, 'Start');
  await play(page, path.steps, run);
  run.title = await heading(page).textContent();
  await page.settle();
  run.beforeSend = { requests: [...page.requests] };
  run.surface = await hostSurface(page);

  // The contact form: what the visitor types is the only thing that leaves.
  const w = widget(page);
  run.typed = { name: 'Rosa Privacy', phone: '(833) 846-5669' };
  await w.getByRole('textbox', { name: 'Your name' }).fill(run.typed.name);
  await w.getByRole('textbox', { name: 'Phone number' }).fill(run.typed.phone);
  await w.getByRole('checkbox', { name: /I agree that/ }).check();
  run.form = await screen(page);
  const leadsBefore = server.leads.length;
  await w.getByRole('button', { name: 'Send', exact: true }).click();
  await w.getByRole('heading', { name: 'Thank you, we received your message' }).waitFor();
  await page.settle();
  run.afterSend = { requests: page.requests.slice(run.beforeSend.requests.length), leads: server.leads.slice(leadsBefore) };
  run.sent = await screen(page);
  run.surfaceAfterSend = await hostSurface(page);
  run.shadowMode = await page.evaluate(() => document.querySelector('program-fit-screener').shadowRoot?.mode);
  run.final = await page.evaluate(async () => ({
    calls: window.__privacy.calls,
    events: window.__privacy.events,
    startGlobals: window.__privacy.startGlobals,
    globals: Object.getOwnPropertyNames(window),
    localStorage: localStorage.length,
    sessionStorage: sessionStorage.length,
    cookie: document.cookie,
    indexedDB: (await indexedDB.databases()).map((d) => d.name),
    caches: await caches.keys(),
    serviceWorkers: (await navigator.serviceWorker.getRegistrations()).length,
    controller: Boolean(navigator.serviceWorker.controller),
  }));
  run.cookies = await page.context().cookies();
  run.storageState = await page.context().storageState({ indexedDB: true });
  run.errors = page.errors;
  await page.context().close();
  return run;
}

before(async () => {
  browser = await launch();
  server = await serve();
  for (const path of PATHS) runs.push(await record(path));
});
after(async () => { await browser?.close(); await server?.close(); });

test('every path reaches its result (the recorded runs are real)', () => {
  assert.deepEqual(runs.map((r) => r.title), ['Outpatient care may fit', 'Your safety comes first', 'Medically supervised withdrawal may come first', 'A program for young people may fit', 'Whenever you are ready']);
  for (const r of runs) assert.deepEqual(r.errors, [], `no console error on ${r.name}`);
});

test('between load and Send, the only requests are GETs of the widget\'s own static files, and none carries an answer', () => {
  for (const run of runs) {
    const requests = run.beforeSend.requests;
    assert.ok(requests.some((r) => r.url.endsWith('/core/program-fit-screener_bg.wasm')), 'the recording saw the wasm download');
    for (const r of requests) {
      const url = new URL(r.url);
      const where = `${r.method} ${r.url} (${run.name})`;
      assert.equal(url.origin, server.url, `only the page's own origin is contacted: ${where}`);
      assert.ok(run.allowed.includes(url.pathname), `not the page, one of the widget's static files or config-url: ${where}`);
      assert.equal(r.method, 'GET', `only GETs before Send: ${where}`);
      if (r.type !== 'document') assert.equal(url.search + url.hash, '', `no query string or fragment: ${where}`);
      assert.equal(r.body ?? null, null, `no request body before Send: ${where}`);
      // Static GETs carry only the headers the browser adds; a leak would need
      // a header of its own, a cookie, or an answer in the referrer.
      assert.deepEqual(Object.keys(r.headers).filter((h) => !BROWSER_HEADERS.test(h)), [], `only browser-made headers: ${where}`);
      assert.equal(r.headers.cookie, undefined, `no cookie: ${where}`);
      if (r.type !== 'document') assert.deepEqual(leaks(r.headers.referer, secrets(run)), [], `no answer in the referrer of ${where}`);
    }
    assert.ok(!requests.some((r) => r.type === 'ping' || r.method === 'WEBSOCKET'), 'no beacon, no WebSocket');
  }
});

test('config-url is fetched once, without cookies or referrer, and is the only request besides the widget\'s files', () => {
  const run = runs.find((r) => r.name === 'a questionnaire from config-url');
  const fetched = run.beforeSend.requests.filter((r) => new URL(r.url).pathname === CONFIG_URL);
  assert.equal(fetched.length, 1, 'one fetch of config-url');
  assert.equal(fetched[0].method, 'GET');
  assert.equal(fetched[0].headers.referer, undefined, 'no Referer: the questionnaire host does not learn the page');
  assert.equal(fetched[0].headers.cookie, undefined, 'no cookie');
  assert.deepEqual(run.beforeSend.requests.map((r) => new URL(r.url).pathname).filter((p) => !run.allowed.includes(p)), []);
});

test('the POST made by Send is the only one, goes to submit-url, and carries what was typed but no answer or outcome', () => {
  for (const run of runs) {
    const posts = run.afterSend.requests.filter((r) => r.method !== 'GET');
    assert.equal(posts.length, 1, `exactly one request leaves when Send is pressed (${run.name})`);
    assert.equal(posts[0].url, `${server.url}/leads`);
    assert.equal(run.afterSend.requests.length, 1, `nothing else is fetched on Send: ${run.afterSend.requests.map((r) => r.url)}`);
    assert.equal(run.afterSend.leads.length, 1, 'the receiver got one lead');
    const body = run.afterSend.leads[0].body;
    assert.match(body, new RegExp(run.typed.name));
    assert.match(body, /\+18338465669/);
    // "Who the help is for" is a form field the visitor sees and may edit;
    // it is not counted as a screening answer here.
    const tokens = secrets({ ...run, chosen: run.chosen.filter((c) => c.question !== 'who') });
    assert.deepEqual(leaks(body, tokens), [], `no answer or outcome in the lead (${run.name})`);
    assert.doesNotMatch(body, /"screening"|"answers"/, 'the answers are not attached unless the visitor opts in');
    // The page's address has ?utm_source=newsletter&email=rosa%40example#top:
    // the lead's page is without query or fragment, and only the marketing
    // parameter comes along, in the attribution (issue 20).
    const lead = leadJson(run.afterSend.leads[0]);
    assert.doesNotMatch(lead.page, /[?#]/, 'the page address is sent without its query string or fragment');
    const { landing_page: landing, ...fromAddress } = lead.attribution;
    assert.equal(landing, lead.page);
    // (Runs on another page land without parameters.)
    const expected = lead.page.endsWith(LANDING.split('?')[0]) ? { utm_source: 'newsletter' } : {};
    assert.deepEqual(fromAddress, expected, `only the marketing parameter of the address, never the e-mail in it (${run.name})`);
    assert.doesNotMatch(body, /rosa%40example|rosa@example|#top/, 'nothing else of the address is sent');
  }
});

test('without the opt-in, the lead carries no answer at all, not even a pre-filled field', () => {
  for (const run of runs) {
    assert.deepEqual(leaks(run.afterSend.leads[0].body, secrets(run)), [], `no answer in the lead (${run.name})`);
  }
});

test('no cookie, localStorage, sessionStorage, IndexedDB, Cache Storage, service worker or sendBeacon, after a full run and a submission', () => {
  for (const run of runs) {
    const storing = run.final.calls.filter((c) => /Storage\.|cookie|indexedDB|sendBeacon|serviceWorker|caches|storage\./.test(c));
    assert.deepEqual(storing, [], `no storage or beacon API is called (${run.name})`);
    assert.deepEqual(run.cookies, [], 'no cookie in the browser context');
    assert.equal(run.final.cookie, '', 'document.cookie is empty');
    assert.equal(run.final.localStorage, 0, 'localStorage is empty');
    assert.equal(run.final.sessionStorage, 0, 'sessionStorage is empty');
    assert.deepEqual(run.final.indexedDB, [], 'no IndexedDB database');
    assert.deepEqual(run.final.caches, [], 'no Cache Storage');
    assert.equal(run.final.serviceWorkers, 0, 'no service worker registered');
    assert.equal(run.final.controller, false, 'no service worker controls the page');
    assert.deepEqual(run.storageState.origins, [], 'the context has no per-origin storage (localStorage, IndexedDB)');
  }
});

test('no window.open, postMessage, BroadcastChannel, WebSocket, EventSource, worker or history change', () => {
  for (const run of runs) {
    const channels = run.final.calls.filter((c) => /^(window\.open|window\.postMessage|history\.|new )/.test(c));
    assert.deepEqual(channels, [], `no channel to the page or elsewhere is opened (${run.name})`);
  }
});

test('the events are milestones only, once each, with empty details: no answer, no outcome, nothing else on any path', () => {
  for (const run of runs) {
    const events = run.final.events;
    const types = new Set(events.map((e) => e.type));
    assert.deepEqual([...types].filter((t) => !EVENTS.includes(t)), [], `only the documented events are dispatched (${run.name})`);
    assert.deepEqual(events.map((e) => e.type), ['pfs-start', 'pfs-result', 'pfs-form', 'pfs-submit'], `start, result, form and submit, once each, whatever the path (${run.name})`);
    for (const e of events) {
      assert.ok(e.custom, `${e.type} is a CustomEvent`);
      assert.equal(e.target, 'program-fit-screener', `${e.type} is dispatched on the element`);
      assert.deepEqual(e.extra.filter((k) => k !== 'isTrusted'), [], `${e.type} has no extra own properties`);
      const allowed = { 'pfs-error': ['reason'] }[e.type] ?? [];
      assert.deepEqual(Object.keys(e.detail ?? {}).filter((k) => !allowed.includes(k)), [], `${e.type} detail has only ${allowed}`);
    }
    assert.deepEqual(leaks(JSON.stringify(events), secrets(run)), [], `no answer or outcome in any event (${run.name})`);
  }
});

test('nothing answer-shaped on window: no new global from loading to the end of a run', () => {
  for (const run of runs) {
    const mine = ['__privacy'];
    const added = run.final.globals.filter((g) => !run.final.startGlobals.includes(g) && !mine.includes(g));
    const addedByRun = run.final.globals.filter((g) => !run.loaded.globals.includes(g));
    assert.deepEqual(addedByRun, [], `answering and sending add no global (${run.name})`);
    assert.deepEqual(added, [], `loading the widget adds no global either (${run.name})`);
  }
});

test('the host page learns nothing: its URL, title, DOM and the element\'s attributes and light DOM are unchanged', () => {
  for (const run of runs) {
    assert.deepEqual(run.surface, run.loaded.surface, `the host page is as it was before the first answer (${run.name})`);
    assert.deepEqual(run.surfaceAfterSend, run.loaded.surface, `and after the lead was sent (${run.name})`);
  }
});

test('the open shadow root holds no answer in attributes: choosing changes no attribute, and no screen names an answer in one', () => {
  // Each question's heading, in every voice (a loved one reads "has the person...").
  const questions = new Set([SCREENER, CUSTOM].flatMap((c) => c.questions.flatMap((q) => [text(q.text), q.text.loved_one && text(q.text.loved_one)])));
  for (const run of runs) {
    assert.equal(run.shadowMode, 'open', 'the shadow root is open, for assistive technology');
    // Choosing an option sets the input's checked *property*; if any
    // attribute changed (checked, aria-checked, data-*, a class), a page
    // script could read the answer without looking at properties.
    for (const c of run.choices) {
      assert.deepEqual(c.after, c.before, `choosing on "${c.title}" changed no attribute (${run.name})`);
    }
    // On a question screen the radio buttons and checkboxes carry the ids of
    // *every* option in their static id/name/value/for attributes, chosen or
    // not: that is the form's structure, not an answer (the check above shows
    // it does not depend on the choice). Apart from those, no attribute on any
    // screen (questions, interrupts, result, form, thank-you) may hold an
    // answer token. An aria-label may repeat text that the screen shows.
    const tokens = secrets(run);
    const screens = [...run.screens, { title: 'the contact form', ...run.form }, { title: 'the thank-you screen', ...run.sent }];
    for (const s of screens) {
      const onQuestion = questions.has(s.title);
      for (const a of s.attributes) {
        if (onQuestion && /^(input\[(id|name|value)\]|label\[for\])=/.test(a)) continue;
        if (/^\w+\[aria-label\]=/.test(a) && s.text.includes(a.replace(/^[^=]*=/, ''))) continue;
        assert.deepEqual(leaks(a, tokens), [], `attribute ${a} on "${s.title}" (${run.name})`);
      }
    }
    // What the visitor typed is held in properties too, never in attributes.
    for (const a of run.form.attributes) {
      assert.ok(!a.includes(run.typed.name) && !a.includes(run.typed.phone), `typed text in attribute ${a}`);
    }
  }
});

test('the shipped files name nothing of the machine that built them: no home directory, no checkout path', () => {
  for (const file of WIDGET) {
    const bytes = readFileSync(join(ROOT, 'dist', file));
    for (const path of [homedir(), ROOT, '/.cargo/registry']) {
      assert.equal(bytes.includes(path), false, `${file} contains "${path}"`);
    }
  }
});
