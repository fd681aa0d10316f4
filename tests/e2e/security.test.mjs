// Security, proven in the browser. Hostile text (script tags, event-handler
// attributes, javascript:/data: URLs, SVG, HTML entities, bidi overrides,
// 100 KB strings) fed into every string of a config, every attribute and
// every form field is shown as text or refused; a trap (window.__pwned, and
// alert/confirm/prompt) catches any payload that runs, and every HTML-parsing
// sink (innerHTML and friends) is watched. Then the widget runs end to end on
// a host page with a strict Content-Security-Policy, Trusted Types included,
// with zero violations.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, widget, heading, answer, DIST, PAGES, ME, CALM, NO_HEALTH, FIRST_TIME, HOME_SAFE, TIME, READY } from './helpers.mjs';
import { startServer } from '../../scripts/server.mjs';

const KB100 = 100 * 1024;
/** Each would set window.__pwned (or call alert) if it ever ran. */
const PAYLOADS = [
  '<script>window.__pwned=true</script>',
  '<img src=x onerror="window.__pwned=true">',
  '<svg onload="window.__pwned=true"><circle r="9"/></svg>',
  '"><img src=x onerror=window.__pwned=true>',
  "'><svg/onload=window.__pwned=true>",
  '<iframe srcdoc="<script>parent.__pwned=true</script>"></iframe>',
  '<a href="javascript:window.__pwned=true">click me</a>',
  'javascript:window.__pwned=true',
  'data:text/html,<script>parent.__pwned=true</script>',
  '<details open ontoggle="window.__pwned=true">',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__pwned=true>',
  '&lt;img src=x onerror=window.__pwned=true&gt; &amp;amp; &#60;script&#62;alert(1)&#60;/script&#62;',
  '{{constructor.constructor("window.__pwned=true")()}} ${window.__pwned=true}',
  '\u202Egnp.exe\u202C \u2066isolated\u2069 \u200Fright-to-left\u200E',
  '<style>*{display:none}</style><link rel=stylesheet href=//evil.example/x.css>',
  '</script><script>window.__pwned=true</script><!--',
];
const BIG = `<b>${'A'.repeat(KB100)}</b><img src=x onerror="window.__pwned=true">`;

// Installed before any page script: the trap, and a log of every use of a
// sink that parses HTML.
function trap() {
  window.__pwned = false;
  const sinks = [];
  Object.defineProperty(window, '__sinks', { value: sinks });
  for (const name of ['alert', 'confirm', 'prompt', 'print']) window[name] = () => { window.__pwned = true; };
  const watchSetter = (proto, prop) => {
    const d = Object.getOwnPropertyDescriptor(proto, prop);
    if (!d?.set) return;
    Object.defineProperty(proto, prop, { ...d, set(v) { sinks.push(`${prop}=${String(v).slice(0, 60)}`); d.set.call(this, v); } });
  };
  const watchCall = (proto, name) => {
    const f = proto?.[name];
    if (typeof f !== 'function') return;
    proto[name] = function (...args) { sinks.push(`${name}(${String(args[0]).slice(0, 60)})`); return f.apply(this, args); };
  };
  watchSetter(Element.prototype, 'innerHTML');
  watchSetter(Element.prototype, 'outerHTML');
  watchSetter(ShadowRoot.prototype, 'innerHTML');
  watchSetter(HTMLIFrameElement.prototype, 'srcdoc');
  watchCall(Element.prototype, 'insertAdjacentHTML');
  watchCall(Element.prototype, 'setHTMLUnsafe');
  watchCall(ShadowRoot.prototype, 'setHTMLUnsafe');
  watchCall(Document.prototype, 'write');
  watchCall(Document.prototype, 'writeln');
  watchCall(Range.prototype, 'createContextualFragment');
  watchCall(DOMParser.prototype, 'parseFromString');
  // eval and new Function are not watched here (Playwright's own evaluate
  // uses eval); the CSP tests below forbid them ('unsafe-eval' is not allowed).
}

let browser, server;
before(async () => { browser = await launch(); server = await startServer({ root: DIST, mounts: { '/pages/': PAGES } }); });
after(async () => { await browser?.close(); await server?.close(); });

/** A trapped page recording requests, console errors and page errors. */
async function openTrapped(url) {
  const context = await browser.newContext();
  await context.addInitScript(trap);
  const page = await context.newPage();
  page.requests = [];
  page.errors = [];
  page.console = [];
  context.on('request', (r) => page.requests.push({ method: r.method(), url: r.url(), body: r.postData() }));
  page.on('console', (m) => { page.console.push(`${m.type()}: ${m.text()}`); if (m.type() === 'error') page.errors.push(m.text()); });
  page.on('pageerror', (e) => page.errors.push(e.message));
  page.on('dialog', (d) => { page.errors.push(`dialog: ${d.message()}`); d.dismiss(); });
  await page.goto(url.startsWith("http") ? url : `${server.url}${url}`);
  return page;
}

/** Nothing ran, nothing was parsed as HTML, and no unexpected request was made. */
async function assertInert(page, where) {
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 50))));
  assert.equal(await page.evaluate(() => window.__pwned), false, `a payload ran (${where})`);
  assert.deepEqual(await page.evaluate(() => window.__sinks), [], `an HTML-parsing sink was used (${where})`);
  const dangerous = await page.evaluate(() => [...document.querySelectorAll('program-fit-screener')].flatMap((host) => {
    const root = host.shadowRoot;
    if (!root) return [];
    const all = [...root.querySelectorAll('*')];
    return [
      ...all.filter((e) => ['script', 'img', 'svg', 'iframe', 'object', 'embed', 'style', 'link', 'math', 'b', 'template', 'frame', 'base', 'meta'].includes(e.localName)).map((e) => `<${e.localName}>`),
      ...all.flatMap((e) => [...e.attributes].filter((a) => a.name.startsWith('on') || a.name === 'srcdoc' || a.name === 'style').map((a) => `${e.localName}[${a.name}]`)),
      ...all.filter((e) => e.hasAttribute('href') && !/^(tel:|sms:|mailto:|https:\/\/|#)/i.test(e.getAttribute('href'))).map((e) => `href=${e.getAttribute('href')}`),
    ];
  }));
  assert.deepEqual(dangerous, [], `no element, handler or link was made from a payload (${where})`);
  const strays = page.requests.filter((r) => {
    const u = new URL(r.url);
    return u.origin !== server.url || !(u.pathname.startsWith('/pages/') || u.pathname.startsWith('/core/') || u.pathname === '/program-fit-screener.js' || u.pathname === '/leads');
  });
  assert.deepEqual(strays.map((r) => r.url), [], `no request made by a payload (an <img src=x>, a stylesheet) (${where})`);
}

/** Mounts a widget on xss.html with these attributes and inline config (built with DOM calls, never with HTML). */
async function mount(page, attributes, config) {
  await page.evaluate(({ attributes, config }) => {
    const app = document.getElementById('app');
    app.replaceChildren();
    const el = document.createElement('program-fit-screener');
    el.setAttribute('loading', 'eager');
    for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
    if (config !== undefined) {
      const script = document.createElement('script');
      script.type = 'application/json';
      script.textContent = config;
      el.append(script);
    }
    app.append(el);
  }, { attributes, config });
  await page.waitForFunction(() => document.querySelector('program-fit-screener')?.shadowRoot?.querySelector('.pfs-card'));
}

const shadowText = (page) => page.evaluate(() => document.querySelector('program-fit-screener').shadowRoot.textContent);
const links = (page) => page.evaluate(() => [...document.querySelector('program-fit-screener').shadowRoot.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')));

const waitHeading = async (page, before) => page.waitForFunction(
  (b) => document.querySelector('program-fit-screener').shadowRoot.querySelector('h2')?.textContent !== b, before);
/** Presses the step's primary button (Start / Continue) or a named button, and waits for the next screen. */
async function press(page, locator) {
  const before = await heading(page).textContent();
  await locator.click();
  await waitHeading(page, before);
}
const primary = (page) => widget(page).locator('.pfs-step button.pfs-primary');

/** A one-question questionnaire, to reach the result (call button, form) quickly. */
const TINY = JSON.stringify({
  version: 1,
  questions: [{ id: 'ready', kind: 'yes_no', text: 'Talk this week?', options: [{ id: 'yes', label: 'Yes' }, { id: 'no', label: 'Not yet' }] }],
  levels: [{ id: 'talk', name: 'A first conversation', summary: 'A short call.' }],
  outcomes: [{ id: 'call', title: 'Let us talk', summary: 'Our team can help.', levels: ['talk'] }],
  fallback: 'call',
});
async function toResult(page) {
  await press(page, primary(page));
  await widget(page).locator('input[type=radio]').first().check();
  await press(page, primary(page));
  assert.equal(await heading(page).textContent(), 'Let us talk');
}

// ---------------------------------------------------------------- configs

/** A valid config with a payload in every string, a 100 KB question and hostile ids. Returns it and what each screen must show. */
function hostileConfig() {
  let i = 0;
  const p = () => PAYLOADS[i++ % PAYLOADS.length];
  const q1 = 'q1"><img src=x onerror=window.__pwned=true>';
  const o1 = "o1'><svg/onload=window.__pwned=true>";
  const config = {
    version: 1,
    'x-note': p(),
    scales: [{ id: 's', label: p() }],
    questions: [
      { id: q1, kind: 'single', text: BIG, hint: p(), options: [{ id: o1, label: p(), hint: p(), interrupt: 'i1', scores: { s: 1 } }, { id: 'o2', label: p() }] },
      { id: 'q2', kind: 'multi', text: p(), hint: p(), options: [{ id: 'a', label: p() }, { id: 'b', label: p(), exclusive: true }] },
      { id: 'q3', kind: 'yes_no', text: p(), options: [{ id: 'y', label: p() }, { id: 'n', label: p() }] },
      { id: 'q4', kind: 'scale', text: p(), options: [{ id: 'lo', label: p() }, { id: 'mid', label: p() }, { id: 'hi', label: p() }] },
    ],
    interrupts: [{
      id: 'i1',
      title: p(),
      body: [p(), p()],
      actions: [
        { label: p(), href: 'tel:911' },
        { label: p(), href: 'sms:988' },
        { label: p(), href: 'mailto:help@example.org?subject=%3Cscript%3E' },
        { label: p(), href: 'https://example.org/help?q=%22%3E%3Cimg%20src%3Dx%3E' },
      ],
      continue_label: p(),
    }],
    levels: [{ id: 'l1', name: p(), summary: p(), involves: [p(), p()], schedule: p(), benefits: [p()] }],
    outcomes: [
      { id: 'hostile', title: p(), summary: p(), levels: ['l1'], urgent: 'i1', when: { question: q1, is: o1 },
        reasons: [{ when: { score: 's', gte: 1 }, text: p() }, { text: BIG }] },
      { id: 'f', title: p(), summary: p(), levels: ['l1'] },
    ],
    fallback: 'f',
  };
  const q = config.questions[0];
  const it = config.interrupts[0];
  const out = config.outcomes[0];
  const level = config.levels[0];
  const screens = [
    { heading: BIG, shows: [q.hint, ...q.options.map((o) => o.label)] },
    { heading: it.title, shows: [...it.body, ...it.actions.map((a) => a.label), it.continue_label] },
    ...config.questions.slice(1).map((x) => ({ heading: x.text, shows: [...(x.hint ? [x.hint] : []), ...x.options.map((o) => o.label)] })),
    { heading: out.title, shows: [out.summary, ...it.body, ...it.actions.map((a) => a.label), ...out.reasons.map((r) => r.text), level.name, level.summary, ...level.involves, level.schedule, ...level.benefits] },
  ];
  return { config, screens, hrefs: it.actions.map((a) => a.href) };
}

/** Walks the hostile questionnaire, checking each screen shows its strings as literal text. */
async function walkHostile(page, expected, where) {
  const w = widget(page);
  await press(page, primary(page));
  for (const [n, screen] of expected.screens.entries()) {
    await assertInert(page, `${where}, screen ${n}`);
    const h = await heading(page).textContent();
    assert.equal(h.length, screen.heading.length, `screen ${n}: the heading has the exact length (${where})`);
    assert.equal(h, screen.heading, `screen ${n}: the heading is the literal text (${where})`);
    const text = await shadowText(page);
    for (const s of screen.shows) assert.ok(text.includes(s), `screen ${n} shows ${JSON.stringify(s.slice(0, 60))} literally (${where})`);
    if (n === expected.screens.length - 1) break;
    if (n === 1) {
      // Then the quiet admissions line every screen has (issue 20), last.
      const found = await links(page);
      assert.deepEqual(found.slice(0, expected.hrefs.length), expected.hrefs, 'the interrupt links keep their allowed hrefs, unchanged');
      assert.deepEqual(found.slice(expected.hrefs.length), found.length > expected.hrefs.length ? ['tel:+18338465669'] : [], 'then at most the admissions line');
      await press(page, w.locator('.pfs-interrupt .pfs-actions button').first());
    } else {
      await w.locator('input').first().check();
      await press(page, primary(page));
    }
  }
}

test('every string of an inline config, with payloads, a 100 KB text, bidi overrides and hostile ids, is shown as literal text and runs nothing', async () => {
  const page = await openTrapped('/pages/xss.html');
  const hostile = hostileConfig();
  await mount(page, { phone: '833-846-5669', 'submit-url': '/leads' }, JSON.stringify(hostile.config));
  await walkHostile(page, hostile, 'inline config');
  assert.deepEqual(page.errors, [], 'a valid config, however hostile its text, logs no error');
  await page.context().close();
});

test('the same hostile config from config-url is just as inert', async () => {
  const page = await openTrapped('/pages/xss.html');
  const hostile = hostileConfig();
  await page.route('**/pages/hostile-config.json', (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify(hostile.config) }));
  await mount(page, { 'config-url': '/pages/hostile-config.json' });
  await walkHostile(page, hostile, 'config-url');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a config link that could run script or leave the allowed schemes is refused with a console error naming its path', async () => {
  const page = await openTrapped('/pages/xss.html');
  const refused = [
    'javascript:window.__pwned=true', 'JaVaScRiPt:window.__pwned=true', ' javascript:window.__pwned=true', 'java\tscript:window.__pwned=true',
    'javascript&colon;window.__pwned=true', 'data:text/html,<script>parent.__pwned=true</script>', 'data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX19wd25lZD10cnVlPC9zY3JpcHQ+',
    'vbscript:msgbox(1)', 'blob:https://example.org/uuid', 'file:///etc/passwd', 'about:blank', 'http://example.org/help', '//evil.example/help',
    '/relative/help', 'https://example.org/"><img src=x onerror=window.__pwned=true>', 'tel:911" onclick="window.__pwned=true',
    'tel:911\njavascript:window.__pwned=true', 'https://example.org/\u0000', '',
  ];
  for (const href of refused) {
    const config = JSON.stringify({
      version: 1,
      questions: [{ id: 'q', kind: 'yes_no', text: 'Q?', options: [{ id: 'y', label: 'Yes', interrupt: 'i' }, { id: 'n', label: 'No' }] }],
      interrupts: [{ id: 'i', title: 'Stop', actions: [{ label: 'Click', href }], continue_label: 'Go on' }],
      levels: [{ id: 'l', name: 'L', summary: 'S' }],
      outcomes: [{ id: 'o', title: 'T', summary: 'S', levels: ['l'] }],
      fallback: 'o',
    });
    const before = page.errors.length;
    await mount(page, { phone: '833-846-5669' }, config);
    await widget(page).getByText('The questionnaire could not load. You can still reach our team:').waitFor();
    const errors = page.errors.slice(before);
    assert.equal(errors.length, 1, `one console error for ${JSON.stringify(href)}`);
    assert.match(errors[0], /interrupts\[0\]\.actions\[0\]\.href: must (start with tel:, sms:, mailto: or https:|not be empty)/, `the error names the path (${JSON.stringify(href)})`);
    assert.deepEqual(await links(page), ['tel:+18338465669'], 'only the call link is shown');
    await assertInert(page, `href ${JSON.stringify(href)}`);
  }
  await page.context().close();
});

test('a config written inline in the host page\'s HTML, with escaped payloads, is shown as text', async () => {
  const page = await openTrapped('/pages/xss-inline.html');
  const w = widget(page);
  await press(page, primary(page));
  await assertInert(page, 'inline HTML page, question');
  assert.equal(await heading(page).textContent(), '</script><script>window.__pwned=true</script><img src=x onerror="window.__pwned=true">');
  assert.equal(await w.locator('label').first().textContent(), '<svg onload="window.__pwned=true"> &lt;b&gt; &amp;amp;');
  await assertInert(page, 'inline HTML page');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

// ------------------------------------------------------------- attributes

test('phone becomes a tel: link only when it is a phone number; anything else shows no link and runs nothing', async () => {
  const page = await openTrapped('/pages/xss.html');
  const valid = [['833-846-5669', 'tel:+18338465669'], ['(833) 846 5669', 'tel:+18338465669'], ['1 833 846 5669', 'tel:+18338465669'], ['+44 20 7946 0958', 'tel:+442079460958']];
  const invalid = [...PAYLOADS, BIG, 'tel:8338465669', '833-846-5669<script>window.__pwned=true</script>', '833-846-5669" onclick="window.__pwned=true',
    '833\u202E-846-5669', '８３３-８４６-５６６９', '833-846-5669\njavascript:window.__pwned=true', '+1 833 846 5669 ext 2', '911', '5'.repeat(KB100)];
  for (const [phone, href] of valid) {
    await mount(page, { phone }, TINY);
    await toResult(page);
    assert.deepEqual(await links(page), [href], `phone ${phone}`);
    assert.match(await shadowText(page), new RegExp(`Call ${phone.replace(/[()+]/g, '\\$&')}`));
  }
  for (const phone of invalid) {
    await mount(page, { phone }, TINY);
    await toResult(page);
    assert.deepEqual(await links(page), [], `no link for phone ${JSON.stringify(phone.slice(0, 60))}`);
    await assertInert(page, `phone ${JSON.stringify(phone.slice(0, 60))}`);
  }
  // The fail-open view (an invalid config) applies the same rule.
  for (const phone of [PAYLOADS[1], 'javascript:window.__pwned=true']) {
    await mount(page, { phone }, '{"version": 1}');
    await widget(page).getByText('The questionnaire could not load. You can still reach our team:').waitFor();
    assert.deepEqual(await links(page), []);
    await assertInert(page, 'fail-open phone');
  }
  await page.context().close();
});

test('submit-url must be https: (or http: on this machine): any other scheme means no form, the call button, and no request', async () => {
  const page = await openTrapped('/pages/xss.html');
  const refused = ['javascript:window.__pwned=true', 'JAVASCRIPT:window.__pwned=true', 'data:text/html,<script>parent.__pwned=true</script>',
    'vbscript:msgbox(1)', 'http://evil.example/leads', '//evil.example/leads', 'ftp://127.0.0.1/leads', 'file:///tmp/leads', 'blob:http://127.0.0.1/x',
    'ws://127.0.0.1/leads', 'http://[::1'];
  for (const url of refused) {
    await mount(page, { phone: '833-846-5669', 'submit-url': url }, TINY);
    await toResult(page);
    const w = widget(page);
    assert.equal(await w.getByRole('button', { name: 'Send' }).count(), 0, `no form for submit-url ${url}`);
    await w.getByText('To talk it through with our team, call us.').waitFor();
    assert.deepEqual(await links(page), ['tel:+18338465669'], 'the call button replaces the form');
    await assertInert(page, `submit-url ${url}`);
  }
  assert.deepEqual(page.requests.filter((r) => r.method === 'POST'), [], 'nothing was posted');
  assert.deepEqual(page.requests.filter((r) => r.url.endsWith('/split_contact.wasm')), [], 'no form, so its code is not fetched');
  await page.context().close();
});

test('submit-url on a look-alike host (127.0.0.1.evil.test, localhost.evil.test, 127.0.0.1@evil.test) is refused too', async () => {
  const page = await openTrapped('/pages/xss.html');
  for (const url of ['http://127.0.0.1.evil.test/leads', 'http://localhost.evil.test/leads', 'http://127.0.0.1@evil.test/leads', 'http://localhost:80@evil.test/leads']) {
    await mount(page, { phone: '833-846-5669', 'submit-url': url }, TINY);
    await toResult(page);
    assert.equal(await widget(page).getByRole('button', { name: 'Send' }).count(), 0, `no form for submit-url ${url}`);
  }
  await page.context().close();
});

test('a refused phone or submit-url is reported with a console error', async () => {
  const page = await openTrapped('/pages/xss.html');
  for (const attributes of [{ phone: 'javascript:window.__pwned=true' }, { phone: '833-846-5669', 'submit-url': 'javascript:window.__pwned=true' }]) {
    const before = page.errors.length;
    await mount(page, attributes, TINY);
    await toResult(page);
    assert.equal(page.errors.length - before, 1, `one console error for ${JSON.stringify(attributes)}`);
  }
  await page.context().close();
});

test('config-url must be https: (or http: on this machine): anything else is refused with a console error, before any request', async () => {
  const page = await openTrapped('/pages/xss.html');
  const refused = ['javascript:window.__pwned=true', 'data:application/json,{"version":1}', 'http://evil.example/config.json', '//evil.example/config.json',
    'http://127.0.0.1.evil.test/config.json', 'http://localhost.evil.test/config.json', 'http://127.0.0.1@evil.test/config.json', 'file:///etc/passwd', 'blob:http://127.0.0.1/x', 'ftp://127.0.0.1/c.json'];
  for (const url of refused) {
    const before = page.errors.length;
    await mount(page, { phone: '833-846-5669', 'config-url': url });
    await widget(page).getByText('The questionnaire could not load. You can still reach our team:').waitFor();
    const errors = page.errors.slice(before);
    assert.equal(errors.length, 1, `one console error for config-url ${url}`);
    assert.match(errors[0], /config-url must be an https: address/);
    await assertInert(page, `config-url ${url}`);
  }
  assert.ok(!page.requests.some((r) => /evil|^data:|^file:|^ftp:|^blob:/.test(r.url)), 'no refused config-url was fetched');
  await page.context().close();
});

test('hostile lang and center-name: lang falls back to a language the widget speaks, center-name is shown as text', async () => {
  const page = await openTrapped('/pages/xss.html');
  for (const [i, value] of [...PAYLOADS, BIG].entries()) {
    await mount(page, { lang: value, 'center-name': value, phone: '833-846-5669', 'submit-url': '/leads' }, TINY);
    assert.equal(await widget(page).locator('.pfs-card').first().getAttribute('lang'), 'en', `lang ${i} falls back to English`);
    await toResult(page);
    const consent = await widget(page).locator('label[for="pfs-consent"]').textContent();
    assert.ok(consent.includes(`I agree that ${value} may contact me`), `center-name ${i} is shown literally`);
    await assertInert(page, `lang and center-name ${i}`);
  }
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

// ------------------------------------------------------------- form fields

/** The multipart body's parts, by name. */
function parts(lead) {
  const boundary = lead.headers['content-type'].match(/boundary=(.+)$/)[1];
  return Object.fromEntries(lead.body.split(`--${boundary}`).slice(1, -1).map((part) => {
    const [head, ...rest] = part.replace(/^\r\n/, '').split('\r\n\r\n');
    return [head.match(/name="([^"]+)"/)[1], rest.join('\r\n\r\n').replace(/\r\n$/, '')];
  }));
}
/** A contact field as the receiver gets it (the `lead` JSON part, or one part per field). */
const sentField = (lead, field) => {
  const p = parts(lead);
  return p.lead ? JSON.parse(p.lead).contact[field] : p[field];
};

test('every contact-form field fed with payloads keeps them as text: validation, preview and the lead carry them literally, and nothing runs', async () => {
  const page = await openTrapped('/pages/xss.html');
  await mount(page, { phone: '833-846-5669', 'submit-url': '/leads', 'center-name': 'Test Clinic' }, TINY);
  await toResult(page);
  const w = widget(page);
  // The form's code may still be on its way (it loads apart): wait for it.
  await w.getByRole('textbox', { name: 'Your name' }).waitFor();
  const fields = w.locator('form.pfs-form input:not([type=checkbox]):not([type=radio]):not([type=file]), form.pfs-form textarea');
  const count = await fields.count();
  assert.ok(count >= 3, 'name, phone and email at least');
  const typed = [];
  for (let i = 0; i < count; i++) {
    const value = PAYLOADS[i % PAYLOADS.length];
    await fields.nth(i).fill(value);
    typed.push(value);
  }
  await w.getByRole('button', { name: 'Send', exact: true }).click();
  await w.getByRole('alert').filter({ hasText: 'There is a problem' }).waitFor();
  await assertInert(page, 'form with payloads, after validation');
  for (let i = 0; i < count; i++) assert.equal(await fields.nth(i).inputValue(), typed[i], `field ${i} keeps its text unchanged`);

  // Now make it valid: a real phone, no email; every other field keeps its payload.
  await w.getByRole('textbox', { name: 'Phone number' }).fill('(833) 846-5669');
  await w.getByRole('textbox', { name: 'Email address' }).fill('');
  await w.getByRole('checkbox', { name: /I agree that/ }).check();
  const preview = w.locator('details.pfs-preview');
  if (await preview.count()) {
    // "What will be sent" shows every typed value as text.
    await preview.evaluate((d) => { d.open = true; });
    const shown = await preview.textContent();
    for (let i = 0; i < count; i++) {
      const value = await fields.nth(i).inputValue();
      if (value === typed[i]) assert.ok(shown.includes(value.trim()), `the preview shows field ${i} literally`);
    }
    await assertInert(page, 'the preview');
    await preview.evaluate((d) => { d.open = false; });
  }
  // A 100 KB name goes through as it is (with the preview closed: see the report on layout time).
  await w.getByRole('textbox', { name: 'Your name' }).fill(BIG);
  const leads = server.leads.length;
  await w.getByRole('button', { name: 'Send', exact: true }).click();
  await w.getByRole('heading', { name: 'Thank you, we received your message' }).waitFor();
  assert.equal(server.leads.length, leads + 1);
  const lead = server.leads.at(-1);
  // Text fields take at most 200 characters (maxlength), so a 100 KB paste is cut there, never executed.
  assert.equal(sentField(lead, 'name'), BIG.slice(0, 200), 'the receiver gets the name as typed, up to the field limit (it must escape it itself)');
  assert.equal(sentField(lead, 'phone'), '+18338465669');
  await assertInert(page, 'form with payloads, after sending');
  await page.context().close();
});

// -------------------------------------------------------------------- CSP

/** The policy docs/privacy.md tells a site to send, for a receiver at `receiver` (and the widget at `widget`, if on a CDN). */
const strictPolicy = ({ receiver = '', widgetOrigin = '', wasm = true, trustedTypes = "'none'" } = {}) => [
  "default-src 'self'",
  `script-src 'self'${widgetOrigin ? ` ${widgetOrigin}` : ''}${wasm ? " 'wasm-unsafe-eval'" : ''}`,
  "style-src 'self'",
  `connect-src 'self'${widgetOrigin ? ` ${widgetOrigin}` : ''}${receiver ? ` ${receiver}` : ''}`,
  "img-src 'self' blob: data:",
  "base-uri 'none'",
  "require-trusted-types-for 'script'",
  `trusted-types ${trustedTypes}`,
].join('; ');

async function cspServer(policy, pages = ['/pages/csp.html', '/pages/csp-cdn.html']) {
  return startServer({ root: DIST, mounts: { '/pages/': PAGES }, headers: Object.fromEntries(pages.map((p) => [p, { 'Content-Security-Policy': policy }])) });
}

const violations = (page) => page.evaluate(() => window.__violations);
const cspMessages = (page) => page.console.filter((m) => /Content Security Policy|Trusted ?(Type|HTML|Script)|Refused to/i.test(m));

/** Proves the policy is live (so zero violations means something): a fetch it forbids, and an innerHTML it forbids. */
async function assertPolicyEnforced(page) {
  const blocked = await page.evaluate(async () => {
    const results = [];
    try { await fetch('http://127.0.0.1:9/blocked'); results.push('fetch allowed'); } catch { results.push('fetch blocked'); }
    try { document.body.innerHTML = '<b>x</b>'; results.push('innerHTML allowed'); } catch { results.push('innerHTML blocked'); }
    return results;
  });
  assert.deepEqual(blocked, ['fetch blocked', 'innerHTML blocked'], 'the test page really enforces the policy');
  // The violation events are queued as tasks of their own: on a busy machine they may come after the calls return.
  const seen = () => violations(page).then((v) => v.map((e) => e.directive));
  const both = (d) => d.includes('connect-src') && d.includes('require-trusted-types-for');
  const deadline = Date.now() + 5000;
  while (!both(await seen()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const directives = await seen();
  assert.ok(both(directives), `the listener sees violations: ${directives}`);
}

/**
 * Runs `flow`; if it fails (the widget broke under the policy), the error
 * says which policy violations and console messages came with it.
 */
async function underPolicy(page, flow) {
  page.setDefaultTimeout(10_000);
  try {
    await flow();
  } catch (error) {
    const seen = await violations(page).catch(() => 'unknown');
    error.message = `The widget does not work under the strict CSP. Violations: ${JSON.stringify(seen)}; `
      + `CSP console messages: ${JSON.stringify(cspMessages(page))}; errors: ${JSON.stringify(page.errors)}.\n${error.message}`;
    throw error;
  }
}

/** The crisis path, Back included, the result and a lead: the whole widget under the policy. */
async function fullRunUnderCsp(page, leadsFrom) {
  const w = widget(page);
  await press(page, w.getByRole('button', { name: 'Start', exact: true }));
  await answer(page, ME, ['Alcohol'], { screen: ['No', 'No', 'Yes', 'No'] });
  assert.equal(await heading(page).textContent(), 'Support is there for you, now');
  await press(page, w.getByRole('button', { name: 'Back', exact: true }));
  await press(page, w.getByRole('button', { name: 'Continue', exact: true }));
  await answer(page, 'Yes');
  assert.equal(await heading(page).textContent(), 'Your safety comes first');
  await press(page, w.getByRole('button', { name: 'I am safe right now: continue the questions', exact: true }));
  await answer(page, CALM, NO_HEALTH, 'Monthly or less', { screen: ['1 or 2', 'Never'] }, ['None of these, or never stopped'], FIRST_TIME, HOME_SAFE, TIME, READY);
  assert.equal(await heading(page).textContent(), 'Your safety comes first');
  // The widget's constructed stylesheet applies (style-src 'self' does not block it), themed from the page's stylesheet.
  assert.equal(await w.getByRole('button', { name: 'Send', exact: true }).evaluate((b) => getComputedStyle(b).backgroundColor), 'rgb(90, 20, 120)');
  await w.getByRole('textbox', { name: 'Your name' }).fill('Casey Policy');
  await w.getByRole('textbox', { name: 'Phone number' }).fill('833 846 5669');
  await w.getByRole('checkbox', { name: /I agree that/ }).check();
  const before = leadsFrom.leads.length;
  await w.getByRole('button', { name: 'Send', exact: true }).click();
  await w.getByRole('heading', { name: 'Thank you, we received your message' }).waitFor();
  assert.equal(leadsFrom.leads.length, before + 1, 'the lead reached the receiver');
}

test('strict CSP (Trusted Types included), same-origin receiver: a full run with the crisis interrupt and a lead, with zero violations', async () => {
  const host = await cspServer(strictPolicy());
  try {
    const page = await openTrapped(`${host.url}/pages/csp.html`);
    await underPolicy(page, () => fullRunUnderCsp(page, host));
    assert.deepEqual(await violations(page), [], 'no securitypolicyviolation event');
    assert.deepEqual(cspMessages(page), [], 'no console message about the policy');
    assert.deepEqual(page.errors, []);
    await assertPolicyEnforced(page);
    await page.context().close();
  } finally {
    await host.close();
  }
});

test('strict CSP with a receiver on another origin in connect-src, and config-url from \'self\': zero violations', async () => {
  const receiver = await startServer({ root: DIST });
  const host = await cspServer(strictPolicy({ receiver: receiver.url }));
  try {
    const page = await openTrapped(`${host.url}/pages/csp.html`);
    await underPolicy(page, async () => {
      await widget(page).getByRole('button', { name: 'Start', exact: true }).waitFor();
      await page.evaluate((url) => document.querySelector('program-fit-screener').setAttribute('submit-url', `${url}/leads`), receiver.url);
      await fullRunUnderCsp(page, receiver);
      // Then the marketer's own questionnaire, from config-url on the same origin.
      await page.evaluate(() => document.querySelector('program-fit-screener').setAttribute('config-url', '/pages/custom.json'));
      await press(page, widget(page).getByRole('button', { name: 'Start', exact: true }));
      assert.equal(await heading(page).textContent(), 'Would you like to talk to someone this week?');
    });
    assert.deepEqual(await violations(page), []);
    assert.deepEqual(cspMessages(page), []);
    assert.deepEqual(page.errors, []);
    await assertPolicyEnforced(page);
    await page.context().close();
  } finally {
    await host.close();
    await receiver.close();
  }
});

test('strict CSP with the widget on a CDN (its origin in script-src and connect-src): zero violations', async () => {
  const cdn = await startServer({ root: DIST });
  // The page's own Trusted Types policy inserts the CDN script (see csp-cdn.js); the widget needs none.
  const host = await cspServer(strictPolicy({ widgetOrigin: cdn.url, trustedTypes: 'csp-cdn-page' }));
  try {
    const page = await openTrapped(`${host.url}/pages/csp-cdn.html?widget=${encodeURIComponent(cdn.url)}`);
    await underPolicy(page, () => fullRunUnderCsp(page, host));
    assert.ok(page.requests.some((r) => r.url === `${cdn.url}/core/program-fit-screener_bg.wasm`), 'the wasm came from the CDN');
    assert.deepEqual(await violations(page), []);
    assert.deepEqual(cspMessages(page), []);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  } finally {
    await host.close();
    await cdn.close();
  }
});

test('without \'wasm-unsafe-eval\' the wasm is blocked: the violation is reported and the widget fails open to the call link', async () => {
  const host = await cspServer(strictPolicy({ wasm: false }));
  try {
    const page = await openTrapped(`${host.url}/pages/csp.html`);
    const w = widget(page);
    await w.getByRole('link', { name: 'Call 833-846-5669' }).waitFor();
    assert.match(await w.getByText(/could not load/).textContent(), /You can still reach our team/);
    const directives = (await violations(page)).map((v) => v.directive);
    assert.ok(directives.includes('script-src'), `a script-src violation for the wasm: ${directives}`);
    assert.ok(page.errors.some((e) => e.includes('program-fit-screener: the widget could not load')));
    await page.context().close();
  } finally {
    await host.close();
  }
});
