/**
 * `dial-112@1`: for a citizen who called 112 and was met by a vehicle. What
 * matters after an emergency is how soon the vehicle came, how its crew
 * behaved and whether they dealt with the problem, not a station's desk
 * (receipts, waiting, toilets). The form loads this file only for a unit
 * that uses it, so other pages never download it.
 */
import type { QuestionSet } from '../schema.js';
import { comment, moneyQuestions, no, overall, yes } from './common.js';

/** The arrival answers that count as "within 20 minutes" in the 112 ranking. */
export const ARRIVED_IN_20 = ['lt10m', 'lt20m'];

const dial112: QuestionSet = { id: 'dial-112', version: 1, questions: [
  { id: 'callDate', type: 'date', label: { hi: '112 पर कॉल करने की तारीख', en: 'Date of your call to 112' } },
  {
    id: 'arrival',
    type: 'choice',
    required: true,
    label: { hi: 'कॉल करने के बाद 112 की गाड़ी कितनी देर में पहुँची?', en: 'After your call, how long did the 112 vehicle take to reach you?' },
    options: [
      { value: 'lt10m', label: { hi: '10 मिनट से कम', en: 'Under 10 minutes' } },
      { value: 'lt20m', label: { hi: '10 से 20 मिनट', en: '10 to 20 minutes' } },
      { value: 'lt40m', label: { hi: '20 से 40 मिनट', en: '20 to 40 minutes' } },
      { value: 'gt40m', label: { hi: '40 मिनट से ज़्यादा', en: 'Over 40 minutes' } },
      { value: 'none', label: { hi: 'गाड़ी नहीं आई', en: 'The vehicle did not come' } },
    ],
  },
  {
    // The id the other sets use for staff, so the overview's column and the
    // low-rating flag read the same for a crew. Not required: a citizen
    // whose call brought no vehicle has no crew to rate.
    id: 'staffBehaviour',
    type: 'rating',
    label: { hi: 'गाड़ी में आए पुलिसकर्मियों का आपके साथ व्यवहार कैसा था?', en: 'How did the police crew of the vehicle behave with you?' },
    hint: { hi: 'गाड़ी नहीं आई हो तो इसे छोड़ दें।', en: 'Leave this out if the vehicle did not come.' },
  },
  {
    // `resolved`, as in the default set, so that "no" raises the inbox's
    // "unresolved" flag.
    id: 'resolved',
    type: 'choice',
    label: { hi: 'क्या पुलिस ने मौके पर आपकी समस्या पर कार्रवाई की?', en: 'Did the police deal with your problem on the spot?' },
    options: [
      { value: 'yes', label: yes },
      { value: 'partly', label: { hi: 'आंशिक रूप से', en: 'Partly' } },
      { value: 'referred', label: { hi: 'थाने जाने को कहा गया', en: 'I was told to go to the police station' } },
      { value: 'no', label: no },
    ],
  },
  ...moneyQuestions(),
  overall,
  comment,
] };
export default dial112;
