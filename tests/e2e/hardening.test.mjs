// The smaller defects of issue 17, each held by a test that fails without
// its fix: an insecure (http:) origin, where crypto.randomUUID does not
// exist; question and contact forms the browser itself could submit into
// the page URL; a file name in an attribute; mailto injection through the
// email attribute; config https: links without rel; the opt-in that did
// not say the result goes too; a config too large; attributes not
// observed; a config-url change while loading. Questionnaires of their
// own (inline), so nothing depends on the built-in screener.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { launch, serve, open, widget, heading } from './helpers.mjs';
import { startReceiver } from './receiver.mjs';

let browser, server, receiver, dir;
before(async () => {
  browser = await launch();
  server = await serve();
  receiver = await startReceiver();
  dir = await mkdtemp(join(tmpdir(), 'pfs-hardening-'));
});
after(async () => {
  await browser?.close();
  await server?.close();
  await receiver?.close();
  await rm(dir, { recursive: true, force: true });
});

const config = (extra = {}) => ({
  version: 1,
  questions: [{ id: 'ready', kind: 'yes_no', text: 'Would you like to talk to someone this week?', options: [{ id: 'yes', label: 'Yes' }, { id: 'no', label: 'Not yet' }] }],
  levels: [{ id: 'talk', name: 'A first conversation', summary: 'A short, free call with our team.' }],
  outcomes: [{ id: 'talk', title: "Let's talk this week", summary: 'Our team can answer your questions.', levels: ['talk'] }],
  fallback: 'talk',
  ...extra,
});

/** Adds a widget with these attributes and inline config to blank.html's #app; its id is `id`. */
async function mountWidget(page, attrs, json = config()) {
  await page.evaluate(([a, text]) => {
    const el = document.createElement('program-fit-screener');
    for (const [k, v] of Object.entries({ loading: 'eager', phone: '833-846-5669', ...a })) el.setAttribute(k, v);
    if (text !== null) {
      const script = document.createElement('script');
      script.type = 'application/json';
      script.textContent = text;
      el.append(script);
    }
    document.getElementById('app').append(el);
  }, [attrs, json === null ? null : typeof json === 'string' ? json : JSON.stringify(json)]);
  return page.locator(`program-fit-screener#${attrs.id}`);
}

/** Start, Yes, Continue: the result of the one-question config. */
async function toResult(w) {
  await w.getByRole('button', { name: 'Start', exact: true }).click();
  await w.getByRole('radio', { name: 'Yes', exact: true }).check();
  await w.getByRole('button', { name: 'Continue', exact: true }).click();
  await w.getByRole('heading', { name: "Let's talk this week" }).waitFor();
}

test('on an insecure http: origin the form renders and sends a random v4 id, and one broken widget leaves the others working', async () => {
  const insecure = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--host-resolver-rules=MAP clinic.test 127.0.0.1'],
  });
  try {
    const page = await insecure.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`http://clinic.test:${server.port}/pages/blank.html`);
    assert.deepEqual(await page.evaluate(() => [isSecureContext, typeof crypto.randomUUID]), [false, 'undefined'], 'an insecure context, without randomUUID');
    const first = await mountWidget(page, { id: 'first', 'submit-url': `http://localhost:${receiver.url.split(':').at(-1)}/leads` });
    const broken = await mountWidget(page, { id: 'broken' }, '{ "version": 1, ');
    const second = await mountWidget(page, { id: 'second', 'submit-url': `http://localhost:${receiver.url.split(':').at(-1)}/leads` });
    await broken.getByRole('link', { name: 'Call 833-846-5669' }).waitFor();
    await toResult(first);
    await first.getByRole('textbox', { name: 'Your name' }).fill('Ana Insecure');
    await first.getByRole('textbox', { name: 'Email address' }).fill('ana@example.org');
    const stored = receiver.stored.length;
    await first.getByRole('button', { name: 'Send', exact: true }).click();
    await first.getByRole('heading', { name: 'Thank you, we received your message' }).waitFor();
    assert.match(receiver.stored[stored].submission_id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // The others still work after the broken one and the first one's form.
    await toResult(second);
    await second.getByRole('textbox', { name: 'Your name' }).waitFor();
    assert.deepEqual(errors, []);
  } finally {
    await insecure.close();
  }
});

/** Stands in for a wasm that stopped: the widget's own submit handlers never run. */
const deadHandlers = (page) => page.evaluate(() => {
  document.querySelector('program-fit-screener').shadowRoot.addEventListener('submit', (e) => e.stopImmediatePropagation(), true);
});

test('neither a question screen nor the contact form can be submitted by the browser itself (no answers in the URL)', async () => {
  const page = await open(browser, `${server.url}/pages/blank.html`);
  const w = await mountWidget(page, { id: 'w', 'submit-url': '/leads' });
  const url = page.url();
  await w.getByRole('button', { name: 'Start', exact: true }).click();
  await w.getByRole('radio', { name: 'Yes', exact: true }).check();
  await deadHandlers(page);
  await w.getByRole('radio', { name: 'Yes', exact: true }).press('Enter');
  await w.getByRole('button', { name: 'Continue', exact: true }).click();
  await page.waitForTimeout(500);
  assert.equal(page.url(), url, 'the question form submitted nothing');
  assert.ok(!page.requests.some((r) => r.url.includes('ready=')), 'no request carries the answer');
  await page.close();
  const again = await open(browser, `${server.url}/pages/blank.html`);
  const v = await mountWidget(again, { id: 'v', 'submit-url': '/leads' });
  await toResult(v);
  await v.getByRole('textbox', { name: 'Your name' }).fill('Ana Dead');
  await deadHandlers(again);
  await v.getByRole('button', { name: 'Send', exact: true }).click();
  await again.waitForTimeout(500);
  assert.equal(again.url(), url, 'the contact form submitted nothing');
  await again.close();
});

test('the chosen file\'s name is shown as text, never in an attribute', async () => {
  const path = join(dir, 'rosa-lopez-diagnosis.pdf');
  await writeFile(path, 'x');
  const page = await open(browser, `${server.url}/pages/blank.html`);
  const w = await mountWidget(page, { id: 'w', 'submit-url': '/leads' });
  await toResult(w);
  await w.getByLabel('Insurance card, front (optional)').setInputFiles(path);
  await w.getByText('rosa-lopez-diagnosis.pdf (').waitFor();
  const attributes = await page.evaluate(() => [...document.querySelector('program-fit-screener').shadowRoot.querySelectorAll('*')]
    .flatMap((el) => [...el.attributes].map((a) => `${el.localName}[${a.name}]=${a.value}`)));
  assert.deepEqual(attributes.filter((a) => /rosa|diagnosis/i.test(a)), []);
  assert.equal(await w.getByRole('button', { name: 'Remove: Insurance card, front (optional)' }).count(), 1, 'the Remove button is named by its field');
  await page.close();
});

test('an email attribute carrying extra mailto: recipients is refused; a plain one is offered, and changing it updates the widget', async () => {
  const page = await open(browser, `${server.url}/pages/blank.html`);
  const w = await mountWidget(page, { id: 'w', email: 'a@b.org?bcc=x@y.com' });
  await toResult(w);
  assert.equal(await w.locator('a[href^="mailto:"]').count(), 0, 'no mailto link with a hidden recipient');
  assert.ok(page.errors.some((e) => /email attribute is ignored/.test(e)), `a console error says so: ${page.errors}`);
  await page.evaluate(() => document.querySelector('#w').setAttribute('email', 'team@example.org'));
  await w.getByRole('link', { name: 'Email team@example.org' }).waitFor();
  assert.equal(await w.getByRole('link', { name: 'Email team@example.org' }).getAttribute('href'), 'mailto:team@example.org');
  await page.close();
});

test('a config\'s https: links open with rel="noopener noreferrer"; tel: links need none', async () => {
  const page = await open(browser, `${server.url}/pages/blank.html`);
  const json = config({
    interrupts: [{ id: 'help', title: 'Help is here', body: ['Reach out.'], continue_label: 'Continue the questions',
      actions: [{ label: 'Find help online', href: 'https://findtreatment.gov/' }, { label: 'Call 988', href: 'tel:988' }] }],
  });
  json.questions[0].options[1].interrupt = 'help';
  const w = await mountWidget(page, { id: 'w' }, json);
  await w.getByRole('button', { name: 'Start', exact: true }).click();
  await w.getByRole('radio', { name: 'Not yet', exact: true }).check();
  await w.getByRole('button', { name: 'Continue', exact: true }).click();
  await heading(page).filter({ hasText: 'Help is here' }).waitFor();
  assert.equal(await w.getByRole('link', { name: 'Find help online' }).getAttribute('rel'), 'noopener noreferrer');
  assert.equal(await w.getByRole('link', { name: 'Call 988' }).getAttribute('rel'), null);
  await page.close();
});

test('"Include my answers" says the result goes too, and "What will be sent" shows it', async () => {
  const page = await open(browser, `${server.url}/pages/blank.html`);
  const w = await mountWidget(page, { id: 'w', 'submit-url': '/leads' });
  await toResult(w);
  await w.getByRole('checkbox', { name: 'Include my answers and my result so the team can prepare' }).check();
  await w.getByText('What will be sent').click();
  const preview = await w.locator('.pfs-preview').textContent();
  assert.match(preview, /Your answers and your result/);
  assert.match(preview, /Your result\s*Let's talk this week/);
  await page.close();
});

test('a site config over 256 KB, or with an object of over 1,000 keys, is refused with a clear console error and the call link', async () => {
  const page = await open(browser, `${server.url}/pages/blank.html`);
  const big = await mountWidget(page, { id: 'big' }, config({ 'x-padding': 'x'.repeat(300 * 1024) }));
  const keys = await mountWidget(page, { id: 'keys' }, config({ 'x-map': Object.fromEntries([...Array(1001).keys()].map((i) => [`k${i}`, 0])) }));
  for (const w of [big, keys]) await w.getByRole('link', { name: 'Call 833-846-5669' }).waitFor();
  assert.ok(page.errors.some((e) => /300 KB, more than the 256 KB a questionnaire may be/.test(e)), `${page.errors}`);
  assert.ok(page.errors.some((e) => /more than 1000 keys/.test(e)), `${page.errors}`);
  await page.close();
});

test('a config-url changed while the first is still loading is honoured', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const slow = config({ questions: [{ ...config().questions[0], text: 'The old questionnaire?' }] });
  await context.route('**/slow.json', async (route) => { await new Promise((ok) => setTimeout(ok, 1500)); await route.fulfill({ json: slow }); });
  await context.route('**/new.json', (route) => route.fulfill({ json: config() }));
  await page.goto(`${server.url}/pages/blank.html`);
  const w = await mountWidget(page, { id: 'w', 'config-url': '/slow.json' }, null);
  await page.waitForTimeout(200);
  await page.evaluate(() => document.querySelector('#w').setAttribute('config-url', '/new.json'));
  await w.getByRole('button', { name: 'Start', exact: true }).click();
  await heading(page).filter({ hasText: 'Would you like to talk to someone this week?' }).waitFor();
  await page.waitForTimeout(1800);
  assert.equal(await heading(page).textContent(), 'Would you like to talk to someone this week?', 'the old config never replaces it');
  await context.close();
});
