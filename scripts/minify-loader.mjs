// Shrinks the loader for shipping: drops comment-only lines, blank lines
// and indentation, and nothing else (lines keep their breaks, so automatic
// semicolon insertion reads the same code). Safe for js/program-fit-screener.js,
// which has no block comments and no string or template literal over two
// lines; tests/e2e/size.test.mjs holds the shipped file to that.
//
// Trunk runs it after each build (Trunk.toml [[hooks]]), on the copy in its
// staging directory; or: node scripts/minify-loader.mjs DIR
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const minifyLoader = (source) =>
  `${source.split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('//')).join('\n')}\n`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
  if (!dir) throw new Error('usage: node scripts/minify-loader.mjs DIR (or run by Trunk)');
  const file = join(dir, 'program-fit-screener.js');
  writeFileSync(file, minifyLoader(readFileSync(file, 'utf8')));
}
