/**
 * QR encoding, shared by `<station-qr>` and the poster CLI; the drawing is
 * in `qr-svg.ts`, which needs no encoder. Only qrcode's encoder core is
 * imported: its renderers would add about 1.5 KiB and a canvas dependency
 * we do not need.
 */
import qrcode from 'qrcode/lib/core/qrcode.js';

export type ErrorCorrection = 'L' | 'M' | 'Q' | 'H';
export const ERROR_CORRECTIONS: readonly ErrorCorrection[] = ['L', 'M', 'Q', 'H'];

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
