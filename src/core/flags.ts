/**
 * The flags a response raises on arrival, for the office's inbox: each is
 * something a person should look at first. Computed from the answers by
 * question id, so a custom set that asks the same questions (with the
 * same ids) raises them too.
 */
import type { FeedbackPayload } from './schema.js';

export const FLAGS = {
  /** Someone asked for money, a gift or a favour. */
  money: 1,
  /** Staff behaviour or the overall experience rated 2 or less. */
  lowRating: 2,
  /** The citizen asked to be called back, and left a number. */
  callback: 4,
  /** The problem was not resolved. */
  unresolved: 8,
} as const;
export type Flag = keyof typeof FLAGS;

/** The flags of a payload, as a bit set (see `FLAGS`). */
export function feedbackFlags(payload: Pick<FeedbackPayload, 'answers' | 'contact'>): number {
  const a = payload.answers;
  const low = (v: unknown) => typeof v === 'number' && v <= 2;
  return (a.moneyDemanded === 'yes' ? FLAGS.money : 0)
    | (low(a.staffBehaviour) || low(a.overall) ? FLAGS.lowRating : 0)
    | (payload.contact?.callback ? FLAGS.callback : 0)
    | (a.resolved === 'no' ? FLAGS.unresolved : 0);
}

/** The names of the flags in a bit set. */
export const flagNames = (bits: number) => (Object.keys(FLAGS) as Flag[]).filter((f) => bits & FLAGS[f]);
