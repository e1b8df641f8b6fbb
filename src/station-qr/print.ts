/**
 * The download files of `<station-qr>`: the code and the poster as SVG and
 * as 300 dpi PNG. Only staff who print ever press those buttons, so this
 * module is loaded on the first press rather than with every station page:
 * the drop-in build emits it as `dist/station-qr-print.js`, next to the
 * file that loads it (see vite.config.ts).
 */
import { posterLayout, posterSvg, type Paper, type PosterStation } from '../core/poster.js';
import type { QrMatrix } from '../core/qr.js';
import { qrSvgDocument } from '../core/qr-svg.js';
import { drawPoster, drawQr } from './draw.js';

/** PNGs are made at 300 dpi across an A5 sheet (148 mm): sharp in print. */
const PRINT_PX_PER_MM = 300 / 25.4;
const PRINT_PX = Math.round(148 * PRINT_PX_PER_MM);

/** What a poster file needs from the element. */
export interface PosterJob {
  paper: Paper;
  station: PosterStation;
  /** The slotted logo `<img>`, if any: the code then has room for it. */
  logo: HTMLImageElement | null;
}

/** Which file: the code or the poster, as SVG or PNG; also the file name's ending. */
export type FileKind = 'svg' | 'png' | 'poster.svg' | 'poster.png';

const svgBlob = (text: string) => new Blob([text], { type: 'image/svg+xml' });

function canvas(width: number, height: number) {
  const c = document.createElement('canvas');
  c.width = width;
  c.height = height;
  return c;
}

/**
 * The logo contained (not stretched) and centred on a transparent square, as
 * both poster files draw it. It waits for a logo still loading; a broken
 * logo rejects, and one from another website without CORS taints the
 * canvas, so that `toBlob`/`toDataURL` throw: either way the element says
 * the file could not be made, rather than printing posters without it.
 */
async function logoSquare(img: HTMLImageElement) {
  await img.decode();
  const side = 512;
  const w = img.naturalWidth || side;
  const h = img.naturalHeight || side;
  const k = side / Math.max(w, h);
  const c = canvas(side, side);
  c.getContext('2d')!.drawImage(img, (side - w * k) / 2, (side - h * k) / 2, w * k, h * k);
  return c;
}

const png = (c: HTMLCanvasElement) => new Promise<Blob | null>((resolve) => c.toBlob(resolve, 'image/png'));

/**
 * Draws one download file.
 * - `svg`: the code as a standalone SVG file, black on white.
 * - `png`: the code as a PNG, 300 dpi across A5, drawn straight from the
 *   matrix: an SVG-to-image round trip would need `img-src blob:`, which a
 *   strict CSP forbids.
 * - `poster.svg`: the poster as a print-ready SVG in millimetres, the logo
 *   embedded as a PNG so the file stands alone, as the CLI's do.
 * - `poster.png`: the poster at 300 dpi, with the logo.
 */
export async function makeFile(kind: FileKind, matrix: QrMatrix, job: PosterJob): Promise<Blob | null> {
  if (kind === 'svg') return svgBlob(qrSvgDocument(matrix));
  if (kind === 'png') {
    const c = canvas(PRINT_PX, PRINT_PX);
    drawQr(c.getContext('2d')!, matrix, 0, 0, PRINT_PX);
    return png(c);
  }
  const layout = posterLayout(job.paper, job.station, !!job.logo);
  const logo = job.logo ? await logoSquare(job.logo) : undefined;
  if (kind === 'poster.svg') return svgBlob(posterSvg(layout, matrix, logo && logo.toDataURL('image/png')));
  const c = canvas(Math.round(layout.width * PRINT_PX_PER_MM), Math.round(layout.height * PRINT_PX_PER_MM));
  drawPoster(c.getContext('2d')!, layout, matrix, PRINT_PX_PER_MM, logo);
  return png(c);
}
