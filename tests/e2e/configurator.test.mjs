// The configurator (dist/configure/), in Chromium, driven by role and name
// as a marketer would: it asks for nothing beyond its own files; typing
// updates the real widget beside the form and the code to copy; what the
// widget would refuse is refused with the widget's own words; Copy puts the
// code on the clipboard; the endpoint test tells a working receiver (the
// test receiver and a real pfs-inbox) from CORS, redirects, wrong answers,
// timeouts and nothing there; the questionnaire check lists every problem
// with its path and previews a good questionnaire; all of it by keyboard,
// axe-clean, on a phone too. With PFS_SCREENSHOTS=1 it writes the screenshots
// in docs/screenshots/ (empty, filled, CORS failure, config with problems).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, serve, open, widget, ROOT, PAGES } from './helpers.mjs';
import { startReceiver } from './receiver.mjs';
import { missing, startInbox, running, killGroup } from './inbox-process.mjs';

const AXE = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');
const SHOTS = process.env.PFS_SCREENSHOTS === '1';
let browser, server, receiver, base, dir;

before(async () => {
  browser = await launch();
  server = await serve();
  receiver = await startReceiver();
  base = `http://127.0.0.1:${server.port}`;
  dir = await mkdtemp(join(tmpdir(), 'pfs-configurator-'));
});
after(async () => {
  for (const child of running) killGroup(child);
  await browser?.close();
  await server?.close();
  await receiver?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The configurator in a new context (clipboard allowed), once its preview widget is up. */
async function openConfigurator({ width = 1280, height = 900 } = {}) {
  const context = await browser.newContext({ viewport: { width, height } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
  const page = await context.newPage();
  page.requests = [];
  page.errors = [];
  page.on('request', (r) => page.requests.push(r.url()));
  page.on('pageerror', (e) => page.errors.push(e.message));
  page.on('dialog', (d) => { page.errors.push(`dialog: ${d.message()}`); d.dismiss(); });
  await page.goto(`${base}/configure/`);
  await page.getByRole('heading', { name: 'Your settings' }).waitFor();
  await preview(page).getByRole('button', { name: 'Start' }).waitFor();
  return page;
}

const preview = (page) => page.getByRole('region', { name: 'Preview' }).locator('program-fit-screener');
const code = (page, title) => page.getByRole('region', { name: title }).locator('pre').textContent();
const field = (page, name) => page.getByRole('textbox', { name, exact: true });
/** The text of what an input's aria-describedby points at. */
const description = (page, name) => field(page, name).evaluate((el) =>
  (el.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' '));
const status = (page) => page.getByRole('region', { name: 'Your settings' }).getByRole('status');

/** Waits until `read()` returns something `ok` accepts, and returns it. */
async function until(read, ok, what, timeout = 10_000) {
  let value;
  for (const end = Date.now() + timeout; !ok(value = await read()); await new Promise((r) => setTimeout(r, 50))) {
    if (Date.now() > end) throw new Error(`${what}: still ${JSON.stringify(value)}`);
  }
  return value;
}

/** axe-core's WCAG 2.x A and AA violations on the whole page, the preview widget's shadow root included. */
async function axe(page) {
  if (!(await page.evaluate(() => Boolean(window.axe)))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'] },
    });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  });
}

/** A screenshot of the whole page, or of `part` (a locator). */
const shot = async (page, name, part) => {
  const path = join(ROOT, 'docs', 'screenshots', `configurator-${name}.png`);
  if (SHOTS) await (part ? part.screenshot({ path }) : page.screenshot({ path, fullPage: true }));
};

/** Sends the test lead and waits for its outcome. */
async function sendTest(page) {
  await page.getByRole('button', { name: 'Send a test lead' }).click();
  return until(() => status(page).textContent(), (t) => t && !t.startsWith('Sending'), 'the endpoint test', 15_000);
}

test('empty: axe-clean, nothing fetched beyond its own files, and the bare two lines to copy', async () => {
  const page = await openConfigurator();
  assert.deepEqual(await axe(page), []);
  assert.equal(await code(page, 'HTML for your page'),
    `<script type="module" src="${base}/program-fit-screener.js"></script>\n<program-fit-screener></program-fit-screener>`);
  assert.equal(await code(page, 'WordPress shortcode'), '[program_fit_screener]');
  await shot(page, 'empty');
  const outside = page.requests.filter((u) => !u.startsWith(`${base}/`) && !u.startsWith('data:'));
  assert.deepEqual(outside, [], 'only the page\'s own files');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('typing updates the real widget beside the form and the code; Copy puts the code on the clipboard', async () => {
  const page = await openConfigurator();
  await field(page, 'Phone number').fill('833-846-5669');
  await preview(page).getByRole('link', { name: /833-846-5669/ }).first().waitFor();
  await field(page, 'Your organisation\'s name').fill('Harbor Recovery');
  await field(page, 'Submit URL').fill(`${receiver.url}/leads`);
  await page.getByRole('combobox', { name: 'Language' }).selectOption({ label: 'Español' });
  await preview(page).getByRole('heading', { name: '¿Qué programa podría ser el adecuado?' }).waitFor();
  await page.getByRole('checkbox', { name: /call tracking/ }).check();
  await field(page, 'Accent colour (optional)').fill('#5a1478');

  const html = await code(page, 'HTML for your page');
  assert.match(html, new RegExp(`<program-fit-screener phone="833-846-5669" submit-url="${receiver.url}/leads" center-name="Harbor Recovery" lang="es">`));
  assert.match(html, /<a slot="phone" href="tel:\+18338465669">833-846-5669<\/a>/);
  assert.equal(await preview(page).locator('a[slot="phone"]').getAttribute('href'), 'tel:+18338465669', 'the preview has the swappable child');
  assert.equal(await code(page, 'WordPress shortcode'),
    `[program_fit_screener phone="833-846-5669" submit_url="${receiver.url}/leads" center_name="Harbor Recovery" lang="es" accent="#5a1478" tracking_phone="833-846-5669"]`);
  const block = await page.getByRole('region', { name: 'WordPress shortcode' }).locator('dl').textContent();
  assert.match(block, /Call-tracking phone833-846-5669/);
  assert.match(await code(page, 'CSS that keeps your page still'), /--pfs-accent: #5a1478;/);
  assert.match(await code(page, 'Content-Security-Policy'), new RegExp(`connect-src 'self' ${receiver.url};`));
  // The accent reaches the preview's buttons.
  const start = preview(page).getByRole('button', { name: 'Empezar' });
  assert.equal(await start.evaluate((b) => getComputedStyle(b).backgroundColor), 'rgb(90, 20, 120)');

  // Light and dark (the visitor's setting), phone and desktop width.
  await page.getByRole('combobox', { name: 'Colours' }).selectOption({ label: 'Follow the visitor\'s light or dark setting' });
  await page.getByRole('radio', { name: 'Dark' }).check();
  const card = () => preview(page).locator('.pfs-card').first().evaluate((c) => getComputedStyle(c).backgroundColor);
  await until(card, (c) => c === 'rgb(22, 25, 29)', 'the dark preview');
  assert.match(await code(page, 'HTML for your page'), / theme="auto"/, 'the code keeps "auto"; only the preview is dark');
  await page.getByRole('radio', { name: 'Light' }).check();
  await until(card, (c) => c === 'rgb(255, 255, 255)', 'the light preview');
  await page.getByRole('radio', { name: 'Phone (360 px)' }).check();
  assert.ok((await preview(page).boundingBox()).width <= 360, 'phone width');
  await shot(page, 'filled');

  await page.getByRole('button', { name: 'Copy the HTML' }).click();
  await page.getByText('Copied the HTML to the clipboard.').waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), await code(page, 'HTML for your page'));
  await page.getByRole('button', { name: 'Copy the shortcode' }).click();
  await page.getByText('Copied the shortcode to the clipboard.').waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), await code(page, 'WordPress shortcode'));
  assert.deepEqual(await axe(page), []);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('what the widget would refuse is refused with its own words, and hostile values come out escaped', async () => {
  const page = await openConfigurator();
  await field(page, 'Phone number').fill('call us');
  assert.match(await description(page, 'Phone number'), /The widget would ignore this: it is not a US\/Canada or \+international phone number, so no call link is shown\./);
  assert.equal(await field(page, 'Phone number').getAttribute('aria-invalid'), 'true');
  await field(page, 'Submit URL').fill('http://leads.example.org/leads');
  assert.match(await description(page, 'Submit URL'), /it must be an https: address \(or http:\/\/ on 127\.0\.0\.1 or localhost\), so the form is not offered/);
  await field(page, 'Accent colour (optional)').fill('#ffcc00');
  assert.match(await description(page, 'Accent colour (optional)'), /ratio of 1\.51:1; WCAG AA needs at least 4\.5:1/);
  await field(page, 'Accent colour (optional)').fill('#5a1478');
  assert.doesNotMatch(await description(page, 'Accent colour (optional)'), /ratio/);
  await field(page, 'E-mail address (optional)').fill('a@b.org?bcc=x@y.com');
  assert.match(await description(page, 'E-mail address (optional)'), /not a plain e-mail address/);
  const summary = page.getByRole('region', { name: 'Your code' });
  await summary.getByText('The widget would ignore 3 of these settings:').waitFor();
  assert.deepEqual(await summary.getByRole('listitem').getByRole('link').allTextContents(), ['Phone number', 'E-mail address', 'Submit URL']);
  // The preview does what the widget does with them: no call link.
  await preview(page).getByRole('button', { name: 'Start' }).waitFor();
  assert.equal(await preview(page).locator('a[href^="tel:"]').count(), 0);

  await field(page, 'Your organisation\'s name').fill('"><img src=x onerror=alert(1)> [x]');
  const html = await code(page, 'HTML for your page');
  assert.match(html, /center-name="&quot;&gt;&lt;img src=x onerror=alert\(1\)&gt; \[x\]"/);
  assert.match(await code(page, 'WordPress shortcode'), /center_name="&quot;&gt;&lt;img src=x onerror=alert\(1\)&gt; &#91;x&#93;"/);
  assert.equal(await page.locator('img[src=x]').count(), 0);
  assert.deepEqual(page.errors, [], 'no alert, no error');
  await page.context().close();
});

test('the endpoint test: a receiver that keeps the contract acknowledges a lead marked as a test', async () => {
  const page = await openConfigurator();
  await field(page, 'Submit URL').fill(`${receiver.url}/leads`);
  const before = receiver.stored.length;
  assert.match(await sendTest(page), /^Works: your receiver got the test lead and acknowledged it\./);
  assert.equal(receiver.stored.length, before + 1);
  const lead = receiver.stored.at(-1);
  assert.equal(lead.test, true);
  assert.equal(lead.contact.name, 'TEST LEAD from the configurator');
  assert.equal(lead.screening, undefined, 'no answers: there is no visitor');
  const sent = receiver.requests.at(-1);
  assert.equal(sent.headers.cookie, undefined);
  assert.equal(sent.headers.referer, undefined, 'no referrer, as the widget');
  assert.deepEqual(await axe(page), []);
  await page.context().close();
});

test('the endpoint test says what is wrong: CORS with the header to add, redirect, status, no acknowledgement, 422, timeout, nothing there', async () => {
  const page = await openConfigurator();
  await field(page, 'Submit URL').fill(`${receiver.url}/leads`);
  receiver.answer({ cors: false });
  const cors = await sendTest(page);
  assert.match(cors, /^Blocked by CORS/);
  assert.ok(cors.includes(`Access-Control-Allow-Origin: ${base}`), cors);
  await shot(page, 'cors', page.getByRole('group', { name: 'Where leads go' }));
  receiver.answer({ redirect: '/thank-you/' });
  assert.match(await sendTest(page), /answered with a redirect/);
  receiver.answer({ status: 500 });
  assert.match(await sendTest(page), /answered with status 500/);
  receiver.answer({ body: '{"ok":true}' });
  assert.match(await sendTest(page), /answered 200, but not with the acknowledgement/);
  receiver.answer({ status: 422, body: '{"errors":{"phone":"We need a phone number"}}' });
  assert.match(await sendTest(page), /It said: We need a phone number\./);
  receiver.answer({ status: 503, retryAfter: 7 });
  assert.match(await sendTest(page), /busy \(503\).*retry after 7 s/s);
  await field(page, 'Submit timeout in seconds (optional)').fill('1');
  receiver.answer({ hang: true });
  assert.match(await sendTest(page), /no answer within 1 s/);
  const gone = await startReceiver();
  const url = `${gone.url}/leads`;
  await gone.close();
  await field(page, 'Submit URL').fill(url);
  assert.match(await sendTest(page), /^Not reached: nothing answered at that address/);
  await field(page, 'Submit URL').fill('http://leads.example.org/leads');
  assert.match(await sendTest(page), /^Not sent: the widget would not send leads there/);
  const outside = page.requests.filter((u) => !u.startsWith(`${base}/`) && !u.startsWith(`${receiver.url}/`) && !u.startsWith(`${gone.url}/`) && !u.startsWith('data:'));
  assert.deepEqual(outside, [], 'only the page\'s files and the endpoints tested');
  await page.context().close();
});

test('the endpoint test against a real pfs-inbox: acknowledged for an allowed origin, CORS named for another', { skip: missing }, async () => {
  const page = await openConfigurator();
  const allowed = await startInbox({ dir, origin: base });
  await field(page, 'Submit URL').fill(`${allowed.url}/leads`);
  assert.match(await sendTest(page), /^Works:/);
  const other = await startInbox({ dir, origin: 'https://www.other.example' });
  await field(page, 'Submit URL').fill(`${other.url}/leads`);
  const cors = await sendTest(page);
  assert.match(cors, /^Blocked by CORS/);
  assert.ok(cors.includes(`Access-Control-Allow-Origin: ${base}`), cors);
  await page.context().close();
});

test('the questionnaire check lists every problem with its path; a good one plays in the preview', async () => {
  const page = await openConfigurator();
  const custom = JSON.parse(await readFile(join(PAGES, 'custom.json'), 'utf8'));
  const broken = structuredClone(custom);
  broken.outcomes[0].levels = ['nowhere'];
  broken.questions[0].kind = 'slider';
  await page.getByRole('textbox', { name: 'Questionnaire JSON' }).fill(JSON.stringify(broken, null, 2));
  await page.getByRole('button', { name: 'Check the questionnaire' }).click();
  const result = page.getByRole('region', { name: 'Check your own questionnaire (optional)' });
  const heading = await result.getByRole('heading', { level: 3 }).textContent();
  assert.match(heading, /^\d+ problems?: the widget would not show this questionnaire$/);
  const items = await result.getByRole('listitem').allTextContents();
  assert.ok(items.some((i) => i.startsWith('questions[0].kind')), items.join('\n'));
  assert.equal(await page.evaluate(() => document.activeElement.className), 'summary', 'focus moves to the result');
  assert.deepEqual(await axe(page), []);
  await shot(page, 'config-problems', result);

  await page.getByRole('textbox', { name: 'Questionnaire JSON' }).fill('{ "version": 1, ');
  await page.getByRole('button', { name: 'Check the questionnaire' }).click();
  await result.getByText(/is not valid JSON/).waitFor();

  await page.getByLabel('Or open a file').setInputFiles(join(PAGES, 'custom.json'));
  await result.getByRole('heading', { name: 'No problems found' }).waitFor();
  await result.getByText('1 question and 2 results, in en. The preview now shows it.').waitFor();
  await preview(page).getByRole('button', { name: 'Start' }).click();
  await preview(page).getByRole('heading', { name: 'Would you like to talk to someone this week?' }).waitFor();
  await page.getByRole('button', { name: 'Preview the built-in questionnaire again' }).click();
  await preview(page).getByRole('button', { name: 'Start' }).click();
  await preview(page).getByRole('heading', { name: 'Who are you looking for help for?' }).waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('keyboard only: Tab reaches every control in order, Copy works with Enter; on a phone nothing scrolls sideways', async () => {
  const page = await openConfigurator();
  const names = [];
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    names.push(await page.evaluate(() => {
      let el = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      const label = el.labels?.[0]?.textContent ?? el.getAttribute('aria-label') ?? el.textContent;
      return label.trim();
    }));
  }
  const expected = ['Phone number', 'My site uses call tracking (CallRail, CallTrackingMetrics, Invoca)', 'Submit URL', 'Send a test lead',
    'Language', 'Colours', 'Accent colour (optional)', 'Load the widget', 'Address of program-fit-screener.js', 'Start',
    'Questionnaire JSON', 'Check the questionnaire', 'HTML for your page (code)', 'Copy the HTML', 'Copy the CSS'];
  let at = -1;
  for (const name of expected) {
    const next = names.indexOf(name, at + 1);
    assert.ok(next > at, `${name} after ${expected[expected.indexOf(name) - 1]}: ${names.join(' | ')}`);
    at = next;
  }
  await page.getByRole('button', { name: 'Copy the CSS' }).focus();
  await page.keyboard.press('Enter');
  await page.getByText('Copied the CSS to the clipboard.').waitFor();
  await page.context().close();

  const phone = await openConfigurator({ width: 390, height: 844 });
  assert.ok(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scroll at 390 px');
  assert.deepEqual(await axe(phone), []);
  await phone.context().close();
});

test('a visitor of a page with the widget never downloads the configurator', async () => {
  const page = await open(browser, `${base}/`);
  await widget(page).getByRole('button', { name: 'Start' }).click();
  await widget(page).getByRole('heading', { level: 2 }).filter({ hasText: 'Who are you looking for help for?' }).waitFor();
  assert.deepEqual(page.requests.filter((r) => new URL(r.url).pathname.startsWith('/configure/')), []);
  await page.context().close();
});
