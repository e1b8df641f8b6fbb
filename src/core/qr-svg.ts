/**
 * Drawing a QR matrix as SVG: the element's inline code, the code file and
 * the poster all use these. Kept apart from the encoder so that the print
 * code, which is handed a matrix, does not pull in qrcode.
 */
import type { QrMatrix } from './qr.js';

/** The quiet zone the QR standard asks for, in modules, on every side. */
export const QUIET_ZONE = 4;

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
