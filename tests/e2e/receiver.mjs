// A real lead receiver for the delivery tests that keeps the receiver
// contract (docs/embedding.md, "What a receiver must do"): it parses
// multipart/form-data, stores each lead once per submission_id and only
// then acknowledges it ({"submission_id", "status": "stored"}), answers the
// probe (GET ?submission_id=) with 200 or 404, and sends CORS headers for
// the request's origin on every answer. Each test plans what the next
// POSTs meet instead: a status (with Retry-After), a slow or a missing
// answer after storing, a redirect, an answer without CORS headers, a 2xx
// without the acknowledgement; or the receiver down. It records every
// request (fields, files with size and SHA-256) and every stored lead.
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';
import { parseMultipart, readBody } from '../../scripts/server.mjs';

export async function startReceiver() {
  const requests = [];
  const probes = [];
  const stored = [];
  const plan = [];
  const hanging = new Set();
  let server;
  let port = 0;
  let preflight = true;
  const handler = async (req, res) => {
    const url = new URL(req.url, 'http://receiver');
    const cors = req.headers.origin ? { 'Access-Control-Allow-Origin': req.headers.origin, Vary: 'Origin', 'Access-Control-Expose-Headers': 'Retry-After' } : {};
    const json = (status, body, extra = cors) => res.writeHead(status, { ...extra, 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    if (req.method === 'OPTIONS') return res.writeHead(204, preflight ? cors : {}).end();
    if (req.method === 'GET' && url.pathname === '/leads') {
      const id = url.searchParams.get('submission_id');
      const step = probes.plan?.shift() ?? {};
      probes.push({ id, query: url.search, headers: req.headers, answeredWith: step.status ?? (stored.some((l) => l.submission_id === id) ? 200 : 404) });
      if (step.status) return json(step.status, {});
      if (step.cors === false) return json(200, { submission_id: id, status: 'stored' }, {});
      return stored.some((l) => l.submission_id === id) ? json(200, { submission_id: id, status: 'stored' }) : json(404, { submission_id: id, status: 'unknown' });
    }
    if (req.method === 'GET') return res.writeHead(200, { ...cors, 'Content-Type': 'text/html' }).end('<h1>Sign in</h1>');
    const body = await readBody(req);
    if (!body) return json(413, { errors: ['The request is too large.'] });
    const parsed = parseMultipart(body, req.headers['content-type']);
    const files = parsed.files.map(({ content, ...f }) => ({ ...f, size: content.length, sha256: createHash('sha256').update(content).digest('hex') }));
    const lead = parsed.fields.lead ? JSON.parse(parsed.fields.lead) : null;
    const step = plan.shift() ?? {};
    const status = step.status ?? (step.redirect ? 302 : 200);
    requests.push({ headers: req.headers, fields: parsed.fields, files, lead, answeredWith: step.drop ? 'dropped' : step.hang ? 'no answer' : status });
    if (status >= 300) {
      if (step.redirect) return res.writeHead(302, { ...cors, Location: step.redirect }).end();
      return json(status, step.body ? JSON.parse(step.body) : { errors: ['The lead could not be stored.'] },
        step.retryAfter ? { ...cors, 'Retry-After': String(step.retryAfter) } : cors);
    }
    // The connection drops after the whole body came, before it was stored.
    if (step.drop) return res.destroy();
    // Stored first (once per id), acknowledged after.
    if (lead?.submission_id && !stored.some((l) => l.submission_id === lead.submission_id)) stored.push({ ...lead, files });
    if (step.hang) return hanging.add(res);
    if (step.delay) await new Promise((ok) => setTimeout(ok, step.delay));
    if (res.destroyed) return;
    if (step.body !== undefined) return res.writeHead(status, { ...(step.cors === false ? {} : cors), 'Content-Type': 'application/json' }).end(step.body);
    json(status, { submission_id: lead?.submission_id, status: 'stored' }, step.cors === false ? {} : cors);
  };
  const listen = () => new Promise((ok) => {
    server = createServer((req, res) => handler(req, res).catch(() => res.destroy()));
    server.listen(port, '127.0.0.1', () => { port = server.address().port; ok(); });
  });
  await listen();
  const endHanging = () => { for (const res of hanging) res.destroy(); hanging.clear(); };
  return {
    get url() { return `http://127.0.0.1:${port}`; },
    requests,
    probes,
    stored,
    /** How many stored leads carry this submission id (the contract: never more than 1). */
    copies: (id) => stored.filter((l) => l.submission_id === id).length,
    /**
     * Plans what the next POSTs meet, e.g. { status: 500 }, { status: 503, retryAfter: 2 },
     * { delay: 2000 } or { hang: true } (stored, then a slow or no answer), { redirect: '/leads/' },
     * { cors: false } (stored, answer unreadable), { body: '{"ok":true}' } (stored, no acknowledgement),
     * { drop: true } (the connection drops once the body is in, nothing stored).
     */
    answer(...steps) { plan.push(...steps); },
    /** Plans the next probes' answers, e.g. { status: 503 }, { cors: false }. */
    answerProbes(...steps) { (probes.plan ??= []).push(...steps); },
    /** Whether a preflight (OPTIONS) gets CORS headers: false is a receiver with no CORS at all. */
    preflight(on) { preflight = on; },
    /** Stops listening: connections are refused until `up()`. */
    down: () => new Promise((ok) => { endHanging(); server.closeAllConnections(); server.close(ok); }),
    up: listen,
    close: () => new Promise((ok) => { endHanging(); server.closeAllConnections(); server.close(() => ok()); }),
  };
}
