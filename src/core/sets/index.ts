/**
 * Every built-in question set, for code that must know them all at once:
 * the collector, which checks each response against the set it names, and
 * reports. Browser code loads the sets one at a time (set-choice.ts).
 */
import { defaultQuestions } from '../questions.js';
import type { QuestionSet } from '../schema.js';
import controlRoom from './control-room.js';
import dial112 from './dial-112.js';
import traffic from './traffic.js';

export { ARRIVED_IN_20 } from './dial-112.js';
export { controlRoom, dial112, traffic };

export const builtInSets: readonly QuestionSet[] = [defaultQuestions, dial112, controlRoom, traffic];
