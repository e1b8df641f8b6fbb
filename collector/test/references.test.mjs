// References: issued by the collector, unique, short, and safe to read out
// on the phone.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newReference, normaliseReference, openStore } from '../dist/index.js';
import { newDb, payload, post, startCollector } from './support.mjs';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const FORM = /^AN-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{3}$/;

describe('reference format', () => {
  test('AN-XXXX-XXX in Crockford base32: no I, L, O or U', () => {
    for (let i = 0; i < 2000; i++) assert.match(newReference(), FORM);
  });

  test('its check character catches every single wrong character and every swap of two different neighbours but 0/Z', () => {
    for (let n = 0; n < 200; n++) {
      const ref = newReference();
      const chars = ref.replace(/-/g, '').slice(2).split('');
      assert.equal(normaliseReference(ref), ref);
      for (let i = 0; i < chars.length; i++) {
        for (const c of ALPHABET) {
          if (c === chars[i]) continue;
          const typo = [...chars];
          typo[i] = c;
          assert.equal(normaliseReference(typo.join('')), undefined, `${ref} with ${c} at ${i}`);
        }
        if (i + 1 < chars.length && chars[i] !== chars[i + 1]) {
          const swapped = [...chars];
          [swapped[i], swapped[i + 1]] = [swapped[i + 1], swapped[i]];
          // Luhn mod N misses one swap: the first and last symbols, 0 and Z.
          const pair = [chars[i], chars[i + 1]].sort().join('');
          if (pair !== '0Z') assert.equal(normaliseReference(swapped.join('')), undefined, `swap ${pair} in ${ref}`);
        }
      }
    }
  });

  test('read back as a person would say or type it', () => {
    const ref = newReference();
    const spoken = ref.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l');
    assert.equal(normaliseReference(spoken), ref);
    assert.equal(normaliseReference(ref.slice(3)), ref, 'without the AN- prefix');
    assert.equal(normaliseReference('AN-7K3M'), undefined);
    assert.equal(normaliseReference('AN-7K3M-9Q*'), undefined);
  });
});

describe('references in the collector', () => {
  let c;
  before(async () => (c = await startCollector()));
  after(() => c.close());

  test('are not derived from the client id: two ids that start alike get different references', async () => {
    const a = payload({ id: '3f0c7c1e-0000-4000-8000-000000000001' });
    const b = payload({ id: '3f0c7c1e-0000-4000-8000-000000000002' });
    const ra = (await (await post(c.base, a)).json()).reference;
    const rb = (await (await post(c.base, b)).json()).reference;
    assert.match(ra, FORM);
    assert.notEqual(ra, rb);
    assert.ok(!ra.includes('3F0C') && !rb.includes('3F0C'));
  });

  test('a replay gets the reference stored the first time', async () => {
    const body = payload();
    const first = (await (await post(c.base, body)).json()).reference;
    for (let i = 0; i < 3; i++) assert.equal((await (await post(c.base, body)).json()).reference, first);
  });

  test('a bot\'s 202 carries a reference of the same form, so the form shows nothing different', async () => {
    const res = await post(c.base, payload(), { headers: { 'Anubhav-Trap': '', 'Anubhav-Fill-Ms': '100' } });
    assert.equal(res.status, 202);
    assert.match((await res.json()).reference, FORM);
  });
});

describe('reference collisions', () => {
  let dir;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'anubhav-ref-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('a reference already taken is drawn again, so references stay unique', async () => {
    const drawn = ['AN-AAAA-AA0', 'AN-AAAA-AA0', 'AN-AAAA-AA0', 'AN-BBBB-BB0'];
    const store = await openStore(await newDb(dir, 'c'), { makeReference: () => drawn.shift() });
    try {
      const first = await store.write((tx) => tx.insert(payload()));
      const second = await store.write((tx) => tx.insert(payload()));
      assert.deepEqual(first, { kind: 'created', reference: 'AN-AAAA-AA0', seq: 1 });
      // The next seq; PostgreSQL's sequence also skips the numbers the failed draws took.
      assert.deepEqual({ ...second, seq: undefined }, { kind: 'created', reference: 'AN-BBBB-BB0', seq: undefined });
      assert.ok(second.seq > first.seq);
      assert.equal(drawn.length, 0, 'two collisions were retried');
    } finally {
      await store.close();
    }
  });
});
