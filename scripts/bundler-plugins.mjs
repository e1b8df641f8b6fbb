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

/** Each `.name` in `code` is `this.name`: no other object's member shares the name. */
const onlyOnThis = (code, name) =>
  [...code.matchAll(new RegExp(`([\\w$\\])?]*)\\??\\.${name}\\b`, 'g'))].every((m) => m[1] === 'this');

/**
 * The members a class declares `private` (TypeScript's, erased at build)
 * that a build may rename: those the file reaches only as `this.name`, so
 * that no other object's member of the same name is caught up. `plain` are
 * ordinary members; `reactive` are Lit's reactive state, listed by name in
 * `static properties`, of which only those never named in a string (Lit's
 * `changed.has('phase')`) are taken.
 */
export function privateNames(code, keyword = 'private') {
  const block = /static (?:override )?properties = \{([^]*?)\n {2}\};/.exec(code)?.[1] ?? '';
  const listed = new Set([...block.matchAll(/^\s+(\w+):/gm)].map((m) => m[1]));
  const declared = new Set([...code.matchAll(new RegExp(`^ {2}(?:${keyword}) (?!declare |override |abstract )(?:readonly )?(?:async )?(?:get |set )?(\\w+)`, 'gm'))].map((m) => m[1]));
  const names = [...declared].filter((name) => onlyOnThis(code, name));
  return {
    plain: names.filter((name) => !listed.has(name)),
    reactive: names.filter((name) => listed.has(name) && !new RegExp(`['"\`]${name}['"\`]`).test(code)),
  };
}

/**
 * Vite/Rolldown: shortens the names of an element's private members in the
 * drop-ins, which a minifier may not do to a property (`renderInlineError`
 * stays `renderInlineError`). Plain members become JavaScript `#private`
 * ones, which Oxc's minifier then shortens (`#e`); Lit's reactive private
 * state, which Lit reaches by name and so cannot be `#private`, is renamed
 * `_0`, `_1`… in its `static properties` and at each use. Source, tests and
 * the npm entries keep the readable names; the form's drop-in is about
 * 0.28 KiB gzip smaller. A use the rename missed would be a `#name` read
 * outside its class, a syntax error that fails the build, or a test failure
 * in the end-to-end tests, which run the drop-ins.
 *
 * `protectedToo` takes `protected` members as well (never `declare`d ones,
 * which have no code): for a drop-in that holds no subclass, where nothing
 * outside the class can reach them. The hosted page's bundle holds one
 * (hosted-feedback.ts), so it renames private members only.
 */
export const vitePrivateMembers = ({ protectedToo = false } = {}) => ({
  name: 'anubhav-private-members',
  enforce: 'pre',
  transform(code, id) {
    const keyword = protectedToo ? 'private|protected' : 'private';
    if (!/[\\/]src[\\/].*\.ts$/.test(id) || !new RegExp(`^ {2}(?:${keyword}) `, 'm').test(code)) return null;
    const { plain, reactive } = privateNames(code, keyword);
    let out = code;
    for (const name of plain.sort((a, b) => b.length - a.length)) {
      out = out
        // `private foo?: T` becomes `#foo: T`: types are erased, and a
        // `#name` may not be optional.
        .replace(new RegExp(`^( {2})(?:${keyword}) ((?:readonly )?(?:async )?(?:get |set )?)${name}\\b\\??`, 'gm'), `$1$2#${name}`)
        .replace(new RegExp(`\\bthis\\.${name}\\b`, 'g'), `this.#${name}`);
    }
    reactive.forEach((name, i) => {
      out = out
        .replace(new RegExp(`^( {4})${name}:`, 'm'), `$1_${i}:`)
        .replace(new RegExp(`^( {2}(?:${keyword}) )${name}\\b`, 'm'), `$1_${i}`)
        .replace(new RegExp(`\\bthis\\.${name}\\b`, 'g'), `this._${i}`);
    });
    return out === code ? null : { code: out, map: null };
  },
});
