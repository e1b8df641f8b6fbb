import type { QuestionSet } from './schema.js';
import { comment, moneyDemanded, moneyDetail, no, overall, yes } from './sets/common.js';

const na = { hi: 'लागू नहीं', en: 'Not applicable' };

/**
 * The default question set of SPEC.md, `default@1`. `{place}` in a label is
 * replaced by the kind of office ("थाने", "कार्यालय") from the station
 * directory. Any change to its questions needs a new version: responses
 * already stored name this one.
 */
export const defaultQuestions: QuestionSet = { id: 'default', version: 1, questions: [
  {
    id: 'purpose',
    type: 'choice',
    required: true,
    label: { hi: 'आपके आने का उद्देश्य', en: 'Purpose of visit' },
    options: [
      { value: 'complaint', label: { hi: 'शिकायत / एफआईआर', en: 'Complaint / FIR' } },
      { value: 'lost', label: { hi: 'गुमशुदगी / मोबाइल गुम', en: 'Lost article or mobile' } },
      { value: 'verification', label: { hi: 'सत्यापन (पासपोर्ट, चरित्र)', en: 'Verification (passport, character)' } },
      { value: 'traffic', label: { hi: 'यातायात / ई-चालान', en: 'Traffic / e-challan' } },
      { value: 'followup', label: { hi: 'पिछली शिकायत की जानकारी', en: 'Follow-up of an earlier complaint' } },
      { value: 'other', label: { hi: 'अन्य', en: 'Other' } },
    ],
  },
  { id: 'visitDate', type: 'date', label: { hi: '{place} आने की तारीख', en: 'Date of visit' } },
  {
    id: 'staffBehaviour',
    type: 'rating',
    required: true,
    label: { hi: 'पुलिसकर्मियों का आपके साथ व्यवहार कैसा था?', en: 'How did the police staff behave with you?' },
  },
  {
    id: 'heardPromptly',
    type: 'choice',
    label: { hi: 'क्या आपकी शिकायत बिना देरी के सुनी और दर्ज की गई?', en: 'Was your complaint heard and registered without delay?' },
    options: [
      { value: 'yes', label: yes },
      { value: 'delayed', label: { hi: 'देरी से', en: 'With delay' } },
      { value: 'refused', label: { hi: 'मना किया गया', en: 'Refused' } },
      { value: 'na', label: na },
    ],
  },
  {
    id: 'receipt',
    type: 'choice',
    label: { hi: 'क्या आपको पावती या एफआईआर की प्रति मिली?', en: 'Did you get a receipt or a copy of the FIR?' },
    options: [{ value: 'yes', label: yes }, { value: 'no', label: no }, { value: 'na', label: na }],
  },
  {
    id: 'timeTaken',
    type: 'choice',
    label: { hi: 'आपके काम में कितना समय लगा?', en: 'How long did your work take?' },
    options: [
      { value: 'lt30m', label: { hi: '30 मिनट से कम', en: 'Under 30 minutes' } },
      { value: 'lt2h', label: { hi: '30 मिनट से 2 घंटे', en: '30 minutes to 2 hours' } },
      { value: 'gt2h', label: { hi: '2 घंटे से ज़्यादा', en: 'Over 2 hours' } },
      { value: 'again', label: { hi: 'दोबारा आना पड़ा', en: 'Had to come again' } },
    ],
  },
  // The money question, word for word as every set asks it.
  moneyDemanded,
  moneyDetail,
  {
    id: 'facilities',
    type: 'rating',
    label: {
      hi: 'साफ-सफाई व सुविधाएँ (बैठने की जगह, पीने का पानी, शौचालय)',
      en: 'Cleanliness and facilities (seating, drinking water, toilet)',
    },
  },
  {
    id: 'resolved',
    type: 'choice',
    label: { hi: 'क्या आपकी समस्या का समाधान हुआ?', en: 'Was your problem resolved?' },
    options: [
      { value: 'yes', label: yes },
      { value: 'partly', label: { hi: 'आंशिक', en: 'Partly' } },
      { value: 'no', label: no },
      { value: 'pending', label: { hi: 'अभी लंबित', en: 'Still pending' } },
    ],
  },
  overall,
  {
    id: 'officer',
    type: 'text',
    maxLength: 100,
    label: { hi: 'संबंधित अधिकारी का नाम (वैकल्पिक)', en: 'Name of the officer concerned (optional)' },
  },
  comment,
] };
