import { expect } from '@open-wc/testing';
import { buildPayload, visibleQuestions, type FormState } from '../../src/core/form.js';
import { defaultQuestions } from '../../src/core/questions.js';
import type { QuestionSet } from '../../src/core/schema.js';

const yesNo = [{ value: 'yes', label: { hi: 'हाँ', en: 'Yes' } }, { value: 'no', label: { hi: 'नहीं', en: 'No' } }];
/** a → b (when a is yes) → c (when b is yes). */
const chain: QuestionSet = { id: 'chain', version: 1, questions: [
  { id: 'a', type: 'choice', label: { hi: 'क', en: 'A' }, options: yesNo },
  { id: 'b', type: 'choice', label: { hi: 'ख', en: 'B' }, options: yesNo, showIf: { question: 'a', equals: 'yes' } },
  { id: 'c', type: 'text', label: { hi: 'ग', en: 'C' }, showIf: { question: 'b', equals: 'yes' } },
] };
const state = (answers: FormState['answers']): FormState => ({ answers, anonymous: true, name: '', mobile: '', callback: false });
const ctx = { id: '3f0c7c1e-0000-4000-8000-000000000001', createdAt: '2026-11-26T10:00:00.000Z', station: 'S-1', lang: 'hi', source: 'qr' } as const;

describe('form logic', () => {
  it('hides a question whose own condition holds but whose parent is hidden', () => {
    const ids = (answers: FormState['answers']) => visibleQuestions(chain.questions, answers).map((q) => q.id);
    expect(ids({ a: 'yes', b: 'yes' })).to.deep.equal(['a', 'b', 'c']);
    // The citizen answered b and c, then changed a: b hides, and so must c.
    expect(ids({ a: 'no', b: 'yes', c: 'x' })).to.deep.equal(['a']);
    expect(buildPayload(chain, state({ a: 'no', b: 'yes', c: 'x' }), ctx).answers).to.deep.equal({ a: 'no' });
  });

  it('names a custom set in the payload, and leaves the default set unnamed', () => {
    expect(buildPayload(chain, state({ a: 'no' }), ctx).questionSet).to.equal('chain@1');
    const payload = buildPayload(defaultQuestions, state({ purpose: 'other' }), ctx);
    expect('questionSet' in payload).to.equal(false);
  });
});
