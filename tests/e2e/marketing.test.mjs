// What a treatment center's marketing needs at run time (docs/embedding.md,
// docs/analytics.md): a call-tracking script swaps the number of every
// call link the visitor can reach, and never a crisis line; a quiet call
// link on every screen, reachable by keyboard; where the visit came from in
// the lead, and only there; milestones pushed to a tag manager's dataLayer
// only when the page asks for it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, serve, open, widget, heading, leadJson, answer, reachResult, ME, CALM, NO_HEALTH, FIRST_TIME, HOME_SAFE, TIME, READY, OUTPATIENT_PATH,
} from './helpers.mjs';

let browser, server;
before(async () => { browser = await launch(); server = await serve(); });
after(async () => { await browser?.close(); await server?.close(); });

const CONTINUE = 'Continue the questions';
const SWAPPED = '555-201-0199';

/** Keeps tel: links from leaving the page: a click on a link does not follow it. */
const keepLinksHere = (page) => page.evaluate(() => document.addEventListener('click', (e) => {
  if (e.composedPath().some((n) => n.localName === 'a')) e.preventDefault();
}));

/** Every tel: link inside the widget's shadow root, as { text, href }. */
const telLinks = (page) => page.evaluate(() => [...document.querySelector('program-fit-screener').shadowRoot.querySelectorAll('a[href^="tel:"]')]
  .map((a) => ({ text: a.textContent.trim(), href: a.getAttribute('href') })));

/**
 * The screen's admissions call links show `number` and dial it, none shows
 * the center's own number any more, and the crisis lines are untouched.
 */
async function assertCallLinks(page, number, where) {
  const links = await telLinks(page);
  const crisis = links.filter((l) => ['tel:988', 'tel:911'].includes(l.href));
  const admissions = links.filter((l) => !crisis.includes(l));
  assert.ok(admissions.length > 0, `${where}: a call link`);
  for (const l of admissions) {
    assert.equal(l.text, `Call ${number}`, `${where}: the link shows the tracking number`);
    assert.equal(l.href, `tel:+1${number.replace(/\D/g, '')}`, `${where}: and dials it`);
  }
  for (const l of crisis) assert.match(l.text, /^Call (988|911)$/, `${where}: a crisis line is never swapped`);
  return crisis.length;
}

async function fillAndSend(page) {
  const w = widget(page);
  await w.getByRole('textbox', { name: 'Your name' }).fill('Ana Test');
  await w.getByRole('textbox', { name: 'Phone number' }).fill('(833) 846-5669');
  await w.getByRole('checkbox', { name: /I agree that/ }).check();
  await w.getByRole('button', { name: 'Send' }).click();
}

test('a call-tracking script swaps every call link the visitor can reach, later swaps too, never a crisis line', async () => {
  const page = await open(browser, `${server.url}/pages/dni.html`);
  await keepLinksHere(page);
  const w = widget(page);
  await w.getByRole('button', { name: 'Start' }).waitFor();
  await assertCallLinks(page, SWAPPED, 'the start screen');
  await w.getByRole('button', { name: 'Start' }).click();
  await heading(page).filter({ hasText: 'Who are you looking for help for?' }).waitFor();
  await assertCallLinks(page, SWAPPED, 'the first question');
  await answer(page, ME, ['Alcohol'], { screen: ['Yes', 'No', 'No', 'No'] });
  await widget(page).getByRole('button', { name: CONTINUE }).click();
  await answer(page, 'Yes');
  // The crisis screen: its own 988 and 911 first, the admissions line after.
  await w.getByRole('link', { name: 'Call 988', exact: true }).waitFor();
  assert.ok(await assertCallLinks(page, SWAPPED, 'the crisis screen') >= 2, 'the crisis screen shows 988 and 911');
  const order = (await telLinks(page)).map((l) => l.href);
  assert.ok(order.indexOf('tel:988') < order.indexOf(`tel:+15552010199`), 'the crisis numbers come first');
  await page.route('**/leads', (route) => route.abort());
  await page.goto(`${server.url}/pages/dni.html`);
  await w.scrollIntoViewIfNeeded();
  await reachResult(page);
  await assertCallLinks(page, SWAPPED, 'the result');
  await fillAndSend(page);
  await w.getByRole('alert').filter({ hasText: 'not sent' }).waitFor();
  const inForm = w.locator('form').getByRole('link', { name: `Call ${SWAPPED}` });
  assert.equal(await inForm.count(), 1, 'the failed form offers the tracking number');
  // The script swaps again later (a new visitor session, a new pool number).
  await page.evaluate(() => window.StandInSwap.swap('5552010199', '555-201-0123'));
  await w.getByRole('link', { name: 'Call 555-201-0123' }).first().waitFor();
  await assertCallLinks(page, '555-201-0123', 'the result, after a later swap');
  assert.equal(await w.getByRole('textbox', { name: 'Your name' }).inputValue(), 'Ana Test', 'what the visitor typed is kept');
  assert.deepEqual(page.errors.filter((e) => !/leads|Failed to load resource/.test(e)), []);
  await page.context().close();
});

test('the fail-open view shows the tracking number and follows a later swap (a refused config, and a core that will not load)', async () => {
  const refused = await open(browser, `${server.url}/pages/dni-broken.html`);
  const w = widget(refused);
  await w.getByRole('link', { name: `Call ${SWAPPED}` }).waitFor();
  await refused.evaluate(() => window.StandInSwap.swap('5552010199', '555-201-0123'));
  await w.getByRole('link', { name: 'Call 555-201-0123' }).waitFor();
  assert.equal(await w.getByRole('link', { name: 'Call 555-201-0123' }).getAttribute('href'), 'tel:+15552010123');
  await refused.context().close();

  const context = await browser.newContext();
  await context.route('**/core/program-fit-screener_bg.wasm', (route) => route.abort());
  const page = await context.newPage();
  await page.goto(`${server.url}/pages/dni.html`);
  const link = widget(page).getByRole('link', { name: `Call ${SWAPPED}` });
  await link.waitFor();
  // The loader's own view dials the digits as written (it has no NANP rules).
  assert.equal(await link.getAttribute('href'), 'tel:5552010199');
  await page.evaluate(() => window.StandInSwap.swap('5552010199', '555-201-0123'));
  await widget(page).getByRole('link', { name: 'Call 555-201-0123' }).waitFor();
  await context.close();
});

/** Presses Tab until the widget's "Prefer to talk?" link has focus; how many presses it took. */
async function tabToTalk(page) {
  for (let presses = 1; presses <= 40; presses++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const a = document.querySelector('program-fit-screener').shadowRoot.activeElement;
      return a?.closest('.pfs-talk') ? a.textContent : null;
    });
    if (focused) return { presses, focused };
  }
  throw new Error('the call link was not reached by Tab');
}

test('every screen before the result has a quiet call link, reachable by keyboard; the result keeps its button', async () => {
  const page = await open(browser, server.url);
  await keepLinksHere(page);
  const w = widget(page);
  const talk = w.locator('.pfs-talk');
  await w.getByRole('button', { name: 'Start' }).focus();
  assert.equal((await tabToTalk(page)).focused, 'Call 833-846-5669', 'the start screen');
  assert.equal((await talk.textContent()).trim(), 'Prefer to talk? Call 833-846-5669');
  await w.getByRole('button', { name: 'Start' }).click();
  let screens = 1;
  for (const step of [ME, ...OUTPATIENT_PATH.slice(1, -1)]) {
    await heading(page).focus();
    const reached = await tabToTalk(page);
    assert.equal(reached.focused, 'Call 833-846-5669', `question screen ${screens}`);
    screens++;
    await answer(page, step);
  }
  await answer(page, READY);
  await heading(page).filter({ hasText: 'may fit' }).waitFor();
  assert.equal(await talk.count(), 0, 'the result has its own, prominent button instead');
  assert.equal(await w.locator('.pfs-call-button').getByText('Call 833-846-5669').count(), 1);
  console.log(`# a call link on the start screen and ${screens - 1} question screens`);
  await page.context().close();
});

test('a lead carries where the visit came from: the URL\'s parameters, the landing path, the referrer\'s origin; and shows them first', async () => {
  const before = server.leads.length;
  // Arriving from a search results page (the browser gives the page that address as the referrer).
  const context = await browser.newContext();
  const page = await context.newPage();
  page.requests = [];
  page.on('request', (r) => page.requests.push({ method: r.method(), url: r.url() }));
  await page.goto(`${server.url}/?utm_source=google&utm_medium=cpc&gclid=abc&email=ana%40example.org#top`, { referer: 'https://www.google.com/search?q=rehab+near+me' });
  assert.match(await page.evaluate(() => document.referrer), /^https:\/\/www\.google\.com\//, 'the test arrives from a search');
  await widget(page).scrollIntoViewIfNeeded();
  await reachResult(page);
  const w = widget(page);
  await w.getByRole('textbox', { name: 'Your name' }).fill('Ana Test');
  await w.getByText('What will be sent').click();
  const preview = w.locator('.pfs-preview');
  await preview.getByText('How you found us').waitFor();
  for (const shown of ['utm_source', 'google', 'utm_medium', 'cpc', 'gclid', 'abc', 'landing_page', `${server.url}/`, 'referrer', 'https://www.google.com']) {
    assert.equal(await preview.getByText(shown, { exact: true }).count(), 1, `"What will be sent" shows ${shown}`);
  }
  assert.equal(page.requests.filter((r) => r.method === 'POST').length, 0, 'nothing is sent before Send');
  await fillAndSend(page);
  await w.getByRole('heading', { name: 'Thank you, we received your message' }).waitFor();
  assert.equal(server.leads.length, before + 1);
  const lead = leadJson(server.leads.at(-1));
  assert.deepEqual(lead.attribution, {
    utm_source: 'google', utm_medium: 'cpc', gclid: 'abc', landing_page: `${server.url}/`, referrer: 'https://www.google.com',
  }, 'exactly those values: no other parameter (an e-mail address), no query, no search terms');
  // Kept in memory only: no cookie, no storage, nothing in the page's address.
  assert.deepEqual(await page.context().cookies(), []);
  assert.deepEqual(await page.evaluate(() => [localStorage.length, sessionStorage.length]), [0, 0]);
  await page.context().close();
});

test('attribution="off" sends none; the host page\'s own values win over the address\'s', async () => {
  const page = await open(browser, `${server.url}/?utm_source=google&utm_medium=cpc&gclid=abc`);
  const el = page.locator('program-fit-screener');
  // A tag manager hands over its first-touch values after the widget mounted.
  await el.evaluate((e) => e.setAttribute('attribution', 'utm_source=newsletter&utm_campaign=spring&landing_page=https://clinic.example/first'));
  await reachResult(page);
  await fillAndSend(page);
  await widget(page).getByRole('heading', { name: 'Thank you, we received your message' }).waitFor();
  assert.deepEqual(leadJson(server.leads.at(-1)).attribution, {
    utm_source: 'newsletter', utm_medium: 'cpc', utm_campaign: 'spring', gclid: 'abc', landing_page: 'https://clinic.example/first',
  });
  await page.close();

  const off = await open(browser, `${server.url}/?utm_source=google&gclid=abc`);
  await off.locator('program-fit-screener').evaluate((e) => e.setAttribute('attribution', 'off'));
  await reachResult(off);
  await widget(off).getByText('What will be sent').click();
  assert.equal(await widget(off).getByText('How you found us').count(), 0, 'the preview shows no attribution');
  await fillAndSend(off);
  await widget(off).getByRole('heading', { name: 'Thank you, we received your message' }).waitFor();
  const lead = leadJson(server.leads.at(-1));
  assert.equal(lead.attribution, undefined, 'no attribution in the lead');
  assert.doesNotMatch(server.leads.at(-1).body, /gclid|utm_/);
  await off.context().close();
});

test('dataLayer gets the milestones only when the page opts in, never a crisis link, never a detail', async () => {
  const page = await open(browser, `${server.url}/pages/datalayer.html`);
  await keepLinksHere(page);
  const w = widget(page);
  await w.getByRole('button', { name: 'Start' }).click();
  await heading(page).filter({ hasText: 'Who are you looking for help for?' }).waitFor();
  await answer(page, ME, ['Alcohol'], { screen: ['Yes', 'No', 'No', 'No'] });
  await w.getByRole('button', { name: CONTINUE }).click();
  await answer(page, 'Yes');
  await w.getByRole('link', { name: 'Call 988', exact: true }).click();
  await w.getByRole('link', { name: 'Call 833-846-5669' }).click();
  await w.getByRole('button', { name: 'I am safe right now: continue the questions' }).click();
  await answer(page, CALM, NO_HEALTH, '4 or more times a week', { screen: ['1 or 2', 'Never'] }, ['None of these, or never stopped'], FIRST_TIME, HOME_SAFE, TIME, READY);
  await heading(page).filter({ hasText: 'Your safety comes first' }).waitFor();
  await fillAndSend(page);
  await w.getByRole('heading', { name: 'Thank you, we received your message' }).waitFor();
  const layer = await page.evaluate(() => window.dataLayer);
  assert.deepEqual(layer, [
    { 'gtm.start': 1, event: 'gtm.js' },
    { event: 'pfs_start' }, { event: 'pfs_call' }, { event: 'pfs_result' }, { event: 'pfs_form' }, { event: 'pfs_submit' },
  ], 'the milestones, in order, with nothing else: the 988 link pushed nothing');
  await page.context().close();

  const plain = await open(browser, server.url);
  await reachResult(plain);
  await widget(plain).getByRole('textbox', { name: 'Your name' }).waitFor();
  assert.equal(await plain.evaluate(() => typeof window.dataLayer), 'undefined', 'without the attribute, nothing is pushed');
  await plain.close();
});
