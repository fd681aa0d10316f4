// Delivery under the receiver contract (docs/embedding.md, "What a receiver
// must do"), against the test receiver (receiver.mjs) on another origin: the
// visitor is told the truth in each case (delivered / could not confirm,
// please call / failed, try again), the receiver never stores more than one
// copy of a lead, a body wholly uploaded is not uploaded again blindly, and
// one submission_id never names two contents. Uses a one-question
// questionnaire of its own, so it does not depend on the built-in screener.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, serve, open, widget } from './helpers.mjs';
import { startReceiver } from './receiver.mjs';

let browser, server, receiver, dir;
const CONFIG = JSON.stringify({
  version: 1,
  questions: [{ id: 'ready', kind: 'yes_no', text: 'Would you like to talk to someone this week?', options: [{ id: 'yes', label: 'Yes' }, { id: 'no', label: 'Not yet' }] }],
  levels: [{ id: 'talk', name: 'A first conversation', summary: 'A short, free call with our team.' }],
  outcomes: [{ id: 'talk', title: "Let's talk this week", summary: 'Our team can answer your questions.', levels: ['talk'] }],
  fallback: 'talk',
});
const THANKS = 'Thank you, we received your message';
const UNCONFIRMED = 'We could not confirm that your message reached our team';
const UNREACHABLE = 'We could not reach our server';
const NOT_SENT = 'We could not send your message';
const figures = [];

before(async () => {
  browser = await launch();
  server = await serve();
  receiver = await startReceiver();
  dir = await mkdtemp(join(tmpdir(), 'pfs-contract-'));
});
after(async () => {
  console.log(`# delivery scenarios:\n${figures.map((f) => `#   ${f}`).join('\n')}`);
  await browser?.close();
  await server?.close();
  await receiver?.close();
  await rm(dir, { recursive: true, force: true });
});

/** A widget posting to the receiver, at its contact form, with the name and email filled in. */
async function atForm({ timeout = 30, name = 'Ana Contract' } = {}) {
  const page = await open(browser, `${server.url}/pages/blank.html`);
  await page.evaluate(([url, t, config]) => {
    const el = document.createElement('program-fit-screener');
    for (const [k, v] of Object.entries({ loading: 'eager', phone: '833-846-5669', 'submit-url': `${url}/leads`, 'submit-timeout': t })) el.setAttribute(k, v);
    const script = document.createElement('script');
    script.type = 'application/json';
    script.textContent = config;
    el.append(script);
    document.getElementById('app').append(el);
  }, [receiver.url, String(timeout), CONFIG]);
  const w = widget(page);
  await w.getByRole('button', { name: 'Start', exact: true }).click();
  await w.getByRole('radio', { name: 'Yes', exact: true }).check();
  await w.getByRole('button', { name: 'Continue', exact: true }).click();
  await w.getByRole('textbox', { name: 'Your name' }).fill(name);
  await w.getByRole('textbox', { name: 'Email address' }).fill('ana@example.org');
  return { page, w, posts: receiver.requests.length, probes: receiver.probes.length };
}

/** Presses Send and waits for what the visitor is told: the thank-you heading, or an alert with `text`. */
async function send(w, text = null, button = 'Send') {
  await w.getByRole('button', { name: button, exact: true }).click();
  if (!text) return w.getByRole('heading', { name: THANKS }).waitFor({ timeout: 30_000 });
  return w.getByRole('alert').filter({ hasText: text }).waitFor({ timeout: 30_000 });
}

/** The POSTs and probes since `start`, their ids, and the stored copies of those ids. */
function since(start) {
  const posts = receiver.requests.slice(start.posts);
  const probes = receiver.probes.slice(start.probes);
  const ids = [...new Set(posts.map((p) => p.lead.submission_id))];
  return { posts, probes, ids, copies: ids.map((id) => receiver.copies(id)) };
}

const note = (scenario, saw, got) => figures.push(`${scenario}: the visitor saw "${saw}"; POSTs answered ${JSON.stringify(got.posts.map((p) => p.answeredWith))}, probes answered ${JSON.stringify(got.probes.map((p) => p.answeredWith))}, copies stored ${JSON.stringify(got.copies)}`);

test('success: the acknowledgement naming the id is "Thank you", one copy', async () => {
  const { page, w, ...start } = await atForm();
  await send(w);
  const got = since(start);
  assert.deepEqual(got.copies, [1]);
  assert.equal(got.posts.length, 1);
  note('success', THANKS, got);
  await page.close();
});

test('a redirect (POST /leads answered 302 to a sign-in page that says 200) is never "Thank you"', async () => {
  const { page, w, ...start } = await atForm();
  receiver.answer({ redirect: '/leads/' });
  await send(w, UNCONFIRMED);
  const got = since(start);
  assert.equal(got.posts.length, 1, 'not retried: it would meet the same redirect');
  assert.deepEqual(got.copies, [0]);
  assert.equal(await w.getByRole('alert').getByRole('link', { name: 'Call 833-846-5669' }).count(), 1, 'the call button is in the alert');
  assert.equal(await w.getByRole('textbox', { name: 'Your name' }).inputValue(), 'Ana Contract', 'what was typed is kept');
  note('redirect', UNCONFIRMED, got);
  await page.close();
});

test('a receiver with no CORS at all: the preflight fails, nothing is stored, and the visitor is told it was not sent', async () => {
  const { page, w, ...start } = await atForm();
  receiver.preflight(false);
  try {
    await send(w, UNREACHABLE);
  } finally {
    receiver.preflight(true);
  }
  const got = since(start);
  assert.deepEqual(got.copies, [], 'no POST reached the receiver');
  note('missing CORS (preflight too)', UNREACHABLE, got);
  await page.close();
});

test('a receiver that stores the lead but forgets CORS on its answers: one copy, probes instead of re-uploads, "could not confirm, please call"', async () => {
  const { page, w, ...start } = await atForm();
  receiver.answer({ cors: false });
  receiver.answerProbes({ cors: false }, { cors: false }, { cors: false }, { cors: false });
  await send(w, UNCONFIRMED);
  const got = since(start);
  assert.equal(got.posts.length, 1, 'the whole body was uploaded once: never again blindly');
  assert.ok(got.probes.length >= 1, 'the widget asked instead');
  assert.deepEqual(got.copies, [1]);
  assert.ok(got.probes.every((p) => p.query === `?submission_id=${got.ids[0]}`), 'the probe carries only the id');
  note('missing CORS on the answers', UNCONFIRMED, got);
  await page.close();
});

test('a 2xx without the acknowledgement is "could not confirm", and not retried', async () => {
  const { page, w, ...start } = await atForm();
  receiver.answer({ body: '{"ok":true}' });
  await send(w, UNCONFIRMED);
  const got = since(start);
  assert.equal(got.posts.length, 1);
  assert.deepEqual(got.copies, [1]);
  note('2xx without acknowledgement', UNCONFIRMED, got);
  await page.close();
});

test('a 4xx: the visitor fixes the field, and the changed lead goes under a new id; one copy', async () => {
  const { page, w, ...start } = await atForm();
  receiver.answer({ status: 422, body: JSON.stringify({ errors: { email: 'This address bounced before' } }) });
  await w.getByRole('button', { name: 'Send', exact: true }).click();
  await w.getByText('This address bounced before').first().waitFor();
  await w.getByRole('textbox', { name: 'Email address' }).fill('ana.other@example.org');
  await send(w);
  const got = since(start);
  assert.deepEqual(got.posts.map((p) => p.answeredWith), [422, 200]);
  assert.equal(got.ids.length, 2, 'a new submission_id for the changed content');
  assert.deepEqual(got.copies, [0, 1]);
  note('4xx (422), fixed and sent again', `the server's message at the field, then "${THANKS}"`, got);
  await page.close();
});

test('a 503 with Retry-After is waited for, then delivered; one copy', async () => {
  const { page, w, ...start } = await atForm();
  receiver.answer({ status: 503, retryAfter: 3 });
  const t0 = Date.now();
  await send(w);
  const got = since(start);
  assert.ok(Date.now() - t0 >= 3000, `waited at least Retry-After (${Date.now() - t0} ms)`);
  assert.deepEqual(got.posts.map((p) => p.answeredWith), [503, 200]);
  assert.deepEqual(got.copies, [1]);
  note('5xx (503, Retry-After: 3)', THANKS, got);
  await page.close();
});

test('5xx every time: "could not send", nothing stored; an edit then Try again goes under a new id', async () => {
  const { page, w, ...start } = await atForm();
  receiver.answer({ status: 500 }, { status: 500 }, { status: 500 }, { status: 500 });
  await send(w, NOT_SENT);
  const failed = since(start);
  assert.equal(failed.posts.length, 4, 'the first try and three retries');
  assert.equal(failed.ids.length, 1, 'retries carry the same id');
  await w.getByRole('textbox', { name: 'Your name' }).fill('Ana Edited');
  await send(w, null, 'Try again');
  const got = since(start);
  assert.equal(got.ids.length, 2, 'the edited content has an id of its own');
  assert.deepEqual(got.copies, [0, 1]);
  assert.equal(receiver.stored.at(-1).contact.name, 'Ana Edited', 'what was sent is what the visitor saw');
  note('5xx four times, then edited and tried again', `"${NOT_SENT}", then "${THANKS}"`, got);
  await page.close();
});

test('unchanged content tried again goes under the same id, and the receiver keeps one copy', async () => {
  const { page, w, ...start } = await atForm();
  receiver.answer({ body: '{"ok":true}' });
  await send(w, UNCONFIRMED);
  await send(w, null, 'Try again');
  const got = since(start);
  assert.equal(got.posts.length, 2);
  assert.equal(got.ids.length, 1, 'the same id for the same content');
  assert.deepEqual(got.copies, [1]);
  await page.close();
});

test('the fields are locked while sending', async () => {
  const { page, w } = await atForm();
  receiver.answer({ delay: 1500 });
  await w.getByRole('button', { name: 'Send', exact: true }).click();
  await w.getByRole('button', { name: 'Sending…' }).waitFor();
  assert.equal(await w.getByRole('textbox', { name: 'Your name' }).isDisabled(), true);
  assert.equal(await w.getByRole('checkbox', { name: /Include my answers/ }).isDisabled(), true);
  await w.getByRole('heading', { name: THANKS }).waitFor();
  await page.close();
});

test('no answer after the whole upload: the widget asks the receiver (probe) instead of uploading again; one copy', async () => {
  const { page, w, ...start } = await atForm({ timeout: 2 });
  receiver.answer({ hang: true });
  await send(w);
  const got = since(start);
  assert.equal(got.posts.length, 1);
  assert.equal(got.probes[0]?.answeredWith, 200);
  assert.deepEqual(got.copies, [1]);
  note('no answer after the upload (inactivity timeout 2 s)', THANKS, got);
  await page.close();
});

test('the connection drops after the upload, before the receiver stored it: the probe says 404, and the same lead is sent again; one copy', async () => {
  const { page, w, ...start } = await atForm();
  // Twice: Chromium itself sends a request again, once, when a connection
  // it reused drops before the answer.
  receiver.answer({ drop: true }, { drop: true });
  await send(w);
  const got = since(start);
  assert.ok(got.posts.length <= 3, `${got.posts.length} POSTs`);
  assert.equal(got.ids.length, 1, 'the same id and content');
  assert.ok(got.posts.every((p) => p.fields.lead === got.posts[0].fields.lead), 'the very same body');
  assert.deepEqual(got.probes.map((p) => p.answeredWith), [404], 'asked before sending it again');
  assert.deepEqual(got.copies, [1]);
  note('connection lost after the upload (twice, before storing)', THANKS, got);
  await page.close();
});

test('a card photo on a slow uplink takes longer than submit-timeout, yet is uploaded once: the timeout counts inactivity', async () => {
  const photo = join(dir, 'card.jpg');
  await writeFile(photo, randomBytes(400 * 1024));
  const { page, w, ...start } = await atForm({ timeout: 2 });
  await w.getByLabel('Insurance card, front (optional)').setInputFiles(photo);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  // About 64 KB/s up: the 400 KB photo takes some 6 s, three times the timeout.
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 64 * 1024 });
  const t0 = Date.now();
  await send(w);
  const took = Date.now() - t0;
  const got = since(start);
  assert.ok(took > 4000, `the upload took longer than the timeout (${took} ms)`);
  assert.equal(got.posts.length, 1, 'uploaded once');
  assert.equal(got.posts[0].files[0].size, 400 * 1024);
  assert.deepEqual(got.copies, [1]);
  note(`timeout mid-upload on a throttled link (400 KB at 64 KB/s, submit-timeout 2 s, took ${took} ms)`, THANKS, got);
  await page.close();
});
