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
export async function sweepContacts(store: FeedbackStore, retentionDays: number, now: Date): Promise<number> {
  const due = await store.contactsDue(new Date(now.getTime() - retentionDays * DAY_MS));
  let erased = 0;
  for (const { seq, reference } of due) {
    if (await store.eraseContact(seq, { who: `retention (${retentionDays} days)`, action: 'retention-erase', reference }, now, false)) erased++;
  }
  // One checkpoint for the whole sweep, not one per erasure.
  if (erased) await store.checkpoint();
  return erased;
}

/**
 * Staff write what they did in notes ("called Ramesh on 98765 43210"), so
 * an erased contact is also taken out of its case's notes and assignee:
 * the name as written and each of its words of three letters or more (any
 * case, whole words only), and the mobile in any spacing or punctuation,
 * in Devanagari digits too, with or without +91 or a leading 0.
 */
export function redactContact(text: string, contact: { name?: string; mobile?: string }): string {
  const escape = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // Letters and marks on either side mean the word goes on (Devanagari's vowel signs are marks).
  const word = (t: string) => `(?<![\\p{L}\\p{M}])${t}(?![\\p{L}\\p{M}])`;
  let out = text;
  const name = contact.name?.normalize('NFC').trim();
  if (name) {
    const words = name.split(/\s+/).filter((w) => [...w].length >= 3);
    for (const part of [name, ...words]) {
      out = out.replace(new RegExp(word(escape(part).replace(/\s+/g, '\\s+')), 'giu'), '[erased]');
    }
  }
  const digits = contact.mobile?.replace(/\D/g, '').slice(-10);
  if (digits && digits.length === 10) {
    // Each digit as an ASCII or a Devanagari numeral (० is U+0966).
    const digit = (d: string) => `[${d}${String.fromCharCode(0x966 + Number(d))}]`;
    const sep = '[^\\p{L}\\p{N}]{0,3}';
    const prefix = `(?:(?:\\+|00)?(?:91|९१)${sep}|[0०])?`;
    out = out.replace(new RegExp(`${prefix}${[...digits].map(digit).join(sep)}`, 'gu'), '[erased]');
  }
  return out;
}
