// Prints the size of each file in dist/ that a host page downloads for the
// widget: raw, gzip and brotli (max quality, as a CDN would precompress).
// The widget's CSS and the built-in screener are inside the wasm, so FILES
// are everything the first question costs; the wasm parts split off the
// main one are fetched later and reported apart.
//
//   node scripts/sizes.mjs [--ceiling KB] [--dist DIR]
//
// Exits non-zero when the brotli total is over the ceiling. Bytes are
// deterministic, so the test suite runs this check on every release build.
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

// Issue 8's budget for the bytes to the first question, brotli.
export const BUDGET_KB = 100;
// The build meets the budget (98.5 KB on 2026-11-27), so the suite fails
// any build over it.
export const CEILING_KB = BUDGET_KB;

const DIST = fileURLToPath(new URL('../dist/', import.meta.url));

/** What a page downloads to show the first question. */
export const FILES = ['program-fit-screener.js', 'core/program-fit-screener.js', 'core/__wasm_split.js', 'core/program-fit-screener_bg.wasm'];
/**
 * The wasm parts split off the main one (scripts/split-wasm.sh), fetched
 * later: the contact form's 2 s after the first screen, the code that reads
 * and checks a site's own config, Spanish when a visitor reads it, and any
 * part they share; and the loader's extras (core/extras.js: the dataLayer
 * pushes and a custom accent's check), only for the pages that use them.
 */
export const isLater = (file) => (/^\/?core\/[^/]+\.wasm$/.test(file) && !FILES.includes(file.replace(/^\//, ''))) || /^\/?core\/extras\.js$/.test(file);
export const later = (dist = DIST) => readdirSync(join(dist, 'core')).map((f) => `core/${f}`).filter(isLater).sort();
/** Every file the widget may fetch from `dist`, as paths from the site's root. */
export const widgetPaths = (dist = DIST) => [...FILES, ...later(dist)].map((f) => `/${f}`);

export async function measure(dist = DIST, files = FILES) {
  const rows = [];
  for (const f of files) {
    const b = await readFile(join(dist, f));
    rows.push({
      file: f,
      raw: b.length,
      gz: gzipSync(b, { level: 9 }).length,
      br: brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    });
  }
  const total = { file: 'total', raw: 0, gz: 0, br: 0 };
  for (const r of rows) for (const k of ['raw', 'gz', 'br']) total[k] += r[k];
  return { rows, total };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const at = process.argv.indexOf('--ceiling');
  const ceiling = at > 0 ? Number(process.argv[at + 1]) : CEILING_KB;
  if (!(ceiling > 0)) throw new Error('--ceiling takes a size in KB');
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  const d = process.argv.indexOf('--dist');
  const dist = d > 0 ? resolve(process.argv[d + 1]) : DIST;
  const { rows, total } = await measure(dist);
  const parts = await measure(dist, later(dist));
  const line = (s) => console.log(`${s.file.padEnd(34)} ${kb(s.raw).padStart(9)} ${kb(s.gz).padStart(9)} ${kb(s.br).padStart(9)}`);
  console.log('to the first question               raw       gzip     brotli');
  for (const s of [...rows, total]) line(s);
  console.log('fetched later (English after the first screen; the contact form; reading a site\'s own config; Spanish; extras.js for pages with datalayer or a custom accent)');
  for (const s of parts.rows) line(s);
  const over = total.br - BUDGET_KB * 1024;
  console.log(over > 0
    ? `budget ${BUDGET_KB} KB brotli: over by ${kb(over)} (not met yet; the suite's ceiling is ${ceiling} KB)`
    : `budget ${BUDGET_KB} KB brotli: met, ${kb(-over)} to spare`);
  if (total.br > ceiling * 1024) {
    console.error(`size check failed: ${kb(total.br)} brotli is over the ceiling of ${ceiling} KB`);
    process.exit(1);
  }
}
