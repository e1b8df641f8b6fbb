// `npm run bench:posters`: how long anubhav-posters takes for 150 stations
// (the Bilaspur range) and for 2,000 (a large state), A4, with and without
// a logo. Each run is the real command in its own process, from start to
// the last file written.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'bench-posters-'));
const header = 'id,name_hi,name_en,district_id,district_hi,district_en,kind';

function directory(n) {
  const rows = Array.from({ length: n }, (_, i) =>
    `ST-${String(i + 1).padStart(4, '0')},थाना ${i + 1} सिविल लाइन,Station ${i + 1} Civil Lines,d${i % 40},जिला ${i % 40},District ${i % 40},`);
  const file = join(dir, `stations-${n}.csv`);
  writeFileSync(file, [header, ...rows].join('\n'));
  return file;
}

console.log('stations  logo  seconds  posters/s');
for (const n of [150, 2000]) {
  const file = directory(n);
  for (const logo of [false, true]) {
    const out = join(dir, `out-${n}-${logo}`);
    const start = performance.now();
    const r = spawnSync(process.execPath, ['dist/posters.js', '--stations', file, '--size', 'A4',
      '--form-url', 'https://police.example.gov.in/feedback', '--out', out, ...(logo ? ['--logo', 'demo/logo.svg'] : [])], { encoding: 'utf8' });
    const seconds = (performance.now() - start) / 1000;
    if (r.status !== 0) throw new Error(r.stderr);
    const written = readdirSync(out).filter((f) => f.endsWith('.svg')).length;
    if (written !== n) throw new Error(`wrote ${written} posters, not ${n}`);
    console.log(`${String(n).padStart(8)}  ${logo ? 'yes ' : 'no  '}  ${seconds.toFixed(2).padStart(7)}  ${(n / seconds).toFixed(0).padStart(9)}`);
  }
}
rmSync(dir, { recursive: true, force: true });
