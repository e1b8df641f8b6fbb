/** Canvas drawing for the PNG downloads; the SVG twins live in core. */
import { FONT, MONO, type PosterLayout } from '../core/poster.js';
import type { QrMatrix } from '../core/qr.js';
import { QUIET_ZONE, qrExtent } from '../core/qr-svg.js';

/**
 * The code, quiet zone included, as a `size`-wide square at (x, y), black on
 * white, in device pixels. Module edges are snapped to whole pixels: at a
 * fractional module size, anti-aliased seams would blur the code for
 * scanners.
 */
export function drawQr(ctx: CanvasRenderingContext2D, matrix: QrMatrix, x: number, y: number, size: number) {
  const m = size / qrExtent(matrix);
  const edge = (i: number, origin: number) => Math.round(origin + (i + QUIET_ZONE) * m);
  ctx.fillStyle = '#fff';
  ctx.fillRect(Math.round(x), Math.round(y), Math.round(size), Math.round(size));
  ctx.fillStyle = '#000';
  for (let row = 0; row < matrix.size; row++) {
    for (let col = 0; col < matrix.size; col++) {
      if (!matrix.dark(col, row)) continue;
      const left = edge(col, x);
      const top = edge(row, y);
      ctx.fillRect(left, top, edge(col + 1, x) - left, edge(row + 1, y) - top);
    }
  }
}

/** The canvas twin of `posterSvg`: the same layout, scaled to pixels. */
export function drawPoster(ctx: CanvasRenderingContext2D, layout: PosterLayout, matrix: QrMatrix, pxPerMm: number, logo?: CanvasImageSource) {
  ctx.scale(pxPerMm, pxPerMm);
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, layout.width, layout.height);
  ctx.textAlign = 'center';
  for (const op of layout.ops) {
    if (op.kind === 'rect') {
      ctx.fillStyle = op.fill;
      ctx.fillRect(op.x, op.y, op.w, op.h);
    } else if (op.kind === 'text') {
      ctx.fillStyle = op.fill ?? '#1b1b1b';
      ctx.font = `${op.bold ? 700 : 400} ${op.size}px ${op.mono ? MONO : FONT}`;
      ctx.fillText(op.text, op.x, op.y);
    } else if (op.kind === 'qr') {
      // In device pixels, so that drawQr can snap the modules to them.
      ctx.save();
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      drawQr(ctx, matrix, op.x * pxPerMm, op.y * pxPerMm, op.size * pxPerMm);
      ctx.restore();
    } else if (logo) {
      ctx.fillStyle = '#fff';
      ctx.fillRect(op.x - 1, op.y - 1, op.size + 2, op.size + 2);
      ctx.drawImage(logo, op.x, op.y, op.size, op.size);
    }
  }
}
