/**
 * The CSV export for the IG office. Spreadsheets run a cell that starts
 * with = + - @ (or a tab or carriage return) as a formula, so such cells get
 * a leading apostrophe (OWASP's advice against CSV injection).
 */
import type { StoredRow } from './store.js';

export function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const cell = (value: unknown): string => {
  if (value === undefined || value === null) return '';
  const text = neutralise(String(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export function toCsv(rows: StoredRow[]): string {
  // Answer columns in order of first appearance, so custom sets export too.
  const answerKeys = [...new Set(rows.flatMap((r) => Object.keys(r.payload.answers)))];
  const header = ['seq', 'received_at', 'reference', 'id', 'created_at', 'station', 'district', 'lang', 'source',
    'anonymous', 'name', 'mobile', 'callback', ...answerKeys];
  const lines = rows.map(({ seq, receivedAt, reference, payload: p }) => [
    seq, receivedAt, reference, p.id, p.createdAt, p.station, p.district, p.lang, p.source, p.anonymous,
    p.contact?.name, p.contact?.mobile, p.contact?.callback, ...answerKeys.map((k) => p.answers[k]),
  ].map(cell).join(','));
  // A byte-order mark so that Excel opens the Devanagari as UTF-8.
  return '\uFEFF' + [header.join(','), ...lines].join('\r\n') + '\r\n';
}
