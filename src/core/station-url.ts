/**
 * The one place where a station's form URL is built and read. The QR code,
 * the poster CLI and the form all go through here, so a printed code always
 * opens the station the form will preset.
 */
import { checkUrl } from './config.js';
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
 * Checks that a form URL is one a citizen's phone should be sent to, by the
 * same rule as the form's endpoint (see `checkUrl`).
 */
export function checkFormUrl(formUrl: string, base?: string): URL {
  const check = checkUrl(formUrl, base, 'form-url');
  if (!check.ok) throw new StationUrlError('bad-form-url', check.message);
  return check.url;
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

/**
 * The collector's hosted page (`/f`) under the collector's address, which
 * may sit under a path behind a proxy (`https://police.example.gov.in/feedback/`):
 * the recommended `form-url` for station codes.
 */
export function hostedFormUrl(collector: string): string {
  const base = checkFormUrl(collector);
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  base.search = '';
  base.hash = '';
  return new URL('f', base).href;
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
