// DOM clobbering: markup injected into the host page, with no script at all
// (an <img name="currentScript"> that shadows document.currentScript, a
// non-running <script type="text/plain"> of the loader's name, a <base href>
// that moves document.baseURI), all pointing at another origin, cannot
// make the loader fetch code from there, nor move the leads there. For the
// module and the classic embed (deferred: it runs after the markup is
// parsed). The "evil" origin is answered by the test
// (playwright's routing), which records every request made to it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, serve, widget, heading } from './helpers.mjs';

let browser, server;
before(async () => { browser = await launch(); server = await serve(); });
after(async () => { await browser?.close(); await server?.close(); });

// The last: an engine whose stack traces name no URL (the loader's first
// way to find itself), so it falls back on resource timing.
for (const [kind, noStack] of [['module', false], ['classic', false], ['classic', true]]) {
  test(`with the ${kind} embed${noStack ? ', in an engine whose stack traces name no URL' : ''}, injected markup cannot move where the widget loads from or sends to`, async () => {
    const context = await browser.newContext();
    if (noStack) await context.addInitScript(() => { Error.stackTraceLimit = 0; });
    const evil = [];
    await context.route('https://evil.example/**', (route) => {
      evil.push(`${route.request().method()} ${new URL(route.request().url()).pathname} (${route.request().resourceType()})`);
      return route.fulfill({ status: 404, body: '' });
    });
    const page = await context.newPage();
    page.requests = [];
    page.errors = [];
    page.on('request', (r) => page.requests.push({ method: r.method(), url: r.url() }));
    page.on('pageerror', (e) => page.errors.push(e.message));
    await page.goto(`${server.url}/pages/clobber-${kind}.html`);
    // The markup does clobber what the old loader read.
    assert.deepEqual(await page.evaluate(() => [document.currentScript?.localName, document.baseURI]), ['img', 'https://evil.example/']);
    const w = widget(page);
    await w.getByRole('button', { name: 'Start', exact: true }).click();
    await w.getByRole('radio', { name: 'Yes', exact: true }).check();
    await w.getByRole('button', { name: 'Continue', exact: true }).click();
    await heading(page).filter({ hasText: "Let's talk this week" }).waitFor();
    await w.getByRole('textbox', { name: 'Your name' }).fill('Ana Clobber');
    await w.getByRole('textbox', { name: 'Phone number' }).fill('(833) 846-5669');
    await w.getByRole('checkbox', { name: /I agree that/ }).check();
    const leads = server.leads.length;
    await w.getByRole('button', { name: 'Send', exact: true }).click();
    await w.getByRole('heading', { name: 'Thank you, we received your message' }).waitFor();
    assert.equal(server.leads.length, leads + 1, 'the lead went to the page\'s own /leads');
    assert.deepEqual(page.requests.filter((r) => new URL(r.url).origin !== server.url).map((r) => r.url).filter((u) => u !== 'https://evil.example/x.png' && !u.startsWith('data:')),
      [], 'the widget contacted only the page\'s origin');
    // The injected image fetches itself (that is the page's own markup); nothing else goes there.
    assert.deepEqual(evil.filter((r) => r !== 'GET /x.png (image)'), [], `nothing of the widget's is requested from the injected origin: ${evil}`);
    assert.deepEqual(page.errors, []);
    await context.close();
  });
}
