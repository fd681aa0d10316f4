// The size check the suite runs on every release build (scripts/sizes.mjs):
// it passes on this build and fails when the widget grows past its ceiling.
// And the shipped loader is its source less comments and indentation only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, cp, rm, appendFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST, ROOT } from './helpers.mjs';
import { CEILING_KB, BUDGET_KB, measure } from '../../scripts/sizes.mjs';
import { minifyLoader } from '../../scripts/minify-loader.mjs';
import { readFileSync } from 'node:fs';
import { Script } from 'node:vm';

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

test('the shipped loader is its source without comment lines, blank lines and indentation, and still parses', () => {
  const source = readFileSync(join(ROOT, 'js', 'program-fit-screener.js'), 'utf8');
  // What makes dropping lines and indentation safe for this file.
  assert.equal(source.includes('/*'), false, 'no block comments');
  for (const [i, line] of source.split('\n').entries()) {
    assert.equal((line.match(/`/g) ?? []).length % 2, 0, `line ${i + 1}: no template literal over two lines`);
    assert.equal(/\\$/.test(line), false, `line ${i + 1}: no string continued on the next line`);
  }
  const shipped = readFileSync(join(DIST, 'program-fit-screener.js'), 'utf8');
  assert.equal(shipped, minifyLoader(source));
  assert.ok(shipped.length < source.length * 0.75, `${shipped.length} of ${source.length} bytes`);
  assert.doesNotThrow(() => new Script(shipped, { filename: 'program-fit-screener.js' }));
  assert.equal(minifyLoader('a();\n  // note\n\n  b(); // kept\n'), 'a();\nb(); // kept\n');
});
