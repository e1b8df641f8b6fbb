/**
 * The printed station poster: one layout, drawn as SVG by the poster CLI and
 * by `<station-qr variant="poster">`'s SVG download, and onto a canvas for
 * its PNG download. Units are millimetres on the paper.
 */
import type { QrMatrix } from './qr.js';
import { qrSvg } from './qr-svg.js';

export { FONT, MONO };

export type Paper = 'A4' | 'A5';
export const PAPERS: Record<Paper, [width: number, height: number]> = { A4: [210, 297], A5: [148, 210] };

/** The poster's fixed words: always in both languages, Hindi first. */
export const POSTER_TEXT = {
  heading: 'अनुभव · Anubhav',
  subheadingHi: 'पुलिस के साथ अपना अनुभव सीधे आईजी कार्यालय को बताएँ',
  subheadingEn: 'Tell the IG office directly how the police treated you',
  instructionHi: 'स्कैन करें, अपना अनुभव बताएँ',
  instructionEn: 'Scan to share your experience',
  emergencyEn: 'Not for emergencies: dial 112',
  emergencyHi: 'आपात स्थिति में 112 डायल करें',
} as const;

export const ACCENT = '#0b3d6b';
const FONT = '"Noto Sans Devanagari", "Noto Sans", Mangal, "Nirmala UI", sans-serif';
const MONO = '"Noto Sans Mono", ui-monospace, monospace';

export type PosterOp =
  | { kind: 'rect'; x: number; y: number; w: number; h: number; fill: string }
  | { kind: 'text'; x: number; y: number; size: number; text: string; bold?: boolean; fill?: string; mono?: boolean }
  | { kind: 'qr'; x: number; y: number; size: number }
  | { kind: 'logo'; x: number; y: number; size: number };

export interface PosterLayout {
  width: number;
  height: number;
  ops: PosterOp[];
}

/** The station's lines: a name and a district, in one language or both. */
export interface PosterStation {
  name: string;
  district: string;
  url: string;
}

/**
 * A font size that keeps `text` within `width`. Devanagari and Latin glyphs
 * average well under 0.6 em, so this errs on the side of fitting.
 */
const fit = (text: string, size: number, width: number) => Math.min(size, width / (0.6 * Math.max(1, [...text].length)));

/** Lays the poster out on the paper, scaled from an A5 design. */
export function posterLayout(paper: Paper, station: PosterStation, logo = false): PosterLayout {
  const [width, height] = PAPERS[paper];
  const k = width / 148;
  const cx = width / 2;
  const inner = width - 20 * k;
  const text = (y: number, size: number, t: string, extra: Partial<PosterOp & { kind: 'text' }> = {}): PosterOp =>
    ({ kind: 'text', x: cx, y: y * k, size: fit(t, size * k, inner), text: t, ...extra });
  const qrSize = 84 * k;
  const qrTop = 72 * k;
  const ops: PosterOp[] = [
    { kind: 'rect', x: 0, y: 0, w: width, h: 34 * k, fill: ACCENT },
    text(14, 10, POSTER_TEXT.heading, { bold: true, fill: '#fff' }),
    text(23, 4.2, POSTER_TEXT.subheadingHi, { fill: '#fff' }),
    text(29.5, 3.8, POSTER_TEXT.subheadingEn, { fill: '#fff' }),
    text(43, 7, POSTER_TEXT.instructionHi, { bold: true }),
    text(50.5, 5.2, POSTER_TEXT.instructionEn),
    text(60, 6.5, station.name, { bold: true }),
    text(67.5, 4.8, station.district),
    { kind: 'qr', x: cx - qrSize / 2, y: qrTop, size: qrSize },
    text(166, 3.4, station.url, { mono: true }),
    { kind: 'rect', x: 10 * k, y: 174 * k, w: width - 20 * k, h: 24 * k, fill: '#fdf2f1' },
    { kind: 'rect', x: 10 * k, y: 174 * k, w: 2 * k, h: 24 * k, fill: '#b3261e' },
    text(184, 5, POSTER_TEXT.emergencyEn, { bold: true, fill: '#8c1d18' }),
    text(193, 5, POSTER_TEXT.emergencyHi, { bold: true, fill: '#8c1d18' }),
  ];
  // A centre logo covers about 4% of the code's area; at error correction H
  // (30% recoverable) the code still decodes, as the tests check.
  if (logo) ops.push({ kind: 'logo', x: cx - qrSize * 0.11, y: qrTop + qrSize * 0.39, size: qrSize * 0.22 });
  return { width, height: Math.max(height, 205 * k), ops };
}

/**
 * XML text escaping: station names come from a CSV and are never markup.
 * Characters XML forbids outright (most control characters, lone
 * surrogates) are dropped, since no escape makes them legal and one would
 * make the whole file unreadable.
 */
export const escapeXml = (s: string) =>
  s.replace(/[\0-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[c]};`);

/**
 * The poster as a standalone SVG file, sized in millimetres for print.
 * `logoHref` is a data: URI (the CLI and `<station-qr>` embed the logo, so
 * the poster is one self-contained file).
 */
export function posterSvg(layout: PosterLayout, matrix: QrMatrix, logoHref?: string): string {
  const body = layout.ops.map((op) => {
    switch (op.kind) {
      case 'rect':
        return `<rect x="${op.x}" y="${op.y}" width="${op.w}" height="${op.h}" fill="${op.fill}"/>`;
      case 'text':
        return `<text x="${op.x}" y="${op.y}" font-size="${op.size.toFixed(2)}" text-anchor="middle"`
          + `${op.bold ? ' font-weight="700"' : ''} fill="${op.fill ?? '#1b1b1b'}"${op.mono ? ` font-family='${MONO}'` : ''}>${escapeXml(op.text)}</text>`;
      case 'qr':
        return qrSvg(matrix, ` x="${op.x}" y="${op.y}" width="${op.size}" height="${op.size}"`);
      case 'logo':
        if (!logoHref) return '';
        return `<rect x="${op.x - 1}" y="${op.y - 1}" width="${op.size + 2}" height="${op.size + 2}" fill="#fff"/>`
          + `<image x="${op.x}" y="${op.y}" width="${op.size}" height="${op.size}" href="${escapeXml(logoHref)}" preserveAspectRatio="xMidYMid meet"/>`;
    }
  }).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${layout.width}mm" height="${layout.height}mm" `
    + `viewBox="0 0 ${layout.width} ${layout.height}" font-family='${FONT}'>`
    + `<rect width="100%" height="100%" fill="#fff"/>${body}</svg>\n`;
}
