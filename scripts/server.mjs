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
// /leads is a receiver that keeps the receiver contract (docs/embedding.md,
// "What a receiver must do"): POST stores the lead once per submission_id
// and acknowledges it with {"submission_id", "status": "stored"};
// GET /leads?submission_id= answers whether it has that lead (200 or 404);
// the status set by respondWith (default 200) stands in for a failing
// store. CORS for the request's origin. Bounded: a body over MAX_BODY is
// refused (413), and only the last MAX_LEADS leads (MAX_STORED bytes in
// all) are kept in memory, in `leads` ({ headers, body, id }).
//
// Files are served only from inside their folder (a path that decodes to
// "..", or to a sibling folder of a similar name, is refused), and a
// malformed address is answered 400 (never a crash).
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

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

/** Two 32 MB cards and the lead, with room for multipart's own bytes. */
export const MAX_BODY = 66 * 1024 * 1024;
export const MAX_LEADS = 100;
export const MAX_STORED = 256 * 1024 * 1024;

/** The parts of a multipart/form-data body: fields as text, files with their bytes. */
export function parseMultipart(body, contentType) {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType ?? '');
  if (!boundary) return { fields: {}, files: [] };
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const fields = {};
  const files = [];
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next === -1) break;
    const part = body.subarray(start + delimiter.length + 2, next - 2); // skip CRLF after the delimiter and before the next
    const split = part.indexOf('\r\n\r\n');
    const headers = part.subarray(0, split).toString('utf8');
    const content = part.subarray(split + 4);
    const name = /name="([^"]*)"/.exec(headers)?.[1];
    const filename = /filename="([^"]*)"/.exec(headers)?.[1];
    if (filename !== undefined) files.push({ field: name, filename, type: /Content-Type: ([^\r\n]+)/i.exec(headers)?.[1], content });
    else if (name) fields[name] = content.toString('utf8');
    start = next;
  }
  return { fields, files };
}

/** The request body, or null once it passes `limit` bytes (the rest is not read). */
export async function readBody(req, limit = MAX_BODY) {
  if (Number(req.headers['content-length'] ?? 0) > limit) return null;
  const chunks = [];
  let size = 0;
  for await (const c of req) {
    size += c.length;
    if (size > limit) return null;
    chunks.push(c);
  }
  return Buffer.concat(chunks);
}

/** The submission_id of a multipart lead, or null. */
export function submissionId(body, contentType) {
  try {
    const id = JSON.parse(parseMultipart(body, contentType).fields.lead ?? 'null')?.submission_id;
    return typeof id === 'string' && id.length > 0 && id.length <= 100 ? id : null;
  } catch {
    return null;
  }
}

export async function startServer({ root, port = 0, host = '127.0.0.1', quiet = true, mounts = {}, headers = {} } = {}) {
  const base = resolve(root);
  const leads = [];
  const requests = [];
  let leadStatus = 200;
  const json = (res, status, extra, body) => res.writeHead(status, { ...extra, 'Content-Type': 'application/json' }).end(JSON.stringify(body));
  const ack = (id) => ({ submission_id: id, status: 'stored' });
  const store = (lead) => {
    leads.push(lead);
    let bytes = leads.reduce((n, l) => n + l.body.length, 0);
    while (leads.length > MAX_LEADS || (leads.length > 1 && bytes > MAX_STORED)) bytes -= leads.shift().body.length;
  };
  const receive = async (req, res, url) => {
    const cors = req.headers.origin ? { 'Access-Control-Allow-Origin': req.headers.origin, Vary: 'Origin' } : {};
    if (req.method === 'OPTIONS') return res.writeHead(204, cors).end();
    if (req.method === 'GET') {
      const id = url.searchParams.get('submission_id');
      if (!id) return json(res, 400, cors, { errors: ['submission_id is missing'] });
      return leads.some((l) => l.id === id) ? json(res, 200, cors, ack(id)) : json(res, 404, cors, { submission_id: id, status: 'unknown' });
    }
    if (req.method !== 'POST') return res.writeHead(405, cors).end();
    const body = await readBody(req);
    if (!body) return json(res, 413, { ...cors, Connection: 'close' }, { errors: ['The request is too large.'] });
    const id = submissionId(body, req.headers['content-type']);
    if (!id) return json(res, 422, cors, { errors: ['The lead has no submission_id.'] });
    if (leadStatus >= 300) return json(res, leadStatus, cors, { errors: ['test failure'] });
    if (!leads.some((l) => l.id === id)) {
      store({ headers: req.headers, body: body.toString('utf8'), id });
      if (!quiet) console.log(`lead ${id} received, ${body.length} bytes`);
    }
    return json(res, 200, cors, ack(id));
  };
  const handle = async (req, res) => {
    let url;
    try {
      url = new URL(req.url, `http://${host}`);
    } catch {
      return res.writeHead(400).end();
    }
    requests.push({ method: req.method, path: url.pathname, headers: req.headers });
    if (url.pathname === '/leads') return receive(req, res, url);
    const cors = { 'Access-Control-Allow-Origin': '*' };
    const [prefix, dir] = Object.entries(mounts).find(([p]) => url.pathname.startsWith(p)) ?? ['/', base];
    const from = resolve(dir);
    let path;
    try {
      path = normalize(join(from, decodeURIComponent(url.pathname.slice(prefix.length - 1))));
    } catch {
      return res.writeHead(400, { 'Content-Type': 'text/plain' }).end('bad address');
    }
    // Inside the folder: `from` itself or below it, never a sibling such as dist-old.
    if (path !== from && !path.startsWith(from + sep)) return res.writeHead(403).end();
    try {
      if ((await stat(path)).isDirectory()) path = join(path, 'index.html');
      const body = await readFile(path);
      const extra = Object.entries(headers).filter(([p]) => p === url.pathname || (p.endsWith('/') && url.pathname.startsWith(p)));
      res.writeHead(200, { ...cors, 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache', ...Object.assign({}, ...extra.map(([, h]) => h)) });
      res.end(body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  };
  // A request that fails half-way (a visitor who goes away mid-upload) ends
  // that request, never the server.
  const server = createServer((req, res) => handle(req, res).catch(() => (res.headersSent ? res.destroy() : res.writeHead(500).end())));
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
