// Prints each drop-in output's gzip -9 size against its budget in SPEC.md,
// and exits non-zero when any file is over its ceiling.
//
// Two numbers per file:
// - `spec`: the budget SPEC.md decided on 2026-11-26 ("Performance budget"):
//   36 KiB for both elements, 27 KiB for the form alone, 15 KiB for the QR
//   element alone, and 2.5 KiB for `dist/station-qr-print.js`, which is
//   fetched only when someone presses a download button. These replace the
//   first budgets (28 / 20 / 15 KiB), which could not hold Lit, zod/mini and
//   qrcode together with both languages and the outbox.
// - `ceiling`: what this command enforces, so that no change makes things
//   worse unnoticed; today it is the budget, but for station-qr.js, which is
//   below it. Budgets and ceilings only move down: lower a ceiling whenever a
//   change saves bytes, and never raise one above its budget.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const KiB = 1024;
const outputs = [
  { file: 'dist/anubhav.js', what: 'both elements, Lit, validation, QR, both languages', spec: 36, ceiling: 36 },
  { file: 'dist/anubhav-feedback.js', what: 'the form alone', spec: 27, ceiling: 27 },
  // Lowered from 15 when qrcode's mode module went byte-only (15,112 B then),
  // and from 14.8 when the build began shortening private names and running
  // Terser after Oxc (14,911 B then).
  { file: 'dist/station-qr.js', what: 'the QR element alone', spec: 15, ceiling: 14.6 },
  { file: 'dist/station-qr-print.js', what: "<station-qr>'s downloads, loaded on first use", spec: 2.5, ceiling: 2.5 },
  // The collector's hosted page (/f): the form with Lit's hydration support.
  // Its form paints from the HTML before this arrives, so it is not on the
  // path to the first answer; the ceiling is today's size and only moves down.
  { file: 'dist/anubhav-hosted.js', what: 'the hosted page\'s form, with hydration', spec: null, ceiling: 30.5 },
  // The question sets of Dial 112, the control room and traffic, each
  // fetched by the form only for a unit that asks it (core/set-choice.ts).
  // No spec budget; each ceiling is its first build's size, rounded up
  // (1.18, 1.07 and 1.32 KiB).
  { file: 'dist/sets/dial-112.js', what: 'dial-112@1, fetched by the form for Dial 112', spec: null, ceiling: 1.2 },
  { file: 'dist/sets/control-room.js', what: 'control-room@1, fetched for the control room', spec: null, ceiling: 1.1 },
  { file: 'dist/sets/traffic.js', what: 'traffic@1, fetched for traffic police', spec: null, ceiling: 1.35 },
  // Office code, loaded only by the console page; it bundles the form too,
  // for phone feedback. No spec budget: the ceiling keeps it from creeping.
  { file: 'dist/anubhav-console.js', what: 'the office console, with the form for phone feedback', spec: null, ceiling: 46 },
];

const kib = (n) => `${(n / KiB).toFixed(2)} KiB`;
let over = 0;
console.log(`${'output'.padEnd(26)} ${'raw'.padStart(11)} ${'gzip -9'.padStart(11)}   spec budget          ceiling`);
for (const { file, what, spec, ceiling } of outputs) {
  const raw = readFileSync(file);
  const gz = gzipSync(raw, { level: 9 }).length;
  const specNote = spec === null ? (file.includes('console') ? 'office only' : file.includes('/sets/') ? 'on demand' : 'hosted page') : gz <= spec * KiB ? `${spec} KiB ok` : `${spec} KiB, over by ${kib(gz - spec * KiB)}`;
  const ok = gz <= ceiling * KiB;
  if (!ok) over++;
  console.log(`${file.padEnd(26)} ${kib(raw.length).padStart(11)} ${kib(gz).padStart(11)}   ${specNote.padEnd(20)} ${ceiling} KiB ${ok ? 'ok' : 'OVER'}   (${what})`);
}
// Office code never reaches a citizen's phone: no citizen drop-in may hold the console.
for (const file of ['dist/anubhav.js', 'dist/anubhav-feedback.js', 'dist/anubhav-hosted.js', 'dist/station-qr.js', 'dist/station-qr-print.js',
  'dist/sets/dial-112.js', 'dist/sets/control-room.js', 'dist/sets/traffic.js']) {
  const code = readFileSync(file, 'utf8');
  if (['anubhav-console', '/api/directory', '/api/stream'].some((mark) => code.includes(mark))) {
    console.error(`${file} contains console code: office code must stay in dist/anubhav-console.js`);
    over++;
  }
}
if (over) {
  console.error(`\n${over} output(s) over the enforced ceiling`);
  process.exit(1);
}
