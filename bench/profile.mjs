// Where a step's main-thread time goes: a V8 sampling profile of the two
// steps Q1 -> Q2 and Q2 -> Q3 (4x CPU, loopback, the benchmark's clicks
// through bench/instrument.js), summed over N cold runs, as self time per
// function and per kind (the wasm, the widget's JavaScript, focus(): the
// style and layout it forces, the rest). For names in the wasm, build with
// them kept: `PFS_WASM_NAMES=1 scripts/build.sh` (the size check then
// fails, as names are bytes; rebuild without before measuring anything
// else). Serves a copy of dist/ itself, uncompressed.
//
//   node bench/profile.mjs [DIST] [PAGE] [RUNS]   # defaults: dist/ / 5; PAGE /baseline/ for the hand-written page
import { chromium } from 'playwright-core';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const [dist = path.join(here, '..', 'dist'), which = '/', runsArg = '5'] = process.argv.slice(2);
const runs = Number(runsArg);
const TYPES = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.html': 'text/html', '.json': 'application/json' };
const server = http.createServer((req, res) => {
  let p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  const root = p.startsWith('/baseline/') ? here : dist;
  if (p.endsWith('/')) p += 'index.html';
  const f = path.join(root, path.normalize(p));
  if (!f.startsWith(root) || !fs.existsSync(f)) return res.writeHead(404).end();
  res.writeHead(200, { 'Content-Type': TYPES[path.extname(f)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' });
  res.end(fs.readFileSync(f));
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const base = `http://127.0.0.1:${server.address().port}`;
const instrument = fs.readFileSync(path.join(here, 'instrument.js'), 'utf8');
const STEPS = [['Myself (I am 18 or older)', 'Which substances are involved?'], ['Alcohol', 'In the past few weeks, have you wished you were dead?']];

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const self = new Map();
const kinds = new Map();
const add = (m, k, d) => m.set(k, (m.get(k) ?? 0) + d);
const kindOf = ({ url, functionName }) => url.endsWith('.wasm') ? 'wasm'
  : /(program-fit-screener|baseline)\.js$/.test(url) ? "the widget's JavaScript"
  : url ? 'other JavaScript' : functionName === 'focus' ? 'focus() (the style and layout it forces)' : 'the browser (DOM calls, events, GC)';
for (let r = 0; r < runs; r++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  await context.addInitScript({ content: instrument });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const ev = async (expression) => (await cdp.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true })).result.value;
  const click = async (k, name) => {
    const at = await ev(`__bench.target(${JSON.stringify(k)}, ${JSON.stringify(name)})`);
    if (!at) throw new Error(`no ${k} named ${name}`);
    await page.mouse.click(at.x, at.y);
  };
  await page.goto(base + which);
  await ev('new Promise((r) => (function w() { window.__bench ? r() : setTimeout(w, 5); })())');
  await ev('__bench.wait(() => __bench.startReady?.frame != null)');
  await click('button', 'Start');
  await ev('__bench.waitScreen("Who are you looking for help for?")');
  for (const [answer, next] of STEPS) {
    await click('option', answer);
    await page.waitForTimeout(300);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
    await cdp.send('Profiler.start');
    await click('button', 'Continue');
    await ev(`__bench.waitScreen(${JSON.stringify(next)})`);
    await page.waitForTimeout(100);
    const { profile } = await cdp.send('Profiler.stop');
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    profile.samples.forEach((id, i) => {
      const cf = byId.get(id).callFrame;
      if (cf.functionName === '(idle)' || cf.functionName === '(program)') return;
      const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
      add(self, `${cf.functionName || '(anonymous)'} ${cf.url.split('/').pop()}`, ms);
      add(kinds, kindOf(cf), ms);
    });
  }
  await context.close();
}
await browser.close();
server.close();
const per = (v) => (v / runs).toFixed(2).padStart(7);
console.log(`${which}: main-thread time in the two steps, ms per run (4x CPU, ${runs} runs)`);
for (const [k, v] of [...kinds].sort((a, b) => b[1] - a[1])) console.log(per(v), k);
console.log(per([...kinds.values()].reduce((a, b) => a + b, 0)), 'in all\n\nself time by function:');
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(per(v), k);
