import { expect } from '@open-wc/testing';
import { escapeXml, posterLayout, posterSvg } from '../../src/core/poster.js';
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
