// The size check the suite runs on every release build (scripts/sizes.mjs):
// it passes on this build and fails when the widget grows past its ceiling.
// And the shipped JavaScript is minified (scripts/minify.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, cp, rm, appendFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST, ROOT } from './helpers.mjs';
import { CEILING_KB, BUDGET_KB, measure } from '../../scripts/sizes.mjs';
import { SHIPPED_JS, minifyJs } from '../../scripts/minify.mjs';
import { renameImports, renameInGlue, shortName, renameExports, renameExportsInGlue, HASHED_EXPORT } from '../../scripts/short-imports.mjs';
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

test('the shipped JavaScript is minified: the loader is its source through terser, and every file parses', async () => {
  const source = readFileSync(join(ROOT, 'js', 'program-fit-screener.js'), 'utf8');
  for (const [file, options] of SHIPPED_JS) {
    const shipped = readFileSync(join(DIST, file), 'utf8');
    if (file === 'program-fit-screener.js') {
      assert.equal(shipped, await minifyJs(source, options));
      assert.ok(shipped.length < source.length * 0.75, `${shipped.length} of ${source.length} bytes`);
      assert.doesNotThrow(() => new Script(shipped, { filename: file }));
    } else {
      // Generated files: they parse as modules (terser throws otherwise), and
      // minifying them again gains next to nothing.
      const again = await minifyJs(shipped, options);
      assert.ok(again.length > shipped.length * 0.98, `${file}: ${shipped.length} bytes, ${again.length} minified again`);
    }
  }
});

test('the wasm imports from its glue under short names, the same in both files', async () => {
  const wasm = readFileSync(join(DIST, 'core', 'program-fit-screener_bg.wasm'));
  const imports = WebAssembly.Module.imports(new WebAssembly.Module(wasm)).filter((i) => i.module === 'w');
  assert.ok(imports.length > 100, `${imports.length} imports`);
  assert.deepEqual(imports.map((i) => i.name).sort(), imports.map((_, i) => shortName(i)).sort());
  const glue = readFileSync(join(DIST, 'core', 'program-fit-screener.js'), 'utf8');
  assert.equal(/__wbg_\w*[0-9a-f]{16}/.test(glue), false, 'no hashed name is left in the glue');
  const exports = WebAssembly.Module.exports(new WebAssembly.Module(wasm)).map((e) => e.name);
  assert.deepEqual(exports.filter((n) => /[0-9a-f]{16}/.test(n)), [], 'no hashed export either');
  assert.ok(exports.includes('_0'), `the closure calls are _0, _1, ...: ${exports}`);
  assert.equal(/invoke__h[0-9a-f]{16}/.test(glue), false, 'nor in the glue');
  assert.deepEqual([0, 51, 52, 53].map(shortName), ['a', 'Z', 'aa', 'ab']);
});

test('the closure-call exports are renamed in the wasm and in the glue, and a glue that never calls one stops the build', () => {
  const long = 'wasm_bindgen__convert__closures_____invoke__h0123456789abcdef';
  assert.ok(HASHED_EXPORT.test(long));
  // (module (func) (export "<long>" (func 0)) (export "keep" (func 0)))
  const entry = (n) => Buffer.concat([Buffer.from([n.length]), Buffer.from(n), Buffer.from([0, 0])]);
  const exportsBody = Buffer.concat([Buffer.from([2]), entry(long), entry('keep')]);
  const wasm = Buffer.concat([Buffer.from('0061736d0100000001040160000003020100', 'hex'),
    Buffer.from([7, exportsBody.length]), exportsBody, Buffer.from('0a040102000b', 'hex')]);
  const [renamed, pairs] = renameExports(wasm, HASHED_EXPORT);
  assert.deepEqual(pairs, [[long, '_0']]);
  assert.deepEqual(WebAssembly.Module.exports(new WebAssembly.Module(renamed)).map((e) => e.name), ['_0', 'keep']);
  const glue = `function ${long}(a) { wasm.${long}(a); }\n${long}(1);\n`;
  assert.equal(renameExportsInGlue(glue, pairs), `function ${long}(a) { wasm._0(a); }\n${long}(1);\n`);
  assert.throws(() => renameExportsInGlue('wasm.other();', pairs), /never calls/);
});

test('renaming stops the build when the glue does not define an import exactly once', () => {
  // (module "m" (import "./x_bg.js" "f" (func)))
  const wasm = Buffer.from('0061736d01000000010401600000020f01092e2f785f62672e6a7301660000', 'hex');
  const [renamed, pairs] = renameImports(wasm, './x_bg.js', 'w');
  assert.deepEqual(pairs, [['f', 'a']]);
  assert.deepEqual(WebAssembly.Module.imports(new WebAssembly.Module(renamed)), [{ module: 'w', name: 'a', kind: 'function' }]);
  const glue = '{\n    f: function() {},\n};\nconst i = { "./x_bg.js": import0 };\n';
  assert.equal(renameInGlue(glue, pairs, './x_bg.js', 'w'), '{\n    a: function() {},\n};\nconst i = { "w": import0 };\n');
  assert.throws(() => renameInGlue(glue.replace('f:', 'g:'), pairs, './x_bg.js', 'w'), /defines f 0 times/);
  assert.throws(() => renameInGlue(glue + glue, pairs, './x_bg.js', 'w'), /defines f 2 times/);
});
