// The contact form after the result: validation, delivery to a local
// receiver, failure that keeps what was typed, and the requests the page makes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, serve, open, widget, heading, answer, reachResult, focusedText, requested, OUTPATIENT_PATH } from './helpers.mjs';
import { widgetPaths } from '../../scripts/sizes.mjs';

let browser, server;
before(async () => { browser = await launch(); server = await serve(); });
after(async () => { await browser?.close(); await server?.close(); });

const STATIC = ['/', '/demo.css', ...widgetPaths()];

test('an empty name is rejected with a summary and a message tied to the field', async () => {
  const page = await open(browser, server.url);
  await reachResult(page);
  const w = widget(page);
  await w.getByRole('button', { name: 'Send' }).click();
  const summary = w.getByRole('alert').filter({ hasText: 'There is a problem' });
  await summary.waitFor();
  assert.match(await focusedText(page), /^There is a problem/, 'focus moves to the error summary');
  const name = w.getByRole('textbox', { name: 'Your name' });
  assert.equal(await name.getAttribute('aria-invalid'), 'true');
  const errorId = await name.getAttribute('aria-describedby');
  assert.match(await w.locator(`[id="${errorId}"]`).textContent(), /Enter your name/);
  // Its border takes the error message's colour; a field without a problem keeps its own.
  const border = (label) => w.getByRole('textbox', { name: label }).evaluate((e) => getComputedStyle(e).borderTopColor);
  const errorColour = await w.locator(`[id="${errorId}"]`).evaluate((e) => getComputedStyle(e).color);
  assert.equal(await border('Your name'), errorColour);
  assert.notEqual(await border('Email address'), errorColour, 'no problem with an empty e-mail when the phone is missing');
  await summary.getByRole('link', { name: 'Enter your name' }).click();
  assert.equal(await page.evaluate(() => document.querySelector('program-fit-screener').shadowRoot.activeElement?.id), 'pfs-name');
  assert.equal(server.leads.length, 0, 'nothing is sent while the form has problems');
  await page.close();
});

test('the form is styled from its first frame (its styles come with its code), in every widget on the page', async () => {
  const page = await open(browser, server.url);
  // Noted when the name field is first in the shadow root, before any frame
  // shows it: its height then, and the screens' sheet before that.
  await page.evaluate(() => {
    const root = document.querySelector('program-fit-screener').shadowRoot;
    const rules = () => [...root.adoptedStyleSheets].flatMap((s) => [...s.cssRules]).map((r) => r.cssText).join('\n');
    window.__sheetBefore = rules();
    new MutationObserver((_, observer) => {
      const name = root.querySelector('#pfs-name');
      if (name) { window.__firstHeight = getComputedStyle(name).minHeight; observer.disconnect(); }
    }).observe(root, { childList: true, subtree: true });
  });
  await reachResult(page);
  const w = widget(page);
  await w.getByRole('textbox', { name: 'Your name' }).waitFor();
  assert.ok(!/\.pfs-field/.test(await page.evaluate(() => window.__sheetBefore)), 'the screens\' sheet has none of the form\'s rules');
  assert.equal(await page.evaluate(() => window.__firstHeight), '44px', 'the field is a 44 px target when it first appears');
  const box = await w.getByRole('textbox', { name: 'Your name' }).boundingBox();
  assert.ok(box.height >= 44 && box.width > 200, JSON.stringify(box));
  // A widget added after the form's code is here has its styles too.
  await page.evaluate(() => {
    const el = document.createElement('program-fit-screener');
    el.id = 'second';
    el.setAttribute('loading', 'eager');
    el.setAttribute('submit-url', '/leads');
    el.setAttribute('phone', '833-846-5669');
    document.querySelector('program-fit-screener').after(el);
  });
  const second = page.locator('#second');
  await second.getByRole('button', { name: 'Start' }).waitFor();
  assert.equal(await page.evaluate(() => [...document.querySelector('#second').shadowRoot.adoptedStyleSheets].flatMap((s) => [...s.cssRules])
    .some((r) => r.selectorText === '.pfs-field')), true, 'the second widget shares the sheet with the form\'s rules');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a valid form is sent to submit-url without the answers, and every request is listed', async () => {
  const before = server.leads.length;
  const page = await open(browser, server.url);
  await reachResult(page);
  const w = widget(page);
  await w.getByRole('textbox', { name: 'Your name' }).fill('Ana Test');
  await w.getByRole('textbox', { name: 'Phone number' }).fill('(833) 846-5669');
  await w.getByRole('checkbox', { name: /I agree that our treatment center may contact me/ }).check();
  await w.getByRole('button', { name: 'Send' }).click();
  await w.getByRole('heading', { name: 'Thank you, we received your message' }).waitFor();
  assert.equal(server.leads.length, before + 1);
  const lead = server.leads.at(-1);
  assert.match(lead.headers['content-type'], /^multipart\/form-data/);
  assert.match(lead.body, /Ana Test/);
  assert.match(lead.body, /\+18338465669/);
  assert.match(lead.body, /Consent is not a condition of receiving services/);
  assert.doesNotMatch(lead.body, /cannabis|Outpatient counseling/i, 'answers and outcome stay on the device');
  const requests = page.requests.map((r) => ({ method: r.method, url: new URL(r.url) }));
  for (const r of requests) {
    assert.equal(r.url.origin, server.url, `only the page's own origin is contacted: ${r.url}`);
    assert.ok(STATIC.includes(r.url.pathname) || (r.method === 'POST' && r.url.pathname === '/leads'), `unexpected request ${r.method} ${r.url}`);
  }
  assert.equal(requests.filter((r) => r.method === 'POST').length, 1, 'exactly one submission');
  await page.close();
});

test('a failed submission keeps what was typed, says so, and offers retry and the phone number', async () => {
  const page = await open(browser, server.url);
  await reachResult(page);
  const w = widget(page);
  server.respondWith(503);
  try {
    await w.getByRole('textbox', { name: 'Your name' }).fill('Ben Retry');
    await w.getByRole('textbox', { name: 'Email address' }).fill('ben@example.org');
    await w.getByRole('button', { name: 'Send' }).click();
    const failure = w.getByRole('alert').filter({ hasText: 'We could not send your message' });
    await failure.waitFor();
    assert.equal(await failure.getByRole('link', { name: 'Call 833-846-5669' }).getAttribute('href'), 'tel:+18338465669');
    assert.equal(await w.getByRole('textbox', { name: 'Your name' }).inputValue(), 'Ben Retry');
    assert.equal(await w.getByRole('textbox', { name: 'Email address' }).inputValue(), 'ben@example.org');
  } finally {
    server.respondWith(200);
  }
  await w.getByRole('button', { name: 'Try again' }).click();
  await w.getByRole('heading', { name: 'Thank you, we received your message' }).waitFor();
  assert.match(server.leads.at(-1).body, /ben@example\.org/);
  await page.close();
});

test('the form\'s messages follow a language switch, and what was typed stays', async () => {
  const page = await open(browser, server.url);
  await reachResult(page);
  const w = widget(page);
  await w.getByRole('textbox', { name: 'Email address' }).fill('lena@example.org');
  await w.getByRole('button', { name: 'Send' }).click();
  await w.getByRole('alert').filter({ hasText: 'There is a problem' }).getByRole('link', { name: 'Enter your name' }).waitFor();
  await w.getByRole('button', { name: 'Español' }).click();
  // The problems found in English now read in Spanish, tied to the same field.
  const summary = w.getByRole('alert').filter({ hasText: 'Hay un problema' });
  await summary.getByRole('link', { name: 'Escribe tu nombre' }).waitFor();
  const name = w.getByRole('textbox', { name: 'Tu nombre' });
  assert.equal(await name.getAttribute('aria-invalid'), 'true');
  assert.match(await w.locator(`[id="${await name.getAttribute('aria-describedby')}"]`).textContent(), /Escribe tu nombre/);
  assert.doesNotMatch(await summary.textContent(), /Enter your name/);
  assert.equal(await w.getByRole('textbox', { name: 'Correo electrónico' }).inputValue(), 'lena@example.org');
  // A failed delivery's words follow the switch back, and the fields stay.
  server.respondWith(503);
  try {
    await name.fill('Lena Idioma');
    await w.getByRole('button', { name: 'Enviar' }).click();
    await w.getByRole('alert').filter({ hasText: 'No pudimos enviar tu mensaje' }).waitFor();
    await w.getByRole('button', { name: 'English' }).click();
    const failure = w.getByRole('alert').filter({ hasText: 'We could not send your message' });
    await failure.waitFor();
    assert.doesNotMatch(await failure.textContent(), /No pudimos/);
    assert.equal(await w.getByRole('textbox', { name: 'Your name' }).inputValue(), 'Lena Idioma');
  } finally {
    server.respondWith(200);
  }
  await w.getByRole('button', { name: 'Try again' }).click();
  await w.getByRole('heading', { name: 'Thank you, we received your message' }).waitFor();
  assert.equal(server.leads.filter((l) => /lena@example\.org/.test(l.body)).length, 1, 'the retry is the one lead');
  await page.close();
});

test('the form\'s code comes after the first screen and never holds up the questions; when it cannot load, the visitor is told, can call, and can retry', async () => {
  const page = await open(browser, 'about:blank');
  const chunk = (r) => new URL(r.url).pathname === '/core/split_contact.wasm';
  // The first fetch hangs while the visitor answers, then fails, as does
  // the one the result makes: a connection that dropped.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  let seen = 0;
  await page.route('**/core/split_contact.wasm', async (route) => {
    seen += 1;
    if (seen === 1) await held;
    await route.abort('internetdisconnected');
  });
  await page.goto(server.url);
  const w = widget(page);
  await w.scrollIntoViewIfNeeded();
  await w.getByRole('button', { name: 'Start' }).click();
  await w.getByRole('heading', { name: 'Who are you looking for help for?' }).waitFor();
  await requested(page, '/core/split_contact.wasm');
  const [first, ...rest] = OUTPATIENT_PATH;
  await answer(page, first);
  assert.equal(await heading(page).textContent(), 'Which substances are involved?', 'the questions go on while the form\'s code is on its way');
  assert.equal(seen, 1, 'it was asked for once, and is still pending');
  release();
  await answer(page, ...rest);
  const failure = w.getByRole('alert').filter({ hasText: 'The contact form could not load. Check your connection and try again, or call us.' });
  await failure.waitFor();
  assert.equal(page.requests.filter(chunk).length, 2, 'the result asked again after the first fetch failed');
  assert.equal(await w.getByRole('link', { name: 'Call 833-846-5669' }).getAttribute('href'), 'tel:+18338465669', 'the call button is there');
  assert.equal(await w.getByRole('button', { name: 'Send' }).count(), 0);

  await page.unroute('**/core/split_contact.wasm');
  await failure.getByRole('button', { name: 'Try again' }).click();
  await w.getByRole('textbox', { name: 'Your name' }).fill('Cora Later');
  await w.getByRole('textbox', { name: 'Phone number' }).fill('(833) 846-5669');
  await w.getByRole('checkbox', { name: /I agree that our treatment center may contact me/ }).check();
  await w.getByRole('button', { name: 'Send' }).click();
  await w.getByRole('heading', { name: 'Thank you, we received your message' }).waitFor();
  assert.match(server.leads.at(-1).body, /Cora Later/);
  assert.equal(page.requests.filter(chunk).length, 3, 'Try again fetched it once more');
  await page.close();
});
