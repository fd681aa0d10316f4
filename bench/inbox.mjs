// Benchmark of the lead inbox (pfs-inbox) on this machine, for SQLite and
// PostgreSQL: leads per second and p50/p99 acknowledgement latency for small
// leads and for leads with two 5 MB cards; upload throughput against the
// disk's sequential write speed measured in the same run (same folder, with
// fsync); the server's peak memory (VmHWM) while 20 clients upload 32 MB
// cards at once. Figures only: nothing here passes or fails.
//
//   node bench/inbox.mjs [--out bench/RESULTS-inbox.md]
// Needs target/debug/pfs-inbox (or PFS_INBOX_BIN); PostgreSQL from
// PFS_TEST_PG, or a throwaway cluster started by scripts/inbox-pg.sh.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtemp, rm, open, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes, randomUUID } from 'node:crypto';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = process.env.PFS_INBOX_BIN ?? join(ROOT, 'target', 'debug', 'pfs-inbox');
const MB = 1024 * 1024;
const memoryOnly = process.argv.includes('--memory-only');
const out = process.argv.includes('--out') ? process.argv[process.argv.indexOf('--out') + 1] : null;

function pgStart() {
  if (process.env.PFS_TEST_PG) return { url: process.env.PFS_TEST_PG, stop() {} };
  const env = execFileSync('bash', [join(ROOT, 'scripts/inbox-pg.sh'), 'start'], { encoding: 'utf8' });
  const url = /PFS_TEST_PG=(\S+)/.exec(env)[1];
  const data = /PFS_TEST_PGDATA=(\S+)/.exec(env)[1];
  return { url, stop: () => execFileSync('bash', [join(ROOT, 'scripts/inbox-pg.sh'), 'stop', data]) };
}

/** Every inbox started here, killed at the end however the run ends. */
const children = new Set();
const killAll = () => { for (const c of children) c.kill('SIGKILL'); };
process.on('exit', killAll);

async function startInbox(dir, database) {
  const key = join(dir, 'inbox.key');
  const data = join(dir, 'data');
  try { execFileSync(BIN, ['key', 'generate', '--key-file', key], { stdio: 'ignore' }); } catch {}
  const args = ['serve', '--listen', '127.0.0.1:0', '--data', data, '--key-file', key, '--allow-origin', 'http://bench.example'];
  if (database) args.push('--database', database);
  const child = spawn(BIN, args, { stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, RUST_LOG: 'warn' } });
  children.add(child);
  const url = await new Promise((ok, fail) => {
    child.stdout.on('data', (d) => { const m = /listening on (\S+)/.exec(String(d)); if (m) ok(m[1]); });
    child.on('exit', (c) => fail(new Error(`pfs-inbox exited ${c}`)));
  });
  return { url, child, data, peakKb: () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) };
}

const lead = (id) => JSON.stringify({
  submission_id: id, locale: 'en', page: 'https://bench.example/',
  contact: { name: 'Bench Person', phone: '+15551234567', email: '', preferred: 'call', best_time: '', who: '', insurance: '', message: '' },
  consent: { text: 'ok', time: '2026-01-01T00:00:00Z' }, files: [],
});

function card(bytes) {
  const b = randomBytes(bytes);
  b.set([0xff, 0xd8, 0xff, 0xe0]);
  return new Blob([b], { type: 'image/jpeg' });
}

async function send(url, cards) {
  const f = new FormData();
  f.append('lead', lead(randomUUID()));
  cards.forEach((c, i) => f.append(i ? 'card_back' : 'card_front', c, `c${i}.jpg`));
  const t = performance.now();
  const r = await fetch(`${url}/leads`, { method: 'POST', body: f, headers: { origin: 'http://bench.example' } });
  const body = await r.json();
  if (r.status !== 200 || body.status !== 'stored') throw new Error(`answer ${r.status} ${JSON.stringify(body)}`);
  return performance.now() - t;
}

async function run(url, n, concurrency, cards) {
  const lat = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < n) { next++; lat.push(await send(url, cards)); }
  }));
  const secs = (performance.now() - t0) / 1000;
  lat.sort((a, b) => a - b);
  const q = (p) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))];
  const bytes = cards.reduce((s, c) => s + c.size, 0) * n;
  return { n, concurrency, perSec: n / secs, p50: q(0.5), p99: q(0.99), mbPerSec: bytes / MB / secs };
}

/** Sequential write speed of the folder's disk: 512 MB in 1 MB writes, then fsync. */
async function diskSpeed(dir) {
  const path = join(dir, 'disk-speed.bin');
  const chunk = randomBytes(MB);
  const f = await open(path, 'w');
  const t = performance.now();
  for (let i = 0; i < 512; i++) await f.write(chunk);
  await f.sync();
  await f.close();
  const secs = (performance.now() - t) / 1000;
  await rm(path);
  return 512 / secs;
}

const results = [];
const pg = pgStart();
try {
  for (const backend of memoryOnly ? ['sqlite'] : ['sqlite', 'postgres']) {
    const dir = await mkdtemp(join(tmpdir(), `pfs-bench-${backend}-`));
    let database = null;
    if (backend === 'postgres') {
      const name = `bench_${randomUUID().replaceAll('-', '')}`;
      execFileSync('psql', [pg.url, '-qc', `CREATE DATABASE ${name}`]);
      database = pg.url.replace(/\/[^/]*$/, `/${name}`);
    }
    const s = await startInbox(dir, database);
    const five = card(5 * MB);
    const disk = memoryOnly ? 0 : await diskSpeed(s.data);
    const small = memoryOnly ? {} : await run(s.url, 1000, 16, []);
    const big = memoryOnly ? {} : await run(s.url, 40, 8, [five, five]);
    s.child.kill('SIGKILL');
    // Peak memory on a fresh process: 20 clients upload a 32 MB card at once.
    const m = await startInbox(dir, database);
    const idleKb = m.peakKb();
    const c32 = card(32 * MB - 1024);
    await Promise.all(Array.from({ length: 20 }, () => send(m.url, [c32])));
    const peakKb = m.peakKb();
    m.child.kill('SIGKILL');
    results.push({ backend, disk, small, big, idleKb, peakKb });
    console.log(JSON.stringify(results.at(-1)));
    await rm(dir, { recursive: true, force: true });
  }
} finally {
  killAll();
  pg.stop();
}

const f1 = (x) => x.toFixed(1);
const lines = [
  `# pfs-inbox benchmark`,
  ``,
  `Run on ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), loopback, the \`test\`-profile binary (opt-level 2).`,
  `Small leads: 1000 leads, 16 clients. Big leads: 40 leads with two 5 MB cards, 8 clients. Memory: peak RSS (VmHWM) of a fresh process while 20 clients upload a 32 MB card at once.`,
  ``,
  `| backend | small leads/s | small p50 / p99 ms | big leads/s | big p50 / p99 ms | upload MB/s | disk seq. write MB/s (fsync) | upload / disk | RSS idle MB | RSS peak, 20 x 32 MB MB |`,
  `| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |`,
  ...results.map((r) => `| ${r.backend} | ${f1(r.small.perSec)} | ${f1(r.small.p50)} / ${f1(r.small.p99)} | ${f1(r.big.perSec)} | ${f1(r.big.p50)} / ${f1(r.big.p99)} | ${f1(r.big.mbPerSec)} | ${f1(r.disk)} | ${(r.big.mbPerSec / r.disk).toFixed(2)} | ${f1(r.idleKb / 1024)} | ${f1(r.peakKb / 1024)} |`),
  ``,
];
console.log(lines.join('\n'));
if (out) await writeFile(out, lines.join('\n'));
