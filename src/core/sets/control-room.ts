/**
 * `control-room@1`: for a citizen who called the police control room. The
 * call is the service: was it picked up at once, did the person on the line
 * understand, and was help sent. Loaded by the form only for a unit that
 * uses it.
 */
import type { QuestionSet } from '../schema.js';
import { comment, moneyQuestions, no, overall, yes } from './common.js';

const controlRoom: QuestionSet = { id: 'control-room', version: 1, questions: [
  { id: 'callDate', type: 'date', label: { hi: 'कॉल करने की तारीख', en: 'Date of your call' } },
  {
    id: 'answered',
    type: 'choice',
    required: true,
    label: { hi: 'क्या आपका फ़ोन तुरंत उठाया गया?', en: 'Was your call answered promptly?' },
    options: [
      { value: 'yes', label: { hi: 'हाँ, तुरंत', en: 'Yes, at once' } },
      { value: 'delayed', label: { hi: 'देर से उठाया गया', en: 'After a delay' } },
      { value: 'again', label: { hi: 'कई बार कॉल करना पड़ा', en: 'I had to call more than once' } },
    ],
  },
  {
    id: 'understood',
    type: 'choice',
    label: { hi: 'क्या फ़ोन पर बात करने वाले ने आपकी समस्या ठीक से समझी?', en: 'Did the person on the line understand your problem?' },
    options: [
      { value: 'yes', label: yes },
      { value: 'partly', label: { hi: 'आंशिक रूप से', en: 'Partly' } },
      { value: 'no', label: no },
    ],
  },
  {
    id: 'helpSent',
    type: 'choice',
    label: { hi: 'क्या आपकी मदद के लिए पुलिस भेजी गई?', en: 'Was police help sent to you?' },
    options: [
      { value: 'yes', label: yes },
      { value: 'late', label: { hi: 'हाँ, पर देर से', en: 'Yes, but late' } },
      { value: 'no', label: no },
      { value: 'na', label: { hi: 'ज़रूरत नहीं थी', en: 'It was not needed' } },
    ],
  },
  {
    id: 'staffBehaviour',
    type: 'rating',
    required: true,
    label: { hi: 'फ़ोन पर बात करने वाले पुलिसकर्मी का व्यवहार कैसा था?', en: 'How did the police staff on the line behave with you?' },
  },
  ...moneyQuestions(),
  overall,
  comment,
] };
export default controlRoom;
