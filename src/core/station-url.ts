/**
 * The one place where a station's form URL is built and read. The QR code,
 * the poster CLI and the form all go through here, so a printed code always
 * opens the station the form will preset.
 */
import { ID_RULE, isStationId } from './ids.js';

export const STATION_PARAM = 'station';

/** Why a station URL could not be built; shown to whoever configured it. */
export class StationUrlError extends Error {
  constructor(readonly code: 'bad-form-url' | 'bad-station', message: string) {
    super(message);
    this.name = 'StationUrlError';
  }
}

/**
 * Checks that a form URL is one a citizen's phone should be sent to: https,
 * or http only on loopback for development. `javascript:`, `data:` and
 * credentials in the URL are refused.
 */
export function checkFormUrl(formUrl: string, base?: string): URL {
  let url: URL;
  try {
    url = new URL(formUrl, base);
  } catch {
    throw new StationUrlError('bad-form-url', `form-url "${formUrl}" is not a URL`);
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (!(url.protocol === 'https:' || (url.protocol === 'http:' && loopback))) {
    throw new StationUrlError('bad-form-url', `form-url must be https: (http: only for localhost), not "${url.protocol}"`);
  }
  if (url.username || url.password) {
    throw new StationUrlError('bad-form-url', 'form-url must not contain a user name or password');
  }
  return url;
}

/**
 * `formUrl` with `station=<id>` set in its query. Other query parameters and
 * the fragment are kept; an existing `station` parameter is replaced.
 */
export function buildStationUrl(formUrl: string, id: string, base?: string): string {
  if (!isStationId(id)) {
    throw new StationUrlError('bad-station', `station id "${id.slice(0, 80)}": ${ID_RULE}`);
  }
  const url = checkFormUrl(formUrl, base);
  url.searchParams.set(STATION_PARAM, id);
  return url.href;
}

/** The station id in a page URL's query, or `undefined`. Not yet trusted. */
export function readStationParam(href: string): string | undefined {
  try {
    return new URL(href).searchParams.get(STATION_PARAM) ?? undefined;
  } catch {
    return undefined;
  }
}

/** The URL as printed under a QR code: without `https://`, so the domain leads. */
export function readableUrl(href: string): string {
  return href.replace(/^https:\/\//, '');
}
