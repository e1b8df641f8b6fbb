import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import jsQR from 'jsqr';
import { emulateMedia } from '@web/test-runner-commands';
import '../../src/define/station-qr.js';
import type { StationQr } from '../../src/station-qr/station-qr.js';
import { qrMatrix } from '../../src/core/qr.js';
import { qrSvgDocument } from '../../src/core/qr-svg.js';

const shadow = (el: Element) => el.shadowRoot!;

/** Rasterises an SVG document in the browser and decodes it with jsQR. */
async function decodeSvg(svgText: string, px = 400): Promise<string | undefined> {
  const img = new Image();
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgText)}`;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = px;
  canvas.height = img.naturalWidth ? Math.round(px * img.naturalHeight / img.naturalWidth) : px;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
  return jsQR(data, canvas.width, canvas.height)?.data;
}

/** Decodes the code exactly as the element drew it in its shadow root. */
function decodeElement(el: StationQr) {
  const svg = shadow(el).querySelector('svg')!;
  return decodeSvg(new XMLSerializer().serializeToString(svg));
}

describe('<station-qr>', () => {
  for (const lang of ['hi', 'en'] as const) {
    describe(`in ${lang}`, () => {
      const instruction = lang === 'hi' ? 'स्कैन करें, अपना अनुभव बताएँ' : 'Scan to share your experience';

      it('shows the instruction, caption and readable URL, and passes axe', async () => {
        const el = await fixture<StationQr>(html`
          <station-qr lang=${lang} station="BSP-CIVIL-LINES" form-url="https://bilaspur.example.gov.in/feedback"
            station-name="सिविल लाइन" district-name="बिलासपुर"></station-qr>`);
        const caption = shadow(el).querySelector('[part="caption"]')!.textContent!;
        expect(caption).to.contain(instruction).and.contain('सिविल लाइन').and.contain('बिलासपुर');
        expect(shadow(el).querySelector('[part="url"]')!.textContent).to.equal('bilaspur.example.gov.in/feedback?station=BSP-CIVIL-LINES');
        await expect(el).to.be.accessible();
      });

      it('gives the code role="img" and an accessible name with the station and URL', async () => {
        const el = await fixture<StationQr>(html`
          <station-qr lang=${lang} station="BSP-TARBAHAR" form-url="https://x.example.gov.in/f" station-name="Tarbahar"></station-qr>`);
        const svg = shadow(el).querySelector('svg')!;
        expect(svg.getAttribute('role')).to.equal('img');
        expect(svg.getAttribute('aria-label')).to.contain('Tarbahar').and.contain('x.example.gov.in/f?station=BSP-TARBAHAR');
      });

      it('names each download button with its station, its visible words whole', async () => {
        const el = await fixture<StationQr>(html`
          <station-qr lang=${lang} station="BSP-CIVIL-LINES" form-url="https://x.example.gov.in/f" station-name="सिविल लाइन"></station-qr>`);
        const buttons = [...shadow(el).querySelectorAll('[part="downloads"] button')];
        const names = buttons.map((b) => [b.textContent, b.getAttribute('aria-label')]);
        expect(names).to.deep.equal(lang === 'hi'
          ? [['क्यूआर कोड (SVG)', 'सिविल लाइन का क्यूआर कोड (SVG)'], ['क्यूआर कोड (PNG)', 'सिविल लाइन का क्यूआर कोड (PNG)']]
          : [['QR code (SVG)', 'QR code (SVG) of सिविल लाइन'], ['QR code (PNG)', 'QR code (PNG) of सिविल लाइन']]);
        // Without a station name, the station's id names it, as it does the code.
        el.removeAttribute('station-name');
        await el.updateComplete;
        expect(shadow(el).querySelector('button')!.getAttribute('aria-label')).to.contain('BSP-CIVIL-LINES');
        await expect(el).to.be.accessible();
      });
    });
  }

  it('decodes to exactly form-url plus station=<id>', async () => {
    const el = await fixture<StationQr>(html`
      <station-qr station="BSP-CIVIL-LINES" form-url="https://bilaspur.example.gov.in/feedback"></station-qr>`);
    expect(await decodeElement(el)).to.equal('https://bilaspur.example.gov.in/feedback?station=BSP-CIVIL-LINES');
    expect(el.url).to.equal('https://bilaspur.example.gov.in/feedback?station=BSP-CIVIL-LINES');
  });

  it('keeps the form URL\'s existing query parameters', async () => {
    const el = await fixture<StationQr>(html`
      <station-qr station="KRB-DARRI" form-url="https://korba.example.gov.in/anubhav?src=poster&lang=hi"></station-qr>`);
    expect(await decodeElement(el)).to.equal('https://korba.example.gov.in/anubhav?src=poster&lang=hi&station=KRB-DARRI');
  });

  for (const level of ['L', 'M', 'Q', 'H']) {
    it(`decodes at error correction ${level}`, async () => {
      const el = await fixture<StationQr>(html`
        <station-qr station="RGH-KHARSIA" error-correction=${level} form-url="https://raigarh.example.gov.in/f"></station-qr>`);
      expect(await decodeElement(el)).to.equal('https://raigarh.example.gov.in/f?station=RGH-KHARSIA');
    });
  }

  it('resolves a relative form-url against the page', async () => {
    const el = await fixture<StationQr>(html`<station-qr station="S-1" form-url="/feedback"></station-qr>`);
    expect(el.url).to.equal(new URL('/feedback?station=S-1', location.href).href);
  });

  it('draws the download file from the same matrix, and it decodes', async () => {
    const url = 'https://bilaspur.example.gov.in/feedback?station=BSP-CIVIL-LINES';
    expect(await decodeSvg(qrSvgDocument(qrMatrix(url, 'M')))).to.equal(url);
  });

  it('renders at the requested size', async () => {
    const el = await fixture<StationQr>(html`<station-qr station="S-1" size="320" form-url="https://a.example.gov.in/"></station-qr>`);
    expect(shadow(el).querySelector('svg')!.getAttribute('width')).to.equal('320');
  });

  it('shows a hostile station name as inert text', async () => {
    const evil = '<img src=x onerror="window.__pwned=1">"><svg onload="window.__pwned=1">';
    const el = await fixture<StationQr>(html`
      <station-qr station="S-1" form-url="https://a.example.gov.in/" station-name=${evil} district-name=${evil}></station-qr>`);
    expect(shadow(el).querySelector('.station')!.textContent).to.equal(evil);
    expect(shadow(el).querySelectorAll('svg')).to.have.length(1);
    expect(shadow(el).querySelector('img, [onerror], [onload]')).to.equal(null);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  describe('poster mode', () => {
    for (const lang of ['hi', 'en'] as const) {
      it(`shows the bilingual poster and passes axe (${lang})`, async () => {
        const el = await fixture<StationQr>(html`
          <station-qr lang=${lang} variant="poster" paper="A5" station="BSP-CIVIL-LINES" form-url="https://bilaspur.example.gov.in/feedback"
            station-name="सिविल लाइन · Civil Lines" district-name="बिलासपुर · Bilaspur"></station-qr>`);
        const poster = shadow(el).querySelector('[part="poster"]')!;
        const text = poster.textContent!.replace(/\s+/g, ' ');
        for (const words of ['अनुभव · Anubhav', 'स्कैन करें, अपना अनुभव बताएँ', 'Scan to share your experience',
          'सिविल लाइन · Civil Lines', 'बिलासपुर · Bilaspur', 'bilaspur.example.gov.in/feedback?station=BSP-CIVIL-LINES',
          'Not for emergencies: dial 112', 'आपात स्थिति में 112 डायल करें']) {
          expect(text).to.contain(words);
        }
        // Hindi leads in the emergency box too, as in the poster files.
        expect(text.indexOf('आपात स्थिति')).to.be.below(text.indexOf('Not for emergencies'));
        const buttons = [...shadow(el).querySelectorAll('[part="downloads"] button')];
        expect(buttons.map((b) => b.getAttribute('aria-label'))).to.deep.equal(lang === 'hi'
          ? ['पोस्टर (SVG)', 'पोस्टर (PNG)', 'क्यूआर कोड (SVG)', 'क्यूआर कोड (PNG)'].map((l) => `सिविल लाइन · Civil Lines का ${l}`)
          : ['Poster (SVG)', 'Poster (PNG)', 'QR code (SVG)', 'QR code (PNG)'].map((l) => `${l} of सिविल लाइन · Civil Lines`));
        expect(await decodeElement(el)).to.equal('https://bilaspur.example.gov.in/feedback?station=BSP-CIVIL-LINES');
        await expect(el).to.be.accessible();
      });
    }

    it('grows its text with the text size on screen, and keeps the printed sheet exact', async () => {
      const el = await fixture<StationQr>(html`
        <div style="width: 400px"><station-qr variant="poster" station="S-1" form-url="https://a.example.gov.in/f"
          station-name="सिविल लाइन · Civil Lines" district-name="बिलासपुर · Bilaspur"></station-qr></div>`);
      const qr = el.querySelector('station-qr')!;
      const poster = shadow(qr).querySelector<HTMLElement>('[part="poster"]')!;
      const size = (selector: string) => parseFloat(getComputedStyle(shadow(qr).querySelector(selector)!).fontSize);
      const sizes = () => ['.poster', '.band h2', '.station', '.url'].map(size);
      const root = document.documentElement;
      try {
        // At the usual text size the preview is the sheet: 3.4% of its width, A5's proportions.
        const normal = sizes();
        expect(normal[0]).to.be.closeTo(0.034 * 400, 0.01);
        expect(normal[1]).to.be.closeTo(0.068 * 400, 0.1);
        expect(poster.getBoundingClientRect().height).to.be.closeTo(400 * 210 / 148, 1);

        // At 200% text every line is twice the size, and the preview grows to hold them.
        root.style.fontSize = '200%';
        sizes().forEach((s, i) => expect(s).to.be.closeTo(2 * normal[i], 0.1));
        expect(poster.scrollHeight).to.be.at.most(poster.clientHeight);

        // Printed, the sheet keeps the design's proportions whatever the text size.
        await emulateMedia({ media: 'print' });
        const printed = sizes();
        const width = shadow(qr).querySelector('.sheet')!.getBoundingClientRect().width;
        expect(printed[0]).to.be.closeTo(0.034 * width, 0.01);
        expect(printed[1]).to.be.closeTo(0.068 * width, 0.1);
        expect(poster.getBoundingClientRect().height).to.be.closeTo(width * 210 / 148, 1);
      } finally {
        await emulateMedia({ media: 'screen' });
        root.style.fontSize = '';
      }
      // A page with small root text never shrinks the preview below the sheet's proportions.
      root.style.fontSize = '62.5%';
      try {
        expect(size('.poster')).to.be.closeTo(0.034 * 400, 0.01);
      } finally {
        root.style.fontSize = '';
      }
    });

    it('downloads the poster and the code as SVG and as 300 dpi PNG, and each decodes', async () => {
      const el = await fixture<StationQr>(html`
        <station-qr variant="poster" paper="A4" station="KRB-DARRI" form-url="https://korba.example.gov.in/f?src=poster"
          station-name="दर्री · Darri" district-name="कोरबा · Korba"></station-qr>`);
      const files: { name: string; blob: Blob }[] = [];
      const click = HTMLAnchorElement.prototype.click;
      HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
        const name = this.download;
        files.push({ name, blob: undefined as unknown as Blob });
        void fetch(this.href).then((r) => r.blob()).then((blob) => (files.find((f) => f.name === name)!.blob = blob));
      };
      try {
        expect(await el.downloadPosterSvg()).to.equal(true);
        expect(await el.downloadPosterPng()).to.equal(true);
        expect(await el.downloadSvg()).to.equal(true);
        expect(await el.downloadPng()).to.equal(true);
        await waitUntil(() => files.length === 4 && files.every((f) => f.blob));
      } finally {
        HTMLAnchorElement.prototype.click = click;
      }
      expect(files.map((f) => f.name)).to.deep.equal([
        'anubhav-qr-KRB-DARRI.poster.svg', 'anubhav-qr-KRB-DARRI.poster.png', 'anubhav-qr-KRB-DARRI.svg', 'anubhav-qr-KRB-DARRI.png']);
      const expected = 'https://korba.example.gov.in/f?src=poster&station=KRB-DARRI';
      const posterSvg = await files[0].blob.text();
      expect(posterSvg).to.contain('दर्री · Darri').and.contain('width="210mm"');
      expect(await decodeSvg(posterSvg, 900)).to.equal(expected);
      expect(await decodeSvg(await files[2].blob.text())).to.equal(expected);
      for (const [file, width] of [[files[1], Math.round(210 * 300 / 25.4)], [files[3], Math.round(148 * 300 / 25.4)]] as const) {
        const bitmap = await createImageBitmap(file.blob);
        expect(bitmap.width).to.equal(width);
        const canvas = document.createElement('canvas');
        canvas.width = 900;
        canvas.height = Math.round(900 * bitmap.height / bitmap.width);
        const ctx = canvas.getContext('2d')!;
        ctx.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
        expect(jsQR(ctx.getImageData(0, 0, canvas.width, canvas.height).data, canvas.width, canvas.height)?.data).to.equal(expected);
      }
    });

    it('makes one file per press while busy, and says so, afresh each time, when a file cannot be made', async () => {
      const el = await fixture<StationQr>(html`
        <station-qr lang="en" variant="poster" station="KRB-DARRI" form-url="https://korba.example.gov.in/f"></station-qr>`);
      const saved: string[] = [];
      const click = HTMLAnchorElement.prototype.click;
      const toBlob = HTMLCanvasElement.prototype.toBlob;
      const warn = console.warn;
      HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
        saved.push(this.download);
      };
      try {
        // Two quick presses: the second is ignored while the first is made.
        const [first, second] = await Promise.all([el.downloadSvg(), el.downloadSvg()]);
        expect([first, second]).to.deep.equal([true, false]);
        expect(saved).to.deep.equal(['anubhav-qr-KRB-DARRI.svg']);
        expect(shadow(el).querySelector('[role="alert"]')).to.equal(null);

        // A canvas that cannot be exported, as with a cross-origin logo.
        HTMLCanvasElement.prototype.toBlob = function () {
          throw new DOMException('Tainted canvases may not be exported.', 'SecurityError');
        };
        console.warn = () => {};
        expect(await el.downloadPosterPng()).to.equal(false);
        await el.updateComplete;
        const alert = shadow(el).querySelector('[part="downloads"] [role="alert"]')!;
        expect(alert.textContent).to.contain('station-qr-print.js');
        await expect(el).to.be.accessible();

        // A second failure puts a new alert node in place, so it is announced again.
        expect(await el.downloadPosterPng()).to.equal(false);
        await el.updateComplete;
        const again = shadow(el).querySelector('[part="downloads"] [role="alert"]');
        expect(again).to.not.equal(null);
        expect(again).to.not.equal(alert);

        // It clears once a download works.
        expect(await el.downloadSvg()).to.equal(true);
        await el.updateComplete;
        expect(shadow(el).querySelector('[role="alert"]')).to.equal(null);
        expect(saved).to.have.length(2);
      } finally {
        HTMLAnchorElement.prototype.click = click;
        HTMLCanvasElement.prototype.toBlob = toBlob;
        console.warn = warn;
      }
    });

    it('downloads from an element never put on the page, without waiting for a render', async () => {
      const el = document.createElement('station-qr');
      el.setAttribute('station', 'S-1');
      el.setAttribute('form-url', 'https://a.example.gov.in/f');
      const saved: string[] = [];
      const click = HTMLAnchorElement.prototype.click;
      HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
        saved.push(this.download);
      };
      try {
        expect(await el.downloadSvg()).to.equal(true);
        expect(await el.downloadPng()).to.equal(true);
      } finally {
        HTMLAnchorElement.prototype.click = click;
      }
      expect(saved).to.deep.equal(['anubhav-qr-S-1.svg', 'anubhav-qr-S-1.png']);
    });

    it('refuses to make poster files without a logo that cannot be drawn, and says so', async () => {
      const el = await fixture<StationQr>(html`
        <station-qr lang="hi" variant="poster" station="S-1" form-url="https://a.example.gov.in/f">
          <img slot="logo" alt="District police" src="/demo/no-such-logo.png">
        </station-qr>`);
      await el.updateComplete;
      let clicked = 0;
      const click = HTMLAnchorElement.prototype.click;
      HTMLAnchorElement.prototype.click = () => void clicked++;
      try {
        expect(await el.downloadPosterSvg()).to.equal(false);
        expect(await el.downloadPosterPng()).to.equal(false);
        // The code alone does not need the logo.
        expect(await el.downloadSvg()).to.equal(true);
      } finally {
        HTMLAnchorElement.prototype.click = click;
      }
      expect(clicked).to.equal(1);
    });

    it('switches to error correction H when a logo is slotted', async () => {
      const plain = await fixture<StationQr>(html`<station-qr variant="poster" station="S-1" form-url="https://a.example.gov.in/f"></station-qr>`);
      const withLogo = await fixture<StationQr>(html`
        <station-qr variant="poster" station="S-1" form-url="https://a.example.gov.in/f">
          <img slot="logo" alt="District police" src="/demo/logo.svg">
        </station-qr>`);
      await withLogo.updateComplete;
      const side = (el: StationQr) => Number(shadow(el).querySelector('svg')!.getAttribute('viewBox')!.split(' ')[2]);
      expect(side(withLogo)).to.be.above(side(plain));
      expect(shadow(withLogo).querySelector('.logo')!.hasAttribute('hidden')).to.equal(false);
      expect(await decodeElement(withLogo)).to.equal('https://a.example.gov.in/f?station=S-1');
      await expect(withLogo).to.be.accessible();

      // The poster SVG carries the logo inside it, as the CLI's does, and still decodes.
      const img = withLogo.querySelector('img')!;
      if (!img.complete) await new Promise((r) => img.addEventListener('load', r, { once: true }));
      let file: Blob | undefined;
      const click = HTMLAnchorElement.prototype.click;
      HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
        void fetch(this.href).then((r) => r.blob()).then((b) => (file = b));
      };
      try {
        expect(await withLogo.downloadPosterSvg()).to.equal(true);
        await waitUntil(() => file);
      } finally {
        HTMLAnchorElement.prototype.click = click;
      }
      const text = await file!.text();
      expect(text).to.match(/<image [^>]*href="data:image\/png;base64,[A-Za-z0-9+/=]{200,}"/);
      expect(await decodeSvg(text, 900)).to.equal('https://a.example.gov.in/f?station=S-1');
    });
  });

  const bad: [string, string, string][] = [
    ['a missing station', '', 'https://a.example.gov.in/'],
    ['a station id with spaces', 'Civil Lines', 'https://a.example.gov.in/'],
    ['a Devanagari station id', 'सिविल', 'https://a.example.gov.in/'],
    ['a javascript: form-url', 'S-1', 'javascript:alert(1)'],
    ['a plain-http remote form-url', 'S-1', 'http://a.example.gov.in/'],
    ['a missing form-url', 'S-1', ''],
  ];
  for (const [what, station, formUrl] of bad) {
    it(`shows a clear error and no code for ${what}`, async () => {
      const el = await fixture<StationQr>(html`<station-qr lang="en" station=${station} form-url=${formUrl}></station-qr>`);
      const error = shadow(el).querySelector('[part="error"]')!;
      expect(error.getAttribute('role')).to.equal('alert');
      expect(error.textContent).to.contain('could not be made');
      expect(shadow(el).querySelector('svg')).to.equal(null);
      expect(el.url).to.equal(undefined);
      await expect(el).to.be.accessible();
    });
  }
});
