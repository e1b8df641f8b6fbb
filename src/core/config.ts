/**
 * Checks on the URLs a page author configures. Each returns a URL or a
 * message for the visible configuration error, and never throws.
 */

export type UrlCheck = { ok: true; url: URL } | { ok: false; message: string };

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
const SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:/;

/**
 * The endpoint must be https:, or http: only for localhost/127.0.0.1, or a
 * same-origin relative path. Anything else would send a citizen's answers
 * in clear text or to a place the page did not mean.
 */
export function checkEndpoint(value: string | null | undefined, pageUrl: string): UrlCheck {
  if (!value || !value.trim()) return { ok: false, message: 'no endpoint is set' };
  let url: URL;
  try {
    url = new URL(value.trim(), pageUrl);
  } catch {
    return { ok: false, message: `endpoint "${value}" is not a URL` };
  }
  const page = new URL(pageUrl);
  const relative = !SCHEME.test(value.trim()) && !value.trim().startsWith('//');
  if (url.username || url.password) return { ok: false, message: 'endpoint must not contain a user name or password' };
  if (url.protocol === 'https:') return { ok: true, url };
  if (url.protocol === 'http:' && (LOOPBACK.has(url.hostname) || (relative && url.origin === page.origin))) {
    return { ok: true, url };
  }
  return { ok: false, message: `endpoint must be https: (http: only for localhost), not "${url.protocol}"` };
}

/** Links shown to citizens (the privacy notice): https: or relative only. */
export function checkLinkUrl(value: string, pageUrl: string): UrlCheck {
  try {
    const url = new URL(value, pageUrl);
    const relative = !SCHEME.test(value) && !value.startsWith('//');
    if (url.protocol === 'https:' || relative) return { ok: true, url };
    return { ok: false, message: `privacy-url must be https: or relative, not "${url.protocol}"` };
  } catch {
    return { ok: false, message: `privacy-url "${value}" is not a URL` };
  }
}

/**
 * JSON sources (`stations-src`, `questions-src`) follow the endpoint's rule:
 * they are fetched with the page's credentials off, from https or loopback.
 */
export const checkSourceUrl = checkEndpoint;

/** Keeps a phone-dialable number: digits, and a leading `+`. */
export function cleanPhoneNumber(value: string | null | undefined): string | undefined {
  const v = (value ?? '').replace(/[\s-]/g, '');
  return /^\+?\d{2,15}$/.test(v) ? v : undefined;
}
