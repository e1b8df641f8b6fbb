// Property-based tests of the one schema, on both sides: random and mutated
// payloads go to the real collector over loopback and through the built
// dist/anubhav.js in Chromium, and both must give the same verdict, with no
// crash (no 5xx) and no prototype pollution on either side. The collector
// knows more than the schema (the question set, the clock), so it must
// accept exactly what the browser's schema accepts and those checks pass,
// as computed here from the published `anubhav-widgets/core`.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { launch } from '../support/browser.mjs';
import { startSiteCollector } from '../../collector/test/support.mjs';
import { OUTBOX_EXPIRY_MS, checkAnswers, defaultQuestions, parsePayload } from '../../dist/core.js';

const SEED = Number(process.env.FC_SEED ?? 20261122);
const RUNS = Number(process.env.FC_RUNS ?? 400);

let collector, browser, page;
before(async () => {
  collector = await startSiteCollector({ minFillMs: 0, rateLimit: 100000 });
  browser = await launch();
  page = await browser.newPage();
  await page.goto(`${collector.base}/e2e/strict.html`);
});
after(async () => {
  await browser?.close();
  await collector?.close();
});

const devanagari = fc.constantFrom(...'कखगघचछजझटठडढतथदधनपफबभमयरलवशसहअआइईउऊएऐओऔािीुूेैोौंः़्०१२३४५६७८९।');
const tricky = fc.constantFrom('\u0301', '\u093C', '\u202E', '\u202D', '\u200D', '\u0000', '\uFEFF', 'e\u0301', '<img src=x onerror=alert(1)>', '=cmd', '"', '\\');
const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: devanagari, maxLength: 60 }),
  fc.string({ unit: fc.oneof(devanagari, tricky, fc.constantFrom('a', ' ')), maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
);
const hugeText = fc.integer({ min: 990, max: 40000 }).map((n) => 'क'.repeat(n));
const answerKey = fc.constantFrom('purpose', 'staffBehaviour', 'overall', 'comment', 'officer', 'x_1', 'Bad Key', '__proto__', 'constructor', '');
const answers = fc.dictionary(answerKey, fc.oneof(text, fc.integer({ min: -5, max: 1005 }), fc.double(), fc.boolean(), fc.constant(null)), { maxKeys: 8 });
const mobile = fc.oneof(fc.constantFrom('9876543210', '+91 98765 43210', '०९८७६५४३२१०', '12345', '5876543210'), text);

const valid = fc.record({
  schema: fc.constant('anubhav.feedback/v1'),
  id: fc.uuid({ version: 4 }),
  // Mostly within the collector's window (7 days back, 10 minutes ahead), sometimes not.
  createdAt: fc.oneof(
    { arbitrary: fc.integer({ min: -6 * 86_400_000, max: 5 * 60_000 }), weight: 4 },
    { arbitrary: fc.integer({ min: -400 * 86_400_000, max: 400 * 86_400_000 }), weight: 1 },
  ).map((offset) => new Date(Date.now() + offset).toISOString()),
  station: fc.constantFrom('BSP-CIVIL-LINES', 'KRB-DARRI', 'a.b_c-1'),
  lang: fc.constantFrom('hi', 'en'),
  source: fc.constantFrom('qr', 'web'),
  // Mostly answers that fit default@1, sometimes ones that do not.
  answers: fc.oneof(
    { arbitrary: fc.record({
      purpose: fc.constantFrom('complaint', 'lost', 'other'), staffBehaviour: fc.integer({ min: 1, max: 5 }),
      moneyDemanded: fc.constantFrom('no', 'nosay'), overall: fc.integer({ min: 0, max: 6 }), comment: text,
    }, { requiredKeys: ['purpose', 'staffBehaviour', 'moneyDemanded', 'overall'] }), weight: 4 },
    { arbitrary: fc.dictionary(fc.constantFrom('purpose', 'overall', 'comment'), fc.oneof(text, fc.integer({ min: 0, max: 5 })), { maxKeys: 3 }), weight: 1 },
  ),
  anonymous: fc.constant(true),
});
const named = valid.chain((p) => fc.record({ name: text, mobile, callback: fc.boolean() }).map((contact) => ({ ...p, anonymous: false, contact })));

/** One change that may or may not break the payload. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('set'), key: fc.constantFrom('schema', 'id', 'createdAt', 'station', 'district', 'lang', 'source', 'anonymous', 'extra'), value: fc.jsonValue({ maxDepth: 2 }) }),
  fc.record({ kind: fc.constant('delete'), key: fc.constantFrom('schema', 'id', 'createdAt', 'station', 'lang', 'source', 'answers', 'anonymous') }),
  fc.record({ kind: fc.constant('answers'), value: answers }),
  fc.record({ kind: fc.constant('huge'), value: hugeText }),
  fc.record({ kind: fc.constant('proto'), where: fc.constantFrom('top', 'answers', 'contact') }),
  fc.record({ kind: fc.constant('station'), value: fc.oneof(text, fc.constantFrom('सिविल', 'Civil Lines', 'a'.repeat(65))) }),
);

/** Applies a mutation to the JSON text, so `__proto__` arrives as an own key, as it would off the wire. */
function mutate(payload, m) {
  const p = structuredClone(payload);
  if (m.kind === 'set') p[m.key] = m.value;
  if (m.kind === 'delete') delete p[m.key];
  if (m.kind === 'answers') p.answers = m.value;
  if (m.kind === 'huge') p.answers = { ...p.answers, comment: m.value };
  if (m.kind === 'station') p.station = m.value;
  let json = JSON.stringify(p);
  if (m.kind === 'proto') {
    const at = m.where === 'top' ? '{' : m.where === 'answers' ? '"answers":{' : '"contact":{';
    const i = json.indexOf(at);
    if (i >= 0) {
      const rest = json.slice(i + at.length);
      json = `${json.slice(0, i + at.length)}"__proto__":{"polluted":1}${rest.startsWith('}') ? '' : ','}${rest}`;
    }
  }
  return json;
}

const cases = fc.sample(
  fc.oneof(
    { arbitrary: valid.map((p) => JSON.stringify(p)), weight: 2 },
    { arbitrary: named.map((p) => JSON.stringify(p)), weight: 2 },
    { arbitrary: fc.tuple(fc.oneof(valid, named), mutation).map(([p, m]) => mutate(p, m)), weight: 5 },
    { arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)), weight: 1 },
  ),
  { seed: SEED, numRuns: RUNS },
);

/** The collector's checks beyond the schema, for a body the schema accepts. */
function fitsCollector(body) {
  const parsed = parsePayload(JSON.parse(body));
  if (!parsed.success) return false;
  const created = Date.parse(parsed.data.createdAt);
  const now = Date.now();
  // A margin either side of the window's edges, which a slow run could cross.
  const inWindow = created <= now + 10 * 60_000 && created >= now - OUTBOX_EXPIRY_MS - 10 * 60_000;
  // A recorded call needs an office caller; these POSTs carry no credentials.
  return inWindow && parsed.data.source !== 'call'
    && (parsed.data.questionSet ?? 'default@1') === 'default@1' && checkAnswers(defaultQuestions, parsed.data.answers).length === 0;
}

test(`the browser build and the collector agree on ${RUNS} random and mutated payloads (seed ${SEED})`, async () => {
  const browserVerdicts = await page.evaluate(async (bodies) => {
    const { parsePayload } = await import('/dist/anubhav.js');
    const verdicts = bodies.map((body) => parsePayload(JSON.parse(body)).success);
    return { verdicts, polluted: Object.keys(Object.prototype).length + ({}.polluted === undefined ? 0 : 1) };
  }, cases);
  assert.equal(browserVerdicts.polluted, 0, 'Object.prototype was changed in the browser');

  const mismatches = [];
  const statuses = new Map();
  for (const [i, body] of cases.entries()) {
    let key = 'x';
    try {
      key = String(JSON.parse(body)?.id ?? 'x');
    } catch { /* keep x */ }
    const res = await fetch(`${collector.base}/api/feedback`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key.slice(0, 200) || 'x' }, body,
    });
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    assert.ok(res.status < 500, `collector answered ${res.status} to ${body.slice(0, 200)}`);
    const accepted = res.status === 201 || res.status === 202;
    if (accepted !== (browserVerdicts.verdicts[i] && fitsCollector(body))) mismatches.push({ body: body.slice(0, 300), collector: res.status, browser: browserVerdicts.verdicts[i] });
  }
  assert.deepEqual(mismatches, []);
  assert.equal({}.polluted, undefined, 'Object.prototype was changed in Node');
  // The generators must exercise both verdicts, or the test proves little.
  const accepted = (statuses.get(201) ?? 0) + (statuses.get(202) ?? 0);
  assert.ok(accepted > RUNS / 10 && statuses.get(400) > RUNS / 10, `verdicts: ${JSON.stringify([...statuses])}`);
});
