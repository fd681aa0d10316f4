// Minifies the shipped JavaScript with terser: the loader (a classic script,
// so its top-level names stay), and wasm-bindgen's glue and wasm-split's
// parts loader in core/ (ES modules: their exports stay, the rest is
// renamed). Names the wasm imports are object keys, which terser keeps.
//
// Run by scripts/split-wasm.sh after it writes core/ (Trunk's post-build
// hooks of one stage run at the same time, so the two cannot be separate
// hooks); or: node scripts/minify.mjs DIR
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { minify } from 'terser';

export const SHIPPED_JS = [
  ['program-fit-screener.js', { module: false }],
  ['core/program-fit-screener.js', { module: true }],
  ['core/__wasm_split.js', { module: true }],
  ['core/extras.js', { module: true }],
];

export const minifyJs = async (source, { module }) => {
  const { code } = await minify(source, {
    module,
    ecma: 2020,
    compress: { passes: 2 },
    format: { comments: false },
  });
  return code;
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
  if (!dir) throw new Error('usage: node scripts/minify.mjs DIR (or run by Trunk)');
  for (const [file, options] of SHIPPED_JS) {
    const path = join(dir, file);
    await writeFile(path, await minifyJs(await readFile(path, 'utf8'), options));
  }
}
