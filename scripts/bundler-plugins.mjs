// Build-time plugins shared by the Vite build and the test runner.
import { fileURLToPath } from 'node:url';
import { minifyHTMLLiterals } from 'minify-literals';

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

// Vite's module ids use forward slashes on every system.
const srcDir = fileURLToPath(new URL('../src/', import.meta.url)).replaceAll('\\', '/');

/**
 * Lit's html`` and css`` literals are shipped as written: indentation,
 * newlines and comments. minify-literals collapses them (HTML through
 * html-minifier-next, CSS through Lightning CSS). It also drops the quotes
 * around attribute values that HTML does not need them for (`class=field`,
 * `id=${id}-error`): Lit parses unquoted attributes and bindings alike, the
 * DOM is the same, and the drop-ins are smaller (35 to 79 B gzip). The npm
 * entries get it too: an app's bundler minifies code, never the insides of
 * template literals, so without it an app's bundle carried the whitespace
 * (6.5 KB gzip more than the drop-in for both elements).
 */
export const minifyTemplates = {
  name: 'anubhav-minify-literals',
  enforce: 'pre',
  async transform(code, id) {
    if (!id.startsWith(srcDir) || !id.endsWith('.ts')) return null;
    return minifyHTMLLiterals(code, { fileName: id, html: { removeAttributeQuotes: true } });
  },
};

/**
 * `<station-qr>`'s `import('./print.js')` becomes the sibling file
 * `./station-qr-print.js`, the self-contained print drop-in, in the drop-ins
 * and the npm entries alike. Left to the bundler, the print chunk would
 * import the poster layout and SVG writers from the element's chunk, which
 * then carries them to every phone (2 KB gzip in an app's bundle); as its
 * own file it holds its own copies, and only a download fetches them.
 */
export const printAsSibling = (query = '') => ({
  name: 'anubhav-print-sibling',
  enforce: 'pre',
  resolveId(source, importer) {
    return source === './print.js' && importer?.replaceAll('\\', '/').endsWith('/src/station-qr/station-qr.ts')
      ? { id: `./station-qr-print.js${query}`, external: true }
      : null;
  },
});
