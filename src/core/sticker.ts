/**
 * The vehicle sticker: a small weatherproof label for a Dial 112 vehicle (or
 * any unit), 100 × 100 mm or 150 × 100 mm. One layout, drawn as SVG by the
 * posters CLI with the poster's drawing code (`posterSvg`). Units are
 * millimetres. The code takes most of the label: it must decode from a
 * phone at arm's length, and the tests decode it at the pixel size a print
 * at 300 dpi gives, and at a quarter of that.
 */
import { ACCENT, POSTER_TEXT, fit, type PosterLayout, type PosterOp } from './poster.js';

export type StickerSize = '100x100' | '150x100';
export const STICKERS: Record<StickerSize, [width: number, height: number]> = { '100x100': [100, 100], '150x100': [150, 100] };

/** What a sticker names: a vehicle's call sign and registration, else the unit's name. */
export interface StickerUnit {
  name: string;
  vehicle?: { registration: string; callSign: string };
  url: string;
}

/** Lays a sticker out: the heading band, the instruction in both languages, the code, the unit and the readable URL. */
export function stickerLayout(size: StickerSize, unit: StickerUnit): PosterLayout {
  const [width, height] = STICKERS[size];
  const text = (x: number, y: number, max: number, s: number, t: string, extra: Partial<PosterOp & { kind: 'text' }> = {}): PosterOp =>
    ({ kind: 'text', x, y, size: fit(t, s, max), text: t, ...extra });
  const ops: PosterOp[] = [
    { kind: 'rect', x: 0, y: 0, w: width, h: 13, fill: ACCENT },
    text(width / 2, 9.4, width - 8, 7, POSTER_TEXT.heading, { bold: true, fill: '#fff' }),
  ];
  const { vehicle } = unit;
  if (size === '100x100') {
    // Stacked: the instruction, the code (58 mm square, its quiet zone
    // the margin), the unit on one line, the URL.
    ops.push(
      text(50, 19.5, 92, 4.6, POSTER_TEXT.instructionHi, { bold: true }),
      text(50, 24.6, 92, 3.8, POSTER_TEXT.instructionEn),
      { kind: 'qr', x: 21, y: 26, size: 58 },
      text(50, 88.8, 92, 5.2, vehicle ? `${vehicle.callSign} · ${vehicle.registration}` : unit.name, { bold: true }),
      text(50, 96, 92, 3, unit.url, { mono: true }),
    );
  } else {
    // Side by side: the code (76 mm) on the left; the words on the right,
    // the call sign largest, as it is read from across a road; the URL
    // along the foot.
    const cx = 78 + (width - 82) / 2;
    const column = width - 84;
    const unitLines: [string, number][] = vehicle ? [[vehicle.callSign, 8], [vehicle.registration, 6.4]] : [[unit.name, 6.4]];
    ops.push(
      { kind: 'qr', x: 2, y: 14.5, size: 76 },
      text(cx, 27, column, 5.4, POSTER_TEXT.instructionHi, { bold: true }),
      text(cx, 34, column, 4.4, POSTER_TEXT.instructionEn),
      ...unitLines.map(([t, s], i) => text(cx, 56 + i * 11, column, s, t, { bold: true })),
      text(width / 2, 95, width - 8, 3.4, unit.url, { mono: true }),
    );
  }
  return { width, height, ops };
}
