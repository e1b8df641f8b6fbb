// qrcode's encoder core, without its canvas/terminal/file renderers. The
// package ships no types for this path, so the part used is declared here.
declare module 'qrcode/lib/core/qrcode.js' {
  interface BitMatrix {
    size: number;
    data: Uint8Array;
    get(row: number, col: number): number;
  }
  const qrcode: {
    create(data: string | { data: string; mode: 'byte' }[], options?: { errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H' }): { modules: BitMatrix; version: number };
  };
  export default qrcode;
}
