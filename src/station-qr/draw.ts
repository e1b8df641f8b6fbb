/** Canvas drawing for the PNG downloads; the SVG twins live in core. */
import { FONT, MONO, type PosterLayout } from '../core/poster.js';
import { QUIET_ZONE, qrExtent, type QrMatrix } from '../core/qr.js';

/** The code, quiet zone included, as a `size`-wide square at (x, y), black on white. */
export function drawQr(ctx: CanvasRenderingContext2D, matrix: QrMatrix, x: number, y: number, size: number) {
  const m = size / qrExtent(matrix);
  ctx.fillStyle = '#fff';
  ctx.fillRect(x, y, size, size);
  ctx.fillStyle = '#000';
  for (let row = 0; row < matrix.size; row++) {
    for (let col = 0; col < matrix.size; col++) {
      // A hair of overlap so that neighbouring modules leave no seams.
      if (matrix.dark(col, row)) ctx.fillRect(x + (col + QUIET_ZONE) * m, y + (row + QUIET_ZONE) * m, m + 0.01, m + 0.01);
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
      drawQr(ctx, matrix, op.x, op.y, op.size);
    } else if (logo) {
      ctx.fillStyle = '#fff';
      ctx.fillRect(op.x - 1, op.y - 1, op.size + 2, op.size + 2);
      ctx.drawImage(logo, op.x, op.y, op.size, op.size);
    }
  }
}
