// A real pfs-inbox for the browser tests: the binary scripts/test.sh builds
// (PFS_INBOX_BIN), on a free port with its own data folder, key and staff
// member. Every process started here runs in a process group of its own,
// killed when the tests end, pass or fail. Used by inbox.test.mjs and
// configurator.test.mjs.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ROOT } from './helpers.mjs';

export const BIN = process.env.PFS_INBOX_BIN ?? join(ROOT, 'target', 'debug', 'pfs-inbox');
export const missing = !existsSync(BIN) && `no pfs-inbox binary at ${BIN} (scripts/test.sh builds it)`;
export const PASSWORD = 'an e2e test password';
export const STAFF = 'staff@e2e.example';

/** Every inbox process started here, killed (its whole group) when the tests end however they end. */
export const running = new Set();
export const killGroup = (child) => {
  try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
  running.delete(child);
};
process.on('exit', () => { for (const child of running) killGroup(child); });

export const freePort = () => new Promise((ok) => {
  const s = createServer();
  s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => ok(port)); });
});

/**
 * A pfs-inbox on a free port with its own data folder, key and staff
 * member (an admin with `admin`; under `dir`), serving `site` (or not) and allowing `origin` (or its own);
 * `kill9()` kills it without warning, `start()` starts it again on the
 * same port.
 */
export async function startInbox({ dir, site: root, origin, admin = false, extra = [] } = {}) {
  const home = await mkdtemp(join(dir, 'inbox-'));
  const key = join(home, 'inbox.key');
  const data = join(home, 'data');
  execFileSync(BIN, ['key', 'generate', '--key-file', key]);
  execFileSync(BIN, ['user', 'add', STAFF, '--password-stdin', '--data', data, ...(admin ? ['--admin'] : [])], { input: `${PASSWORD}\n` });
  const inbox = { data, port: await freePort(), child: null };
  inbox.url = `http://127.0.0.1:${inbox.port}`;
  inbox.start = async () => {
    const args = ['serve', '--listen', `127.0.0.1:${inbox.port}`, '--data', data, '--key-file', key, '--insecure-cookies', '--allow-origin', origin ?? inbox.url, ...extra];
    if (root) args.push('--site', root);
    const child = spawn(BIN, args, { stdio: ['ignore', 'pipe', 'ignore'], detached: true });
    running.add(child);
    inbox.child = child;
    await new Promise((ok, fail) => {
      child.stdout.on('data', (d) => { if (String(d).includes('listening')) ok(); });
      child.on('exit', (code) => fail(new Error(`pfs-inbox exited ${code}`)));
    });
  };
  inbox.kill9 = () => new Promise((ok) => {
    const child = inbox.child;
    if (child.exitCode !== null || child.signalCode !== null) return ok(killGroup(child));
    child.once('exit', ok);
    killGroup(child);
  });
  /** Files under data/tmp (uploads in progress; lock files aside) and data/files (stored cards). */
  inbox.files = () => {
    const list = (d) => (existsSync(d) ? readdirSync(d, { recursive: true }).map((f) => join(d, f)).filter((f) => statSync(f).isFile()) : []);
    return { temp: list(join(data, 'tmp')).filter((f) => !f.endsWith('lock')), stored: list(join(data, 'files')) };
  };
  await inbox.start();
  return inbox;
}

