// The size check the suite runs on every release build (scripts/sizes.mjs):
// it passes on this build and fails when the widget grows past its ceiling.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, cp, rm, appendFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST, ROOT } from './helpers.mjs';
import { CEILING_KB, BUDGET_KB, measure } from '../../scripts/sizes.mjs';

const check = (...args) => spawnSync(process.execPath, [join(ROOT, 'scripts', 'sizes.mjs'), ...args], { encoding: 'utf8' });

test('the release build is within the size ceiling, and the report says where it stands against the budget', async () => {
  const { total } = await measure();
  assert.ok(total.br <= CEILING_KB * 1024, `${total.br} bytes brotli`);
  assert.ok(CEILING_KB >= BUDGET_KB);
  const run = check('--dist', DIST);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, new RegExp(`budget ${BUDGET_KB} KB brotli: (over by|met)`));
});

test('a build that grows past the ceiling fails the check', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'pfs-size-'));
  try {
    await cp(DIST, dir, { recursive: true });
    // Incompressible bytes, as a new dependency's code would nearly be.
    await appendFile(join(dir, 'core', 'program-fit-screener_bg.wasm'), randomBytes(CEILING_KB * 1024));
    const run = check('--dist', dir);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /size check failed: .* over the ceiling/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
