// Accessibility: axe-core clean at every screen in light and dark themes,
// keyboard-only completion with focus checks, reflow at 320 px, and the
// whole flow in Spanish.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, serve, open, widget, heading, answer, reachResult, focusedText, axeViolations, widgetText, IOP_PATH, ME, CALM, NO_HEALTH } from './helpers.mjs';

let browser, server;
before(async () => { browser = await launch(); server = await serve(); });
after(async () => { await browser?.close(); await server?.close(); });


async function clean(page, where) {
  assert.deepEqual(await axeViolations(page), [], `axe violations at: ${where}`);
}

for (const theme of ['light', 'dark']) {
  test(`axe finds no WCAG A/AA violation on any screen (${theme} theme)`, async () => {
    const page = await open(browser, server.url, { colorScheme: theme });
    await page.evaluate((t) => document.querySelector('program-fit-screener').setAttribute('theme', t), theme);
    const w = widget(page);
    await w.getByRole('button', { name: 'Start' }).waitFor();
    await clean(page, 'start');
    await w.getByRole('button', { name: 'Start' }).click();
    await w.getByRole('button', { name: 'Continue' }).click();
    await w.getByText('Choose an answer to continue').waitFor();
    await clean(page, 'question with an error');
    for (const step of IOP_PATH) {
      await clean(page, await heading(page).textContent());
      await answer(page, step);
    }
    await clean(page, 'result and form');
    await w.getByRole('button', { name: 'Send' }).click();
    await w.getByText('There is a problem').waitFor();
    await clean(page, 'form with errors');
    server.respondWith(500);
    try {
      await w.getByRole('textbox', { name: 'Your name' }).fill('Ana');
      await w.getByRole('textbox', { name: 'Email address' }).fill('ana@example.org');
      await w.getByRole('button', { name: 'Send' }).click();
      await w.getByText('We could not send your message').waitFor();
      await clean(page, 'sending failed');
    } finally {
      server.respondWith(200);
    }
    await w.getByRole('button', { name: 'Try again' }).click();
    await w.getByText('Thank you, we received your message').waitFor();
    await clean(page, 'sent');
    // Safety screens (each of the others is checked in flow.test.mjs).
    await w.getByRole('button', { name: 'Start over' }).click();
    await w.getByRole('button', { name: 'Start' }).click();
    await answer(page, ME, ['Alcohol'], { screen: ['Yes', 'No', 'No', 'No'] });
    await clean(page, '988 interrupt');
    await w.getByRole('button', { name: 'Continue the questions' }).click();
    await answer(page, 'Yes');
    await clean(page, 'crisis interrupt');
    await w.getByRole('button', { name: 'I am safe right now: continue the questions' }).click();
    await answer(page, CALM, NO_HEALTH, '4 or more times a week', { screen: ['10 or more', 'Daily or almost daily'] });
    await clean(page, 'withdrawal interrupt');
    await page.close();
  });
}

test('keyboard only: Tab, arrows, Space and Enter complete the questionnaire and send the form; focus follows each step', async () => {
  const before = server.leads.length;
  const page = await open(browser, server.url);
  const w = widget(page);
  await w.getByRole('button', { name: 'Start' }).waitFor();
  // Tab from the page into the widget until Start has focus.
  for (let i = 0; i < 40 && (await focusedText(page)) !== 'Start'; i++) await page.keyboard.press('Tab');
  assert.equal(await focusedText(page), 'Start');
  await page.keyboard.press('Enter');
  await heading(page).filter({ hasText: 'Who are you looking for help for?' }).waitFor();
  assert.equal(await focusedText(page), 'Who are you looking for help for?');
  const next = async (expected) => {
    await page.keyboard.press('Enter');
    await heading(page).filter({ hasText: expected }).waitFor();
    assert.equal(await focusedText(page), expected, 'focus moves to the new question');
  };
  // Radios: Tab into the group (selects nothing yet), Space or an arrow to choose.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  assert.ok(await w.getByRole('radio', { name: ME }).isChecked());
  await next('Which substances are involved?');
  for (let i = 0; i < 5; i++) await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  assert.ok(await w.getByRole('checkbox', { name: 'Cannabis' }).isChecked());
  await next('In the past few weeks, have you wished you were dead?');
  // Four questions on one screen: Tab to each group, an arrow moves to "No".
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown');
  }
  assert.equal(await w.getByRole('radio', { name: 'No', exact: true, checked: true }).count(), 4, 'arrow keys move within each radio group');
  await next('Over the last 2 weeks, how often have you had little interest or pleasure in doing things?');
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
  }
  await next('Do any of these apply to you right now?');
  for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  assert.ok(await w.getByRole('checkbox', { name: 'None of these' }).isChecked());
  for (const [expected, groups] of [['Has treatment for substance use been tried before?', 1], ['Which of these describe home right now?', 1],
    ['How much time could treatment take each week, for now?', 2], ['How ready do you feel to make a change?', 1]]) {
    await next(expected);
    for (let i = 0; i < groups; i++) {
      await page.keyboard.press('Tab');
      await page.keyboard.press('Space');
    }
  }
  await page.keyboard.press('Enter');
  await heading(page).filter({ hasText: 'may fit' }).waitFor();
  assert.match(await focusedText(page), /may fit$/, 'focus moves to the result');
  // Shift+Tab goes back up, Tab forward to the form fields.
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  for (let i = 0; i < 20 && (await page.evaluate(() => document.querySelector('program-fit-screener').shadowRoot.activeElement?.id)) !== 'pfs-name'; i++) {
    await page.keyboard.press('Tab');
  }
  await page.keyboard.type('Kim Keys');
  await page.keyboard.press('Tab');
  await page.keyboard.type('833 846 5669');
  for (let i = 0; i < 30 && (await page.evaluate(() => document.querySelector('program-fit-screener').shadowRoot.activeElement?.id)) !== 'pfs-consent'; i++) {
    await page.keyboard.press('Tab');
  }
  await page.keyboard.press('Space');
  assert.ok(await w.getByRole('checkbox', { name: /I agree/ }).isChecked());
  await page.keyboard.press('Enter');
  await w.getByText('Thank you, we received your message').waitFor();
  assert.equal(server.leads.length, before + 1);
  assert.match(server.leads.at(-1).body, /Kim Keys/);
  await page.close();
});

test('at 320 px wide nothing scrolls sideways, on any screen', async () => {
  const page = await open(browser, server.url, { viewport: { width: 320, height: 640 } });
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  const w = widget(page);
  await w.getByRole('button', { name: 'Start' }).waitFor();
  assert.equal(await overflow(), 0, 'start');
  await w.getByRole('button', { name: 'Start' }).click();
  for (const step of IOP_PATH) {
    assert.equal(await overflow(), 0, await heading(page).textContent());
    await answer(page, step);
  }
  assert.equal(await overflow(), 0, 'result and form');
  await page.close();
});

test('with the browser\'s text size at 200 %, the text doubles and nothing is cut off or scrolls sideways, on any screen', async () => {
  const context = await browser.newContext({ viewport: { width: 640, height: 800 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const h2Size = () => heading(page).evaluate((h) => parseFloat(getComputedStyle(h).fontSize));
  const overflow = () => page.evaluate(() => {
    const root = document.querySelector('program-fit-screener').shadowRoot;
    // Screen-reader-only text is clipped on purpose.
    const clipped = [...root.querySelectorAll('*:not(.pfs-visually-hidden)')].filter((e) => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible');
    return { page: document.documentElement.scrollWidth - document.documentElement.clientWidth, clipped: clipped.map((e) => e.className || e.tagName) };
  });
  const sizes = [];
  for (const standard of [16, 32]) {
    await cdp.send('Page.setFontSizes', { fontSizes: { standard, fixed: 13 * standard / 16 } });
    await page.goto(server.url);
    await widget(page).scrollIntoViewIfNeeded();
    await widget(page).getByRole('button', { name: 'Start' }).click();
    await heading(page).filter({ hasText: 'Who are you looking for help for?' }).waitFor();
    sizes.push(await h2Size());
  }
  assert.equal(sizes[1], 2 * sizes[0], `the question heading follows the visitor's text size (${sizes})`);
  for (const step of IOP_PATH) {
    assert.deepEqual(await overflow(), { page: 0, clipped: [] }, await heading(page).textContent());
    await answer(page, step);
  }
  assert.deepEqual(await overflow(), { page: 0, clipped: [] }, 'result and form');
  const send = widget(page).getByRole('button', { name: 'Send' });
  await send.scrollIntoViewIfNeeded();
  assert.ok(await send.isVisible());
  await context.close();
});

test('the whole flow in Spanish, chosen with the visible language switch', async () => {
  const page = await open(browser, server.url);
  const w = widget(page);
  await w.getByRole('button', { name: 'Español' }).click();
  await w.getByRole('button', { name: 'Empezar' }).click();
  await heading(page).filter({ hasText: '¿Para quién buscas ayuda?' }).waitFor();
  assert.equal(await w.locator('.pfs-card').first().getAttribute('lang'), 'es');
  // Answer each screen with its first option until the result.
  const atResult = () => w.getByText(/^Esto no es un diagnóstico/).count();
  for (let i = 0; i < 30 && !(await atResult()); i++) {
    const h = await heading(page).textContent();
    const groups = w.locator('fieldset');
    if (!(await groups.count())) break;
    for (let g = 0; g < await groups.count(); g++) {
      const radio = groups.nth(g).getByRole('radio').first();
      if (await radio.count()) await radio.check();
      else await groups.nth(g).getByRole('checkbox').first().check();
    }
    await w.getByRole('button', { name: 'Continuar' }).click();
    await page.waitForFunction((b) => document.querySelector('program-fit-screener').shadowRoot.querySelector('h2')?.textContent !== b, h);
    const interrupt = w.getByRole('button', { name: /seguir con las preguntas|Continuar con las preguntas/i });
    for (let n = 0; n < 5 && await interrupt.count(); n++) {
      const t = await heading(page).textContent();
      await interrupt.first().click();
      await page.waitForFunction((b) => document.querySelector('program-fit-screener').shadowRoot.querySelector('h2')?.textContent !== b, t);
    }
  }
  const text = await widgetText(page);
  assert.match(text, /Esto no es un diagnóstico/);
  assert.doesNotMatch(text, /Why this may fit|not a diagnosis/);
  await page.close();
});

test('a low-contrast --pfs-accent gets a console warning for the marketer', async () => {
  const page = await open(browser, `${server.url}/pages/blank.html`);
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  await page.evaluate(() => {
    document.getElementById('app').innerHTML = '<program-fit-screener loading="eager" style="--pfs-accent: #9fe0ff"></program-fit-screener>'
      + '<program-fit-screener loading="eager" style="--pfs-accent: #003366"></program-fit-screener>';
  });
  await widget(page).nth(1).getByRole('button', { name: 'Start' }).waitFor();
  await widget(page).first().getByRole('button', { name: 'Start' }).waitFor();
  await page.waitForFunction(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(() => ok(true)))));
  assert.equal(warnings.filter((w) => w.includes('contrast')).length, 1, 'only the light accent is warned about');
  assert.match(warnings.find((w) => w.includes('contrast')), /WCAG needs 4\.5:1/);
  await page.close();
});
