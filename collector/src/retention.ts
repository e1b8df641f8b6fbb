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

/**
 * Staff write what they did in notes ("called Ramesh on 98765 43210"), so
 * an erased contact is also taken out of its case's notes and assignee:
 * the name as written (any case), and the mobile in any spacing, with or
 * without +91 or a leading 0.
 */
export function redactContact(text: string, contact: { name?: string; mobile?: string }): string {
  let out = text;
  const name = contact.name?.trim();
  if (name && name.length >= 2) {
    out = out.replace(new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+'), 'giu'), '[erased]');
  }
  const digits = contact.mobile?.replace(/\D/g, '').slice(-10);
  if (digits && digits.length === 10) {
    out = out.replace(new RegExp(`(?:\\+?91[\\s-]*|0)?${digits.split('').join('[\\s-]*')}`, 'g'), '[erased]');
  }
  return out;
}
