// The hosted page (/f) over loopback, against the real collector and its
// SQLite file: the urlencoded mapping in core and its abuse cases, the
// post without script (stored once, replays, errors with answers kept, the
// spam signals), and what the page's responses promise (size, CSP, caching).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { get } from 'node:http';
import { brotliDecompressSync } from 'node:zlib';
import { defaultQuestions, readFormPost } from 'anubhav-widgets/core';
import { startCollector } from './support.mjs';

const STATIONS = 'demo/stations.json';
const PAGE = '/f?station=BSP-CIVIL-LINES';

/** The fields a citizen posts for the required questions. */
const REQUIRED = [['q-purpose', 'complaint'], ['q-staffBehaviour', '4'], ['q-moneyDemanded', 'no'], ['q-overall', '5']];

/** A fresh form page's hidden fields, as the browser would post them back. */
async function rendered(c, path = PAGE) {
  const html = await (await fetch(c.base + path)).text();
  const id = /response-id="([^"]+)"/.exec(html)?.[1];
  const token = /form-token="([^"]+)"/.exec(html)?.[1];
  assert.ok(id && token, 'the page carries its response id and signed token');
  return [['response-id', id], ['form-token', token], ['anonymous', 'on'], ['website', '']];
}

/** A GET as the bytes on the wire: fetch would decompress them. */
function raw(url, headers) {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

function postForm(c, fields, path = PAGE, headers = {}) {
  const body = typeof fields === 'string' ? fields : new URLSearchParams(fields).toString();
  return fetch(c.base + path, {
    method: 'POST', redirect: 'manual', body,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
  });
}

describe('readFormPost: the urlencoded form, read into the form\'s state', () => {
  const read = (fields) => readFormPost(defaultQuestions, fields);

  test('maps ratings to numbers, choices and texts as given, checkboxes by presence, and leaves empty answers out', () => {
    const result = read([...REQUIRED, ['q-comment', ' ठीक '], ['q-officer', ''], ['anonymous', 'on'],
      ['contact-name', 'x'], ['response-id', 'id'], ['form-token', 't'], ['website', '']]);
    assert.equal(result.ok, true);
    assert.deepEqual(result.post.state.answers, { purpose: 'complaint', staffBehaviour: 4, moneyDemanded: 'no', overall: 5, comment: ' ठीक ' });
    assert.equal(result.post.state.anonymous, true);
    assert.equal(result.post.state.callback, false);
    assert.deepEqual([result.post.id, result.post.token, result.post.trap], ['id', 't', '']);
    // An unticked checkbox is not posted: the citizen chose to give a name.
    assert.equal(read([['contact-callback', 'on']]).post.state.anonymous, false);
    assert.equal(read([['contact-callback', 'on']]).post.state.callback, true);
  });

  const refused = [
    ['an unknown field', [['q-invented', 'x']], 'q-invented'],
    ['a field named like an answer key but not the form\'s', [['purpose', 'complaint']], 'purpose'],
    ['a prototype key', [['__proto__', 'x']], '__proto__'],
    ['a repeated question', [['q-purpose', 'complaint'], ['q-purpose', 'lost']], 'q-purpose'],
    ['a repeated id', [['response-id', 'a'], ['response-id', 'b']], 'response-id'],
    ['a rating out of range', [['q-overall', '6']], 'q-overall'],
    ['a rating that is not a whole number', [['q-overall', '4.0']], 'q-overall'],
    ['a rating that is text', [['q-overall', 'good']], 'q-overall'],
    ['a choice never offered', [['q-purpose', 'bribe']], 'q-purpose'],
    ['a value that is not text (a file, in FormData)', [['q-comment', { name: 'file' }]], 'q-comment'],
  ];
  for (const [what, fields, field] of refused) {
    test(`refuses ${what}`, () => {
      const result = read(fields);
      assert.equal(result.ok, false);
      assert.ok(result.issues.some((i) => i.field === field), JSON.stringify(result.issues));
    });
  }
});

describe('the hosted page', () => {
  let c;
  before(async () => (c = await startCollector({
    stations: STATIONS, minFillMs: 0,
    args: ['--site-name', 'बिलासपुर रेंज पुलिस|Bilaspur Range Police', '--office-name', 'आईजी कार्यालय, बिलासपुर|IG office, Bilaspur',
      '--logo', 'demo/logo.svg', '--contact-retention-days', '90'],
  })));
  after(() => c.close());

  test('serves the form in the HTML, compressed to well under 14 KB, with a strict CSP and no-cache', async () => {
    for (const lang of ['hi', 'en']) {
      const res = await raw(`${c.base}${PAGE}&lang=${lang}`, { 'Accept-Encoding': 'br' });
      assert.equal(res.status, 200);
      assert.equal(res.headers['content-encoding'], 'br');
      const compressed = res.body;
      // What paints the form arrives in the first round trip (about 14 KB).
      assert.ok(compressed.length <= 14 * 1024, `${compressed.length} B compressed`);
      const html = brotliDecompressSync(compressed).toString();
      assert.match(html, /<anubhav-feedback[^>]*><template shadowroot(mode)?="open"/);
      assert.match(html, /<form part=form method=post/);
      assert.match(html, lang === 'hi' ? /बिलासपुर रेंज पुलिस/ : /Bilaspur Range Police/);
      const csp = res.headers['content-security-policy'];
      assert.match(csp, /script-src 'self';/);
      assert.match(csp, /require-trusted-types-for 'script'; trusted-types lit-html/);
      assert.match(csp, /form-action 'self'/);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
      // Every inline style block is allowed by its hash, and there is no inline script.
      assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/);
      assert.equal(res.headers['cache-control'], 'no-cache');
    }
  });

  test('serves its script and logo fingerprinted, immutable and compressed', async () => {
    const html = await (await fetch(c.base + PAGE)).text();
    for (const path of [/src="(\/f\/anubhav-hosted\.[0-9a-f]{12}\.js)"/.exec(html)[1], /src="(\/f\/logo\.[0-9a-f]{12}\.svg)"/.exec(html)[1]]) {
      const res = await raw(c.base + path, { 'Accept-Encoding': 'gzip, br' });
      assert.equal(res.status, 200);
      assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable');
      assert.equal(res.headers['content-encoding'], 'br');
    }
  });

  test('a post is stored once, answered 303 to a confirmation with its reference; a second post is a replay', async () => {
    const before = await c.rows();
    const fields = [...await rendered(c), ...REQUIRED, ['q-comment', 'धन्यवाद']];
    const res = await postForm(c, fields);
    assert.equal(res.status, 303);
    const location = new URL(res.headers.get('location'), c.base);
    assert.equal(location.pathname, '/f/sent');
    const reference = location.searchParams.get('ref');
    assert.match(reference, /^AN-/);
    assert.equal(await c.rows(), before + 1);
    const again = await postForm(c, fields);
    assert.equal(again.status, 303);
    assert.equal(new URL(again.headers.get('location'), c.base).searchParams.get('ref'), reference);
    assert.equal(await c.rows(), before + 1);
    const page = await (await fetch(location)).text();
    assert.ok(page.includes(reference));
    // The same page posted with other answers is not a replay, and not stored.
    const changed = await postForm(c, fields.map(([k, v]) => [k, k === 'q-overall' ? '1' : v]));
    assert.equal(changed.status, 409);
    assert.equal(await c.rows(), before + 1);
  });

  test('the confirmation shows only references this collector signed', async () => {
    const res = await fetch(`${c.base}/f/sent?ref=AN-FAKE-REF&sig=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`);
    assert.equal(res.status, 404);
    assert.ok(!(await res.text()).includes('AN-FAKE-REF'));
  });

  test('an invalid post comes back as the form with the error summary and every answer kept', async () => {
    const before = await c.rows();
    const res = await postForm(c, [...(await rendered(c)).filter(([k]) => k !== 'anonymous'),
      ['q-purpose', 'lost'], ['q-officer', 'एस. आई. <वर्मा>'], ['q-comment', 'a "quote" & <b>'],
      ['contact-name', 'सीता'], ['contact-mobile', '123']]);
    assert.equal(res.status, 400);
    const html = await res.text();
    assert.match(html, /class=error-summary/);
    assert.match(html, /value="lost"[^>]*checked/);
    assert.match(html, /value="एस. आई. &lt;वर्मा&gt;"/);
    assert.match(html, /<textarea[^>]*id="q-comment"[^>]*>a &#34;quote&#34; &#38; &#60;b&#62;<\/textarea>/);
    assert.match(html, /value="सीता"/);
    assert.match(html, /value="123"/);
    assert.doesNotMatch(html, /<script/, 'the page after a post works without script');
    assert.equal(await c.rows(), before);
  });

  const abuse = [
    ['an unknown field', [['q-invented', 'x']]],
    ['a repeated field', [['q-comment', 'a'], ['q-comment', 'b']]],
    ['a wrong type', [['q-staffBehaviour', 'seven']]],
    ['a choice never offered', [['q-moneyDemanded', 'maybe']]],
  ];
  for (const [what, extra] of abuse) {
    test(`refuses ${what} with 400 and stores nothing`, async () => {
      const before = await c.rows();
      const fields = [...await rendered(c), ...REQUIRED.filter(([k]) => !extra.some(([e]) => e === k)), ...extra];
      const res = await postForm(c, fields);
      assert.equal(res.status, 400);
      assert.match(res.headers.get('content-type'), /text\/html/);
      assert.equal(await c.rows(), before);
    });
  }

  test('refuses a body over 32 KiB with 413 before reading it, and invalid UTF-8 with 400', async () => {
    const before = await c.rows();
    const big = `${new URLSearchParams([...await rendered(c), ...REQUIRED])}&q-comment=${'a'.repeat(33 * 1024)}`;
    assert.equal((await postForm(c, big)).status, 413);
    const bad = await fetch(c.base + PAGE, {
      method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: Buffer.concat([Buffer.from('q-comment='), Buffer.from([0xff, 0xfe])]),
    });
    assert.equal(bad.status, 400);
    assert.equal(await c.rows(), before);
  });

  test('a text over its cap comes back as the form\'s own error, not a refusal', async () => {
    const res = await postForm(c, [...await rendered(c), ...REQUIRED, ['q-officer', 'क'.repeat(101)]]);
    assert.equal(res.status, 400);
    assert.match(await res.text(), /class=error-summary/);
  });

  test('the honeypot and a token the collector did not sign look like success and store nothing', async () => {
    const before = await c.rows();
    const fields = await rendered(c);
    const trapped = await postForm(c, [...fields.filter(([k]) => k !== 'website'), ['website', 'http://spam'], ...REQUIRED]);
    assert.equal(trapped.status, 303);
    const forged = await postForm(c, [...fields.filter(([k]) => k !== 'form-token'), ['form-token', `${Date.now() - 60_000}.${'A'.repeat(32)}`], ...REQUIRED]);
    assert.equal(forged.status, 303);
    const none = await postForm(c, [...fields.filter(([k]) => k !== 'form-token'), ...REQUIRED]);
    assert.equal(none.status, 303);
    assert.equal(await c.rows(), before);
  });

  test('an unknown station gets the picker with a message; a known one can be changed', async () => {
    const res = await fetch(`${c.base}/f?station=NOWHERE&lang=en`);
    assert.equal(res.status, 404);
    const html = await res.text();
    assert.match(html, /The station in this link \(NOWHERE\) is not in our list/);
    assert.match(html, /href="\/f\?district=bilaspur&#38;lang=en">Bilaspur</);
    const change = await (await fetch(`${c.base}/f?change=BSP-CIVIL-LINES&lang=en`)).text();
    assert.match(change, /Police stations and offices in Bilaspur/);
    assert.match(change, /href="\/f\?station=BSP-CIVIL-LINES&#38;from=picker&#38;lang=en">Civil Lines</);
  });

  test('the privacy notice states the retention period and who receives the data', async () => {
    const en = await (await fetch(`${c.base}/privacy?lang=en`)).text();
    assert.match(en, /at most 90 days after the feedback is closed/);
    assert.match(en, /directly to IG office, Bilaspur/);
    const hi = await (await fetch(`${c.base}/privacy?lang=hi`)).text();
    assert.match(hi, /अधिकतम 90 दिन/);
    assert.match(hi, /आईजी कार्यालय, बिलासपुर/);
  });
});

describe('the hosted page\'s minimum fill time', () => {
  let c;
  before(async () => (c = await startCollector({ stations: STATIONS })));
  after(() => c.close());

  test('a form posted within 3 s of its rendering is taken for a bot: it looks sent, and nothing is stored', async () => {
    const res = await postForm(c, [...await rendered(c), ...REQUIRED]);
    assert.equal(res.status, 303);
    assert.equal(await c.rows(), 0);
  });
});
