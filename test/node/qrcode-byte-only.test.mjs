// The browser builds swap two of qrcode's internal modules for byte-only
// versions (scripts/qrcode-byte-only/). This checks that the swap changes
// bytes, not codes: src/core/qr.ts bundled the browser's way gives exactly
// the matrix that unmodified qrcode gives, and the swap really happened.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import qrcode from 'qrcode';
import { esbuildQrcodeByteOnly } from '../../scripts/bundler-plugins.mjs';

const root = new URL('../../', import.meta.url).pathname;

const texts = [
  'https://bilaspurpolice.example.gov.in/feedback?station=civil-lines',
  'https://example.gov.in/anubhav/?lang=hi&station=KOTWALI_01',
  'HTTP://EXAMPLE.IN/123', // would be alphanumeric if qrcode chose the mode
  '0123456789', // would be numeric
  'https://example.gov.in/प्रतिक्रिया?station=tarbahar', // multi-byte UTF-8
  `https://example.gov.in/?station=s&pad=${'x'.repeat(300)}`, // a large version
];

test('browser-bundled qrcode gives the same matrix as qrcode itself', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'qr-bundle-'));
  try {
    const out = join(dir, 'qr.mjs');
    const result = await build({
      entryPoints: [join(root, 'src/core/qr.ts')], bundle: true, format: 'esm', platform: 'browser',
      outfile: out, metafile: true, logLevel: 'error', plugins: [esbuildQrcodeByteOnly],
    });
    const inputs = Object.keys(result.metafile.inputs);
    assert.ok(inputs.some((p) => p.endsWith('qrcode-byte-only/segments.cjs')), 'segments swapped');
    assert.ok(inputs.some((p) => p.endsWith('qrcode-byte-only/mode.cjs')), 'mode swapped');
    assert.ok(!inputs.some((p) => /qrcode\/lib\/core\/(segments|mode|regex)\.js$/.test(p)), 'originals left out');
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
    const { qrMatrix } = await import(out);
    for (const text of texts) {
      for (const ec of ['L', 'M', 'Q', 'H']) {
        const ours = qrMatrix(text, ec);
        const theirs = qrcode.create([{ data: text, mode: 'byte' }], { errorCorrectionLevel: ec }).modules;
        assert.equal(ours.size, theirs.size, `${text} ${ec}: size`);
        const bits = [];
        for (let y = 0; y < ours.size; y++) for (let x = 0; x < ours.size; x++) bits.push(ours.dark(x, y) ? 1 : 0);
        assert.deepEqual(bits, [...theirs.data], `${text} ${ec}: modules`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
