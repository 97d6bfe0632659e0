// Measures the JavaScript the first screen loads: the entry script that
// dist/index.html names and every chunk it preloads, gzipped as the server
// sends them. Fails the build above the budget.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const budget = 250 * 1024;
const html = readFileSync('dist/index.html', 'utf8');
const files = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\/([^"]+\.js)"/g)].map((m) => m[1]);
let raw = 0, gzipped = 0;
for (const f of files) {
  const body = readFileSync('dist/' + f);
  raw += body.length;
  gzipped += gzipSync(body, { level: 9 }).length;
}
const kb = (n) => (n / 1024).toFixed(1) + ' KB';
console.log(`first screen JavaScript: ${files.length} files, ${kb(raw)}, ${kb(gzipped)} gzipped (budget ${kb(budget)})`);
if (files.length === 0 || gzipped > budget) {
  console.error(files.length === 0 ? 'no script found in dist/index.html' : 'over the budget');
  process.exit(1);
}
