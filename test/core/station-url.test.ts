import { expect } from '@open-wc/testing';
import { buildStationUrl, readStationParam, readableUrl } from '../../src/core/station-url.js';
import { checkEndpoint, checkLinkUrl } from '../../src/core/config.js';

describe('station URL', () => {
  const table: [string, string, string][] = [
    ['https://bilaspurpolice.example.gov.in/feedback', 'BSP-CIVIL-LINES', 'https://bilaspurpolice.example.gov.in/feedback?station=BSP-CIVIL-LINES'],
    ['https://x.example.gov.in/f?utm=poster&lang=hi', 'BSP-TARBAHAR', 'https://x.example.gov.in/f?utm=poster&lang=hi&station=BSP-TARBAHAR'],
    ['https://x.example.gov.in/f?station=OLD#top', 'KRB-DARRI', 'https://x.example.gov.in/f?station=KRB-DARRI#top'],
    ['http://127.0.0.1:8080/', 'a.b_c', 'http://127.0.0.1:8080/?station=a.b_c'],
  ];
  for (const [form, id, url] of table) {
    it(`${form} + ${id}`, () => {
      expect(buildStationUrl(form, id)).to.equal(url);
      expect(readStationParam(url)).to.equal(id);
    });
  }

  const refused: [string, string][] = [
    ['javascript:alert(1)', 'BSP-1'],
    ['http://example.com/f', 'BSP-1'],
    ['data:text/html,hi', 'BSP-1'],
    ['https://user:pw@example.com/', 'BSP-1'],
    ['https://example.com/', 'Civil Lines'],
    ['https://example.com/', 'सिविल'],
    ['https://example.com/', ''],
    ['not a url', 'BSP-1'],
  ];
  for (const [form, id] of refused) {
    it(`refuses ${form} with "${id}"`, () => {
      expect(() => buildStationUrl(form, id)).to.throw();
    });
  }

  it('prints the URL with the domain first', () => {
    expect(readableUrl('https://a.example.gov.in/f?station=X')).to.equal('a.example.gov.in/f?station=X');
  });
});

describe('endpoint and link checks', () => {
  const page = 'https://district.example.gov.in/feedback';
  const table: [string, boolean][] = [
    ['https://collector.example.gov.in/api/feedback', true],
    ['/api/feedback', true],
    ['api/feedback', true],
    ['http://localhost:8080/api', true],
    ['http://127.0.0.1/api', true],
    ['http://collector.example.gov.in/api', false],
    ['javascript:alert(1)', false],
    ['data:application/json,{}', false],
    ['ftp://example.com/x', false],
    ['https://u:p@example.com/x', false],
    ['', false],
  ];
  for (const [endpoint, ok] of table) {
    it(`endpoint "${endpoint}" is ${ok ? 'accepted' : 'refused'}`, () => {
      expect(checkEndpoint(endpoint, page).ok).to.equal(ok);
    });
  }
  it('allows a relative endpoint on a plain-http page of the same origin', () => {
    expect(checkEndpoint('/api/feedback', 'http://intranet.example/x').ok).to.equal(true);
    expect(checkEndpoint('http://intranet.example/api', 'http://intranet.example/x').ok).to.equal(false);
  });
  it('allows privacy links that are https or relative only', () => {
    expect(checkLinkUrl('/privacy', page).ok).to.equal(true);
    expect(checkLinkUrl('https://a.example/p', page).ok).to.equal(true);
    expect(checkLinkUrl('javascript:alert(1)', page).ok).to.equal(false);
    expect(checkLinkUrl('http://a.example/p', page).ok).to.equal(false);
    // The URL parser drops leading spaces and tabs; the check must not be fooled.
    for (const sneaky of [' javascript:alert(1)', '\tjavascript:alert(1)', 'java\tscript:alert(1)', ' http://evil.example/p']) {
      expect(checkLinkUrl(sneaky, page).ok, JSON.stringify(sneaky)).to.equal(false);
    }
  });
});
