/**
 * Signatures for the hosted form, made with a key only the collector holds:
 * - the form token, `<render time>.<signature>`, rendered into the page with
 *   the response id: posted back, it gives the fill time, which a client
 *   cannot shorten by sending a later time of its own (JSON clients say it
 *   in a header; a page without script cannot);
 * - the confirmation link's signature, so that `/f/sent` shows only a
 *   reference this collector gave out, never one a link invents.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

const sign = (key: Buffer, text: string) => createHmac('sha256', key).update(text).digest('base64url').slice(0, 32);

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** The token for a form rendered at `at` (ms) with response id `id`. */
export function formToken(key: Buffer, id: string, at: number): string {
  return `${at}.${sign(key, `form:${at}:${id}`)}`;
}

/** The render time a token was signed with for this id, or `undefined` when it is not this collector's. */
export function tokenTime(key: Buffer, id: string, token: string): number | undefined {
  const match = /^(\d{13})\.([\w-]{32})$/.exec(token);
  if (!match || !same(match[2], sign(key, `form:${match[1]}:${id}`))) return undefined;
  return Number(match[1]);
}

/** The signature of a confirmation link's reference. */
export const referenceSignature = (key: Buffer, reference: string) => sign(key, `sent:${reference}`);

export const checkReference = (key: Buffer, reference: string, signature: string) =>
  same(signature, referenceSignature(key, reference));

