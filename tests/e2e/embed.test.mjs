// Embedding on host pages: several instances, late insertion and removal,
// hostile CSS both ways, attribute changes, fail-open, another origin,
// layout shift, lazy loading and the events for the host page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, cp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, serve, open, widget, heading, answer, reachResult, DIST, PAGES, ME } from './helpers.mjs';
import { startServer } from '../../scripts/server.mjs';

let browser, server;
before(async () => { browser = await launch(); server = await serve(); });
after(async () => { await browser?.close(); await server?.close(); });

const WASM = '/core/program-fit-screener_bg.wasm';
const startButton = (w) => w.getByRole('button', { name: 'Start', exact: true });

test('two widgets on one page keep their own answers and share one wasm download', async () => {
  const page = await open(browser, `${server.url}/pages/two.html`);
  const [a, b] = [page.locator('#first'), page.locator('#second')];
  await startButton(a).click();
  await startButton(b).click();
  await a.getByRole('radio', { name: ME, exact: true }).check();
  await b.getByRole('radio', { name: 'An adult I care about (18 or older)', exact: true }).check();
  await a.getByRole('button', { name: 'Continue' }).click();
  await a.getByRole('heading', { name: 'Which substances are involved?' }).waitFor();
  assert.equal(await b.getByRole('heading', { level: 2 }).textContent(), 'Who are you looking for help for?', 'the second widget did not move');
  assert.ok(await b.getByRole('radio', { name: 'An adult I care about (18 or older)', exact: true }).isChecked());
  await a.getByRole('button', { name: 'Back' }).click();
  assert.ok(await a.getByRole('radio', { name: ME, exact: true }).isChecked());
  assert.ok(!(await a.getByRole('radio', { name: 'An adult I care about (18 or older)', exact: true }).isChecked()));
  assert.equal(page.requests.filter((r) => r.url.endsWith(WASM)).length, 1, 'one wasm module per page');
  await page.close();
});

test('elements added later mount themselves; 100 mounts and removals leak nothing', async () => {
  const page = await open(browser, `${server.url}/pages/blank.html`);
  const cdp = await page.context().newCDPSession(page);
  const cycle = async () => {
    await page.evaluate(() => { document.getElementById('app').innerHTML = '<program-fit-screener loading="eager" phone="833-846-5669"></program-fit-screener>'; });
    await startButton(widget(page)).waitFor();
    await page.evaluate(() => { document.getElementById('app').innerHTML = ''; });
  };
  const measure = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    const counters = await cdp.send('Memory.getDOMCounters');
    const wasm = await page.evaluate(async () => (await import('/core/program-fit-screener.js')).default().then((w) => w.memory.buffer.byteLength));
    return { heap: usedSize, nodes: counters.nodes, listeners: counters.jsEventListeners, wasm };
  };
  for (let i = 0; i < 10; i++) await cycle();
  const warm = await measure();
  for (let i = 0; i < 100; i++) await cycle();
  const end = await measure();
  assert.ok(end.listeners <= warm.listeners, `event listeners grew: ${warm.listeners} -> ${end.listeners}`);
  assert.ok(end.nodes <= warm.nodes + 50, `DOM nodes grew: ${warm.nodes} -> ${end.nodes}`);
  assert.ok(end.heap < warm.heap + 1_000_000, `JS heap grew: ${warm.heap} -> ${end.heap}`);
  assert.ok(end.wasm <= warm.wasm + 65536, `wasm memory grew: ${warm.wasm} -> ${end.wasm}`);
  await page.close();
});

test('hostile host CSS does not reach in, and the widget CSS does not leak out', async () => {
  const page = await open(browser, `${server.url}/pages/hostile.html`);
  const w = widget(page);
  const start = startButton(w);
  await start.waitFor();
  const inside = await start.evaluate((el) => { const s = getComputedStyle(el); return { color: s.color, size: s.fontSize, transform: s.textTransform, spacing: s.letterSpacing }; });
  assert.deepEqual(inside, { color: 'rgb(255, 255, 255)', size: '16px', transform: 'none', spacing: 'normal' });
  const title = await w.getByRole('heading', { level: 2 }).evaluate((el) => getComputedStyle(el).fontSize);
  assert.equal(title, '24px');
  // The host's own elements keep exactly what the host's CSS gives them.
  for (const el of await page.locator('.host-text').all()) {
    const host = await el.evaluate((e) => { const s = getComputedStyle(e); return { color: s.color, size: s.fontSize, font: s.fontFamily, spacing: s.letterSpacing }; });
    assert.deepEqual(host, { color: 'rgb(255, 0, 0)', size: '18px', font: '"Comic Sans MS", cursive', spacing: '4px' });
  }
  await start.click();
  await answer(page, ME);
  assert.equal(await heading(page).textContent(), 'Which substances are involved?');
  await page.close();
});

test('changing attributes after mount updates the widget and keeps the answers', async () => {
  const page = await open(browser, `${server.url}/`);
  await reachResult(page);
  const w = widget(page);
  await w.getByRole('link', { name: 'Call 833-846-5669' }).waitFor();
  await page.evaluate(() => document.querySelector('program-fit-screener').setAttribute('phone', '555-234-5678'));
  await w.getByRole('link', { name: 'Call 555-234-5678' }).waitFor();
  assert.equal(await heading(page).textContent(), 'Outpatient care may fit', 'still on the result');
  await page.evaluate(() => document.querySelector('program-fit-screener').setAttribute('lang', 'es'));
  await w.getByRole('link', { name: 'Llamar al 555-234-5678' }).waitFor();
  assert.equal(await w.locator('.pfs-card').first().getAttribute('lang'), 'es');
  await page.close();
});

test('an invalid config fails open: one console error with the path, the call link, and an error event', async () => {
  const page = await open(browser, `${server.url}/pages/blank.html`);
  await page.evaluate(() => {
    window.__events = [];
    document.addEventListener('pfs-error', (e) => window.__events.push(e.detail));
    document.getElementById('app').innerHTML = '<program-fit-screener loading="eager" phone="833-846-5669">'
      + '<script type="application/json">{"version": 1, "questions": [{"id": "q", "kind": "single", "txt": "?"}]}</script></program-fit-screener>';
  });
  const w = widget(page);
  await w.getByText('The questionnaire could not load. You can still reach our team:').waitFor();
  assert.equal(await w.getByRole('link', { name: 'Call 833-846-5669' }).getAttribute('href'), 'tel:+18338465669');
  const errors = page.errors.filter((e) => e.includes('program-fit-screener'));
  assert.equal(errors.length, 1, 'one clear console error');
  assert.match(errors[0], /config is invalid/);
  assert.match(errors[0], /questions\[0\]: has an unknown key "txt" \(did you mean "text"\?\)/);
  assert.deepEqual(await page.evaluate(() => window.__events), [{ reason: 'config' }]);
  await page.close();
});

test('a missing wasm file fails open with the call link and an error event', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'pfs-no-wasm-'));
  await cp(DIST, dir, { recursive: true });
  await rm(join(dir, WASM));
  const broken = await startServer({ root: dir, mounts: { '/pages/': PAGES } });
  try {
    const page = await open(browser, `${broken.url}/pages/blank.html`);
    await page.evaluate(() => {
      window.__events = [];
      document.addEventListener('pfs-error', (e) => window.__events.push(e.detail));
      document.getElementById('app').innerHTML = '<program-fit-screener loading="eager" phone="833-846-5669"></program-fit-screener>';
    });
    const w = widget(page);
    await w.getByRole('link', { name: 'Call 833-846-5669' }).waitFor();
    assert.match(await w.getByText(/could not load/).textContent(), /You can still reach our team/);
    assert.deepEqual(await page.evaluate(() => window.__events), [{ reason: 'load' }]);
    assert.ok(page.errors.some((e) => e.includes('program-fit-screener: the widget could not load')));
    await page.close();
  } finally {
    await broken.close();
    await rm(dir, { recursive: true });
  }
});

test('only a site\'s own config fetches the config check; when its code cannot load, the widget fails open with the call link', async () => {
  const page = await open(browser, `${server.url}/pages/blank.html`);
  const lint = () => page.requests.filter((r) => new URL(r.url).pathname === '/core/split_site_config.wasm');
  await page.route('**/core/split_site_config.wasm', (route) => route.abort('internetdisconnected'));
  await page.evaluate(() => {
    window.__events = [];
    document.addEventListener('pfs-error', (e) => window.__events.push(e.detail));
    document.getElementById('app').innerHTML = '<program-fit-screener loading="eager" phone="833-846-5669"></program-fit-screener>';
  });
  await startButton(widget(page)).waitFor();
  assert.deepEqual(lint(), [], 'the built-in screener is checked when the widget is built, not on the page');

  const config = JSON.stringify(JSON.parse(readFileSync(join(PAGES, 'custom.json'), 'utf8')));
  await page.evaluate((config) => {
    const el = document.createElement('program-fit-screener');
    el.setAttribute('loading', 'eager');
    el.setAttribute('phone', '833-846-5669');
    el.innerHTML = `<script type="application/json">${config}</script>`;
    document.getElementById('app').replaceChildren(el);
  }, config);
  const w = widget(page);
  await w.getByText('The questionnaire could not load. You can still reach our team:').waitFor();
  assert.equal(await w.getByRole('link', { name: 'Call 833-846-5669' }).getAttribute('href'), 'tel:+18338465669');
  assert.deepEqual(await page.evaluate(() => window.__events), [{ reason: 'load' }]);
  assert.ok(page.errors.some((e) => e.includes('program-fit-screener: the config check could not load')), page.errors.join('\n'));
  assert.ok(lint().length >= 1, 'a site\'s config fetched it');

  await page.unroute('**/core/split_site_config.wasm');
  await page.evaluate((config) => {
    const el = document.createElement('program-fit-screener');
    el.setAttribute('loading', 'eager');
    el.innerHTML = `<script type="application/json">${config}</script>`;
    document.getElementById('app').replaceChildren(el);
  }, config);
  await startButton(widget(page)).click();
  await answer(page, 'Yes');
  assert.equal(await heading(page).textContent(), 'Let\'s talk this week', 'with its code there, the same config is checked and shown');
  await page.close();
});

const SPANISH = '/core/split_es.wasm';
const fetched = (page, path) => page.requests.filter((r) => new URL(r.url).pathname === path).length;
const place = (page, attributes) => page.evaluate((attributes) => {
  const el = document.createElement('program-fit-screener');
  for (const [k, v] of Object.entries({ loading: 'eager', phone: '833-846-5669', ...attributes })) el.setAttribute(k, v);
  document.getElementById('app').replaceChildren(el);
}, attributes);

test('Spanish (the UI\'s strings and the built-in screener\'s wordings) is fetched only for a visitor who reads it, and switching keeps the answers', async () => {
  const page = await open(browser, `${server.url}/pages/blank.html`);
  await place(page, {});
  const w = widget(page);
  await startButton(w).click();
  await w.getByRole('radio', { name: ME, exact: true }).check();
  assert.equal(fetched(page, SPANISH), 0, 'an English visitor never fetches it');

  await w.getByRole('button', { name: 'Español' }).click();
  await heading(page).filter({ hasText: '¿Para quién buscas ayuda?' }).waitFor();
  assert.ok(await w.getByRole('radio', { name: 'Para mí (tengo 18 años o más)', exact: true }).isChecked(), 'the answer is kept');
  assert.equal(fetched(page, SPANISH), 1);

  // A widget that speaks Spanish from the start shows it from its first screen.
  await place(page, { lang: 'es-MX' });
  await w.getByRole('button', { name: 'Empezar' }).click();
  await heading(page).filter({ hasText: '¿Para quién buscas ayuda?' }).waitFor();
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('when the Spanish cannot load, the widget shows English and says why in Spanish and English, and the language switch tries again', async () => {
  const page = await open(browser, `${server.url}/pages/blank.html`);
  await page.route(`**${SPANISH}`, (route) => route.abort('internetdisconnected'));
  await place(page, { lang: 'es' });
  const w = widget(page);
  await startButton(w).waitFor();
  assert.equal(await w.locator('.pfs-card').first().getAttribute('lang'), 'en');
  assert.ok(page.errors.some((e) => e.includes("program-fit-screener: the text in the page's language could not load, so the widget is shown in English.")), page.errors.join('\n'));
  // A visitor who reads Spanish is told so from the first screen, in Spanish.
  const status = w.getByRole('status').filter({ hasText: 'The language you chose could not load. Check your connection and try again.' });
  await status.waitFor();
  const spanish = status.getByText('No se pudo cargar el español. Revisa tu conexión e inténtalo de nuevo.');
  assert.equal(await spanish.getAttribute('lang'), 'es', 'read with a Spanish voice');
  assert.equal(fetched(page, SPANISH), 1, 'not fetched again on its own');

  await w.getByRole('button', { name: 'Español' }).click();
  for (const end = Date.now() + 10_000; fetched(page, SPANISH) < 2; await page.waitForTimeout(50)) {
    assert.ok(Date.now() < end, 'the switch asks again');
  }
  await status.waitFor(); // failed again: still English, still saying why
  assert.equal(await w.locator('.pfs-card').first().getAttribute('lang'), 'en');

  await page.unroute(`**${SPANISH}`);
  await w.getByRole('button', { name: 'Español' }).click();
  await w.getByRole('button', { name: 'Empezar' }).waitFor();
  assert.equal(await status.count(), 0);
  assert.equal(await w.locator('.pfs-card').first().getAttribute('lang'), 'es');
  await page.close();
});

for (const [how, query] of [['a module', ''], ['a classic script, included twice', '&classic&twice']]) {
  test(`the script works from another origin, inserted late as ${how}`, async () => {
    const host = await startServer({ root: PAGES });
    try {
      const page = await open(browser, `${host.url}/late.html?widget=${server.url}${query}`);
      const w = widget(page);
      await startButton(w).click();
      await answer(page, ME);
      assert.equal(await heading(page).textContent(), 'Which substances are involved?');
      const wasm = page.requests.filter((r) => r.url === `${server.url}${WASM}`);
      assert.equal(wasm.length, 1, 'the core is fetched once, from the widget\'s origin');
      assert.deepEqual(page.errors, []);
      await page.close();
    } finally {
      await host.close();
    }
  });
}

for (const [way, file] of [['a module script and the reserving CSS rule', 'cls.html'], ['a classic script in the head', 'cls-classic.html']]) {
  test(`no layout shift when the widget appears (CLS = 0), with ${way}`, async () => {
    const page = await open(browser, `${server.url}/pages/${file}`, { scroll: false });
    await startButton(widget(page)).waitFor();
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
    assert.equal(await page.evaluate(() => window.__cls), 0);
    await page.close();
  });
}

test('the English after the first screen is asked for only once the first screen is drawn, and the next question has it', async () => {
  const page = await open(browser, `${server.url}/pages/blank.html`);
  // When a frame first shows the Start button (a frame callback after the
  // mutation runs just before that frame is produced).
  await page.evaluate(() => {
    const el = document.createElement('program-fit-screener');
    el.setAttribute('loading', 'eager');
    el.setAttribute('phone', '833-846-5669');
    const root = el.attachShadow({ mode: 'open' });
    new MutationObserver((_, observer) => {
      if ([...root.querySelectorAll('button')].some((b) => b.textContent === 'Start')) {
        observer.disconnect();
        requestAnimationFrame(() => { window.__startFrame = performance.now(); });
      }
    }).observe(root, { childList: true, subtree: true });
    document.getElementById('app').append(el);
  });
  const w = widget(page);
  await w.getByRole('button', { name: 'Start', exact: true }).click();
  await w.getByRole('radio', { name: ME, exact: true }).check();
  await w.getByRole('button', { name: 'Continue' }).click();
  await w.getByRole('heading', { name: 'Which substances are involved?' }).waitFor();
  const [frame, parts] = await page.evaluate(() => [window.__startFrame,
    performance.getEntriesByType('resource').filter((e) => /\/core\/split_en\.wasm$/.test(e.name)).map((e) => e.startTime)]);
  assert.equal(parts.length, 1, 'fetched once');
  assert.ok(frame > 0 && parts[0] > frame, `requested at ${parts[0]} ms, after the first screen's frame at ${frame} ms`);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('below the fold, the wasm is fetched only when the widget nears the viewport', async () => {
  const page = await open(browser, `${server.url}/`, { scroll: false, viewport: { width: 800, height: 600 } });
  await page.waitForLoadState('networkidle');
  assert.ok(!page.requests.some((r) => r.url.endsWith(WASM)), 'no wasm before the reader gets near');
  await widget(page).scrollIntoViewIfNeeded();
  await startButton(widget(page)).waitFor();
  assert.ok(page.requests.some((r) => r.url.endsWith(WASM)));
  await page.close();
});

test('events tell the host page about milestones, once each, without any answer or outcome', async () => {
  const page = await open(browser, `${server.url}/`);
  await page.evaluate(() => {
    window.__events = [];
    for (const name of ['pfs-start', 'pfs-step', 'pfs-result', 'pfs-form', 'pfs-submit', 'pfs-call', 'pfs-error']) {
      document.addEventListener(name, (e) => window.__events.push({ name, detail: e.detail, composed: e.composed, bubbles: e.bubbles }));
    }
  });
  await reachResult(page);
  await widget(page).getByRole('textbox', { name: 'Your name' }).waitFor();
  await page.waitForFunction(() => window.__events.length === 3);
  const events = await page.evaluate(() => window.__events);
  assert.deepEqual(events.map((e) => e.name), ['pfs-start', 'pfs-result', 'pfs-form'], 'no pfs-step: the number of questions depends on the answers');
  assert.ok(events.every((e) => JSON.stringify(e.detail) === '{}'), 'no detail');
  assert.ok(events.every((e) => e.bubbles && e.composed));
  assert.doesNotMatch(JSON.stringify(events), /Myself|Cannabis|Outpatient|self|cannabis|outpatient/i);
  await page.close();
});

test('config-url loads the marketer\'s own questionnaire, with no cookies or referrer', async () => {
  const page = await open(browser, `${server.url}/pages/blank.html`);
  await page.evaluate(() => {
    document.cookie = 'site_session=abc; path=/';
    document.getElementById('app').innerHTML = '<program-fit-screener loading="eager" config-url="/pages/custom.json"></program-fit-screener>';
  });
  const w = widget(page);
  await startButton(w).click();
  await answer(page, 'Yes');
  assert.equal(await heading(page).textContent(), 'Let\'s talk this week');
  const fetched = server.requests.filter((r) => r.path === '/pages/custom.json').at(-1);
  assert.equal(fetched.headers.cookie, undefined, 'no cookies sent');
  assert.equal(fetched.headers.referer, undefined, 'no referrer sent');
  await page.close();
});

test('theme="dark" and theme="auto" with a dark preference switch the colours; --pfs-accent themes it', async () => {
  const page = await open(browser, `${server.url}/pages/blank.html`, { colorScheme: 'dark' });
  await page.evaluate(() => {
    document.getElementById('app').innerHTML = ['light', 'dark', 'auto'].map((t) => `<program-fit-screener id="${t}" theme="${t}" loading="eager"></program-fit-screener>`).join('')
      + '<program-fit-screener id="brand" style="--pfs-accent: rgb(90, 20, 120)" loading="eager"></program-fit-screener>';
  });
  const bg = (id) => page.locator(`#${id}`).locator('.pfs-card').first().evaluate((e) => getComputedStyle(e).backgroundColor);
  await startButton(page.locator('#auto')).waitFor();
  assert.equal(await bg('light'), 'rgb(255, 255, 255)');
  assert.equal(await bg('dark'), 'rgb(22, 25, 29)');
  assert.equal(await bg('auto'), 'rgb(22, 25, 29)', 'auto follows prefers-color-scheme');
  const accent = await startButton(page.locator('#brand')).evaluate((e) => getComputedStyle(e).backgroundColor);
  assert.equal(accent, 'rgb(90, 20, 120)');
  await page.close();
});

test('a config nested to the reader\'s limit works, a deeper one fails open, and the wasm lives on (its stack is 64 KB)', async () => {
  const page = await open(browser, `${server.url}/pages/blank.html`);
  // q2 is shown when q1 is "yes", through 124 "not"s (even, so the same
  // condition): with the config's object, its list of questions, q2 and the
  // condition itself, that is 128 levels, the reader's limit (125 is one
  // too many). The reader, the lint and every render recurse through it.
  const config = (nots) => {
    let cond = { question: 'q1', is: 'yes' };
    for (let i = 0; i < nots; i++) cond = { not: cond };
    return JSON.stringify({
      version: 1,
      questions: [
        { id: 'q1', kind: 'yes_no', text: 'First?', options: [{ id: 'yes', label: 'Yes' }, { id: 'no', label: 'No' }] },
        { id: 'q2', kind: 'yes_no', text: 'Second?', show_if: cond, options: [{ id: 'yes', label: 'Yes' }, { id: 'no', label: 'No' }] },
      ],
      levels: [{ id: 'op', name: 'Outpatient', summary: 'Weekly.' }],
      outcomes: [{ id: 'o', title: 'Outpatient may fit', summary: 'S', levels: ['op'] }],
      fallback: 'o',
    });
  };
  const mountWith = (id, text) => page.evaluate(({ id, text }) => {
    const el = document.createElement('program-fit-screener');
    el.id = id;
    el.setAttribute('loading', 'eager');
    el.setAttribute('phone', '833-846-5669');
    const script = document.createElement('script');
    script.type = 'application/json';
    script.textContent = text;
    el.append(script);
    document.getElementById('app').append(el);
  }, { id, text });

  await mountWith('deepest', config(124));
  const ok = page.locator('#deepest');
  await ok.getByRole('button', { name: 'Start', exact: true }).click();
  await ok.getByRole('radio', { name: 'Yes', exact: true }).check();
  await ok.getByRole('button', { name: 'Continue' }).click();
  await ok.getByRole('heading', { name: 'Second?' }).waitFor();
  // How deep the stack went: it is the first STACK bytes of linear memory,
  // growing down, and bytes it never reached are still zero. Kept under
  // three quarters of it, so a change that makes the recursion's frames
  // larger fails here before it overflows.
  const STACK = Number(readFileSync(join(DIST, '../.cargo/config.toml'), 'utf8').match(/-zstack-size=(\d+)/)[1]);
  const used = await page.evaluate((size) => import(new URL('/core/program-fit-screener.js', location.href).href)
    .then((m) => m.default())
    .then((w) => { const b = new Uint8Array(w.memory.buffer, 0, size); return size - b.findIndex((x) => x !== 0); }), STACK);
  assert.ok(used > 4096 && used <= STACK * 0.75, `the deepest config used ${used} of the wasm's ${STACK} stack bytes`);

  await mountWith('too-deep', config(125));
  await page.locator('#too-deep').getByRole('link', { name: 'Call 833-846-5669' }).waitFor();
  assert.ok(page.errors.some((e) => /is not valid JSON: nested too deeply/.test(e)), page.errors.join('\n'));
  await mountWith('absurd', '['.repeat(200_000));
  await page.locator('#absurd').getByRole('link', { name: 'Call 833-846-5669' }).waitFor();

  // The first widget still answers clicks: nothing trapped in the wasm.
  await ok.getByRole('radio', { name: 'No', exact: true }).check();
  await ok.getByRole('button', { name: 'Continue' }).click();
  await ok.getByRole('heading', { name: 'Outpatient may fit' }).waitFor();
  assert.deepEqual(page.errors.filter((e) => /internal error|unreachable|RuntimeError/.test(e)), []);
  await page.close();
});

test('the wasm and the glue\'s import are fetched alongside the glue, once, as application/wasm, and compiled while it streams', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__wasm = { streaming: 0, fromBytes: 0 };
    const { instantiateStreaming, instantiate } = WebAssembly;
    WebAssembly.instantiateStreaming = function (...args) { window.__wasm.streaming++; return instantiateStreaming.apply(this, args); };
    WebAssembly.instantiate = function (source, ...rest) {
      if (!(source instanceof WebAssembly.Module)) window.__wasm.fromBytes++;
      return instantiate.call(this, source, ...rest);
    };
  });
  const log = [];
  const types = {};
  page.on('request', (r) => log.push(`request ${new URL(r.url()).pathname}`));
  page.on('response', (r) => { const path = new URL(r.url()).pathname; log.push(`response ${path}`); types[path] = r.headers()['content-type']; });
  await page.goto(`${server.url}/pages/two.html`);
  await page.locator('#first').getByRole('button', { name: 'Start', exact: true }).click();
  await page.locator('#second').getByRole('button', { name: 'Start', exact: true }).waitFor();
  const GLUE = '/core/program-fit-screener.js';
  assert.equal(log.filter((l) => l === `request ${WASM}`).length, 1, 'one download for two widgets');
  assert.ok(log.indexOf(`request ${WASM}`) < log.indexOf(`response ${GLUE}`), `the wasm is requested before the glue has arrived:\n${log.join('\n')}`);
  assert.ok(log.indexOf('request /core/__wasm_split.js') < log.indexOf(`response ${GLUE}`), `so is the glue's own import:\n${log.join('\n')}`);
  assert.equal(types[WASM], 'application/wasm');
  // The main wasm, and the parts fetched once the first screen is up (the English after the
  // first screen and what it shares), each compiled while it streams.
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('/core/split_en.wasm')));
  const wasms = log.filter((l) => /^request .*\.wasm$/.test(l)).length;
  assert.ok(log.includes('request /core/split_en.wasm'), log.join('\n'));
  assert.deepEqual(await page.evaluate(() => window.__wasm), { streaming: wasms, fromBytes: 0 });
  await context.close();
});
