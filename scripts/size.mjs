// Prints each drop-in output's gzip -9 size against the budget in SPEC.md.
//
// Two numbers per file:
// - `spec`: SPEC.md's budget. The form (and so `dist/anubhav.js`) is not
//   within it; the README's "Size" section says where the bytes go.
//   `dist/station-qr-print.js` has none: it is fetched only when someone
//   presses a download button, and it is printed so that it stays visible.
// - `ceiling`: what this command enforces, so that no change makes things
//   worse unnoticed. It exits non-zero when any file is over its ceiling.
//   Lower a ceiling whenever a change saves bytes; never raise one without
//   saying why in the commit.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const KiB = 1024;
const outputs = [
  { file: 'dist/anubhav.js', what: 'both elements, Lit, validation, QR, both languages', spec: 28, ceiling: 36 },
  { file: 'dist/anubhav-feedback.js', what: 'the form alone', spec: 20, ceiling: 27.1 },
  { file: 'dist/station-qr.js', what: 'the QR element alone', spec: 15, ceiling: 15 },
  { file: 'dist/station-qr-print.js', what: "<station-qr>'s downloads, loaded on first use", ceiling: 2.5 },
];

const kib = (n) => `${(n / KiB).toFixed(2)} KiB`;
let over = 0;
console.log(`${'output'.padEnd(26)} ${'raw'.padStart(11)} ${'gzip -9'.padStart(11)}   spec budget          ceiling`);
for (const { file, what, spec, ceiling } of outputs) {
  const raw = readFileSync(file);
  const gz = gzipSync(raw, { level: 9 }).length;
  const specNote = spec === undefined ? 'none' : gz <= spec * KiB ? `${spec} KiB ok` : `${spec} KiB, over by ${kib(gz - spec * KiB)}`;
  const ok = gz <= ceiling * KiB;
  if (!ok) over++;
  console.log(`${file.padEnd(26)} ${kib(raw.length).padStart(11)} ${kib(gz).padStart(11)}   ${specNote.padEnd(20)} ${ceiling} KiB ${ok ? 'ok' : 'OVER'}   (${what})`);
}
if (over) {
  console.error(`\n${over} output(s) over the enforced ceiling`);
  process.exit(1);
}
