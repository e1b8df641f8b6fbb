// Prints each drop-in output's gzip -9 size against the budget in SPEC.md
// and exits non-zero when any is over. Run after the build (`npm run size`).
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const KiB = 1024;
const budgets = [
  ['dist/anubhav.js', 'both elements, Lit, validation, QR, both languages', 28 * KiB],
  ['dist/anubhav-feedback.js', 'the form alone', 20 * KiB],
  ['dist/station-qr.js', 'the QR element alone', 15 * KiB],
];

let over = 0;
console.log('output                     raw        gzip -9    budget     ');
for (const [file, what, budget] of budgets) {
  const raw = readFileSync(file);
  const gz = gzipSync(raw, { level: 9 }).length;
  const ok = gz <= budget;
  if (!ok) over++;
  const kib = (n) => `${(n / KiB).toFixed(2)} KiB`.padEnd(11);
  console.log(`${file.padEnd(27)}${kib(raw.length)}${kib(gz)}${kib(budget)}${ok ? 'ok' : 'OVER'}  (${what})`);
}
if (over) {
  console.error(`\n${over} output(s) over budget`);
  process.exit(1);
}
