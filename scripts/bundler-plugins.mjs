// Build-time plugins shared by the Vite build and the test runner.
import { fileURLToPath } from 'node:url';

/**
 * qrcode's internal modules that browser builds swap for the byte-only
 * versions in ./qrcode-byte-only/ (each file says why). Node uses qrcode
 * unchanged; both give the same matrix because byte mode is chosen
 * explicitly (src/core/qr.ts).
 */
const swaps = { './segments': 'segments.cjs', './mode': 'mode.cjs' };

/** The replacement for this import, if it is one of qrcode core's swapped modules. */
export const qrcodeSwap = (source, importer) =>
  Object.hasOwn(swaps, source) && /[\\/]qrcode[\\/]lib[\\/]core[\\/]/.test(importer ?? '')
    ? fileURLToPath(new URL(`./qrcode-byte-only/${swaps[source]}`, import.meta.url))
    : undefined;

/** esbuild: swap qrcode's modules for the byte-only ones. */
export const esbuildQrcodeByteOnly = {
  name: 'qrcode-byte-only',
  setup(build) {
    build.onResolve({ filter: /^\.\/(segments|mode)$/ }, (args) => {
      const path = qrcodeSwap(args.path, args.importer);
      return path ? { path } : undefined;
    });
  },
};

/** Vite/Rolldown: the same swap. */
export const viteQrcodeByteOnly = {
  name: 'qrcode-byte-only',
  enforce: 'pre',
  resolveId: (source, importer) => qrcodeSwap(source, importer) ?? null,
};
