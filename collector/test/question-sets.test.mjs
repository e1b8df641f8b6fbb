// The built-in question sets of Dial 112, the control room and traffic:
// the collector knows each without --questions, stores a response that
// answers the set it names, and refuses one that carries another set's
// answers. Against the real collector over loopback; rows from SQLite.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builtInSets, checkAnswers, setRef } from 'anubhav-widgets/core';
import { payload, post, startCollector, storedPayloads } from './support.mjs';

/** A full, valid answer sheet for each built-in set, every question a citizen may answer. */
const SHEETS = {
  'default@1': { purpose: 'complaint', staffBehaviour: 4, moneyDemanded: 'no', overall: 4 },
  'dial-112@1': { callDate: '2026-11-20', arrival: 'lt20m', staffBehaviour: 5, resolved: 'referred', moneyDemanded: 'yes', moneyDetail: 'पेट्रोल के पैसे माँगे', overall: 3, comment: 'गाड़ी समय पर आई' },
  'control-room@1': { callDate: '2026-11-20', answered: 'delayed', understood: 'partly', helpSent: 'late', staffBehaviour: 3, moneyDemanded: 'no', overall: 3 },
  'traffic@1': { stopDate: '2026-11-20', reason: 'helmet', receipt: 'echallan', moneyDemanded: 'nosay', staffBehaviour: 4, overall: 4, place: 'नेहरू चौक' },
};

/** One required answer of each set that no other built-in set asks: the mark of a sheet from that set. */
const OWN = { 'default@1': 'purpose', 'dial-112@1': 'arrival', 'control-room@1': 'answered', 'traffic@1': 'reason' };

describe('the built-in question sets', () => {
  let c;
  before(async () => (c = await startCollector()));
  after(() => c.close());

  test('the sheets used here fit their sets (checked with the same code as the collector)', () => {
    assert.deepEqual(builtInSets.map(setRef), Object.keys(SHEETS));
    for (const set of builtInSets) assert.deepEqual(checkAnswers(set, SHEETS[setRef(set)]), [], setRef(set));
  });

  for (const ref of Object.keys(SHEETS)) {
    test(`${ref}: its answers are stored, under its name`, async () => {
      const body = payload({ questionSet: ref, answers: SHEETS[ref] });
      const res = await post(c.base, body);
      assert.equal(res.status, 201, await res.clone().text());
      const stored = (await storedPayloads(c.db)).find((p) => p.id === body.id);
      assert.equal(stored.questionSet, ref);
      assert.deepEqual(stored.answers, SHEETS[ref]);
    });

    for (const other of Object.keys(SHEETS).filter((o) => o !== ref)) {
      test(`${ref}: a sheet of ${other} is refused, naming its first foreign answer`, async () => {
        const before = (await storedPayloads(c.db)).length;
        const res = await post(c.base, payload({ questionSet: ref, answers: SHEETS[other] }));
        assert.equal(res.status, 400);
        const { issues } = await res.json();
        // The other set's own required question is unknown here, and this
        // set's own required question is missing.
        assert.ok(issues.some((i) => i.path === `answers.${OWN[other]}` && /no question/.test(i.message)), JSON.stringify(issues));
        assert.ok(issues.some((i) => i.path === `answers.${OWN[ref]}` && i.message === 'required'), JSON.stringify(issues));
        assert.equal((await storedPayloads(c.db)).length, before);
      });
    }
  }

  test('a 112 arrival the set does not offer is refused', async () => {
    const res = await post(c.base, payload({ questionSet: 'dial-112@1', answers: { ...SHEETS['dial-112@1'], arrival: 'lt5m' } }));
    assert.equal(res.status, 400);
    const { issues } = await res.json();
    assert.match(issues.find((i) => i.path === 'answers.arrival').message, /one of lt10m, lt20m, lt40m, gt40m, none/);
  });

  test('every built-in set asks the money question, the same way, required, with its detail box', () => {
    const [first, ...rest] = builtInSets.map((set) => set.questions.filter((q) => q.id === 'moneyDemanded' || q.id === 'moneyDetail'));
    for (const [i, pair] of rest.entries()) {
      assert.equal(pair.length, 2, setRef(builtInSets[i + 1]));
      assert.equal(pair[0].required, true);
      assert.deepEqual(pair.map((q) => ({ ...q, label: undefined })), first.map((q) => ({ ...q, label: undefined })), setRef(builtInSets[i + 1]));
    }
  });

  test('the directory lists every built-in set for the console', async () => {
    const res = await fetch(`${c.base}/api/directory`, { headers: { authorization: `Bearer ${c.adminToken}` } });
    assert.equal(res.status, 200);
    const { sets } = await res.json();
    assert.deepEqual(sets.map(setRef), Object.keys(SHEETS));
  });
});
