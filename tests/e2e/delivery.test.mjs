// Lead delivery to a real multipart receiver: fields and file bytes arrive
// intact, uploads are checked, answers only when opted in, and failures
// (5xx, refused, 422, slow, double click) never lose or duplicate a lead.
// (contract.test.mjs holds the receiver contract itself, scenario by scenario.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { createHash, randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, serve, open, widget, reachResult } from './helpers.mjs';
import { startReceiver } from './receiver.mjs';

let browser, server, receiver, dir;
const MB = 1024 * 1024;
const file = async (name, bytes) => {
  const path = join(dir, name);
  const content = randomBytes(bytes);
  await writeFile(path, content);
  return { path, sha256: createHash('sha256').update(content).digest('hex'), size: bytes };
};

before(async () => {
  browser = await launch();
  server = await serve();
  receiver = await startReceiver();
  dir = await mkdtemp(join(tmpdir(), 'pfs-files-'));
});
after(async () => {
  await browser?.close();
  await server?.close();
  await receiver?.close();
  await rm(dir, { recursive: true, force: true });
});

/** A page with a widget posting to the receiver, answered to its result. */
async function atForm(timeout = 30) {
  const page = await open(browser, `${server.url}/pages/blank.html`);
  await page.evaluate(([url, t]) => {
    document.getElementById('app').innerHTML = `<program-fit-screener loading="eager" phone="833-846-5669" center-name="Sunrise Recovery" submit-url="${url}/leads" submit-timeout="${t}"></program-fit-screener>`;
  }, [receiver.url, timeout]);
  await reachResult(page);
  return { page, w: widget(page) };
}

const thanks = (w) => w.getByRole('heading', { name: 'Thank you, we received your message' }).waitFor({ timeout: 20000 });

async function fillMinimal(w, name = 'Ana Test') {
  await w.getByRole('textbox', { name: 'Your name' }).fill(name);
  await w.getByRole('textbox', { name: 'Email address' }).fill('ana@example.org');
}

test('a full submission arrives intact: every field, the consent text, and the file bytes (a 31 MB card)', async () => {
  const front = await file('front.png', 200 * 1024);
  const back = await file('back.pdf', 31 * MB);
  const { page, w } = await atForm();
  const sent = receiver.requests.length;
  await w.getByRole('textbox', { name: 'Your name' }).fill('María José');
  await w.getByRole('textbox', { name: 'Phone number' }).fill('833.846.5669');
  await w.getByRole('textbox', { name: 'Email address' }).fill('mj@example.org');
  await w.getByRole('radio', { name: 'Text message' }).check();
  await w.getByRole('textbox', { name: 'Best time to reach you (optional)' }).fill('After 6 pm');
  assert.equal(await w.getByRole('textbox', { name: 'Who the help is for (optional)' }).inputValue(), '', 'nothing is pre-filled from the answers');
  await w.getByRole('textbox', { name: 'Who the help is for (optional)' }).fill('Myself');
  await w.getByRole('textbox', { name: 'Insurance provider (optional)' }).fill('Aetna');
  await w.getByLabel('Insurance card, front (optional)').setInputFiles(front.path);
  await w.getByLabel('Insurance card, back (optional)').setInputFiles(back.path);
  await w.getByText('back.pdf (31.0 MB)').waitFor();
  await w.getByRole('textbox', { name: 'Message (optional)' }).fill('Please text first.');
  await w.getByRole('checkbox', { name: /I agree that Sunrise Recovery may contact me/ }).check();
  await w.getByRole('checkbox', { name: 'Include my answers and my result so the team can prepare' }).check();
  await w.getByText('What will be sent').click();
  const preview = await w.locator('.pfs-preview').textContent();
  for (const shown of ['María José', '+18338465669', 'back.pdf', 'front.png', 'Who are you looking for help for?', 'Cannabis']) assert.ok(preview.includes(shown), `preview shows ${shown}`);
  // The receiver takes its time to answer, so the finished upload's
  // progress stays on screen to be read.
  receiver.answer({ status: 200, delay: 1500 });
  await w.getByRole('button', { name: 'Send' }).click();
  const bar = w.getByRole('progressbar');
  await w.getByText('Sending… 100%').waitFor();
  assert.equal(await bar.getAttribute('value'), '100');
  assert.equal(await bar.getAttribute('max'), '100');
  await thanks(w);
  assert.equal(receiver.requests.length, sent + 1);
  const { lead, files, headers } = receiver.requests.at(-1);
  assert.deepEqual(lead.files, [
    { field: 'card_front', name: 'front.png', type: 'image/png', size: front.size },
    { field: 'card_back', name: 'back.pdf', type: 'application/pdf', size: back.size },
  ]);
  assert.match(headers['content-type'], /^multipart\/form-data; boundary=/);
  assert.deepEqual(lead.contact, {
    name: 'María José', phone: '+18338465669', email: 'mj@example.org', preferred: 'text',
    best_time: 'After 6 pm', who: 'Myself', insurance: 'Aetna', message: 'Please text first.',
  });
  assert.match(lead.consent.text, /^I agree that Sunrise Recovery may contact me by call or text/);
  assert.match(lead.consent.time, /^\d{4}-\d\d-\d\dT/);
  assert.match(lead.submission_id, /^[0-9a-f-]{36}$/);
  assert.equal(lead.page, `${server.url}/pages/blank.html`);
  assert.equal(lead.locale, 'en');
  assert.equal(lead.config_version, 1);
  assert.equal(lead.screening.answers[1].answer[0], 'Cannabis');
  assert.deepEqual(files.map((f) => [f.field, f.filename, f.size, f.sha256]), [
    ['card_front', 'front.png', front.size, front.sha256],
    ['card_back', 'back.pdf', back.size, back.sha256],
  ]);
  assert.equal(await w.getByRole('link', { name: 'Call 833-846-5669' }).count(), 1, 'the call button stays on the thank-you screen');
  await page.close();
});

test('a 33 MB file and a wrong type are refused at the field before anything is sent', async () => {
  const big = await file('big.jpg', 33 * MB);
  const exe = await file('setup.exe', 1000);
  const { page, w } = await atForm();
  const sent = receiver.requests.length;
  await w.getByLabel('Insurance card, front (optional)').setInputFiles(big.path);
  await w.locator('#pfs-card-front-error').filter({ hasText: 'The file must be 32 MB or smaller' }).waitFor();
  await w.getByLabel('Insurance card, back (optional)').setInputFiles(exe.path);
  await w.locator('#pfs-card-back-error').filter({ hasText: 'Choose a JPEG, PNG, HEIC or PDF file' }).waitFor();
  await fillMinimal(w);
  await w.getByRole('button', { name: 'Send' }).click();
  await thanks(w);
  assert.equal(receiver.requests.length, sent + 1);
  assert.deepEqual(receiver.requests.at(-1).files, [], 'refused files are not sent');
  await page.close();
});

test('answers are not sent unless the visitor opts in', async () => {
  const { page, w } = await atForm();
  await fillMinimal(w);
  await w.getByRole('button', { name: 'Send' }).click();
  await thanks(w);
  const { lead, fields } = receiver.requests.at(-1);
  assert.equal(lead.screening, undefined);
  assert.doesNotMatch(fields.lead, /Cannabis|may fit/);
  await page.close();
});

test('500 twice then 200: retried automatically with the same submission id, one lead delivered', async () => {
  const { page, w } = await atForm();
  const sent = receiver.requests.length;
  receiver.answer({ status: 500 }, { status: 500 });
  await fillMinimal(w);
  await w.getByRole('button', { name: 'Send' }).click();
  await thanks(w);
  const tries = receiver.requests.slice(sent);
  assert.deepEqual(tries.map((r) => r.answeredWith), [500, 500, 200]);
  assert.equal(new Set(tries.map((r) => r.lead.submission_id)).size, 1);
  await page.close();
});

test('receiver down: it says so, keeps everything, and Retry sends it once the receiver is up', async () => {
  const { page, w } = await atForm();
  await receiver.down();
  try {
    await fillMinimal(w, 'Dana Down');
    await w.getByRole('button', { name: 'Send' }).click();
    const failure = w.getByRole('alert').filter({ hasText: 'We could not reach our server' });
    await failure.waitFor({ timeout: 20000 });
    assert.equal(await failure.getByRole('link', { name: 'Call 833-846-5669' }).getAttribute('href'), 'tel:+18338465669');
    assert.equal(await w.getByRole('textbox', { name: 'Your name' }).inputValue(), 'Dana Down');
  } finally {
    await receiver.up();
  }
  await w.getByRole('button', { name: 'Try again' }).click();
  await thanks(w);
  assert.equal(receiver.requests.at(-1).lead.contact.name, 'Dana Down');
  await page.close();
});

test('a 422 with field errors shows them at the fields', async () => {
  const { page, w } = await atForm();
  receiver.answer({ status: 422, body: JSON.stringify({ errors: { email: 'This address bounced before' } }) });
  await fillMinimal(w);
  await w.getByRole('button', { name: 'Send' }).click();
  const email = w.getByRole('textbox', { name: 'Email address' });
  await w.getByText('This address bounced before').first().waitFor();
  assert.equal(await email.getAttribute('aria-invalid'), 'true');
  assert.match(await w.locator(`[id="${await email.getAttribute('aria-describedby')}"]`).textContent(), /This address bounced before/);
  await page.close();
});

test('a slow receiver times out after the upload: the widget asks whether it has the lead instead of sending it again', async () => {
  const { page, w } = await atForm(1);
  const [sent, probed] = [receiver.requests.length, receiver.probes.length];
  receiver.answer({ delay: 2500 });
  await fillMinimal(w);
  await w.getByRole('button', { name: 'Send' }).click();
  await thanks(w);
  const tries = receiver.requests.slice(sent);
  assert.equal(tries.length, 1, 'the body was uploaded once');
  const probes = receiver.probes.slice(probed);
  assert.ok(probes.length >= 1, 'the first attempt timed out and the receiver was asked');
  assert.ok(probes.every((p) => p.id === tries[0].lead.submission_id), 'about the same submission id');
  assert.equal(receiver.copies(tries[0].lead.submission_id), 1);
  await page.close();
});

test('a double click sends one lead', async () => {
  const { page, w } = await atForm();
  const sent = receiver.requests.length;
  receiver.answer({ status: 200, delay: 300 });
  await fillMinimal(w);
  await w.getByRole('button', { name: 'Send' }).dblclick();
  await thanks(w);
  assert.equal(receiver.requests.length, sent + 1);
  await page.close();
});
