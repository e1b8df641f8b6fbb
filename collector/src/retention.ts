/**
 * The form promises citizens that their name and mobile number are kept for
 * at most the retention period after their case is closed. This sweep keeps
 * that promise: it erases every contact whose case was closed longer ago
 * than `--contact-retention-days`, each erasure audited as any other. It
 * runs when the collector starts and every hour.
 */
import type { FeedbackStore } from './store.js';

export const DEFAULT_RETENTION_DAYS = 365;
export const SWEEP_EVERY_MS = 60 * 60_000;
const DAY_MS = 86_400_000;

/** Erases the contacts due at `now`; returns how many. */
export function sweepContacts(store: FeedbackStore, retentionDays: number, now: Date): number {
  const due = store.contactsDue(new Date(now.getTime() - retentionDays * DAY_MS));
  let erased = 0;
  for (const { seq, reference } of due) {
    if (store.eraseContact(seq, { who: `retention (${retentionDays} days)`, action: 'retention-erase', reference }, now, false)) erased++;
  }
  // One checkpoint for the whole sweep, not one per erasure.
  if (erased) store.checkpoint();
  return erased;
}
