// Build-time plugins shared by the Vite build and the test runner.
import { fileURLToPath } from 'node:url';

export const qrcodeByteOnly = fileURLToPath(new URL('./qrcode-byte-only.cjs', import.meta.url));

/** Is this `./segments` import the one inside qrcode's core? */
export const isQrcodeSegments = (source, importer) =>
  source === './segments' && /[\\/]qrcode[\\/]lib[\\/]core[\\/]/.test(importer ?? '');

/** esbuild: swap qrcode's segments module for the byte-only one. */
export const esbuildQrcodeByteOnly = {
  name: 'qrcode-byte-only',
  setup(build) {
    build.onResolve({ filter: /^\.\/segments$/ }, (args) =>
      isQrcodeSegments(args.path, args.importer) ? { path: qrcodeByteOnly } : undefined);
  },
};

/** Vite/Rolldown: the same swap. */
export const viteQrcodeByteOnly = {
  name: 'qrcode-byte-only',
  enforce: 'pre',
  resolveId(source, importer) {
    return isQrcodeSegments(source, importer) ? qrcodeByteOnly : null;
  },
};
