// The two pseudo-locales of test builds (scripts/build-pseudo.sh builds
// target/dist-pseudo/; never dist/): en-XA, accented and 35-40% longer than
// English, walked to the contact form on a 320 px phone, where nothing may
// overflow or be cut off; ar-XB, right to left, where the layout must follow
// `dir`. Each comes as a part of its own, found by its code. Buttons and
// options are found by role and by their pseudo-locale names (helpers'
// `answerAs`), made here
// from the English as build.rs makes them (the letters and the padding are
// read from src/core/i18n/pseudo.rs). With PFS_SCREENSHOTS=1 it writes
// docs/screenshots/pseudo-{long,rtl}-{question,form}.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { launch, serve, open, widget, heading, answerAs, axeViolations, ROOT, OUTPATIENT_PATH } from './helpers.mjs';

const DIST = join(ROOT, 'target', 'dist-pseudo');
const SHOTS = process.env.PFS_SCREENSHOTS === '1';
const SOURCE = readFileSync(join(ROOT, 'src', 'core', 'i18n', 'pseudo.rs'), 'utf8');
const constant = (name) => [...JSON.parse(SOURCE.match(new RegExp(`pub const ${name}: &str = (".*");`))[1])];
const [PLAIN, ACCENTED, PADDING] = ['PLAIN', 'ACCENTED', 'PADDING'].map(constant);

/** Each part of `text` outside `{placeholders}` through `each`. */
const outside = (text, each) => text.split(/(\{[^}]*\})/).map((part, i) => (i % 2 ? part : each(part))).join('');

/** `pseudo::long`: accented, and 37.5% more characters of padding words. */
function long(text) {
  if (!/[A-Za-z]/.test(text)) return text;
  const accented = outside(text, (part) => [...part].map((c) => (PLAIN.includes(c) ? ACCENTED[PLAIN.indexOf(c)] : c)).join(''));
  const wanted = Math.ceil(([...text].length * 3) / 8);
  return (accented + Array.from({ length: wanted }, (_, i) => PADDING[i % PADDING.length]).join('')).trimEnd();
}

/** `pseudo::mirrored`: each run of letters held right to left. */
function mirrored(text) {
  if (!/[A-Za-z]/.test(text)) return text;
  return '\u200f' + outside(text, (part) => part.replace(/[\p{L}\p{N}']+/gu, (word) => `\u202e${word}\u202c`));
}

/** An exact accessible name, whether or not the browser keeps the bidi controls in it. */
const named = (text) => new RegExp(`^${[...text].map((c) => (/[\u200f\u202e\u202c]/.test(c) ? `${c}?` : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('')}$`);

let browser, server;
before(async () => {
  assert.ok(existsSync(join(DIST, 'core', 'split_en_xa.wasm')), 'target/dist-pseudo/ is built by scripts/build-pseudo.sh (scripts/test.sh runs it)');
  browser = await launch();
  server = await serve(DIST);
});
after(async () => { await browser?.close(); await server?.close(); });

/** What sticks out of the widget's card, or is cut off inside it, at this width. */
function overflowing(page) {
  return page.evaluate(() => {
    const root = document.querySelector('program-fit-screener').shadowRoot;
    const card = root.querySelector('.pfs-card').getBoundingClientRect();
    const found = [];
    if (document.documentElement.scrollWidth > window.innerWidth) found.push(`the page scrolls sideways (${document.documentElement.scrollWidth} px)`);
    for (const el of root.querySelectorAll('.pfs-card *')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || getComputedStyle(el).position === 'absolute') continue; // hidden, or visually-hidden text
      const what = `${el.tagName.toLowerCase()}.${el.className} "${el.textContent.trim().slice(0, 30)}"`;
      if (r.left < card.left - 1 || r.right > card.right + 1) found.push(`${what} sticks out of the card`);
      if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible') found.push(`${what} is cut off`);
    }
    return found;
  });
}

const shot = (page, name) => SHOTS && widget(page).screenshot({ path: join(ROOT, 'docs', 'screenshots', `pseudo-${name}.png`) });

for (const [code, t, name, rtl] of [['en-XA', long, 'long', false], ['ar-XB', mirrored, 'rtl', true]]) {
  test(`${code} (${name}): a part of its own, walked to the contact form on a 320 px phone; nothing overflows${rtl ? ', and the layout is right to left' : ''}`, async () => {
    const page = await open(browser, `${server.url}/pages/pseudo-${code}.html`, { viewport: { width: 320, height: 640 } });
    const w = widget(page);
    await w.getByRole('button', { name: named(t('Start')) }).click();
    await heading(page).filter({ hasText: named(t('Who are you looking for help for?')) }).waitFor();
    const part = `/core/split_${code.toLowerCase().replace('-', '_')}.wasm`;
    assert.ok(page.requests.some((r) => new URL(r.url).pathname === part), `its strings and wordings came in ${part}`);
    assert.ok(!page.requests.some((r) => /split_es\.wasm/.test(r.url)), 'and no other language');
    // The check finds what it looks for: a planted box wider than the phone.
    const plant = (on) => page.evaluate((on) => {
      const card = document.querySelector('program-fit-screener').shadowRoot.querySelector('.pfs-card');
      if (on) card.insertAdjacentHTML('beforeend', '<div class="planted" style="width: 400px">planted</div>');
      else card.querySelector('.planted').remove();
    }, on);
    await plant(true);
    assert.match((await overflowing(page)).join('\n'), /div\.planted "planted" sticks out of the card/);
    await plant(false);
    assert.deepEqual(await overflowing(page), [], 'the first question fits');
    await shot(page, `${name}-question`);
    await answerAs(page, (text) => named(t(text)), 'Continue', ...OUTPATIENT_PATH);
    await w.getByRole('heading', { name: named(t('Talk with our team')) }).waitFor();
    await w.getByRole('button', { name: named(t('Send')) }).click();
    const summary = w.getByRole('alert').filter({ has: page.getByRole('heading', { name: named(t('There is a problem')) }) });
    await summary.getByRole('link', { name: named(t('Enter your name')) }).waitFor();
    assert.equal(await w.getByRole('textbox', { name: named(t('Your name')) }).getAttribute('aria-invalid'), 'true');
    assert.deepEqual(await overflowing(page), [], 'the result and the form with its errors fit');
    const layout = await page.evaluate(() => {
      const root = document.querySelector('program-fit-screener').shadowRoot;
      const card = root.querySelector('.pfs-card');
      const box = card.getBoundingClientRect();
      const input = root.querySelector('#pfs-name').getBoundingClientRect();
      const label = root.querySelector('label[for="pfs-name"]');
      const range = document.createRange();
      range.selectNodeContents(label);
      const text = range.getBoundingClientRect();
      return { dir: card.getAttribute('dir'), direction: getComputedStyle(card).direction, lang: card.getAttribute('lang'),
        textFromRight: box.right - text.right, textFromLeft: text.left - box.left, inputWidth: input.width, cardWidth: box.width };
    });
    assert.equal(layout.lang, code);
    assert.equal(layout.dir, rtl ? 'rtl' : null);
    assert.equal(layout.direction, rtl ? 'rtl' : 'ltr');
    // A short label starts on the reading side: the right in ar-XB, the left in en-XA.
    if (rtl) assert.ok(layout.textFromRight < layout.textFromLeft, `the label starts at the right: ${JSON.stringify(layout)}`);
    else assert.ok(layout.textFromLeft < layout.textFromRight, `the label starts at the left: ${JSON.stringify(layout)}`);
    assert.deepEqual(await axeViolations(page), []);
    await shot(page, `${name}-form`);
    await page.close();
  });
}
