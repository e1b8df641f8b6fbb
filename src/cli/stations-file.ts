/**
 * Reads a station directory from CSV or JSON and validates it with the
 * exported schema, then for what the schema cannot see: ids that differ only
 * in case, and names lost to a wrong encoding. Every error names the file,
 * the line and the field.
 */
import { parse } from 'csv-parse/sync';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { stationDirectorySchema, type StationDirectory } from '../core/schema.js';

export class StationsFileError extends Error {
  override name = 'StationsFileError';
}

/**
 * CSV columns, in the order the sample file uses. `kind` and the vehicle's
 * two may be left out, as columns or as cells.
 */
export const CSV_COLUMNS = [
  'id', 'name_hi', 'name_en', 'district_id', 'district_hi', 'district_en', 'kind', 'vehicle_registration', 'vehicle_call_sign',
] as const;
const OPTIONAL: readonly string[] = ['kind', 'vehicle_registration', 'vehicle_call_sign'];
const REQUIRED = CSV_COLUMNS.filter((c) => !OPTIONAL.includes(c));

/** Where each station came from, to point errors at a line. */
interface Located {
  stations: unknown[];
  lineOf: (index: number) => number | undefined;
  /** A schema path such as ['name', 'hi'] as the file spells it. */
  fieldName: (path: PropertyKey[]) => string;
}

function fromCsv(text: string, file: string): Located {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), {
      columns: true, info: true, skip_empty_lines: true, trim: true, comment: '#', comment_no_infix: true,
    });
  } catch (err) {
    throw new StationsFileError(`${file}: ${(err as Error).message}`);
  }
  const header = records.length ? Object.keys(records[0].record) : [];
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (records.length && missing.length) {
    throw new StationsFileError(`${file}:1: missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (the header must have ${REQUIRED.join(', ')}, and may have ${OPTIONAL.join(', ')})`);
  }
  return {
    stations: records.map(({ record: r }) => ({
      id: r.id,
      name: { hi: r.name_hi, en: r.name_en },
      district: { id: r.district_id, name: { hi: r.district_hi, en: r.district_en } },
      ...(r.kind ? { kind: r.kind } : {}),
      // One of the two cells alone is kept as given, so that the check
      // below names the one that is missing.
      ...(r.vehicle_registration || r.vehicle_call_sign
        ? { vehicle: { registration: r.vehicle_registration ?? '', callSign: r.vehicle_call_sign ?? '' } } : {}),
    })),
    lineOf: (i) => records[i]?.info.lines,
    fieldName: (path) => {
      const [a, b, c] = path.map(String);
      if (a === 'district') return b === 'id' ? 'district_id' : `district_${c ?? ''}`;
      if (a === 'vehicle') return b === 'callSign' ? 'vehicle_call_sign' : 'vehicle_registration';
      return a === 'name' ? `name_${b ?? ''}` : a;
    },
  };
}

/** The line on which each top-level array item of a JSON text starts. */
function jsonItemLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') line++;
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') {
      if (depth === 1) lines.push(line);
      depth++;
    } else if (ch === '}' || ch === ']') depth--;
  }
  return lines;
}

function fromJson(text: string, file: string): Located {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new StationsFileError(`${file}: not valid JSON (${(err as Error).message})`);
  }
  if (!Array.isArray(data)) throw new StationsFileError(`${file}:1: expected an array of stations`);
  const lines = jsonItemLines(text);
  return { stations: data, lineOf: (i) => lines[i], fieldName: (path) => path.map(String).join('.') };
}

/** A problem with one station: `path` is [index, ...field], as in the schema's issues. */
interface Issue {
  path: PropertyKey[];
  message: string;
}

/**
 * Ids that differ only in case, such as BSP-A and bsp-a. Each station's
 * poster is `<id>.svg`, and folders on Windows and macOS ignore case, so one
 * poster would silently replace the other. Ids are ASCII (the schema says
 * so), which makes `toLowerCase` exact here.
 */
function caseClashes(stations: StationDirectory, lineOf: Located['lineOf']): Issue[] {
  const first = new Map<string, number>();
  return stations.flatMap((s, i): Issue[] => {
    const j = first.get(s.id.toLowerCase());
    if (j === undefined) {
      first.set(s.id.toLowerCase(), i);
      return [];
    }
    return [{
      path: [i, 'id'],
      message: `station id "${s.id}" differs from "${stations[j].id}" (line ${lineOf(j) ?? '?'}) only in case; `
        + 'their poster files would overwrite each other on Windows and macOS',
    }];
  });
}

/**
 * Whether a name was lost to a wrong encoding. Excel's plain "CSV" format is
 * ANSI: it writes each Devanagari letter as "?", so सिविल लाइन arrives as
 * "????? ????". A file that is not UTF-8 at all reads with U+FFFD in place
 * of its letters. Either would print as nonsense on every poster.
 */
function garbled(text: string): boolean {
  // Any U+FFFD means the file was not UTF-8. Question marks count when they
  // are at least half of the name: a real name may hold one.
  const lost = text.match(/\?/g)?.length ?? 0;
  return text.includes('\uFFFD') || (lost > 0 && lost * 2 >= text.replace(/\s/g, '').length);
}

/** Station and district names, in both languages, that `garbled` rejects. */
function garbledNames(stations: StationDirectory): Issue[] {
  return stations.flatMap((s, i) => (['hi', 'en'] as const).flatMap((lang) => [
    { path: [i, 'name', lang], text: s.name[lang] },
    { path: [i, 'district', 'name', lang], text: s.district.name[lang] },
  ])).filter(({ text }) => garbled(text)).map(({ path, text }) => ({
    path,
    message: `"${text.length > 40 ? `${text.slice(0, 40)}…` : text}" has "?" or "\uFFFD" in place of letters, `
      + 'which were lost when the file was saved in an encoding other than UTF-8',
  }));
}

/**
 * A registration as painted on the plate, "CG 10 AB 1234": capital letters,
 * digits, spaces and hyphens. A call sign, "BSP-ERV-07": ASCII. Both are
 * printed on the vehicle's sticker and read back by people, so they are
 * held to what a plate and a radio log show. (The browser's schema checks
 * only their length.)
 */
export const REGISTRATION = /^[A-Z]{2}[ -]?\d{1,2}[ -]?[A-Z]{0,3}[ -]?\d{1,4}$/;
export const CALL_SIGN = /^[A-Za-z0-9][A-Za-z0-9 ./_-]{0,31}$/;

/**
 * Vehicles: only a Dial 112 entry has one; its registration and call sign
 * have a plate's and a log's form; and no two entries share either, since
 * two stickers would then name one vehicle.
 */
function vehicleIssues(stations: StationDirectory, lineOf: Located['lineOf']): Issue[] {
  const seen = { registration: new Map<string, number>(), callSign: new Map<string, number>() };
  return stations.flatMap((s, i): Issue[] => {
    if (!s.vehicle) return [];
    if (s.kind !== 'dial-112') {
      return [{ path: [i, 'vehicle', 'registration'], message: `only a dial-112 entry has a vehicle; this one's kind is ${s.kind ?? 'station (the default)'}` }];
    }
    const issues: Issue[] = [];
    const { registration, callSign } = s.vehicle;
    if (!REGISTRATION.test(registration)) {
      issues.push({ path: [i, 'vehicle', 'registration'], message: `"${registration}" is not a registration as on the plate, e.g. CG 10 AB 1234 (capital letters and digits)` });
    }
    if (!CALL_SIGN.test(callSign)) {
      issues.push({ path: [i, 'vehicle', 'callSign'], message: `"${callSign}" is not a call sign: up to 32 ASCII letters, digits, spaces or ". / _ -", e.g. BSP-ERV-07` });
    }
    for (const key of ['registration', 'callSign'] as const) {
      // Spaces and case aside: CG10AB1234 is CG 10 AB 1234.
      const norm = s.vehicle[key].replace(/[\s-]/g, '').toUpperCase();
      const j = seen[key].get(norm);
      if (j === undefined) seen[key].set(norm, i);
      else issues.push({ path: [i, 'vehicle', key], message: `${key === 'callSign' ? 'call sign' : 'registration'} "${s.vehicle[key]}" is also station ${stations[j].id}'s (line ${lineOf(j) ?? '?'})` });
    }
    return issues;
  });
}

/** Reads and validates a station directory file. Throws `StationsFileError`. */
export async function readStations(file: string): Promise<StationDirectory> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new StationsFileError(`${file}: cannot read it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  if (!text.trim()) throw new StationsFileError(`${file}: the file is empty`);
  const json = extname(file).toLowerCase() === '.json';
  const located = json ? fromJson(text, file) : fromCsv(text, file);
  if (!located.stations.length) throw new StationsFileError(`${file}: no stations in the file`);
  const result = stationDirectorySchema.safeParse(located.stations);
  if (!result.success) {
    // zod/mini says only "Invalid input" for a key the schema does not know: name it.
    throw failure(file, located, result.error.issues.map((i) => (i.code === 'unrecognized_keys'
      ? { path: i.path, message: `unknown key${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => `"${k}"`).join(', ')}` } : i)));
  }
  const stations = result.data;
  const clashes = [...caseClashes(stations, located.lineOf), ...vehicleIssues(stations, located.lineOf)];
  if (clashes.length) throw failure(file, located, clashes);
  const lost = garbledNames(stations);
  if (lost.length) throw failure(file, located, lost, json ? 'Save the file as UTF-8.' : EXCEL_HINT);
  return stations;
}

/** Excel's plain "CSV" is the usual way Hindi is lost; its UTF-8 twin keeps it. */
const EXCEL_HINT = 'In Excel, use File > Save As and choose "CSV UTF-8 (Comma delimited)", not "CSV", which cannot hold Hindi.';

/** The error for the first ten issues, each at its file:line and field. */
function failure(file: string, located: Located, issues: readonly Issue[], hint = ''): StationsFileError {
  const messages = issues.slice(0, 10).map((issue) => {
    const [index, ...field] = issue.path;
    const line = typeof index === 'number' ? located.lineOf(index) : undefined;
    const where = typeof index === 'number' ? `${file}:${line ?? '?'}: station ${index + 1}` : file;
    return `${where}${field.length ? `, field ${located.fieldName(field)}` : ''}: ${issue.message}`;
  });
  const more = issues.length > 10 ? `\n(and ${issues.length - 10} more)` : '';
  return new StationsFileError(messages.join('\n') + more + (hint && `\n${hint}`));
}
