// Gives the wasm's imports from its wasm-bindgen glue short names, in the
// wasm and in the glue alike, and the same to the closure-call exports the
// glue calls (`wasm_bindgen__convert__closures_____invoke__h<hash>`, also
// with a hash that does not compress). wasm-bindgen names each one after the browser
// call and a 16-hex-digit hash (`__wbg_removeEventListener_4e20bd5fac3de092`)
// and writes every name twice, once in each file; the hashes do not
// compress, so the names cost kilobytes of brotli. The glue defines each
// import once, as a key of one object; a name that is not found there
// exactly once stops the build, as does a wasm this script cannot read.
//
// Run by scripts/split-wasm.sh after wasm-bindgen, before wasm-opt:
//   node scripts/short-imports.mjs MAIN.wasm GLUE.js
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';

const readUleb = (bytes, at) => {
  let value = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[at++];
    if (b === undefined) throw new Error('the wasm ends inside a number');
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (b < 0x80) return [value, at];
  }
};

const uleb = (n) => {
  const out = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) b |= 0x80;
    out.push(b);
  } while (n > 0);
  return out;
};

const name = (text) => {
  const bytes = Buffer.from(text, 'utf8');
  return Buffer.concat([Buffer.from(uleb(bytes.length)), bytes]);
};

// The bytes of an import's description after its names, by kind:
// function, table, memory, global, tag.
const skipDesc = (bytes, at) => {
  const kind = bytes[at++];
  const limits = (p) => {
    const flags = bytes[p++];
    [, p] = readUleb(bytes, p);
    if (flags & 1) [, p] = readUleb(bytes, p);
    return p;
  };
  switch (kind) {
    case 0: return readUleb(bytes, at)[1];
    case 1: return limits(at + 1);
    case 2: return limits(at);
    case 3: return at + 2;
    case 4: return readUleb(bytes, at + 1)[1];
    default: throw new Error(`unknown import kind ${kind}`);
  }
};

/// Short names: a, b, ..., Z, aa, ab, ...
export const shortName = (i) => {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let s = '';
  do {
    s = letters[i % letters.length] + s;
    i = Math.floor(i / letters.length) - 1;
  } while (i >= 0);
  return s;
};

/// `wasm` with each section of kind `id` replaced by what `rewrite(start,
/// end)` makes of its body (the bytes from `start` to `end`).
const rewriteSections = (wasm, id, rewrite) => {
  if (wasm.readUInt32LE(0) !== 0x6d736100) throw new Error('not a wasm module');
  const parts = [wasm.subarray(0, 8)];
  let at = 8;
  while (at < wasm.length) {
    const [size, start] = readUleb(wasm, at + 1);
    const end = start + size;
    if (wasm[at] === id) {
      const section = rewrite(start, end);
      parts.push(Buffer.from([id, ...uleb(section.length)]), section);
    } else {
      parts.push(wasm.subarray(at, end));
    }
    at = end;
  }
  return Buffer.concat(parts);
};

/// Renames the imports of `module` in `wasm` (a Buffer); returns the new
/// wasm and the renaming as [old, new] pairs.
export const renameImports = (wasm, module, newModule) => {
  const renamed = [];
  const out = rewriteSections(wasm, 2, (start, end) => {
    let [count, p] = readUleb(wasm, start);
    const body = [Buffer.from(uleb(count))];
    for (let i = 0; i < count; i++) {
      let len;
      [len, p] = readUleb(wasm, p);
      const mod = wasm.toString('utf8', p, p + len);
      p += len;
      [len, p] = readUleb(wasm, p);
      const field = wasm.toString('utf8', p, p + len);
      p += len;
      const descEnd = skipDesc(wasm, p);
      if (mod === module) {
        const short = shortName(renamed.length);
        renamed.push([field, short]);
        body.push(name(newModule), name(short));
      } else {
        body.push(name(mod), name(field));
      }
      body.push(wasm.subarray(p, descEnd));
      p = descEnd;
    }
    if (p !== end) throw new Error('the import section has bytes after its imports');
    return Buffer.concat(body);
  });
  return [out, renamed];
};

/// The closure-call exports wasm-bindgen names after a hash.
export const HASHED_EXPORT = /^wasm_bindgen__convert__closures_+invoke__h[0-9a-f]{16}$/;

/// Renames the exports of `wasm` whose names match `pattern` to `_0`,
/// `_1`, ...; returns the new wasm and the renaming as [old, new] pairs.
export const renameExports = (wasm, pattern) => {
  const renamed = [];
  const out = rewriteSections(wasm, 7, (start, end) => {
    let [count, p] = readUleb(wasm, start);
    const body = [Buffer.from(uleb(count))];
    const names = new Set();
    for (let i = 0; i < count; i++) {
      let len;
      [len, p] = readUleb(wasm, p);
      const field = wasm.toString('utf8', p, p + len);
      p += len;
      const descEnd = readUleb(wasm, p + 1)[1];
      let out = field;
      if (pattern.test(field)) {
        out = `_${renamed.length}`;
        renamed.push([field, out]);
      }
      names.add(out);
      body.push(name(out), wasm.subarray(p, descEnd));
      p = descEnd;
    }
    if (p !== end) throw new Error('the export section has bytes after its exports');
    if (names.size !== count) throw new Error('renaming the exports would give two of them one name');
    return Buffer.concat(body);
  });
  return [out, renamed];
};

/// The glue calling the renamed exports (`wasm.<name>`): each must be called.
/// (The glue's own wrapper functions of the same names are local to the
/// module, and terser gives them short names.)
export const renameExportsInGlue = (glue, renamed) => {
  let out = glue;
  for (const [old, short] of renamed) {
    const use = new RegExp(`\\bwasm\\.${old}\\b`, 'g');
    if (!use.test(out)) throw new Error(`the glue never calls ${old}`);
    out = out.replace(use, `wasm.${short}`);
  }
  return out;
};

/// The glue with the same renaming: each import is a key of the imports
/// object (`name: function(`), and the module's name keys that object.
export const renameInGlue = (glue, renamed, module, newModule) => {
  let out = glue;
  for (const [old, short] of renamed) {
    const key = new RegExp(`^(\\s+)${old}:`, 'gm');
    const found = out.match(key)?.length ?? 0;
    if (found !== 1) throw new Error(`the glue defines ${old} ${found} times, not once`);
    out = out.replace(key, `$1${short}:`);
  }
  const moduleKey = `"${module}":`;
  if (out.split(moduleKey).length !== 2) throw new Error(`the glue names the module ${module} other than once`);
  return out.replace(moduleKey, `"${newModule}":`);
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [wasmPath, gluePath] = process.argv.slice(2);
  if (!wasmPath || !gluePath) throw new Error('usage: node scripts/short-imports.mjs MAIN.wasm GLUE.js');
  const module = `./${basename(gluePath, '.js')}_bg.js`;
  const [imported, renamed] = renameImports(readFileSync(wasmPath), module, 'w');
  if (renamed.length === 0) throw new Error(`the wasm imports nothing from ${module}`);
  const [wasm, exported] = renameExports(imported, HASHED_EXPORT);
  writeFileSync(gluePath, renameExportsInGlue(renameInGlue(readFileSync(gluePath, 'utf8'), renamed, module, 'w'), exported));
  writeFileSync(wasmPath, wasm);
}
