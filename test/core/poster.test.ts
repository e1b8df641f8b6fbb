import { expect } from '@open-wc/testing';
import { escapeXml, PAPERS, POSTER_TEXT, posterLayout, posterSvg, type PosterLayout, type PosterOp } from '../../src/core/poster.js';
import { qrMatrix } from '../../src/core/qr.js';

describe('poster SVG text', () => {
  it('escapes markup and drops what XML forbids', () => {
    expect(escapeXml(`<b a="1">'&'</b>`)).to.equal('&lt;b a=&quot;1&quot;&gt;&apos;&amp;&apos;&lt;/b&gt;');
    expect(escapeXml('a\x00b\x0bc\x1fd\ufffee')).to.equal('abcde');
    // A lone surrogate goes; a pair (an emoji) stays; tabs and newlines are legal.
    expect(escapeXml('x\ud800y\udc00z😀\t\n')).to.equal('xyz😀\t\n');
    expect(escapeXml('सिविल लाइन')).to.equal('सिविल लाइन');
  });

  it('makes a well-formed file from a hostile station name', () => {
    const evil = '<img src=x onerror=alert(1)>"]]>\x0b\ud800 & \'';
    const svg = posterSvg(posterLayout('A5', { name: evil, district: evil, url: 'a.example.gov.in/f?station=S' }),
      qrMatrix('https://a.example.gov.in/f?station=S'));
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    expect(doc.querySelector('parsererror')).to.equal(null);
    expect(doc.querySelector('img')).to.equal(null);
    const texts = [...doc.querySelectorAll('text')].map((t) => t.textContent);
    expect(texts).to.include('<img src=x onerror=alert(1)>"]]> & \'');
  });
});

describe('poster layout', () => {
  const url = 'a.example.gov.in/f?station=S';
  const long = 'पुलिस अधीक्षक कार्यालय जांजगीर-चांपा · Office of the Superintendent of Police, Janjgir-Champa';
  const texts = (layout: PosterLayout) => layout.ops.flatMap((op) => (op.kind === 'text' ? [op] : []));
  const qr = (layout: PosterLayout) => layout.ops.find((op) => op.kind === 'qr') as PosterOp & { kind: 'qr' };
  /** The name's lines: the bold texts between the instruction and the district. */
  const nameOf = (layout: PosterLayout, district: string) => {
    const all = texts(layout);
    const d = all.findIndex((t) => t.text === district);
    return { lines: all.slice(5, d), district: all[d] };
  };

  for (const paper of ['A4', 'A5'] as const) {
    const k = PAPERS[paper][0] / 148;
    it(`keeps a short name on one line at full size (${paper})`, () => {
      const { lines, district } = nameOf(posterLayout(paper, { name: 'सिविल लाइन · Civil Lines', district: 'बिलासपुर · Bilaspur', url }), 'बिलासपुर · Bilaspur');
      expect(lines.map((l) => l.text)).to.deep.equal(['सिविल लाइन · Civil Lines']);
      expect(lines[0].size).to.be.closeTo(6.5 * k, 1e-9);
      expect(district.size).to.be.closeTo(4.8 * k, 1e-9);
    });

    it(`wraps a long name onto two lines no smaller than the district, and the code keeps its bottom edge (${paper})`, () => {
      const short = posterLayout(paper, { name: 'सिविल लाइन', district: 'जांजगीर-चांपा · Janjgir-Champa', url });
      const layout = posterLayout(paper, { name: long, district: 'जांजगीर-चांपा · Janjgir-Champa', url });
      const { lines, district } = nameOf(layout, 'जांजगीर-चांपा · Janjgir-Champa');
      expect(lines).to.have.length(2);
      // Split at a space, or at the " · " between the languages.
      expect([long, long.replace(' · ', ' ')]).to.include(lines.map((l) => l.text).join(' '));
      for (const line of lines) expect(line.size).to.be.at.least(4.8 * k).and.at.least(district.size);
      expect(district.size).to.be.closeTo(4.8 * k, 1e-9);
      expect(qr(layout).y + qr(layout).size).to.be.closeTo(qr(short).y + qr(short).size, 1e-9);
      expect(qr(layout).y).to.be.above(district.y);
    });
  }

  it('drops the " · " between the languages when it splits there', () => {
    const { lines } = nameOf(posterLayout('A5', { name: 'थाना गौरेला-पेंड्रा-मरवाही कोतवाली · Thana Gaurela-Pendra-Marwahi Kotwali', district: 'D', url }), 'D');
    expect(lines.map((l) => l.text)).to.deep.equal(['थाना गौरेला-पेंड्रा-मरवाही कोतवाली', 'Thana Gaurela-Pendra-Marwahi Kotwali']);
  });

  it('never sets the district larger than a name that cannot wrap', () => {
    const { lines, district } = nameOf(posterLayout('A5', { name: 'X'.repeat(120), district: 'बिलासपुर · Bilaspur', url }), 'बिलासपुर · Bilaspur');
    expect(lines).to.have.length(1);
    expect(district.size).to.be.at.most(lines[0].size);
  });

  it('leads the emergency box with Hindi', () => {
    const all = texts(posterLayout('A5', { name: 'N', district: 'D', url })).map((t) => t.text);
    expect(all.indexOf(POSTER_TEXT.emergencyHi)).to.be.below(all.indexOf(POSTER_TEXT.emergencyEn));
  });
});
