/**
 * Questions and answers that several sets share, word for word: the money
 * question above all, which every set asks with the same id and values, so
 * that the inbox's money flag and the office's "asked for money" share mean
 * the same thing whichever unit the citizen met.
 */
import type { Bilingual, Question } from '../schema.js';

export const yes: Bilingual = { hi: 'हाँ', en: 'Yes' };
export const no: Bilingual = { hi: 'नहीं', en: 'No' };

/** The money question, which every set asks with this id and these values. */
export const moneyDemanded: Question = {
  id: 'moneyDemanded',
  type: 'choice',
  required: true,
  label: { hi: 'क्या किसी ने पैसे, उपहार या अन्य लाभ की मांग की?', en: 'Did anyone ask for money, a gift or a favour?' },
  options: [
    { value: 'no', label: no },
    { value: 'yes', label: yes },
    { value: 'nosay', label: { hi: 'बताना नहीं चाहते', en: 'Prefer not to say' } },
  ],
};

/** The optional detail that the money question's "yes" reveals. */
export const moneyDetail: Question = {
  id: 'moneyDetail',
  type: 'longtext',
  maxLength: 500,
  showIf: { question: 'moneyDemanded', equals: 'yes' },
  label: { hi: 'क्या हुआ, बताएँ (वैकल्पिक)', en: 'Tell us what happened (optional)' },
};

/**
 * `moneyDemanded` and its detail. `label` replaces the question where a
 * unit's own wording is clearer (traffic asks about money "outside the
 * challan").
 */
export const moneyQuestions = (label?: Bilingual): Question[] => [label ? { ...moneyDemanded, label } : moneyDemanded, moneyDetail];

export const overall: Question = { id: 'overall', type: 'rating', required: true, label: { hi: 'कुल मिलाकर आपका अनुभव', en: 'Overall experience' } };

export const comment: Question = {
  id: 'comment', type: 'longtext', maxLength: 1000, label: { hi: 'सुझाव या अन्य बात', en: 'Suggestions or anything else' },
};
