/**
 * Checks on the URLs a page author configures. Each returns a URL or a
 * message for the visible configuration error, and never throws.
 */

export type UrlCheck = { ok: true; url: URL } | { ok: false; message: string };

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
const SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:/;

/**
 * A URL that a citizen's phone will send to or open: https:, or http: only
 * for localhost/127.0.0.1 or a same-origin relative path, and never with
 * credentials. Anything else would send answers in clear text or to a place
 * the page did not mean. `name` labels the messages.
 */
export function checkUrl(value: string | null | undefined, pageUrl: string | undefined, name: string): UrlCheck {
  const trimmed = (value ?? '').trim();
  if (!trimmed) return { ok: false, message: `no ${name} is set` };
  let url: URL;
  try {
    url = new URL(trimmed, pageUrl);
  } catch {
    return { ok: false, message: `${name} "${value}" is not a URL` };
  }
  const relative = !SCHEME.test(trimmed) && !trimmed.startsWith('//');
  if (url.username || url.password) return { ok: false, message: `${name} must not contain a user name or password` };
  if (url.protocol === 'https:') return { ok: true, url };
  if (url.protocol === 'http:' && (LOOPBACK.has(url.hostname) || (relative && pageUrl && url.origin === new URL(pageUrl).origin))) {
    return { ok: true, url };
  }
  return { ok: false, message: `${name} must be https: (http: only for localhost), not "${url.protocol}"` };
}

/** The endpoint that receives responses. */
export const checkEndpoint = (value: string | null | undefined, pageUrl: string) => checkUrl(value, pageUrl, 'endpoint');

/**
 * Links shown to citizens (the privacy notice): https:, or a path on the
 * page's own origin. Decided on the parsed URL, since the URL parser drops
 * leading spaces and tabs that a test on the raw text would be fooled by
 * (" javascript:…").
 */
export function checkLinkUrl(value: string, pageUrl: string): UrlCheck {
  try {
    const url = new URL(value, pageUrl);
    if (url.protocol === 'https:' || (url.origin === new URL(pageUrl).origin && url.origin !== 'null')) return { ok: true, url };
    return { ok: false, message: `privacy-url must be https: or relative, not "${url.protocol}"` };
  } catch {
    return { ok: false, message: `privacy-url "${value}" is not a URL` };
  }
}

/** JSON sources (`stations-src`, `questions-src`) follow the same rule. */
export const checkSourceUrl = (value: string, pageUrl: string) => checkUrl(value, pageUrl, 'URL');

/** Keeps a phone-dialable number: digits, and a leading `+`. */
export function cleanPhoneNumber(value: string | null | undefined): string | undefined {
  const v = (value ?? '').replace(/[\s-]/g, '');
  return /^\+?\d{2,15}$/.test(v) ? v : undefined;
}
