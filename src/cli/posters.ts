/**
 * `anubhav-posters`: one print-ready SVG poster per station, and one HTML
 * file that prints them one per page. It uses the same station-URL builder
 * and QR drawing as `<station-qr>`, so every printed code opens the form
 * with the right station.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { PAPERS, escapeXml, posterLayout, posterSvg, type Paper } from '../core/poster.js';
import { STICKERS, stickerLayout, type StickerSize } from '../core/sticker.js';
import { qrMatrix } from '../core/qr.js';
import type { Station } from '../core/schema.js';
import { buildStationUrl, checkFormUrl, hostedFormUrl, readableUrl } from '../core/station-url.js';
import { readStations } from './stations-file.js';

export const USAGE = `anubhav-posters: print-ready station posters and vehicle stickers with QR codes.

Usage: anubhav-posters --stations FILE (--collector URL | --form-url URL) [options]

  --stations FILE   station directory, CSV (id,name_hi,name_en,district_id,
                    district_hi,district_en[,kind,vehicle_registration,
                    vehicle_call_sign]) or JSON (the form's format)
  --collector URL   the IG office's collector, e.g. https://feedback.example.gov.in:
                    the codes open its hosted page, URL/f (recommended)
  --form-url URL    or any https page that hosts <anubhav-feedback>, such as
                    a district site's page that embeds it
  --lang LANG       station names in hi, en or both (default both)
  --size SIZE       A4 or A5 for wall posters (default A4); 100x100 or
                    150x100 (millimetres) for stickers, which carry a
                    vehicle's call sign and registration
  --logo FILE       a PNG, JPEG or SVG logo for the centre of each code
                    (the codes then use error correction H)
  --out DIR         where to write (default posters); a new or empty folder,
                    or one this command made before
  --force           replace DIR if it holds posters this command made
  --help            show this text`;

export class UsageError extends Error {}

const LOGO_TYPES: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.svg': 'image/svg+xml' };

export interface PosterOptions {
  stations: string;
  formUrl: string;
  lang: 'hi' | 'en' | 'both';
  size: Paper | StickerSize;
  logo?: string;
  out: string;
  force: boolean;
  /** Called after each poster with (done, total). */
  progress?: (done: number, total: number) => void;
}

export function options(argv: string[]): PosterOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        stations: { type: 'string' }, 'form-url': { type: 'string' }, collector: { type: 'string' }, lang: { type: 'string' }, size: { type: 'string' },
        logo: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' }, help: { type: 'boolean' },
      },
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (values.help) return 'help';
  if (!values.stations) throw new UsageError('--stations FILE is required');
  if (values.collector !== undefined && values['form-url'] !== undefined) throw new UsageError('give --collector or --form-url, not both');
  let formUrl = values['form-url'];
  if (values.collector !== undefined) {
    try {
      formUrl = hostedFormUrl(values.collector);
    } catch (err) {
      throw new UsageError(`--collector: ${(err as Error).message}`);
    }
  }
  if (!formUrl) throw new UsageError('--collector URL (or --form-url URL) is required');
  const lang = values.lang ?? 'both';
  if (!['hi', 'en', 'both'].includes(lang)) throw new UsageError(`--lang must be hi, en or both, not "${lang}"`);
  // "a4", "150X100" and "150×100" are read as A4 and 150x100.
  const size = (values.size ?? 'A4').toUpperCase().replace(/[X×]/, 'x');
  if (!(size in PAPERS) && !(size in STICKERS)) {
    throw new UsageError(`--size must be A4 or A5 (posters), or 100x100 or 150x100 (stickers), not "${values.size}"`);
  }
  // A logo would take modules from a code that must read at 100 mm.
  if (values.logo && size in STICKERS) throw new UsageError('--logo is for posters: a sticker\'s code carries no logo, so that it reads at 100 mm');
  return {
    stations: values.stations, formUrl, lang: lang as PosterOptions['lang'], size: size as PosterOptions['size'],
    logo: values.logo, out: values.out ?? 'posters', force: values.force ?? false,
  };
}

const names = (s: Station, lang: PosterOptions['lang']) => lang === 'both'
  ? { name: `${s.name.hi} · ${s.name.en}`, district: `${s.district.name.hi} · ${s.district.name.en}` }
  : { name: s.name[lang], district: s.district.name[lang] };

/** The sheet's width and height in millimetres. */
const sheet = (size: PosterOptions['size']) => (size in PAPERS ? PAPERS[size as Paper] : STICKERS[size as StickerSize]);
const isSticker = (size: PosterOptions['size']) => size in STICKERS;

/** The printable HTML: each poster on its own sheet, nothing else printed. */
function printHtml(stations: Station[], size: PosterOptions['size'], lang: PosterOptions['lang']): string {
  const [w, h] = sheet(size);
  // A paper name for posters; a label's size in millimetres for stickers.
  const page = isSticker(size) ? `${w}mm ${h}mm` : size;
  const pages = stations.map((s) =>
    `<img src="${escapeXml(encodeURIComponent(s.id))}.svg" alt="${escapeXml(names(s, lang).name)}">`).join('\n');
  return `<!doctype html>
<html lang="hi">
<head>
<meta charset="utf-8">
<title>Anubhav ${isSticker(size) ? 'stickers' : 'posters'} (${stations.length}, ${size})</title>
<style>
@page { size: ${page}; margin: 0; }
html, body { margin: 0; }
img { display: block; width: ${w}mm; height: ${h}mm; break-after: page; }
@media screen { body { background: #ccc; } img { margin: 8mm auto; background: #fff; box-shadow: 0 1px 4px #0004; } }
</style>
</head>
<body>
${pages}
</body>
</html>
`;
}

/**
 * The file that marks a folder as a posters set this command made. `--force`
 * replaces a folder only if it has one, so a mistyped `--out` (a home or
 * Documents folder) is refused rather than deleted.
 */
const MARKER = '.anubhav-posters';
const MARKER_TEXT = `This folder is a set of station posters made by anubhav-posters.
Running it again with --force and --out naming this folder deletes the whole
folder and writes a new set. Delete this file to stop that.
`;

/**
 * Whether `out` may be written: it is new or empty, or it is a set this
 * command made and `--force` is given. Anything else is refused untouched.
 * Checked before the work and again just before `out` is replaced.
 */
function checkOut(out: string, o: PosterOptions): void {
  let files: string[];
  try {
    if (!statSync(out).isDirectory()) throw new UsageError(`--out ${o.out} is a file, not a folder; name a new folder for the posters`);
    files = readdirSync(out);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    if (code === 'ENOTDIR') throw new UsageError(`--out ${o.out}: part of that path is a file, not a folder`);
    throw err instanceof UsageError ? err : new UsageError(`--out ${o.out}: cannot use it (${code})`);
  }
  if (!files.length) return;
  if (!files.includes(MARKER)) {
    throw new UsageError(`--out ${o.out} holds files that anubhav-posters did not make (it has no ${MARKER} file), `
      + 'so nothing in it was touched, even with --force. Name a new or empty folder, '
      + 'or delete this one yourself if it is a set made by an older anubhav-posters.');
  }
  if (!o.force) throw new UsageError(`${o.out} already holds posters; add --force to replace them`);
}

/**
 * Makes the whole set in a temporary folder beside `out`, then moves it into
 * place: a failure half-way leaves nothing behind, and `out` is replaced
 * only with `--force`, and only if this command made it (see `MARKER`).
 */
export async function makePosters(o: PosterOptions): Promise<{ count: number; out: string }> {
  let formUrl: string;
  try {
    formUrl = checkFormUrl(o.formUrl).href;
  } catch (err) {
    throw new UsageError(`--form-url: ${(err as Error).message}`);
  }
  const out = resolve(o.out);
  checkOut(out, o);
  const stations = await readStations(o.stations);
  let logo: string | undefined;
  if (o.logo) {
    const type = LOGO_TYPES[extname(o.logo).toLowerCase()];
    if (!type) throw new UsageError(`--logo must be a .png, .jpg or .svg file, not "${basename(o.logo)}"`);
    try {
      logo = `data:${type};base64,${(await readFile(o.logo)).toString('base64')}`;
    } catch (err) {
      throw new UsageError(`--logo ${o.logo}: cannot read it (${(err as NodeJS.ErrnoException).code})`);
    }
  }

  let tmp: string;
  try {
    mkdirSync(dirname(out), { recursive: true });
    // A new, uniquely named folder: nothing of the user's is ever reused.
    tmp = mkdtempSync(`${out}.tmp-`);
  } catch (err) {
    throw new UsageError(`--out ${o.out}: cannot make a folder there (${(err as NodeJS.ErrnoException).code})`);
  }
  try {
    stations.forEach((station, i) => {
      const url = buildStationUrl(formUrl, station.id);
      const layout = isSticker(o.size)
        ? stickerLayout(o.size as StickerSize, { name: names(station, o.lang).name, vehicle: station.vehicle, url: readableUrl(url) })
        : posterLayout(o.size as Paper, { ...names(station, o.lang), url: readableUrl(url) }, Boolean(logo));
      writeFileSync(join(tmp, `${station.id}.svg`), posterSvg(layout, qrMatrix(url, logo ? 'H' : 'M'), logo));
      o.progress?.(i + 1, stations.length);
    });
    writeFileSync(join(tmp, 'posters.html'), printHtml(stations, o.size, o.lang));
    writeFileSync(join(tmp, MARKER), MARKER_TEXT);
    // mkdtemp makes the folder 0700; posters are for printing and sharing,
    // so the set gets an ordinary folder's mode (0777 less the umask).
    const umask = process.umask();
    chmodSync(tmp, 0o777 & ~umask);
    checkOut(out, o);
    if (existsSync(out)) rmSync(out, { recursive: true });
    renameSync(tmp, out);
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
  return { count: stations.length, out };
}
