import { expect } from '@open-wc/testing';
import {
  feedbackPayloadSchema, normaliseMobile, mobileSchema, parsePayload, questionSetSchema, stationDirectorySchema,
} from '../../src/core/schema.js';
import { defaultQuestions } from '../../src/core/questions.js';
import { payload } from '../support/payload.mjs';

const valid = payload({ id: '3f0c7c1e-1a2b-4c3d-8e4f-5a6b7c8d9e0f', createdAt: '2026-11-22T10:15:00.000Z' });

describe('mobile number normalisation', () => {
  // [typed, normalised, accepted]
  const table: [string, string, boolean][] = [
    ['9876543210', '9876543210', true],
    ['98765 43210', '9876543210', true],
    ['+91 98765 43210', '9876543210', true],
    ['+91-98765-43210', '9876543210', true],
    ['09876543210', '9876543210', true],
    ['0091 9876543210', '9876543210', true],
    ['919876543210', '9876543210', true],
    ['९८७६५४३२१०', '9876543210', true],
    ['+९१ ९८७६५ ४३२१०', '9876543210', true],
    ['(98765) 43210', '9876543210', true],
    ['6000000000', '6000000000', true],
    ['5876543210', '5876543210', false],
    ['98765', '98765', false],
    ['98765432101', '98765432101', false],
    ['98765abcde', '98765abcde', false],
    ['', '', false],
  ];
  for (const [typed, normalised, ok] of table) {
    it(`"${typed}" → "${normalised}" (${ok ? 'accepted' : 'rejected'})`, () => {
      expect(normaliseMobile(typed)).to.equal(normalised);
      const result = mobileSchema.safeParse(typed);
      expect(result.success).to.equal(ok);
      if (result.success) expect(result.data).to.equal(normalised);
    });
  }
});

describe('feedback payload schema', () => {
  it('accepts the example payload of SPEC.md', () => {
    expect(parsePayload(valid).success).to.equal(true);
  });

  it('accepts a named payload with contact and normalises its mobile', () => {
    const r = parsePayload({ ...valid, anonymous: false, contact: { name: 'राम', mobile: '+91 98765 43210', callback: true } });
    expect(r.success).to.equal(true);
    if (r.success && !r.data.anonymous) expect(r.data.contact.mobile).to.equal('9876543210');
  });

  it('accepts each source: qr, web, and call (recorded by the feedback cell)', () => {
    for (const source of ['qr', 'web', 'call']) expect(parsePayload({ ...valid, source }).success, source).to.equal(true);
  });

  const rejected: [string, unknown][] = [
    ['an anonymous payload with contact', { ...valid, contact: { name: 'x', mobile: '9876543210', callback: false } }],
    ['a named payload without contact', { ...valid, anonymous: false }],
    ['an unknown key', { ...valid, extra: 1 }],
    ['an unknown answer-value type', { ...valid, answers: { purpose: ['a'] } }],
    ['a comment over 1000 characters', { ...valid, answers: { comment: 'x'.repeat(1001) } }],
    ['a bad schema name', { ...valid, schema: 'anubhav.feedback/v2' }],
    ['a non-UUID id', { ...valid, id: 'not-a-uuid' }],
    ['a bad time', { ...valid, createdAt: '22/11/2026' }],
    ['a station id with spaces', { ...valid, station: 'Civil Lines' }],
    ['a station id in Devanagari', { ...valid, station: 'सिविल' }],
    ['an unknown language', { ...valid, lang: 'fr' }],
    ['an unknown source', { ...valid, source: 'email' }],
    ['a __proto__ answer key', JSON.parse('{"__proto__": 1}') && { ...valid, answers: JSON.parse('{"__proto__": "x"}') }],
    ['a bad mobile', { ...valid, anonymous: false, contact: { name: 'x', mobile: '12345', callback: false } }],
    ['"anonymous" that is not a boolean', { ...valid, anonymous: 'true' }],
    ['"callback" that is not a boolean', { ...valid, anonymous: false, contact: { name: 'x', mobile: '9876543210', callback: 1 } }],
    ['a bad questionSet', { ...valid, questionSet: 'default' }],
  ];
  for (const [what, payload] of rejected) {
    it(`rejects ${what}`, () => {
      expect(feedbackPayloadSchema.safeParse(payload).success).to.equal(false);
    });
  }

  it('NFC-normalises free text', () => {
    const decomposed = 'क\u093C'; // क + nukta, which NFC composes to क़ (U+0958)... or keeps; either way NFC-stable
    const r = parsePayload({ ...valid, answers: { comment: `e\u0301 ${decomposed}` } });
    expect(r.success).to.equal(true);
    if (r.success) expect(r.data.answers.comment).to.equal(`e\u0301 ${decomposed}`.normalize('NFC'));
  });
});

describe('question set schema', () => {
  it('accepts the default question set', () => {
    expect(questionSetSchema.safeParse(defaultQuestions).success).to.equal(true);
  });

  // Each list of questions is checked inside a set that is otherwise valid,
  // so that the rule named is what rejects it.
  const set = (questions: unknown) => ({ id: 'test', version: 1, questions });
  const option = (value: string) => ({ value, label: { hi: value, en: value } });

  it('accepts a small set with a two-option choice', () => {
    expect(questionSetSchema.safeParse(set([
      { id: 'a', type: 'choice', required: true, label: { hi: 'अ', en: 'A' }, options: [option('x'), option('y')] }])).success).to.equal(true);
  });

  const bad: [string, unknown][] = [
    ['an empty set', set([])],
    ['a choice without options', set([{ id: 'a', type: 'choice', label: { hi: 'अ', en: 'A' } }])],
    ['a choice with one option', set([{ id: 'a', type: 'choice', label: { hi: 'अ', en: 'A' }, options: [option('x')] }])],
    ['a duplicate id', set([
      { id: 'a', type: 'text', label: { hi: 'अ', en: 'A' } },
      { id: 'a', type: 'text', label: { hi: 'अ', en: 'A' } }])],
    ['an unknown type', set([{ id: 'a', type: 'slider', label: { hi: 'अ', en: 'A' } }])],
    ['a missing English label', set([{ id: 'a', type: 'text', label: { hi: 'अ' } }])],
    ['"required" that is not a boolean', set([{ id: 'a', type: 'text', required: 'yes', label: { hi: 'अ', en: 'A' } }])],
    ['showIf naming a later question', set([
      { id: 'a', type: 'text', label: { hi: 'अ', en: 'A' }, showIf: { question: 'b', equals: 'x' } },
      { id: 'b', type: 'choice', label: { hi: 'ब', en: 'B' }, options: [option('x'), option('y')] }])],
    ['a bare list of questions', [{ id: 'a', type: 'text', label: { hi: 'अ', en: 'A' } }]],
    ['a bad set id', { ...set([{ id: 'a', type: 'text', label: { hi: 'अ', en: 'A' } }]), id: 'Default' }],
    ['version 0', { ...set([{ id: 'a', type: 'text', label: { hi: 'अ', en: 'A' } }]), version: 0 }],
  ];
  for (const [what, value] of bad) {
    it(`rejects ${what}`, () => {
      expect(questionSetSchema.safeParse(value).success).to.equal(false);
    });
  }
});

describe('station directory schema', () => {
  const station = { id: 'BSP-TARBAHAR', name: { hi: 'तारबाहर', en: 'Tarbahar' }, district: { id: 'bilaspur', name: { hi: 'बिलासपुर', en: 'Bilaspur' } } };
  it('accepts stations with and without a kind', () => {
    expect(stationDirectorySchema.safeParse([station, { ...station, id: 'BSP-112', kind: 'dial-112' }]).success).to.equal(true);
  });
  it('rejects a duplicate id, a bad kind and a missing district', () => {
    expect(stationDirectorySchema.safeParse([station, station]).success).to.equal(false);
    expect(stationDirectorySchema.safeParse([{ ...station, kind: 'jail' }]).success).to.equal(false);
    expect(stationDirectorySchema.safeParse([{ id: 'X', name: station.name }]).success).to.equal(false);
  });
});
