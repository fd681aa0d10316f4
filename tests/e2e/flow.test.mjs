// The visitor flow on the demo page, driven by accessible role and name:
// the built-in screener's paths, its safety screens and its notes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, serve, open, widget, widgetText, heading, answer, answerWith, focusedText, requested, axeViolations,
  IOP_PATH, ME, LOVED_ONE, NO_ASQ, CALM, NO_HEALTH, FIRST_TIME, HOME_SAFE, TIME, READY,
} from './helpers.mjs';

let browser, server;
before(async () => { browser = await launch(); server = await serve(); });
after(async () => { await browser?.close(); await server?.close(); });

async function start(page) {
  await widget(page).getByRole('button', { name: 'Start' }).click();
  await assert.doesNotReject(heading(page).filter({ hasText: 'Who are you looking for help for?' }).waitFor());
}

/** The safety screen now shown: its heading, then its Continue button. */
async function safetyScreen(page, title, cont = 'Continue the questions') {
  assert.equal(await heading(page).textContent(), title);
  assert.equal(await focusedText(page), title, 'focus moves to the safety screen heading');
  assert.deepEqual(await axeViolations(page), [], `axe finds nothing on "${title}"`);
  await widget(page).getByRole('button', { name: cont }).click();
  await page.waitForFunction((t) => document.querySelector('program-fit-screener').shadowRoot.querySelector('h2')?.textContent !== t, title);
}

test('intro states the purpose and privacy in one line, then Start shows question 1 with progress', async () => {
  const page = await open(browser, server.url);
  const w = widget(page);
  await assert.doesNotReject(w.getByText('A few questions to see which program may fit — about 3 minutes; your answers stay on this device.').waitFor());
  await start(page);
  assert.equal(await w.getByText(/^Question \d+ of \d+$/).first().textContent(), 'Question 1 of 9');
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
  assert.match(text, /Outpatient treatment was tried and the use continued/);
  assert.match(text, /many IOPs meet in the evening or by telehealth/, 'duties that must go on: how to make it work');
  assert.match(text, /9 or more hours a week, often in 3 to 4 hour blocks/);
  assert.match(text, /Life skills classes/);
  assert.match(text, /This is not a diagnosis/);
  assert.doesNotMatch(text, /close to residential care/);
  const call = w.getByRole('link', { name: 'Call 833-846-5669' });
  assert.equal(await call.getAttribute('href'), 'tel:+18338465669');
  assert.deepEqual(page.requests.slice(startIndex), [], 'no request between Start and the result');
  await page.close();
});

test('the ASQ items share one screen, each its own group, and Continue needs all four', async () => {
  const page = await open(browser, server.url);
  await start(page);
  await answer(page, ME, ['Cannabis']);
  const w = widget(page);
  assert.equal(await heading(page).textContent(), 'In the past few weeks, have you wished you were dead?');
  assert.equal(await w.getByRole('group').count(), 4);
  const tried = w.getByRole('group', { name: 'Have you ever tried to kill yourself?' });
  await w.getByRole('group', { name: 'In the past few weeks, have you wished you were dead?' }).getByRole('radio', { name: 'No', exact: true }).check();
  await w.getByRole('button', { name: 'Continue', exact: true }).click();
  await tried.getByText('Choose an answer to continue').waitFor();
  assert.equal(await w.getByText('Choose an answer to continue').count(), 3, 'each unanswered question says so');
  assert.match(await tried.getAttribute('aria-describedby'), /pfs-error-5/, 'the error is tied to its question');
  assert.deepEqual(await axeViolations(page), []);
  await page.close();
});

test('ten drinks a night: the withdrawal warning before the next question, and detox first', async () => {
  const page = await open(browser, server.url);
  await start(page);
  await answer(page, ME, ['Alcohol'], NO_ASQ, CALM, NO_HEALTH, '4 or more times a week', { screen: ['10 or more', 'Daily or almost daily'] });
  assert.match(await widgetText(page), /6 to 48 hours after the last drink/);
  assert.equal(await widget(page).getByRole('link', { name: 'Call 911' }).getAttribute('href'), 'tel:911');
  await safetyScreen(page, 'Stopping suddenly can be dangerous');
  assert.equal(await heading(page).textContent(), 'When you stopped or cut down drinking or sedatives before, did any of these happen?');
  await answer(page, ['None of these, or never stopped'], FIRST_TIME, HOME_SAFE, TIME, READY);
  assert.equal(await heading(page).textContent(), 'Medically supervised withdrawal may come first');
  assert.match(await widgetText(page), /six or more drinks, or five or more on four or more days a week/);
  await page.close();
});

test('daily clonazepam as prescribed: do not stop suddenly, taper with the prescriber', async () => {
  const page = await open(browser, server.url);
  await start(page);
  await answer(page, ME, ['Benzodiazepines or sleeping pills (Xanax, Klonopin, Valium, Ativan, Ambien), prescribed or not'], NO_ASQ, CALM, NO_HEALTH,
    ['None of these, or never stopped'], 'Every day or almost every day, as prescribed');
  assert.match(await widgetText(page), /even exactly as prescribed, can make the body depend on them/);
  await safetyScreen(page, 'Do not stop benzodiazepines or sleeping pills suddenly');
  await answer(page, FIRST_TIME, HOME_SAFE, TIME, READY);
  const text = await widgetText(page);
  assert.match(text, /slow, medically supervised taper planned with the prescriber/);
  assert.doesNotMatch(text, /no signs of dangerous withdrawal/);
  await page.close();
});

test('opioids: naloxone and overdose signs at once, and the result names medication for opioid use disorder', async () => {
  const page = await open(browser, server.url);
  await start(page);
  await answer(page, ME, ['Opioids (fentanyl, heroin, or pain pills such as oxycodone)']);
  const text = await widgetText(page);
  assert.match(text, /sold without a prescription/);
  assert.match(text, /Never use alone/);
  assert.match(text, /tolerance is lower/);
  assert.equal(await widget(page).getByRole('link', { name: 'Poison Help: 1-800-222-1222' }).getAttribute('href'), 'tel:+18002221222');
  await safetyScreen(page, 'If opioids are involved: keep naloxone close');
  await answer(page, NO_ASQ, CALM, NO_HEALTH, FIRST_TIME, HOME_SAFE, TIME, READY);
  assert.equal(await heading(page).textContent(), 'Outpatient care may fit');
  const result = await widgetText(page);
  assert.match(result, /buprenorphine, methadone or naltrexone\) can be part of treatment at every level of care/);
  assert.ok(await widget(page).getByRole('heading', { name: 'Also important' }).isVisible());
  await page.close();
});

test('an ASQ yes shows 988 before the next question; "not sure" right now shows 911 first, and the result puts the form after the numbers', async () => {
  const page = await open(browser, server.url);
  await start(page);
  await answer(page, ME, ['Cannabis'], { screen: ['No', 'No', 'Yes', 'No'] });
  const w = widget(page);
  assert.equal(await w.getByRole('link', { name: 'Call 988' }).getAttribute('href'), 'tel:988');
  assert.equal(await w.getByRole('link', { name: 'Text 988' }).getAttribute('href'), 'sms:988');
  assert.match(await widgetText(page), /press 2 or text AYUDA to 988/);
  await safetyScreen(page, 'Support is there for you, now');
  assert.equal(await heading(page).textContent(), 'Are you having thoughts of killing yourself right now?');
  await answer(page, 'Not sure');
  assert.equal(await w.getByRole('link', { name: 'Call 911' }).getAttribute('href'), 'tel:911');
  await safetyScreen(page, 'Your safety comes first', 'I am safe right now: continue the questions');
  await answer(page, CALM, NO_HEALTH, FIRST_TIME, HOME_SAFE, TIME, READY);
  assert.equal(await heading(page).textContent(), 'Your safety comes first');
  assert.equal(await w.getByRole('link', { name: 'Call 911' }).first().getAttribute('href'), 'tel:911', '911 and 988 are repeated on the result');
  const later = w.getByRole('region', { name: 'When you are ready, our admissions team can help' });
  assert.ok(await later.getByRole('link', { name: 'Call 833-846-5669' }).isVisible(), 'the admissions call comes after, plainly secondary');
  const order = await page.evaluate(() => {
    const root = document.querySelector('program-fit-screener').shadowRoot;
    const urgent = root.querySelector('.pfs-urgent-box');
    const call = root.querySelector('.pfs-later');
    return urgent.compareDocumentPosition(call) & Node.DOCUMENT_POSITION_FOLLOWING;
  });
  assert.ok(order, 'crisis resources come before the contact option');
  assert.deepEqual(await axeViolations(page), []);
  await page.close();
});

test('a loved one reads every question about the person, and the result adds what helps families', async () => {
  const page = await open(browser, server.url);
  await start(page);
  await answer(page, LOVED_ONE, ['Stimulants (meth, cocaine, or Adderall not taken as prescribed)']);
  assert.equal(await heading(page).textContent(), 'In the past few weeks, has the person you are asking about wished they were dead?');
  await answer(page, NO_ASQ);
  assert.equal(await heading(page).textContent(), 'Over the last 2 weeks, how often has the person had little interest or pleasure in doing things?');
  await answer(page, CALM, NO_HEALTH, FIRST_TIME, HOME_SAFE, TIME, 'Not sure there is a problem');
  const text = await widgetText(page);
  assert.match(text, /CRAFT \(Community Reinforcement and Family Training\)/);
  assert.match(text, /“not sure there is a problem” is common at the start/);
  assert.doesNotMatch(text, /\b(have you|are you)\b/i);
  await page.close();
});

test('a loved one who switches to Spanish mid-way reads the question about the person in Spanish', async () => {
  const page = await open(browser, server.url);
  await start(page);
  await answer(page, LOVED_ONE, ['Stimulants (meth, cocaine, or Adderall not taken as prescribed)']);
  assert.equal(await heading(page).textContent(), 'In the past few weeks, has the person you are asking about wished they were dead?');
  // Spanish's wordings go into the page's one questionnaire after the
  // English copy in a loved one's voice was made: that copy is made again.
  await widget(page).getByRole('button', { name: 'Español' }).click();
  await heading(page).filter({ hasText: 'En las últimas semanas, ¿la persona por la que preguntas ha deseado estar muerta?' }).waitFor();
  await page.close();
});

test('a 16-year-old answering for themself gets the adolescent result', async () => {
  const page = await open(browser, server.url);
  await start(page);
  await answer(page, 'Myself, and I am under 18');
  await safetyScreen(page, 'Help made for young people');
  await answer(page, ['Cannabis'], NO_ASQ, CALM, NO_HEALTH, FIRST_TIME, HOME_SAFE, TIME, READY);
  assert.equal(await heading(page).textContent(), 'A program for young people may fit');
  assert.match(await widgetText(page), /adolescent IOP is 6 or more hours a week/);
  await page.close();
});

test('violence at home shows the hotline at once and on the result', async () => {
  const page = await open(browser, server.url);
  await start(page);
  await answer(page, ME, ['Cannabis'], NO_ASQ, CALM, NO_HEALTH, FIRST_TIME, ['Violence, threats, or being afraid of someone at home']);
  assert.equal(await widget(page).getByRole('link', { name: 'Call 1-800-799-7233' }).getAttribute('href'), 'tel:+18007997233');
  await safetyScreen(page, 'If home is not safe');
  await answer(page, TIME, READY);
  assert.equal(await heading(page).textContent(), 'Residential treatment may fit');
  assert.ok(await widget(page).getByRole('link', { name: 'Text START to 88788' }).isVisible());
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
  await answer(page, LOVED_ONE, ['Opioids (fentanyl, heroin, or pain pills such as oxycodone)', 'Cannabis']);
  await safetyScreen(page, 'If opioids are involved: keep naloxone close');
  await w.getByRole('button', { name: 'Back' }).click();
  await heading(page).filter({ hasText: 'Which substances are involved?' }).waitFor();
  assert.ok(await w.getByRole('checkbox', { name: 'Cannabis' }).isChecked());
  assert.ok(await w.getByRole('checkbox', { name: 'Opioids (fentanyl, heroin, or pain pills such as oxycodone)' }).isChecked());
  await w.getByRole('button', { name: 'Back' }).click();
  await heading(page).filter({ hasText: 'Who are you looking for help for?' }).waitFor();
  assert.ok(await w.getByRole('radio', { name: LOVED_ONE }).isChecked());
  await page.close();
});

test('in Spanish: the overdose, 988 and crisis screens by role and name, each axe-clean', async () => {
  const page = await open(browser, server.url);
  const w = widget(page);
  await w.getByRole('button', { name: 'Español' }).click();
  await w.getByRole('button', { name: 'Empezar' }).click();
  await heading(page).filter({ hasText: '¿Para quién buscas ayuda?' }).waitFor();
  await answerWith(page, 'Continuar', 'Para mí (tengo 18 años o más)', ['Opioides (fentanilo, heroína o pastillas para el dolor como la oxicodona)']);
  assert.match(await widgetText(page), /Se vende sin receta/);
  assert.equal(await w.getByRole('link', { name: 'Llamar al 911' }).getAttribute('href'), 'tel:911');
  await safetyScreen(page, 'Si hay opioides: ten naloxona a mano', 'Seguir con las preguntas');
  await answerWith(page, 'Continuar', { screen: ['Sí', 'No', 'No', 'No'] });
  assert.match(await widgetText(page), /Línea 988 de Prevención del Suicidio y Crisis/);
  assert.match(await widgetText(page), /envía AYUDA al 988/);
  await safetyScreen(page, 'Hay apoyo para ti, ahora', 'Seguir con las preguntas');
  await answerWith(page, 'Continuar', 'Sí');
  assert.equal(await w.getByRole('link', { name: 'Llamar al 988' }).getAttribute('href'), 'tel:988');
  await safetyScreen(page, 'Tu seguridad es lo primero', 'Ahora estoy a salvo: seguir con las preguntas');
  await page.close();
});

test('if the next questions cannot load, the visitor is told so with Try again and the call button, and nothing is lost', async () => {
  const page = await open(browser, server.url, { scroll: false });
  await page.route('**/core/split_en.wasm', (route) => route.abort('internetdisconnected'));
  await widget(page).scrollIntoViewIfNeeded();
  await start(page);
  const w = widget(page);
  await w.getByRole('radio', { name: ME, exact: true }).check();
  await w.getByRole('button', { name: 'Continue', exact: true }).click();
  await heading(page).filter({ hasText: 'One moment' }).waitFor();
  const alert = w.getByRole('alert').filter({ hasText: 'The next questions could not load. Check your connection and try again, or call us.' });
  await alert.waitFor();
  assert.equal(await w.getByRole('link', { name: 'Call 833-846-5669' }).getAttribute('href'), 'tel:+18338465669');
  assert.deepEqual(await axeViolations(page), []);
  await page.unroute('**/core/split_en.wasm');
  await alert.getByRole('button', { name: 'Try again' }).click();
  await heading(page).filter({ hasText: 'Which substances are involved?' }).waitFor();
  await w.getByRole('button', { name: 'Back' }).click();
  await heading(page).filter({ hasText: 'Who are you looking for help for?' }).waitFor();
  assert.ok(await w.getByRole('radio', { name: ME, exact: true }).isChecked(), 'the answer is kept');
  await page.close();
});
