/**
 * The download files of `<station-qr>`: the code and the poster as SVG and
 * as 300 dpi PNG. Only staff who print ever press those buttons, so this
 * module is loaded on the first press rather than with every station page:
 * the drop-in build emits it as `dist/station-qr-print.js`, next to the
 * file that loads it (see scripts/build.mjs).
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
  /** A slotted logo: drawn on the PNG when it is a loaded `<img>`. */
  logo?: HTMLImageElement;
  hasLogo: boolean;
}

const svgBlob = (text: string) => new Blob([text], { type: 'image/svg+xml' });

function canvas(width: number, height: number) {
  const c = document.createElement('canvas');
  c.width = width;
  c.height = height;
  return c;
}

const png = (c: HTMLCanvasElement) => new Promise<Blob | null>((resolve) => c.toBlob(resolve, 'image/png'));

/** The code as a standalone SVG file, black on white. */
export const codeSvg = (matrix: QrMatrix) => svgBlob(qrSvgDocument(matrix));

/**
 * The code as a PNG, 300 dpi across A5. It is drawn straight from the
 * matrix: an SVG-to-image round trip would need `img-src blob:`, which a
 * strict CSP forbids.
 */
export function codePng(matrix: QrMatrix) {
  const c = canvas(PRINT_PX, PRINT_PX);
  drawQr(c.getContext('2d')!, matrix, 0, 0, PRINT_PX);
  return png(c);
}

/** The poster as a print-ready SVG in millimetres. */
export const posterSvgFile = (job: PosterJob, matrix: QrMatrix) =>
  svgBlob(posterSvg(posterLayout(job.paper, job.station, job.hasLogo), matrix));

/** The poster as a PNG at 300 dpi, with the logo if it is a loaded `<img>`. */
export function posterPng(job: PosterJob, matrix: QrMatrix) {
  const layout = posterLayout(job.paper, job.station, job.hasLogo);
  const c = canvas(Math.round(layout.width * PRINT_PX_PER_MM), Math.round(layout.height * PRINT_PX_PER_MM));
  drawPoster(c.getContext('2d')!, layout, matrix, PRINT_PX_PER_MM, job.logo?.complete ? job.logo : undefined);
  return png(c);
}
