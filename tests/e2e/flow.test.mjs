// The visitor flow on the demo page, driven by accessible role and name.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, serve, open, widget, widgetText, heading, answer, focusedText, requested, IOP_PATH } from './helpers.mjs';

let browser, server;
before(async () => { browser = await launch(); server = await serve(); });
after(async () => { await browser?.close(); await server?.close(); });

async function start(page) {
  await widget(page).getByRole('button', { name: 'Start' }).click();
  await assert.doesNotReject(heading(page).filter({ hasText: 'Who are you looking for help for?' }).waitFor());
}


test('intro states the purpose and privacy in one line, then Start shows question 1 with progress', async () => {
  const page = await open(browser, server.url);
  const w = widget(page);
  await assert.doesNotReject(w.getByText('A few questions to see which program may fit — about 2 minutes; your answers stay on this device.').waitFor());
  await start(page);
  assert.equal(await w.getByText(/^Question \d+ of \d+$/).first().textContent(), 'Question 1 of 8');
  assert.equal(await focusedText(page), 'Who are you looking for help for?', 'focus moves to the question');
  await page.close();
});

test('an IOP fit: the result names IOP, gives reasons, what it involves, and the not-a-diagnosis line', async () => {
  const page = await open(browser, server.url);
  // The contact form's code comes a little after the first screen, whatever the visitor does.
  await requested(page, '/core/split_contact.wasm');
  await start(page);
  const startIndex = page.requests.length;
  await answer(page, ...IOP_PATH);
  const w = widget(page);
  assert.equal(await heading(page).textContent(), 'Intensive outpatient (IOP) may fit');
  assert.equal(await focusedText(page), 'Intensive outpatient (IOP) may fit', 'focus moves to the result');
  const text = await widgetText(page);
  assert.match(text, /AUDIT-C score of 8 or more/);
  assert.match(text, /Work, school or family cannot stop/);
  assert.match(text, /3 to 4 hour blocks, 4 or 5 days a week, for about 90 days/);
  assert.match(text, /Life skills classes/);
  assert.match(text, /Keep working or caring for children/);
  assert.match(text, /This is not a diagnosis/);
  const reasons = w.getByRole('heading', { name: 'Why this may fit' }).locator('xpath=following-sibling::ul[1]/li');
  assert.equal(await reasons.count(), 3, 'two or three reasons, drawn from the answers');
  const call = w.getByRole('link', { name: 'Call 833-846-5669' });
  assert.equal(await call.getAttribute('href'), 'tel:+18338465669');
  assert.deepEqual(page.requests.slice(startIndex), [], 'no request between Start and the result');
  await page.close();
});

test('an outpatient fit', async () => {
  const page = await open(browser, server.url);
  await start(page);
  await answer(page, 'Myself', ['Cannabis'], 'No', 'No, this would be the first time',
    'Safe and supportive, and no one there drinks or uses drugs heavily', 'Some, but there is flexibility',
    'No, only an hour or two a week', 'Thinking about it');
  assert.equal(await heading(page).textContent(), 'Outpatient counseling may fit');
  assert.match(await widgetText(page), /Home is safe and supportive/);
  await page.close();
});

test('a residential fit when home is not safe', async () => {
  const page = await open(browser, server.url);
  await start(page);
  await answer(page, 'An adult I care about (18 or older)', ['Stimulants (meth, cocaine, Adderall not taken as prescribed)'], 'No',
    'Yes, outpatient counseling, but the use continued during or after it', 'Not safe, or someone at home uses heavily',
    'No, not right now', 'Yes, and even full days would be possible', 'Ready to start now');
  assert.equal(await heading(page).textContent(), 'Residential treatment may fit');
  assert.match(await widgetText(page), /Home is not safe right now/);
  await page.close();
});

test('dangerous withdrawal interrupts with detox guidance and 911 signs, and the result is detox first', async () => {
  const page = await open(browser, server.url);
  await start(page);
  await answer(page, 'Myself', ['Alcohol'], 'No', ['A seizure']);
  const w = widget(page);
  assert.equal(await heading(page).textContent(), 'Medically supervised detox comes first');
  assert.match(await widgetText(page), /Call 911 now for a seizure, confusion, hallucinations/);
  assert.equal(await w.getByRole('link', { name: 'Call 911' }).getAttribute('href'), 'tel:911');
  await w.getByRole('button', { name: 'Continue the questions' }).click();
  await heading(page).filter({ hasText: 'Is there heavy drinking' }).waitFor();
  await answer(page, 'No', 'Monthly or less', '1 or 2', 'Never', 'No, this would be the first time',
    'Safe and supportive, and no one there drinks or uses drugs heavily', 'No, not right now', 'Yes', 'Ready to start now');
  assert.equal(await heading(page).textContent(), 'Medically supervised detox first');
  await page.close();
});

test('a yes to suicide risk shows 988 and 911 within one step, with a way to continue', async () => {
  const page = await open(browser, server.url);
  await start(page);
  await answer(page, 'Myself', ['Cannabis'], 'Yes');
  const w = widget(page);
  assert.equal(await heading(page).textContent(), 'Your safety comes first');
  assert.equal(await focusedText(page), 'Your safety comes first', 'focus moves to the interrupt heading');
  assert.equal(await w.getByRole('link', { name: 'Call 988' }).getAttribute('href'), 'tel:988');
  assert.equal(await w.getByRole('link', { name: 'Text 988' }).getAttribute('href'), 'sms:988');
  assert.equal(await w.getByRole('link', { name: 'Call 911' }).getAttribute('href'), 'tel:911');
  await w.getByRole('button', { name: 'I am safe right now: continue the questions' }).click();
  await heading(page).filter({ hasText: 'Has treatment for substance use been tried before?' }).waitFor();
  await answer(page, 'No, this would be the first time', 'Safe and supportive, and no one there drinks or uses drugs heavily',
    'No, not right now', 'Yes', 'Ready to start now');
  assert.equal(await heading(page).textContent(), 'Support right now comes first');
  assert.equal(await w.getByRole('link', { name: 'Call 988' }).getAttribute('href'), 'tel:988', '988 is repeated on the result');
  await page.close();
});

test('Back keeps answers, and Continue without an answer says what to do', async () => {
  const page = await open(browser, server.url);
  await start(page);
  const w = widget(page);
  await w.getByRole('button', { name: 'Continue', exact: true }).click();
  const error = w.getByText('Choose an answer to continue');
  await error.waitFor();
  const describedBy = await w.getByRole('group').getAttribute('aria-describedby');
  assert.ok(describedBy?.includes(await error.getAttribute('id') ?? 'missing'), 'the error is tied to the question');
  await answer(page, 'An adult I care about (18 or older)', ['Opioids (heroin, fentanyl, prescription pain pills)', 'Cannabis']);
  await w.getByRole('button', { name: 'Back' }).click();
  await heading(page).filter({ hasText: 'Which substances are involved?' }).waitFor();
  assert.ok(await w.getByRole('checkbox', { name: 'Cannabis' }).isChecked());
  assert.ok(await w.getByRole('checkbox', { name: 'Opioids (heroin, fentanyl, prescription pain pills)' }).isChecked());
  await w.getByRole('button', { name: 'Back' }).click();
  await heading(page).filter({ hasText: 'Who are you looking for help for?' }).waitFor();
  assert.ok(await w.getByRole('radio', { name: 'An adult I care about (18 or older)' }).isChecked());
  await page.close();
});
