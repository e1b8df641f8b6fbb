/**
 * The CSV export for the IG office. Its columns come from the question set,
 * never from the data: the same columns in question order whatever was
 * sent, so a spreadsheet or a monthly macro keeps working, and a client
 * cannot add a column. Headers, names and (on request) choices are shown
 * in Hindi or English.
 *
 * Spreadsheets run a cell that starts with = + - @ (or a tab or carriage
 * return) as a formula, so such cells get a leading apostrophe (OWASP's
 * advice against CSV injection).
 */
import type { Lang, Question, QuestionSet, Station } from 'anubhav-widgets/core';
import type { StoredRow } from './store.js';

export function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const cell = (value: unknown): string => {
  if (value === undefined || value === null) return '';
  const text = neutralise(String(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** The fixed columns before the questions, with their headers. */
const FIXED = {
  seq: { en: 'Seq', hi: 'क्रम' },
  received_at: { en: 'Received at (UTC)', hi: 'प्राप्ति समय (UTC)' },
  reference: { en: 'Reference', hi: 'संदर्भ संख्या' },
  id: { en: 'Response id', hi: 'फ़ीडबैक आईडी' },
  created_at: { en: 'Written at (UTC)', hi: 'भरने का समय (UTC)' },
  station: { en: 'Station id', hi: 'थाना आईडी' },
  station_name: { en: 'Station', hi: 'थाना' },
  district: { en: 'District id', hi: 'ज़िला आईडी' },
  district_name: { en: 'District', hi: 'ज़िला' },
  lang: { en: 'Language', hi: 'भाषा' },
  source: { en: 'Source', hi: 'स्रोत' },
  anonymous: { en: 'Anonymous', hi: 'गोपनीय' },
  name: { en: 'Name', hi: 'नाम' },
  mobile: { en: 'Mobile', hi: 'मोबाइल' },
  callback: { en: 'May call back', hi: 'संपर्क की अनुमति' },
} as const;

const YES_NO = { en: ['Yes', 'No'], hi: ['हाँ', 'नहीं'] } as const;

/** `{place}` in a label names the kind of office; a column header names none. */
const PLACE = { en: 'station', hi: 'थाने' } as const;

export interface CsvOptions {
  set: QuestionSet;
  lang: Lang;
  /** Choices as their labels in `lang` rather than their values. */
  labels: boolean;
  /** The station directory, for names; without one the name columns are empty. */
  stations?: Map<string, Station>;
  /** Whether the name, mobile and callback columns are filled (never for a viewer). */
  contact: boolean;
}

/** The header line, with the byte-order mark that makes Excel read UTF-8. */
export function csvHeader({ set, lang }: CsvOptions): string {
  const headers = [
    ...Object.values(FIXED).map((h) => h[lang]),
    ...set.questions.map((q) => q.label[lang].replace('{place}', PLACE[lang])),
  ];
  return '\uFEFF' + headers.map(cell).join(',') + '\r\n';
}

const answerCell = (q: Question, value: unknown, { lang, labels }: CsvOptions) =>
  labels && q.type === 'choice' ? q.options?.find((o) => o.value === value)?.label[lang] ?? value : value;

/** One row, in the header's column order. */
export function csvLine({ seq, receivedAt, reference, payload: p }: StoredRow, options: CsvOptions): string {
  const { set, lang, labels, stations } = options;
  const contact = options.contact ? p.contact : undefined;
  const station = stations?.get(p.station);
  const yesNo = (v: boolean | undefined) => v === undefined ? undefined : labels ? YES_NO[lang][v ? 0 : 1] : v;
  const fixed: Record<keyof typeof FIXED, unknown> = {
    seq, received_at: receivedAt, reference, id: p.id, created_at: p.createdAt,
    station: p.station, station_name: station?.name[lang],
    district: station?.district.id ?? p.district, district_name: station?.district.name[lang],
    lang: p.lang, source: p.source, anonymous: yesNo(p.anonymous),
    name: contact?.name, mobile: contact?.mobile, callback: yesNo(contact?.callback),
  };
  return [
    ...Object.keys(FIXED).map((k) => fixed[k as keyof typeof FIXED]),
    ...set.questions.map((q) => answerCell(q, p.answers[q.id], options)),
  ].map(cell).join(',') + '\r\n';
}
