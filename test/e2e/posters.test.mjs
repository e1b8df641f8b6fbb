// Every poster the CLI makes for the sample directory is decoded by a real
// QR decoder (jsQR) after Chromium renders its SVG to pixels, at A4 and A5,
// with and without a logo. The printed layout is checked too: nothing may
// overflow the sheet, and posters.html prints one poster per page.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch } from '../support/browser.mjs';
import { startSiteCollector } from '../../collector/test/support.mjs';

const root = new URL('../../', import.meta.url).pathname;
const FORM = 'https://bilaspurpolice.example.gov.in/feedback?src=poster';
const ids = JSON.parse(readFileSync(join(root, 'demo/stations.json'), 'utf8')).map((s) => s.id);
let browser, page, work;

before(async () => {
  browser = await launch();
  page = await browser.newPage();
  await page.addScriptTag({ path: join(root, 'node_modules/jsqr/dist/jsQR.js') });
  work = mkdtempSync(join(tmpdir(), 'posters-e2e-'));
});
after(async () => {
  await browser?.close();
  rmSync(work, { recursive: true, force: true });
});

function makeSet(size, logo, stations = join(root, 'samples/bilaspur-range.sample.csv')) {
  const out = join(work, `${size}-${logo ? 'logo' : 'plain'}-${stations.split('/').pop()}`);
  const args = [join(root, 'dist/posters.js'), '--stations', stations,
    '--form-url', FORM, '--size', size, '--out', out, '--force', ...(logo ? ['--logo', join(root, 'demo/logo.svg')] : [])];
  const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return out;
}

/**
 * Renders each SVG in Chromium, decodes it with jsQR, and measures its text
 * against the sheet. Also returns each text's font size and box, and the
 * code's box, in millimetres.
 */
function inspect(svgs, pixelsPerMm) {
  return page.evaluate(async ([list, perMm]) => {
    const results = [];
    for (const text of list) {
      const img = new Image();
      img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
      await img.decode();
      // The sheet's width in mm is its viewBox's; by default a poster is drawn 900 px wide.
      const width = perMm ? Math.round(Number(text.match(/viewBox="0 0 ([\d.]+)/)[1]) * perMm) : 900;
      const height = Math.round(width * img.naturalHeight / img.naturalWidth);
      const canvas = Object.assign(document.createElement('canvas'), { width, height });
      const ctx = canvas.getContext('2d');
      ctx.drawImage(img, 0, 0, width, height);
      const decoded = window.jsQR(ctx.getImageData(0, 0, width, height).data, width, height)?.data;
      // Overflow: every text's box must lie inside the viewBox.
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      const svg = document.importNode(doc.documentElement, true);
      document.body.append(svg);
      const [, , vw, vh] = svg.getAttribute('viewBox').split(' ').map(Number);
      const texts = [...svg.querySelectorAll('text')].map((t) => {
        const { x, y, width: w, height: h } = t.getBBox();
        return { t: t.textContent, size: Number(t.getAttribute('font-size')), x, y, w, h };
      });
      const outside = texts.filter((b) => b.x < 0 || b.y < 0 || b.x + b.w > vw || b.y + b.h > vh).map(({ t }) => t);
      const code = svg.querySelector('svg');
      const qr = Object.fromEntries(['x', 'y', 'width', 'height'].map((a) => [a, Number(code.getAttribute(a))]));
      svg.remove();
      results.push({ decoded, outside, texts, qr, width: vw, pixels: [width, height] });
    }
    return results;
  }, [svgs, pixelsPerMm]);
}

describe('station posters', () => {
  for (const size of ['A4', 'A5']) {
    for (const logo of [false, true]) {
      test(`every ${size} poster ${logo ? 'with' : 'without'} a logo decodes to form-url plus station=<id>, and nothing overflows`, async () => {
        const out = makeSet(size, logo);
        const svgs = ids.map((id) => readFileSync(join(out, `${id}.svg`), 'utf8'));
        const results = await inspect(svgs);
        results.forEach(({ decoded, outside }, i) => {
          assert.equal(decoded, `${FORM}&station=${ids[i]}`, `poster ${ids[i]}`);
          assert.deepEqual(outside, [], `text outside the sheet on ${ids[i]}`);
        });
      });
    }
  }

  // Such names once shrank to fit one line, to about 7 pt on A4 and 5 pt on A5.
  const long = [
    ['JCH-SP-OFFICE', 'पुलिस अधीक्षक कार्यालय जांजगीर-चांपा', 'Office of the Superintendent of Police, Janjgir-Champa', 'जांजगीर-चांपा', 'Janjgir-Champa'],
    ['GPM-KOTWALI', 'थाना गौरेला-पेंड्रा-मरवाही कोतवाली', 'Thana Gaurela-Pendra-Marwahi Kotwali', 'गौरेला-पेंड्रा-मरवाही', 'Gaurela-Pendra-Marwahi'],
  ];
  for (const size of ['A4', 'A5']) {
    test(`a long station name wraps onto two lines on ${size}, no smaller than its district, clear of the code and the edges`, async () => {
      const file = join(work, 'long.json');
      writeFileSync(file, JSON.stringify(long.map(([id, hi, en, districtHi, districtEn]) =>
        ({ id, name: { hi, en }, district: { id: 'd', name: { hi: districtHi, en: districtEn } } }))));
      const out = makeSet(size, true, file);
      const results = await inspect(long.map(([id]) => readFileSync(join(out, `${id}.svg`), 'utf8')));
      const k = results[0].width / 148;
      results.forEach(({ decoded, outside, texts, qr }, i) => {
        const [id, hi, en, districtHi, districtEn] = long[i];
        assert.equal(decoded, `${FORM}&station=${id}`);
        assert.deepEqual(outside, [], `text outside the sheet on ${id}`);
        // The texts between the instruction and the district are the name's lines.
        const district = texts.findIndex((t) => t.t === `${districtHi} · ${districtEn}`);
        const lines = texts.slice(5, district);
        assert.equal(lines.length, 2, `${id}: ${lines.map((l) => l.t).join(' / ')}`);
        // Split at a space, or at the " · " between the languages.
        assert.ok([`${hi} · ${en}`, `${hi} ${en}`].includes(lines.map((l) => l.t).join(' ')), lines.map((l) => l.t).join(' / '));
        for (const line of lines) {
          // Readable: at least the size a district has on a normal poster (4.8 mm on A5, scaled to A4).
          assert.ok(line.size >= 4.8 * k && line.size >= texts[district].size, `${id}: name ${line.size} mm, district ${texts[district].size} mm`);
          // Within the sheet with a margin, and clear of the code (its quiet zone included).
          assert.ok(line.x >= 5 * k && line.x + line.w <= results[0].width - 5 * k, `${id}: "${line.t}" reaches the edge`);
        }
        assert.ok(texts[district].y + texts[district].h <= qr.y, `${id}: the district runs into the code`);
        // Font boxes include the space above and below the letters, so
        // neighbours may touch; more than a tenth of a line would be ink.
        texts.slice(4, district + 1).reduce((above, t) => {
          assert.ok(above.y + above.h - t.y <= 0.1 * t.h, `${id}: "${t.t}" overlaps "${above.t}"`);
          return t;
        });
      });
    });
  }

  for (const size of ['A4', 'A5']) {
    test(`posters.html prints one ${size} poster per page`, async () => {
      const out = makeSet(size, false);
      const print = await browser.newPage();
      await print.goto(`file://${join(out, 'posters.html')}`);
      await print.waitForLoadState('load');
      const pdf = (await print.pdf({ preferCSSPageSize: true })).toString('latin1');
      await print.close();
      const pages = pdf.match(/\/Type\s*\/Page[^s]/g) ?? [];
      assert.equal(pages.length, ids.length);
      const box = pdf.match(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/);
      const [w, h] = size === 'A4' ? [595, 842] : [420, 595];
      assert.ok(Math.abs(Number(box[1]) - w) < 2 && Math.abs(Number(box[2]) - h) < 2, `page box ${box[1]}×${box[2]}`);
      assert.equal(readdirSync(out).length, ids.length + 2, 'the posters, posters.html and the .anubhav-posters marker');
    });
  }
});

describe('vehicle stickers', () => {
  const vehicles = JSON.parse(readFileSync(join(root, 'demo/stations.json'), 'utf8')).filter((s) => s.vehicle);
  const dpi300 = 300 / 25.4;

  test('the sample directory has Dial 112 vehicles, a control room and a traffic unit', () => {
    assert.ok(vehicles.length >= 3);
    const kinds = JSON.parse(readFileSync(join(root, 'demo/stations.json'), 'utf8')).map((s) => s.kind);
    assert.ok(kinds.includes('control-room') && kinds.includes('traffic'));
    // Made-up vehicles say so, in both languages.
    for (const v of vehicles) assert.match(`${v.name.hi} ${v.name.en}`, /नमूना.*sample/);
  });

  for (const size of ['100x100', '150x100']) {
    // A 100 mm code read from a phone at arm's length: decoded from the
    // sticker drawn at a 300 dpi print's pixels, and at a quarter of them
    // (75 dpi), as a phone's camera sees it from further off.
    for (const [what, perMm] of [['300 dpi', dpi300], ['a quarter of 300 dpi', dpi300 / 4]]) {
      test(`every ${size} sticker decodes at ${what}, and nothing overflows it`, async () => {
        const out = makeSet(size, false);
        const results = await inspect(vehicles.map((v) => readFileSync(join(out, `${v.id}.svg`), 'utf8')), perMm);
        results.forEach(({ decoded, outside, texts, pixels }, i) => {
          const v = vehicles[i];
          assert.equal(decoded, `${FORM}&station=${v.id}`, `${size} sticker ${v.id} at ${pixels.join('×')} px`);
          assert.deepEqual(outside, [], `text outside the sticker on ${v.id}`);
          const words = texts.map((t) => t.t).join(' | ');
          for (const needed of ['अनुभव · Anubhav', 'स्कैन करें, अपना अनुभव बताएँ', 'Scan to share your experience',
            v.vehicle.callSign, v.vehicle.registration, `bilaspurpolice.example.gov.in/feedback?src=poster&station=${v.id}`]) {
            assert.ok(words.includes(needed), `${v.id} lacks "${needed}": ${words}`);
          }
        });
        assert.equal(results[0].pixels[1], Math.round(100 * perMm), 'drawn at the height a 100 mm print gives');
      });
    }

    test(`stickers.html prints one ${size} mm sticker per page`, async () => {
      const out = makeSet(size, false);
      const print = await browser.newPage();
      await print.goto(`file://${join(out, 'posters.html')}`);
      await print.waitForLoadState('load');
      const pdf = (await print.pdf({ preferCSSPageSize: true })).toString('latin1');
      await print.close();
      const box = pdf.match(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/);
      const [w, h] = size.split('x').map((mm) => (Number(mm) / 25.4) * 72);
      assert.ok(Math.abs(Number(box[1]) - w) < 2 && Math.abs(Number(box[2]) - h) < 2, `page box ${box[1]}×${box[2]}`);
      assert.equal((pdf.match(/\/Type\s*\/Page[^s]/g) ?? []).length, ids.length);
    });
  }
});

describe('<station-qr variant="poster"> in print', () => {
  let collector;
  before(async () => (collector = await startSiteCollector()));
  after(() => collector?.close());

  for (const paper of ['A5', 'A4']) {
    test(`the demo poster page prints on ${paper} with nothing overflowing`, async () => {
      const p = await browser.newPage();
      await p.goto(`${collector.base}/posters.html`);
      await p.locator('station-qr').first().waitFor();
      await p.evaluate((size) => {
        document.querySelectorAll('station-qr').forEach((el) => el.setAttribute('paper', size));
      }, paper);
      await p.emulateMedia({ media: 'print' });
      const sheets = await p.evaluate(() => [...document.querySelectorAll('station-qr')].map((el) => {
        const poster = el.shadowRoot.querySelector('.poster');
        const box = poster.getBoundingClientRect();
        const inside = [...poster.querySelectorAll('*')].every((child) => {
          const b = child.getBoundingClientRect();
          return b.width === 0 || (b.left >= box.left - 0.5 && b.right <= box.right + 0.5 && b.top >= box.top - 0.5 && b.bottom <= box.bottom + 0.5);
        });
        return { width: box.width, height: box.height, inside, scroll: poster.scrollHeight <= poster.clientHeight + 1 };
      }));
      const mm = 96 / 25.4;
      for (const s of sheets) {
        assert.ok(Math.abs(s.width - (paper === 'A4' ? 210 : 148) * mm) < 2, `sheet width ${s.width}`);
        assert.ok(s.inside && s.scroll, 'poster content overflows its sheet');
      }
      const pdf = await p.pdf({ format: paper, printBackground: true });
      assert.ok(pdf.length > 1000);
      await p.close();
    });
  }
});
