/**
 * The reference a citizen quotes on the phone: `AN-7K3M-9QX`.
 *
 * - The collector makes it from its own random bytes, never from anything
 *   the client sent, and the store keeps it `UNIQUE` (a collision is
 *   retried with a new one).
 * - Crockford's base32 alphabet has no I, L, O or U, so nothing reads as
 *   1, 0 or V; a reader who says "O" or "L" anyway is understood
 *   (`normaliseReference`).
 * - The last character is a Luhn mod 32 check: any one wrong character and
 *   most swapped neighbours are caught before a search, rather than
 *   finding someone else's case. Crockford's own mod-37 check would add the
 *   symbols `* ~ $ = U`, which are hard to say.
 *
 * Six random characters give 2^30 (about a billion) references.
 */
import { randomInt } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const BODY = 6;

/** Luhn mod N over the alphabet's code points (N = 32). */
function checkChar(body: string): string {
  let sum = 0;
  for (let i = body.length - 1, double = true; i >= 0; i--, double = !double) {
    let v = ALPHABET.indexOf(body[i]) * (double ? 2 : 1);
    v = Math.floor(v / 32) + (v % 32);
    sum += v;
  }
  return ALPHABET[(32 - (sum % 32)) % 32];
}

const format = (chars: string) => `AN-${chars.slice(0, 4)}-${chars.slice(4)}`;

/** A new random reference. */
export function newReference(): string {
  let body = '';
  for (let i = 0; i < BODY; i++) body += ALPHABET[randomInt(32)];
  return format(body + checkChar(body));
}

/**
 * A reference as typed or read out, in its canonical form, or `undefined`
 * when it cannot be one (wrong length, a bad character, a failed check).
 * Case, spaces and dashes do not matter; O reads as 0, I and L as 1.
 */
export function normaliseReference(input: string): string | undefined {
  let chars = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (chars.length === BODY + 3 && chars.startsWith('AN')) chars = chars.slice(2);
  if (chars.length !== BODY + 1 || [...chars].some((c) => !ALPHABET.includes(c))) return undefined;
  return checkChar(chars.slice(0, BODY)) === chars[BODY] ? format(chars) : undefined;
}
