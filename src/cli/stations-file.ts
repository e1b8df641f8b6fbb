/**
 * Reads a station directory from CSV or JSON and validates it with the
 * exported schema. Every error names the file, the line and the field.
 */
import { parse } from 'csv-parse/sync';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { stationDirectorySchema, type StationDirectory } from '../core/schema.js';

export class StationsFileError extends Error {
  override name = 'StationsFileError';
}

/** CSV columns, in the order the sample file uses. `kind` may be left out. */
export const CSV_COLUMNS = ['id', 'name_hi', 'name_en', 'district_id', 'district_hi', 'district_en', 'kind'] as const;
const REQUIRED = CSV_COLUMNS.filter((c) => c !== 'kind');

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
    throw new StationsFileError(`${file}:1: missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (the header must have ${REQUIRED.join(', ')}, and may have kind)`);
  }
  return {
    stations: records.map(({ record: r }) => ({
      id: r.id,
      name: { hi: r.name_hi, en: r.name_en },
      district: { id: r.district_id, name: { hi: r.district_hi, en: r.district_en } },
      ...(r.kind ? { kind: r.kind } : {}),
    })),
    lineOf: (i) => records[i]?.info.lines,
    fieldName: (path) => {
      const [a, b, c] = path.map(String);
      if (a === 'district') return b === 'id' ? 'district_id' : `district_${c ?? ''}`;
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

/** Reads and validates a station directory file. Throws `StationsFileError`. */
export async function readStations(file: string): Promise<StationDirectory> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new StationsFileError(`${file}: cannot read it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  if (!text.trim()) throw new StationsFileError(`${file}: the file is empty`);
  const located = extname(file).toLowerCase() === '.json' ? fromJson(text, file) : fromCsv(text, file);
  if (!located.stations.length) throw new StationsFileError(`${file}: no stations in the file`);
  const result = stationDirectorySchema.safeParse(located.stations);
  if (!result.success) {
    const messages = result.error.issues.slice(0, 10).map((issue) => {
      const [index, ...field] = issue.path;
      const line = typeof index === 'number' ? located.lineOf(index) : undefined;
      const where = typeof index === 'number' ? `${file}:${line ?? '?'}: station ${index + 1}` : file;
      return `${where}${field.length ? `, field ${located.fieldName(field)}` : ''}: ${issue.message}`;
    });
    const more = result.error.issues.length > 10 ? `\n(and ${result.error.issues.length - 10} more)` : '';
    throw new StationsFileError(messages.join('\n') + more);
  }
  return result.data;
}
