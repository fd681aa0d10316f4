// Whatever a host page's own script can observe without reading the
// widget's shadow root is the same for every visitor, whatever they
// answer: visitors who answer differently (the safe path with Back, a path
// with fewer questions, a path to another result, and a crisis path with
// its safety screen, a press on its 988 link and Back from it) are played
// on a page whose own script records every pfs-* event with its detail,
// every change to the page's DOM and the element's attributes, focus
// entering and leaving the widget, the title and the address
// and what it pushed to a tag manager's dataLayer
// (pages/observable-recorder.js), from loading to the contact form. The
// records must be identical. Played twice: on a questionnaire of its own
// (inline in pages/observable.html), which does not change with the
// built-in screener, and on the built-in screener itself (its safety
// screens raised by a condition, screens of several questions, the
// English of the later screens fetched after the first screen).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, serve, open, widget, heading, answer, ME, LOVED_ONE, NO_ASQ, CALM, NO_HEALTH, FIRST_TIME, HOME_SAFE, TIME, READY, OUTPATIENT_PATH,
} from './helpers.mjs';

let browser, server;
before(async () => { browser = await launch(); server = await serve(); });
after(async () => { await browser?.close(); await server?.close(); });

const CONTINUE_SAFE = 'I am safe right now: continue the questions';

/** Presses a button in the widget and waits for the next screen. */
async function press(page, name) {
  const before = await heading(page).textContent();
  await widget(page).getByRole('button', { name, exact: true }).click();
  await page.waitForFunction((b) => document.querySelector('program-fit-screener').shadowRoot.querySelector('h2')?.textContent !== b, before);
}

/**
 * Plays steps: { press } presses a button; { link } clicks a link; anything
 * else is a screen's answers for `answer` (helpers.mjs), then Continue.
 */
async function play(page, steps) {
  const w = widget(page);
  for (const step of steps) {
    // (A string is an answer: 'Alcohol'.link is String.prototype.link.)
    if (typeof step === 'string') await answer(page, step);
    else if (step.press) await press(page, step.press);
    else if (step.link) await w.getByRole('link', { name: step.link, exact: true }).click();
    else await answer(page, step);
  }
}

/** Keeps tel: links from leaving the page in this test: a click on a link does not follow it. */
const keepLinksHere = (page) => page.evaluate(() => document.addEventListener('click', (e) => {
  if (e.composedPath().some((n) => n.localName === 'a')) e.preventDefault();
}));

const VISITORS = [
  { name: 'the safe path, with Back on a question', steps: ['Alcohol', { press: 'Back' }, 'Alcohol', 'Less often', 'No'], result: 'A first conversation may fit' },
  { name: 'a path with fewer questions (no drinking question)', steps: ['Something else', 'No'], result: 'A first conversation may fit' },
  { name: 'a path to another result', steps: ['Alcohol', 'Every day', 'No'], result: 'A program with more support may fit' },
  {
    // (A safety screen shows once per visit: the second Yes goes on to the result.)
    name: 'the crisis path: the safety screen, its 988 link, Back, then on to the crisis result',
    steps: ['Alcohol', 'Every day', 'Yes', { link: 'Call 988' }, { press: 'Back' }, 'Yes'],
    result: 'Support right now comes first',
  },
];

const OPIOIDS = 'Opioids (fentanyl, heroin, or pain pills such as oxycodone)';
const CONTINUE = 'Continue the questions';
/** Visitors of the built-in screener, each to a different result. */
const BUILT_IN = [
  { name: 'the outpatient path, with Back on a question', steps: [ME, ['Cannabis'], { press: 'Back' }, ['Cannabis'], ...OUTPATIENT_PATH.slice(2)], result: 'may fit' },
  {
    name: 'a loved one, opioids (the overdose screen) and fewer questions on the way',
    steps: [LOVED_ONE, [OPIOIDS], { press: CONTINUE }, NO_ASQ, CALM, NO_HEALTH, FIRST_TIME, HOME_SAFE, TIME, READY],
    result: 'may fit',
  },
  {
    name: 'the crisis path: an ASQ "Yes", "Yes" right now, its 988 link and Back, then on to the crisis result',
    steps: [ME, ['Alcohol'], { screen: ['Yes', 'No', 'No', 'No'] }, { press: CONTINUE }, 'Yes', { link: 'Call 988' },
      { press: 'I am safe right now: continue the questions' }, { press: 'Back' }, 'Yes', CALM, NO_HEALTH, '4 or more times a week', { screen: ['10 or more', 'Daily or almost daily'] },
      { press: CONTINUE }, ['None of these, or never stopped'], FIRST_TIME, HOME_SAFE, TIME, READY],
    result: 'Your safety comes first',
  },
];

/** Everything the host script saw, from loading to the contact form. */
async function record(visitor, path = '/pages/observable.html', first = 'What is used most?') {
  const page = await open(browser, `${server.url}${path}`);
  await keepLinksHere(page);
  const w = widget(page);
  await w.getByRole('button', { name: 'Start', exact: true }).click();
  await heading(page).filter({ hasText: first }).waitFor();
  await play(page, visitor.steps);
  await heading(page).filter({ hasText: visitor.result }).waitFor();
  await w.getByRole('textbox', { name: 'Your name' }).waitFor();
  await page.waitForFunction(() => window.__seen.some((s) => s.event === 'pfs-form'));
  const seen = await page.evaluate(() => ({ seen: window.__seen, page: window.__page(), active: document.activeElement?.localName }));
  assert.deepEqual(page.errors, [], `no console error (${visitor.name})`);
  await page.context().close();
  return seen;
}

/**
 * The records of `visitors` are one and the same, and their only events are
 * the milestones every visitor passes, once each, with nothing in them.
 */
function assertOneRecord(records, visitors, what) {
  for (const [i, r] of records.entries()) {
    assert.deepEqual(r, records[0], `${visitors[i].name} is seen exactly as ${visitors[0].name}`);
  }
  const distinct = new Set(records.map((r) => JSON.stringify(r)));
  assert.equal(distinct.size, 1, 'one distinct record');
  const events = records[0].seen.filter((s) => s.event);
  assert.deepEqual(events.map((e) => e.event), ['pfs-start', 'pfs-result', 'pfs-form']);
  // The pages opt in to dataLayer pushes: the same milestones, nothing more.
  assert.match(records[0].page, / \| dataLayer \[\{"event":"pfs_start"\},\{"event":"pfs_result"\},\{"event":"pfs_form"\}\]$/);
  for (const e of events) {
    assert.equal(e.detail, '{}', `${e.event} carries no detail`);
    assert.ok(e.bubbles && e.composed && e.custom, `${e.event} is a bubbling, composed CustomEvent a listener on document hears`);
    assert.equal(e.target, 'program-fit-screener');
  }
  console.log(`# ${what}: distinct host-observable records over ${records.length} visitors: ${distinct.size}; ${records[0].seen.length} observations each`);
}

test('a host script sees the same from Start to the contact form, whatever the visitor answers', async () => {
  const records = [];
  for (const visitor of VISITORS) records.push(await record(visitor));
  if (process.env.PFS_DUMP) (await import('node:fs')).writeFileSync(process.env.PFS_DUMP, JSON.stringify(records.map((r, i) => ({ visitor: VISITORS[i].name, seen: r.seen.filter((x) => !x.mutation) })), null, 1));
  assertOneRecord(records, VISITORS, 'its own questionnaire');
});

test('the same holds on the built-in screener: a host script sees one record for visitors to three results', async () => {
  const records = [];
  for (const visitor of BUILT_IN) records.push(await record(visitor, '/pages/observable-builtin.html', 'Who are you looking for help for?'));
  assertOneRecord(records, BUILT_IN, 'the built-in screener');
});

test('the admissions call button tells the host pfs-call once; the 988 and 911 links never do', async () => {
  const page = await open(browser, `${server.url}/pages/observable.html`);
  await keepLinksHere(page);
  const w = widget(page);
  await w.getByRole('button', { name: 'Start', exact: true }).click();
  await play(page, ['Alcohol', 'Every day', 'Yes', { link: 'Call 988' }, { link: 'Call 911' }, { press: CONTINUE_SAFE }]);
  await heading(page).filter({ hasText: 'Support right now comes first' }).waitFor();
  // The crisis result repeats the safety links, above the admissions call button.
  await w.getByRole('link', { name: 'Call 988', exact: true }).click();
  const events = () => page.evaluate(() => window.__seen.filter((s) => s.event).map((s) => s.event));
  assert.ok(!(await events()).includes('pfs-call'), 'a crisis link is not reported');
  await w.getByRole('link', { name: /^Call 833-846-5669/ }).click();
  await w.getByRole('link', { name: /^Call 833-846-5669/ }).click();
  await page.waitForFunction(() => window.__seen.some((s) => s.event === 'pfs-call'));
  assert.equal((await events()).filter((e) => e === 'pfs-call').length, 1, 'pfs-call once');
  await page.context().close();
});
