// Shared helpers for the end-to-end tests: Debian's Chromium driven by
// playwright-core against the built dist/ served on 127.0.0.1.
import { chromium } from 'playwright-core';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { startServer, parseMultipart } from '../../scripts/server.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST = join(ROOT, 'dist');
export const PAGES = join(ROOT, 'tests', 'e2e', 'pages');

/**
 * Debian's Chromium, headless. Every host name but 127.0.0.1 fails to
 * resolve at once (`~NOTFOUND`): a test talks only to this machine, and an
 * outside request a page makes (WordPress's admin bar asks Gravatar for the
 * user's picture) fails at once instead of waiting on a resolver that has
 * no network, which held the page's `load` (a login timed out in CI).
 */
export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
  });
}

/** Serves dist/ at / and the test host pages at /pages/. */
export async function serve(root = DIST) {
  return startServer({ root, mounts: { '/pages/': PAGES } });
}

/**
 * A new page that records every request and every console error. Like a
 * reader, it scrolls to the widget (which loads when it nears the viewport)
 * unless `scroll: false`.
 */
export async function open(browser, url, { scroll = true, ...options } = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.requests = [];
  page.errors = [];
  page.on('request', (r) => page.requests.push({ method: r.method(), url: r.url(), body: r.postData() }));
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(m.text()); });
  page.on('pageerror', (e) => page.errors.push(e.message));
  await page.goto(url);
  const el = page.locator('program-fit-screener').first();
  if (scroll && await el.count()) await el.scrollIntoViewIfNeeded();
  return page;
}

/** The widget; Playwright locators pierce its open shadow root. */
export const widget = (page) => page.locator('program-fit-screener');

/** The JSON part of a lead the test server received (`server.leads`). */
export const leadJson = (lead) => JSON.parse(parseMultipart(Buffer.from(lead.body), lead.headers['content-type']).fields.lead);

/** Waits until the page has asked for `path` (a request recorded by `open`). */
export async function requested(page, path, timeout = 10_000) {
  const seen = () => page.requests.some((r) => new URL(r.url).pathname === path);
  for (const end = Date.now() + timeout; !seen(); await page.waitForTimeout(50)) {
    if (Date.now() > end) throw new Error(`no request for ${path} within ${timeout} ms`);
  }
}

/** The widget's current step heading. */
export const heading = (page) => widget(page).getByRole('heading', { level: 2 });

/**
 * Answers questions one screen at a time, as a person would: a string picks
 * the radio button with that name; an array ticks those checkboxes; on a
 * screen of several questions, `{ screen: [...] }` answers each question
 * (each group, in order) the same way. Then presses Continue and waits for
 * the next screen.
 */
export async function answer(page, ...steps) {
  await answerWith(page, 'Continue', ...steps);
}

/** `answer` in another language: `next` names the Continue button ("Continuar"). */
export async function answerWith(page, next, ...steps) {
  await answerAs(page, (text) => text, next, ...steps);
}

/**
 * `answerWith` where every button and option is found by `name(text)` (a
 * pseudo-locale's name for the English text, say: a string or a RegExp).
 */
export async function answerAs(page, name, next, ...steps) {
  for (const step of steps) {
    const w = widget(page);
    const before = await heading(page).textContent();
    if (step.screen) {
      const groups = w.locator('fieldset');
      for (const [i, choice] of step.screen.entries()) await pick(groups.nth(i), choice, name);
    } else {
      await pick(w, step, name);
    }
    await w.getByRole('button', { name: name(next), exact: true }).click();
    await waitForChange(page, before);
  }
}

/** Ticks the checkboxes of an array, or picks the radio button of a string, within `scope`. */
async function pick(scope, choice, name) {
  if (Array.isArray(choice)) {
    for (const c of choice) await scope.getByRole('checkbox', { name: name(c), exact: true }).check();
  } else {
    await scope.getByRole('radio', { name: name(choice), exact: true }).check();
  }
}

export async function waitForChange(page, before) {
  await page.waitForFunction(
    (b) => document.querySelector('program-fit-screener')?.shadowRoot?.querySelector('h2')?.textContent !== b,
    before,
  );
}

/** The text content of the element focused inside the widget's shadow root. */
export function focusedText(page) {
  return page.evaluate(() => document.querySelector('program-fit-screener').shadowRoot.activeElement?.textContent ?? null);
}

/** Everything the widget shows, as text (the host's textContent excludes the shadow root). */
export const widgetText = (page) => widget(page).locator('.pfs-card').first().textContent();

/** The built-in screener's answers that most paths share, by screen. */
export const ME = 'Myself (I am 18 or older)';
export const LOVED_ONE = 'An adult I care about (18 or older)';
/** The four ASQ items, all "No". */
export const NO_ASQ = { screen: ['No', 'No', 'No', 'No'] };
/** PHQ-2 and GAD-2, all "Not at all". */
export const CALM = { screen: ['Not at all', 'Not at all', 'Not at all', 'Not at all'] };
export const NO_HEALTH = ['None of these'];
export const FIRST_TIME = 'No, this would be the first time';
export const HOME_SAFE = ['Safe and supportive, with no heavy drinking or drug use'];
export const TIME = { screen: ['A few hours a day, on several days a week', 'Some, with some flexibility'] };
export const READY = 'Ready to start now';

/** Answers along an outpatient path, to a result that offers the contact form. */
export const OUTPATIENT_PATH = [ME, ['Cannabis'], NO_ASQ, CALM, NO_HEALTH, FIRST_TIME, HOME_SAFE, TIME, READY];

/** Starts the questionnaire and answers it along `OUTPATIENT_PATH`. */
export async function reachResult(page) {
  await widget(page).getByRole('button', { name: 'Start' }).click();
  await heading(page).filter({ hasText: 'Who are you looking for help for?' }).waitFor();
  await answer(page, ...OUTPATIENT_PATH);
}

const AXE = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');

/** axe-core's WCAG 2.0/2.1/2.2 A and AA violations inside the widget, as readable lines. */
export async function axeViolations(page) {
  if (!(await page.evaluate(() => Boolean(window.axe)))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const result = await window.axe.run(document.querySelector('program-fit-screener'), {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'] },
    });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  });
}

/** Answers that lead to an IOP fit (alcohol, outpatient tried and the use continued, safe home). */
export const IOP_PATH = [
  ME, ['Alcohol'], NO_ASQ, CALM, NO_HEALTH,
  '4 or more times a week', { screen: ['3 or 4', 'Weekly'] }, ['None of these, or never stopped'],
  'Outpatient counseling or therapy', 'The use continued during it or soon after',
  HOME_SAFE, { screen: ['A few hours a day, on several days a week', 'Yes'] }, READY,
];
