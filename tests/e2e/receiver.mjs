// A real lead receiver for the delivery tests: parses multipart/form-data,
// records every request (fields, files with size and SHA-256), and answers
// as each test plans: statuses, delays, bodies, or not at all (down).
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';

function parseMultipart(body, contentType) {
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
    if (filename !== undefined) {
      files.push({ field: name, filename, type: /Content-Type: ([^\r\n]+)/i.exec(headers)?.[1], size: content.length, sha256: createHash('sha256').update(content).digest('hex') });
    } else if (name) {
      fields[name] = content.toString('utf8');
    }
    start = next;
  }
  return { fields, files };
}

export async function startReceiver() {
  const requests = [];
  const plan = [];
  let server;
  let port = 0;
  const handler = async (req, res) => {
    const cors = { 'Access-Control-Allow-Origin': '*' };
    if (req.method === 'OPTIONS') return res.writeHead(204, cors).end();
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const parsed = parseMultipart(Buffer.concat(chunks), req.headers['content-type']);
    const lead = parsed.fields.lead ? JSON.parse(parsed.fields.lead) : null;
    const step = plan.shift() ?? { status: 200 };
    requests.push({ headers: req.headers, ...parsed, lead, answeredWith: step.status });
    if (step.delay) await new Promise((ok) => setTimeout(ok, step.delay));
    if (res.destroyed) return;
    res.writeHead(step.status, { ...cors, 'Content-Type': 'application/json' });
    res.end(step.body ?? (step.status < 300 ? '{"ok":true}' : '{}'));
  };
  const listen = () => new Promise((ok) => {
    server = createServer(handler);
    server.listen(port, '127.0.0.1', () => { port = server.address().port; ok(); });
  });
  await listen();
  return {
    get url() { return `http://127.0.0.1:${port}`; },
    requests,
    /** Plans the answers to the next requests, e.g. { status: 500 }, { status: 200, delay: 2000 }. */
    answer(...steps) { plan.push(...steps); },
    /** Stops listening: connections are refused until `up()`. */
    down: () => new Promise((ok) => { server.closeAllConnections(); server.close(ok); }),
    up: listen,
    close: () => new Promise((ok) => { server.closeAllConnections(); server.close(() => ok()); }),
  };
}
