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
  emergencyHi: 'आपात स्थिति में 112 डायल करें',
  emergencyEn: 'Not for emergencies: dial 112',
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
 * A font size that keeps `text` within `width`, from an estimate of its
 * width in em: Node has no fonts to measure with. It counts 0.6 em for a
 * letter, Devanagari or Latin; nothing for the vowel signs and marks drawn
 * above or below one (ु े ं ्, Unicode's nonspacing marks), which an estimate
 * by characters once counted as letters; and 0.3 em for a space. Real names,
 * in bold Noto in Chromium, measure 0.8 to 1.0 of that, so text errs on the
 * side of fitting; a run of capitals or bare consonants can reach 1.1, which
 * the 10 mm margins absorb.
 */
export const fit = (text: string, size: number, width: number) =>
  // An empty text divides by zero: Infinity, so `size`.
  Math.min(size, width / [...text].reduce((em, c) => em + (/\p{Mn}/u.test(c) ? 0 : c == ' ' ? 0.3 : 0.6), 0));

/**
 * The station name's font size and lines. One line, unless that would
 * shrink the name below 85% of `size`; then two, split at the space that
 * leaves the longer line shortest, so that a long name stays readable
 * rather than shrinking to fit. A "·" between the languages is dropped at
 * the split.
 */
function nameLines(name: string, size: number, width: number): [size: number, ...lines: string[]] {
  let best: [number, ...string[]] = [fit(name, size, width), name];
  if (best[0] < 0.85 * size) {
    for (const { index, 0: gap } of name.matchAll(/ (· )?/g)) {
      const a = name.slice(0, index);
      const b = name.slice(index + gap.length);
      const s = Math.min(fit(a, size, width), fit(b, size, width));
      if (s > best[0]) best = [s, a, b];
    }
  }
  return best;
}

/** Lays the poster out on the paper, scaled from an A5 design. */
export function posterLayout(paper: Paper, station: PosterStation, logo = false): PosterLayout {
  const [width, height] = PAPERS[paper];
  const k = width / 148;
  const cx = width / 2;
  // Sizes and places in the A5 design's units, scaled by k; text fits the
  // 128 mm between 10 mm margins.
  const text = (y: number, size: number, t: string, extra: Partial<PosterOp & { kind: 'text' }> = {}): PosterOp =>
    ({ kind: 'text', x: cx, y: y * k, size: k * fit(t, size, 128), text: t, ...extra });
  const [nameSize, ...lines] = nameLines(station.name, 6.5, 128);
  // The name's lines, then the district, are spaced by their sizes: a
  // one-line name at full size sits at 60, its district 7.5 below. The code
  // fills what is left above its bottom edge, which stays put; after a
  // two-line name it is still over half the sheet wide.
  const districtSize = Math.min(4.8, nameSize);
  const first = 54.15 + 0.9 * nameSize;
  const step = 1.25 * nameSize;
  const districtY = first + step * (lines.length - 1) + (nameSize + districtSize) / 1.5;
  const qrSize = (151.5 - districtY) * k;
  const qrTop = (districtY + 4.5) * k;
  const ops: PosterOp[] = [
    { kind: 'rect', x: 0, y: 0, w: width, h: 34 * k, fill: ACCENT },
    text(14, 10, POSTER_TEXT.heading, { bold: true, fill: '#fff' }),
    text(23, 4.2, POSTER_TEXT.subheadingHi, { fill: '#fff' }),
    text(29.5, 3.8, POSTER_TEXT.subheadingEn, { fill: '#fff' }),
    text(43, 7, POSTER_TEXT.instructionHi, { bold: true }),
    text(50.5, 5.2, POSTER_TEXT.instructionEn),
    ...lines.map((t, i) => text(first + i * step, nameSize, t, { bold: true })),
    // Never larger than the name it belongs to.
    text(districtY, districtSize, station.district),
    { kind: 'qr', x: cx - qrSize / 2, y: qrTop, size: qrSize },
    text(166, 3.4, station.url, { mono: true }),
    { kind: 'rect', x: 10 * k, y: 174 * k, w: width - 20 * k, h: 24 * k, fill: '#fdf2f1' },
    { kind: 'rect', x: 10 * k, y: 174 * k, w: 2 * k, h: 24 * k, fill: '#b3261e' },
    // Hindi leads here as everywhere on the poster, a size up as above.
    text(184, 5.6, POSTER_TEXT.emergencyHi, { bold: true, fill: '#8c1d18' }),
    text(193, 4.6, POSTER_TEXT.emergencyEn, { bold: true, fill: '#8c1d18' }),
  ];
  // A centre logo covers about 4% of the code's area; at error correction H
  // (30% recoverable) the code still decodes, as the tests check.
  if (logo) ops.push({ kind: 'logo', x: cx - qrSize * 0.11, y: qrTop + qrSize * 0.39, size: qrSize * 0.22 });
  return { width, height, ops };
}

/**
 * XML text escaping: station names come from a CSV and are never markup.
 * Characters XML forbids outright (most control characters, lone
 * surrogates) are dropped, since no escape makes them legal and one would
 * make the whole file unreadable.
 */
export const escapeXml = (s: string) =>
  // With the u flag a surrogate pair (an emoji) is one character outside
  // the class, so the surrogate range matches only lone halves.
  s.replace(/[\0-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]/gu, '')
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
        // An <image> is contained and centred by default (preserveAspectRatio
        // is xMidYMid meet unless set), as drawPoster does for the PNG.
        return `<rect x="${op.x - 1}" y="${op.y - 1}" width="${op.size + 2}" height="${op.size + 2}" fill="#fff"/>`
          + `<image x="${op.x}" y="${op.y}" width="${op.size}" height="${op.size}" href="${escapeXml(logoHref)}"/>`;
    }
  }).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${layout.width}mm" height="${layout.height}mm" `
    + `viewBox="0 0 ${layout.width} ${layout.height}" font-family='${FONT}'>`
    + `<rect width="100%" height="100%" fill="#fff"/>${body}</svg>\n`;
}
