/**
 * QR encoding and the SVG drawing of a code, shared by `<station-qr>` and
 * the poster CLI. Only qrcode's encoder core is imported: its renderers
 * would add about 1.5 KiB and a canvas dependency we do not need.
 */
import qrcode from 'qrcode/lib/core/qrcode.js';

export type ErrorCorrection = 'L' | 'M' | 'Q' | 'H';
export const ERROR_CORRECTIONS: readonly ErrorCorrection[] = ['L', 'M', 'Q', 'H'];

/** The quiet zone the QR standard asks for, in modules, on every side. */
export const QUIET_ZONE = 4;

export interface QrMatrix {
  /** Modules per side, without the quiet zone. */
  size: number;
  dark(x: number, y: number): boolean;
}

export function qrMatrix(text: string, errorCorrection: ErrorCorrection = 'M'): QrMatrix {
  // One byte-mode segment, always: see scripts/qrcode-byte-only/.
  const { modules } = qrcode.create([{ data: text, mode: 'byte' }], { errorCorrectionLevel: errorCorrection });
  return { size: modules.size, dark: (x, y) => modules.get(y, x) === 1 };
}

/**
 * One SVG path for all dark modules, offset by the quiet zone. Horizontal
 * runs are merged, which makes the path about a third the length of one
 * square per module. The output holds only numbers and path commands.
 */
export function qrPath(m: QrMatrix, margin = QUIET_ZONE): string {
  let d = '';
  for (let y = 0; y < m.size; y++) {
    for (let x = 0; x < m.size; x++) {
      if (!m.dark(x, y)) continue;
      let run = 1;
      while (x + run < m.size && m.dark(x + run, y)) run++;
      d += `M${x + margin} ${y + margin}h${run}v1h-${run}z`;
      x += run - 1;
    }
  }
  return d;
}

/** Side of the drawing in modules, quiet zone included. */
export const qrExtent = (m: QrMatrix, margin = QUIET_ZONE) => m.size + 2 * margin;

/**
 * The code as an `<svg>` element, black on white for printing. `attrs` adds
 * placement (the poster) or the namespace (a standalone file); it is built
 * from numbers by our own code, never from data.
 * `shape-rendering="crispEdges"` stops anti-aliasing seams between runs.
 */
export function qrSvg(m: QrMatrix, attrs = ''): string {
  const n = qrExtent(m);
  return `<svg${attrs} viewBox="0 0 ${n} ${n}" shape-rendering="crispEdges">`
    + `<rect width="${n}" height="${n}" fill="#fff"/><path fill="#000" d="${qrPath(m)}"/></svg>`;
}

/** A standalone SVG file of the code. */
export const qrSvgDocument = (m: QrMatrix) => `${qrSvg(m, ' xmlns="http://www.w3.org/2000/svg"')}\n`;
