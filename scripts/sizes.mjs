// Prints the size of each file in dist/ that a host page downloads for the
// widget: raw, gzip and brotli (max quality, as a CDN would precompress).
import { readFile } from 'node:fs/promises';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const files = ['program-fit-screener.js', 'core/program-fit-screener.js', 'core/program-fit-screener_bg.wasm'];
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
let total = { raw: 0, gz: 0, br: 0 };
console.log('widget asset                         raw       gzip     brotli');
for (const f of files) {
  const b = await readFile(new URL(`../dist/${f}`, import.meta.url));
  const s = { raw: b.length, gz: gzipSync(b, { level: 9 }).length, br: brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length };
  for (const k in total) total[k] += s[k];
  console.log(`${f.padEnd(34)} ${kb(s.raw).padStart(9)} ${kb(s.gz).padStart(9)} ${kb(s.br).padStart(9)}`);
}
console.log(`${'total'.padEnd(34)} ${kb(total.raw).padStart(9)} ${kb(total.gz).padStart(9)} ${kb(total.br).padStart(9)}`);
