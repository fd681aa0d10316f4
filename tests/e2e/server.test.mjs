// The demo server (scripts/server.mjs), which people copy: it serves files
// only from inside their folder, survives malformed addresses and requests
// that end half-way, bounds what it keeps and what it reads, and its /leads
// keeps the receiver contract (acknowledgement, de-duplication, probe).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, MAX_LEADS, MAX_BODY } from '../../scripts/server.mjs';

let dir, server;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pfs-server-'));
  await mkdir(join(dir, 'dist'));
  await mkdir(join(dir, 'dist-old'));
  await writeFile(join(dir, 'dist', 'index.html'), 'the demo');
  await writeFile(join(dir, 'dist-old', 'secret.txt'), 'not for the web');
  await writeFile(join(dir, 'secret.txt'), 'not for the web either');
  server = await startServer({ root: join(dir, 'dist') });
});
after(async () => { await server?.close(); await rm(dir, { recursive: true, force: true }); });

/** A raw request: the path goes out exactly as written (no URL normalisation). */
const raw = (method, path, { headers = {}, body } = {}) => new Promise((ok, fail) => {
  const req = request({ host: '127.0.0.1', port: server.port, method, path, headers }, (res) => {
    const chunks = [];
    res.on('data', (c) => chunks.push(c));
    res.on('end', () => ok({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
  });
  req.on('error', fail);
  if (body) req.write(body);
  req.end();
});

const lead = (id, name = 'Ana') => {
  const boundary = 'XyZ';
  const json = JSON.stringify({ submission_id: id, contact: { name } });
  return {
    headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
    body: `--${boundary}\r\nContent-Disposition: form-data; name="lead"\r\n\r\n${json}\r\n--${boundary}--\r\n`,
  };
};

test('paths that decode to a sibling folder or a parent are refused, never served', async () => {
  assert.equal((await raw('GET', '/')).body, 'the demo');
  for (const path of ['/..%2fdist-old/secret.txt', '/..%2f..%2fsecret.txt', '/%2e%2e/secret.txt', '/..%5cdist-old%5csecret.txt']) {
    const res = await raw('GET', path);
    assert.notEqual(res.status, 200, path);
    assert.doesNotMatch(res.body, /not for the web/, path);
  }
});

test('a malformed address (GET /%) is answered 400 and the server keeps serving', async () => {
  for (const path of ['/%', '/%zz', '/pages/%E0%A4%A']) assert.equal((await raw('GET', path)).status, 400, path);
  assert.equal((await raw('GET', '/')).status, 200, 'still up');
});

test('a request that ends half-way does not stop the server', async () => {
  await new Promise((ok) => {
    const req = request({ host: '127.0.0.1', port: server.port, method: 'POST', path: '/leads', headers: { 'Content-Length': '100000' } });
    req.on('error', () => ok());
    req.write('x'.repeat(1000));
    setTimeout(() => { req.destroy(); ok(); }, 100);
  });
  assert.equal((await raw('GET', '/')).status, 200, 'still up');
});

test('/leads refuses a body over its limit with 413 without reading it all', async () => {
  const res = await raw('POST', '/leads', { headers: { 'Content-Length': String(MAX_BODY + 1), 'Content-Type': 'multipart/form-data; boundary=x' } }).catch((e) => ({ status: e.code }));
  assert.ok(res.status === 413 || res.status === 'ECONNRESET' || res.status === 'EPIPE', `refused: ${res.status}`);
  assert.equal((await raw('GET', '/')).status, 200, 'still up');
});

test('/leads acknowledges by submission_id, stores a repeated id once, and answers the probe', async () => {
  const before = server.leads.length;
  const first = await raw('POST', '/leads', lead('id-1'));
  assert.equal(first.status, 200);
  assert.match(first.headers['content-type'], /application\/json/);
  assert.deepEqual(JSON.parse(first.body), { submission_id: 'id-1', status: 'stored' });
  const again = await raw('POST', '/leads', lead('id-1'));
  assert.deepEqual(JSON.parse(again.body), { submission_id: 'id-1', status: 'stored' });
  assert.equal(server.leads.length, before + 1, 'one copy');
  const known = await raw('GET', '/leads?submission_id=id-1');
  assert.equal(known.status, 200);
  assert.deepEqual(JSON.parse(known.body), { submission_id: 'id-1', status: 'stored' });
  const unknown = await raw('GET', '/leads?submission_id=id-2');
  assert.equal(unknown.status, 404);
  assert.deepEqual(JSON.parse(unknown.body), { submission_id: 'id-2', status: 'unknown' });
  const cors = await raw('POST', '/leads', { ...lead('id-3'), headers: { ...lead('id-3').headers, Origin: 'https://clinic.example' } });
  assert.equal(cors.headers['access-control-allow-origin'], 'https://clinic.example');
  assert.equal(cors.headers.vary, 'Origin');
});

test('/leads keeps at most MAX_LEADS leads in memory', async () => {
  for (let i = 0; i < MAX_LEADS + 20; i += 1) await raw('POST', '/leads', lead(`many-${i}`));
  assert.equal(server.leads.length, MAX_LEADS);
  assert.equal(server.leads.at(-1).id, `many-${MAX_LEADS + 19}`, 'the newest are kept');
});
