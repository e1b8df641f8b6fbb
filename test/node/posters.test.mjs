// The anubhav-posters command, run as a user runs it: bad input gets a clear
// message naming the file, line and field, exit code 2, and no output at all.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';

const bin = new URL('../../dist/posters.js', import.meta.url).pathname;
const root = new URL('../../', import.meta.url).pathname;
const FORM = 'https://bilaspurpolice.example.gov.in/feedback';
const HEADER = 'id,name_hi,name_en,district_id,district_hi,district_en,kind';
const VHEADER = `${HEADER},vehicle_registration,vehicle_call_sign`;

function run(args, cwd) {
  return spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8' });
}

function workdir(files = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'posters-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('anubhav-posters', () => {
  test('writes one SVG per station and the printable HTML for the sample directory', () => {
    const dir = workdir();
    try {
      const r = run(['--stations', join(root, 'samples/bilaspur-range.sample.csv'), '--form-url', FORM, '--size', 'A5', '--out', join(dir, 'out')]);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /Wrote 34 A5 posters/);
      assert.match(r.stderr, /34\/34 posters/);
      const files = readdirSync(join(dir, 'out'));
      assert.equal(files.length, 36);
      assert.ok(files.includes('posters.html') && files.includes('BSP-CIVIL-LINES.svg'));
      assert.ok(files.includes('.anubhav-posters'), 'the set is marked as made by the command');
      const html = readFileSync(join(dir, 'out/posters.html'), 'utf8');
      assert.match(html, /@page \{ size: A5; margin: 0; \}/);
      assert.equal((html.match(/<img /g) ?? []).length, 34);
      assert.deepEqual(readdirSync(dir), ['out'], 'no temporary folder is left behind');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('--collector points every code at the collector\'s hosted page, /f', () => {
    const dir = workdir({ 'stations.csv': `${HEADER}\n${station('BSP-1')}\n` });
    try {
      const r = run(['--stations', 'stations.csv', '--collector', 'https://feedback.example.gov.in/ig/', '--out', 'out'], dir);
      assert.equal(r.status, 0, r.stderr);
      assert.match(readFileSync(join(dir, 'out/BSP-1.svg'), 'utf8'), /feedback\.example\.gov\.in\/ig\/f\?station=BSP-1/);
      const both = run(['--stations', 'stations.csv', '--collector', 'https://a.example', '--form-url', FORM, '--out', 'out2'], dir);
      assert.equal(both.status, 2);
      assert.match(both.stderr, /--collector or --form-url, not both/);
      const plain = run(['--stations', 'stations.csv', '--collector', 'http://feedback.example.gov.in', '--out', 'out3'], dir);
      assert.equal(plain.status, 2);
      assert.match(plain.stderr, /--collector: form-url must be https:/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the sample CSV and the demo JSON hold the same stations', () => {
    const csv = parse(readFileSync(join(root, 'samples/bilaspur-range.sample.csv'), 'utf8'), { columns: true, comment: '#', skip_empty_lines: true });
    const json = JSON.parse(readFileSync(join(root, 'demo/stations.json'), 'utf8'));
    assert.deepEqual(csv.map((r) => r.id), json.map((s) => s.id));
    assert.equal(new Set(json.map((s) => s.district.id)).size, 8);
    assert.ok(readFileSync(join(root, 'samples/bilaspur-range.sample.csv'), 'utf8').startsWith('# SAMPLE'));
  });

  const station = (id, hi = 'सिविल लाइन', en = 'Civil Lines') => `${id},${hi},${en},bilaspur,बिलासपुर,Bilaspur,`;
  const cases = [
    ['a missing column', 'stations.csv', 'id,name_hi,name_en,district_id,district_hi\nBSP-1,अ,A,b,ब\n', /stations\.csv:1: missing column district_en/],
    ['a duplicate station id', 'stations.csv', `${HEADER}\n${station('BSP-1')}\n${station('BSP-2')}\n${station('BSP-1')}\n`, /stations\.csv:4: station 3, field id: duplicate station id "BSP-1"/],
    ['an id with spaces', 'stations.csv', `${HEADER}\n${station('BSP-1')}\n${station('Civil Lines')}\n`, /stations\.csv:3: station 2, field id: use 1-64 ASCII letters/],
    ['an id in Devanagari', 'stations.csv', `${HEADER}\n${station('सिविल')}\n`, /stations\.csv:2: station 1, field id: use 1-64 ASCII letters/],
    // One poster file would replace the other on Windows and macOS.
    ['ids that differ only in case', 'stations.csv', `${HEADER}\n${station('BSP-A')}\n${station('BSP-2')}\n${station('bsp-a')}\n`,
      /stations\.csv:4: station 3, field id: station id "bsp-a" differs from "BSP-A" \(line 2\) only in case/],
    ['JSON ids that differ only in case', 'stations.json',
      `[\n${['Ab', 'AB'].map((id) => JSON.stringify({ id, name: { hi: 'अ', en: 'A' }, district: { id: 'd', name: { hi: 'द', en: 'D' } } })).join(',\n')}\n]`,
      /stations\.json:3: station 2, field id: station id "AB" differs from "Ab" \(line 2\) only in case/],
    // What Excel's plain "CSV" (ANSI) makes of Hindi, and what a file in
    // another encoding reads as: caught before 300 posters print "?????".
    ['Hindi saved by Excel as ANSI', 'stations.csv', `${HEADER}\nBSP-1,????? ????,Civil Lines,bilaspur,????????,Bilaspur,\n`,
      /stations\.csv:2: station 1, field name_hi: "\?\?\?\?\? \?\?\?\?" has "\?" or "\uFFFD" in place of letters[^]*field district_hi[^]*"CSV UTF-8 \(Comma delimited\)"/],
    ['a name mostly question marks', 'stations.csv', `${HEADER}\nBSP-1,????? ???? (Civil),Civil Lines,bilaspur,बिलासपुर,Bilaspur,\n`,
      /stations\.csv:2: station 1, field name_hi: .* in place of letters/],
    ['a file that is not UTF-8', 'stations.csv',
      Buffer.concat([Buffer.from(`${HEADER}\n${station('BSP-1')}\nBSP-2,सदर,Caf`), Buffer.from([0xe9]), Buffer.from(' Chowk,bilaspur,बिलासपुर,Bilaspur,\n')]),
      /stations\.csv:3: station 2, field name_en: "Caf\uFFFD Chowk" has .* in place of letters[^]*"CSV UTF-8/],
    ['an empty name', 'stations.csv', `${HEADER}\n${station('BSP-1', '')}\n`, /stations\.csv:2: station 1, field name_hi: must not be empty/],
    ['an unknown kind', 'stations.csv', `${HEADER}\nBSP-1,अ,A,b,ब,B,jail\n`, /stations\.csv:2: station 1, field kind: one of station/],
    ['an empty file', 'stations.csv', '', /stations\.csv: the file is empty/],
    ['a header and no stations', 'stations.csv', `${HEADER}\n`, /stations\.csv: no stations/],
    ['broken JSON', 'stations.json', '[{"id": "A",', /stations\.json: not valid JSON/],
    // Vehicles: only on a Dial 112 entry, with both cells, in a plate's and a
    // radio log's form, and never two entries for one vehicle.
    ['a vehicle on a station', 'stations.csv', `${VHEADER}\nBSP-1,अ,A,b,ब,B,station,CG 10 AB 1234,BSP-ERV-07\n`,
      /stations\.csv:2: station 1, field vehicle_registration: only a dial-112 entry has a vehicle; this one's kind is station/],
    ['a vehicle without a call sign', 'stations.csv', `${VHEADER}\nBSP-1,अ,A,b,ब,B,dial-112,CG 10 AB 1234,\n`,
      /stations\.csv:2: station 1, field vehicle_call_sign: must not be empty/],
    ['a registration not as on a plate', 'stations.csv', `${VHEADER}\nBSP-1,अ,A,b,ब,B,dial-112,cg10ab1234,BSP-ERV-07\n`,
      /stations\.csv:2: station 1, field vehicle_registration: "cg10ab1234" is not a registration as on the plate, e\.g\. CG 10 AB 1234/],
    ['a call sign in Devanagari', 'stations.csv', `${VHEADER}\nBSP-1,अ,A,b,ब,B,dial-112,CG 10 AB 1234,बीएसपी-07\n`,
      /stations\.csv:2: station 1, field vehicle_call_sign: "बीएसपी-07" is not a call sign/],
    ['two entries for one plate', 'stations.csv',
      `${VHEADER}\nBSP-1,अ,A,b,ब,B,dial-112,CG 10 AB 1234,BSP-ERV-07\nBSP-2,ब,B,b,ब,B,dial-112,CG10AB1234,BSP-ERV-08\n`,
      /stations\.csv:3: station 2, field vehicle_registration: registration "CG10AB1234" is also station BSP-1's \(line 2\)/],
    ['two entries for one call sign', 'stations.csv',
      `${VHEADER}\nBSP-1,अ,A,b,ब,B,dial-112,CG 10 AB 1234,BSP-ERV-07\nBSP-2,ब,B,b,ब,B,dial-112,CG 10 AB 1235,bsp-erv-07\n`,
      /stations\.csv:3: station 2, field vehicle_call_sign: call sign "bsp-erv-07" is also station BSP-1's/],
    ['a JSON vehicle with a key of its own', 'stations.json',
      '[\n  {"id": "A", "kind": "dial-112", "name": {"hi": "अ", "en": "A"}, "district": {"id": "d", "name": {"hi": "द", "en": "D"}}, "vehicle": {"registration": "CG 10 AB 1234", "callSign": "X", "colour": "white"}}\n]',
      /stations\.json:2: station 1, field vehicle: .*colour/],
    ['a JSON station without a district', 'stations.json', '[\n  {"id": "A", "name": {"hi": "अ", "en": "A"}, "district": {"id": "d", "name": {"hi": "द", "en": "D"}}},\n  {"id": "B", "name": {"hi": "ब", "en": "B"}}\n]', /stations\.json:3: station 2, field district/],
  ];
  for (const [what, file, text, message] of cases) {
    test(`refuses ${what} with a clear message and writes nothing`, () => {
      const dir = workdir({ [file]: text });
      try {
        const r = run(['--stations', file, '--form-url', FORM, '--out', 'out'], dir);
        assert.equal(r.status, 2, r.stdout + r.stderr);
        assert.match(r.stderr, message);
        assert.deepEqual(readdirSync(dir), [file], 'no output and no temporary folder');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  for (const url of ['javascript:alert(1)', 'http://bilaspurpolice.example.gov.in/feedback', 'data:text/html,x', '/feedback']) {
    test(`refuses the form URL ${url}`, () => {
      const dir = workdir({ 'stations.csv': `${HEADER}\n${station('BSP-1')}\n` });
      try {
        const r = run(['--stations', 'stations.csv', '--form-url', url, '--out', 'out'], dir);
        assert.equal(r.status, 2);
        assert.match(r.stderr, /--form-url: form-url/);
        assert.equal(existsSync(join(dir, 'out')), false);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  test('accepts names with a question mark in them', () => {
    const dir = workdir({ 'stations.csv': `${HEADER}\nBSP-1,क्या हाल? चौकी,How Are You? Post,bilaspur,बिलासपुर,Bilaspur,\n` });
    try {
      const r = run(['--stations', 'stations.csv', '--form-url', FORM, '--out', 'out'], dir);
      assert.equal(r.status, 0, r.stderr);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  /** Every file under `dir` with its contents, to show nothing changed. */
  const snapshot = (dir) => readdirSync(dir, { recursive: true }).sort().map((f) => {
    const path = join(dir, f);
    return [f, statSync(path).isDirectory() ? '(folder)' : readFileSync(path, 'utf8')];
  });

  test('never overwrites its own set without --force, and replaces the whole set with it', () => {
    const dir = workdir({ 'stations.csv': `${HEADER}\n${station('BSP-1')}\n` });
    try {
      let r = run(['--stations', 'stations.csv', '--form-url', FORM, '--out', 'out'], dir);
      assert.equal(r.status, 0, r.stderr);
      // A poster of a station since removed from the directory.
      writeFileSync(join(dir, 'out/OLD.svg'), 'old');
      const before = snapshot(join(dir, 'out'));
      r = run(['--stations', 'stations.csv', '--form-url', FORM, '--out', 'out'], dir);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /out already holds posters; add --force/);
      assert.deepEqual(snapshot(join(dir, 'out')), before);
      r = run(['--stations', 'stations.csv', '--form-url', FORM, '--out', 'out', '--force'], dir);
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(readdirSync(join(dir, 'out')).sort(), ['.anubhav-posters', 'BSP-1.svg', 'posters.html']);
      assert.deepEqual(readdirSync(dir).sort(), ['out', 'stations.csv'], 'no temporary folder is left behind');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('writes into an empty folder', () => {
    const dir = workdir({ 'stations.csv': `${HEADER}\n${station('BSP-1')}\n` });
    try {
      mkdirSync(join(dir, 'out'));
      const r = run(['--stations', 'stations.csv', '--form-url', FORM, '--out', 'out'], dir);
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(readdirSync(join(dir, 'out')).sort(), ['.anubhav-posters', 'BSP-1.svg', 'posters.html']);
      // An ordinary folder that a web server or a colleague can read, not the temporary folder's 0700.
      assert.equal(statSync(join(dir, 'out')).mode & 0o777, 0o777 & ~process.umask());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // `--force --out ~/Documents` once deleted Documents.
  test('refuses, even with --force, a folder it did not make, and touches nothing in it', () => {
    const dir = workdir({ 'stations.csv': `${HEADER}\n${station('BSP-1')}\n` });
    try {
      mkdirSync(join(dir, 'Documents/photos'), { recursive: true });
      writeFileSync(join(dir, 'Documents/thesis.docx'), 'years of work');
      writeFileSync(join(dir, 'Documents/photos/a.jpg'), 'jpeg');
      // A folder of posters, as a set from before the marker would be.
      writeFileSync(join(dir, 'Documents/BSP-1.svg'), '<svg/>');
      const before = snapshot(join(dir, 'Documents'));
      for (const force of [[], ['--force']]) {
        const r = run(['--stations', 'stations.csv', '--form-url', FORM, '--out', 'Documents', ...force], dir);
        assert.equal(r.status, 2, r.stdout + r.stderr);
        assert.match(r.stderr, /--out Documents holds files that anubhav-posters did not make \(it has no \.anubhav-posters file\), so nothing in it was touched/);
        assert.deepEqual(snapshot(join(dir, 'Documents')), before);
        assert.deepEqual(readdirSync(dir).sort(), ['Documents', 'stations.csv'], 'no temporary folder is left behind');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('refuses an --out that is a file, or inside one, with a message and no stack trace', () => {
    const dir = workdir({ 'stations.csv': `${HEADER}\n${station('BSP-1')}\n`, notes: 'keep me' });
    try {
      for (const [out, message] of [['notes', /--out notes is a file, not a folder/], [join('notes', 'posters'), /--out notes.posters: part of that path is a file/]]) {
        const r = run(['--stations', 'stations.csv', '--form-url', FORM, '--out', out, '--force'], dir);
        assert.equal(r.status, 2, r.stdout + r.stderr);
        assert.match(r.stderr, message);
        assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
        assert.equal(readFileSync(join(dir, 'notes'), 'utf8'), 'keep me');
        assert.deepEqual(readdirSync(dir).sort(), ['notes', 'stations.csv']);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the emergency box leads with Hindi, like the rest of the poster', () => {
    const dir = workdir({ 'stations.csv': `${HEADER}\n${station('BSP-1')}\n` });
    try {
      const r = run(['--stations', 'stations.csv', '--form-url', FORM, '--out', 'out'], dir);
      assert.equal(r.status, 0, r.stderr);
      const svg = readFileSync(join(dir, 'out/BSP-1.svg'), 'utf8');
      const texts = [...svg.matchAll(/<text x="[^"]*" y="([^"]*)"[^>]*>([^<]*)<\/text>/g)].map(([, y, text]) => ({ y: Number(y), text }));
      const hi = texts.find((t) => t.text === 'आपात स्थिति में 112 डायल करें');
      const en = texts.find((t) => t.text === 'Not for emergencies: dial 112');
      assert.ok(hi && en, 'both emergency lines are on the poster');
      assert.ok(hi.y < en.y, `Hindi at ${hi.y} mm, English at ${en.y} mm`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('refuses bad options with the usage hint', () => {
    for (const args of [['--size', 'A3'], ['--size', '100x150'], ['--lang', 'fr'], ['--logo', 'logo.gif'], ['--size', '100x100', '--logo', 'logo.gif'], []]) {
      const dir = workdir({ 'stations.csv': `${HEADER}\n${station('BSP-1')}\n`, 'logo.gif': 'GIF' });
      try {
        const base = args.length ? ['--stations', 'stations.csv', '--form-url', FORM] : [];
        const r = run([...base, ...args], dir);
        assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
        assert.match(r.stderr, /anubhav-posters: .+/);
        assert.ok(!existsSync(join(dir, 'posters')));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });

  test('escapes station names in the SVG and the HTML', () => {
    const evil = '<script>alert(1)</script>&"';
    const dir = workdir({ 'stations.csv': `${HEADER}\nBSP-1,"${evil.replace(/"/g, '""')}",Evil,d,द,D,\n` });
    try {
      const r = run(['--stations', 'stations.csv', '--form-url', FORM, '--out', 'out', '--lang', 'hi'], dir);
      assert.equal(r.status, 0, r.stderr);
      const svg = readFileSync(join(dir, 'out/BSP-1.svg'), 'utf8');
      const html = readFileSync(join(dir, 'out/posters.html'), 'utf8');
      assert.ok(!svg.includes('<script>') && svg.includes('&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;'));
      assert.ok(!html.includes('<script>'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
