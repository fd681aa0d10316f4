// A small static server for dist/ plus a lead receiver, used by the demo
// (`scripts/serve.sh`) and by the end-to-end tests. Loopback only.
//
//   startServer({ root, port, mounts, headers }) -> { url, port, leads, requests, respondWith(status), close() }
//
// `mounts` maps URL prefixes to other folders (for test host pages).
// `headers` maps a path (exact, or a prefix ending in "/") to extra response
// headers for the files served there, e.g. a Content-Security-Policy for a
// test host page: { '/pages/csp.html': { 'Content-Security-Policy': '...' } }. Static
// files are served with `Access-Control-Allow-Origin: *`, as a CDN would, so
// the widget can be loaded from another origin.
//
// POST /leads stores the submitted multipart body (as text) in `leads` and
// answers with the status set by respondWith (default 200), with CORS open.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

/** Content types by file extension, shared with the benchmark's server. */
export const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export async function startServer({ root, port = 0, host = '127.0.0.1', quiet = true, mounts = {}, headers = {} } = {}) {
  const base = resolve(root);
  const leads = [];
  const requests = [];
  let leadStatus = 200;
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, `http://${host}`);
    requests.push({ method: req.method, path: url.pathname, headers: req.headers });
    const cors = { 'Access-Control-Allow-Origin': '*' };
    if (url.pathname === '/leads') {
      if (req.method === 'OPTIONS') return res.writeHead(204, cors).end();
      if (req.method !== 'POST') return res.writeHead(405, cors).end();
      const chunks = [];
      for await (const c of req) chunks.push(c);
      leads.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), status: leadStatus });
      if (!quiet) console.log(`lead received (${leadStatus}), ${Buffer.concat(chunks).length} bytes`);
      res.writeHead(leadStatus, { ...cors, 'Content-Type': 'application/json' });
      return res.end(leadStatus < 300 ? '{"ok":true}' : '{"errors":["test failure"]}');
    }
    const [prefix, dir] = Object.entries(mounts).find(([p]) => url.pathname.startsWith(p)) ?? ['/', base];
    const from = resolve(dir);
    let path = normalize(join(from, decodeURIComponent(url.pathname.slice(prefix.length - 1))));
    if (!path.startsWith(from)) return res.writeHead(403).end();
    try {
      if ((await stat(path)).isDirectory()) path = join(path, 'index.html');
      const body = await readFile(path);
      const extra = Object.entries(headers).filter(([p]) => p === url.pathname || (p.endsWith('/') && url.pathname.startsWith(p)));
      res.writeHead(200, { ...cors, 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache', ...Object.assign({}, ...extra.map(([, h]) => h)) });
      res.end(body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((ok) => server.listen(port, host, ok));
  const actual = server.address().port;
  return {
    url: `http://${host}:${actual}`,
    port: actual,
    leads,
    requests,
    respondWith(status) { leadStatus = status; },
    close: () => new Promise((ok) => { server.closeAllConnections?.(); server.close(ok); }),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.env.PORT ?? 8080);
  const s = await startServer({ root: process.argv[2] ?? 'dist', port, quiet: false });
  console.log(`Demo page: ${s.url}/  (leads are received at ${s.url}/leads and logged here; Ctrl+C to stop)`);
}
