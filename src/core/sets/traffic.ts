/**
 * `traffic@1`: for a citizen stopped or fined by traffic police. It asks why,
 * whether a receipt or e-challan was given, and whether money was asked
 * outside the challan: the fine is lawful, cash on the side is not. Loaded
 * by the form only for a unit that uses it.
 */
import type { QuestionSet } from '../schema.js';
import { comment, moneyQuestions, no, overall } from './common.js';

const traffic: QuestionSet = { id: 'traffic', version: 1, questions: [
  { id: 'stopDate', type: 'date', label: { hi: 'किस तारीख को रोका गया', en: 'Date you were stopped' } },
  {
    id: 'reason',
    type: 'choice',
    required: true,
    label: { hi: 'आपको किस कारण से रोका गया या चालान किया गया?', en: 'Why were you stopped or given a challan?' },
    options: [
      { value: 'helmet', label: { hi: 'बिना हेलमेट', en: 'No helmet' } },
      { value: 'seatbelt', label: { hi: 'बिना सीट बेल्ट', en: 'No seat belt' } },
      { value: 'documents', label: { hi: 'कागज़ात (लाइसेंस, बीमा, आरसी)', en: 'Papers (licence, insurance, RC)' } },
      { value: 'speed', label: { hi: 'तेज़ रफ़्तार या ग़लत दिशा', en: 'Speeding or driving on the wrong side' } },
      { value: 'signal', label: { hi: 'सिग्नल तोड़ना', en: 'Jumping a signal' } },
      { value: 'drunk', label: { hi: 'शराब पीकर गाड़ी चलाना', en: 'Drink driving' } },
      { value: 'parking', label: { hi: 'ग़लत पार्किंग', en: 'Wrong parking' } },
      { value: 'notTold', label: { hi: 'कारण नहीं बताया गया', en: 'I was not told why' } },
      { value: 'other', label: { hi: 'अन्य', en: 'Other' } },
    ],
  },
  {
    id: 'receipt',
    type: 'choice',
    label: { hi: 'क्या आपको रसीद या ई-चालान मिला?', en: 'Did you get a receipt or an e-challan?' },
    options: [
      { value: 'echallan', label: { hi: 'हाँ, ई-चालान', en: 'Yes, an e-challan' } },
      { value: 'receipt', label: { hi: 'हाँ, रसीद', en: 'Yes, a paper receipt' } },
      { value: 'no', label: no },
      { value: 'na', label: { hi: 'चालान नहीं हुआ', en: 'No challan was made' } },
    ],
  },
  ...moneyQuestions({
    hi: 'क्या चालान के अलावा किसी ने पैसे, उपहार या अन्य लाभ की मांग की?',
    en: 'Apart from the challan, did anyone ask for money, a gift or a favour?',
  }),
  {
    id: 'staffBehaviour',
    type: 'rating',
    required: true,
    label: { hi: 'यातायात पुलिसकर्मियों का आपके साथ व्यवहार कैसा था?', en: 'How did the traffic police behave with you?' },
  },
  overall,
  {
    id: 'place',
    type: 'text',
    maxLength: 100,
    label: { hi: 'कहाँ रोका गया (वैकल्पिक)', en: 'Where were you stopped? (optional)' },
    hint: { hi: 'जैसे चौक या सड़क का नाम', en: 'For example, the name of the square or road' },
  },
  comment,
] };
export default traffic;
