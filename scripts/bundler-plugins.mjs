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
export function privateNames(code) {
  const block = /static (?:override )?properties = \{([^]*?)\n {2}\};/.exec(code)?.[1] ?? '';
  const listed = new Set([...block.matchAll(/^\s+(\w+):/gm)].map((m) => m[1]));
  const declared = new Set([...code.matchAll(/^ {2}private (?:readonly )?(?:async )?(?:get |set )?(\w+)/gm)].map((m) => m[1]));
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
 */
export const vitePrivateMembers = {
  name: 'anubhav-private-members',
  enforce: 'pre',
  transform(code, id) {
    if (!/[\\/]src[\\/].*\.ts$/.test(id) || !/^ {2}private /m.test(code)) return null;
    const { plain, reactive } = privateNames(code);
    let out = code;
    for (const name of plain.sort((a, b) => b.length - a.length)) {
      out = out
        // `private foo?: T` becomes `#foo: T`: types are erased, and a
        // `#name` may not be optional.
        .replace(new RegExp(`^( {2})private ((?:readonly )?(?:async )?(?:get |set )?)${name}\\b\\??`, 'gm'), `$1$2#${name}`)
        .replace(new RegExp(`\\bthis\\.${name}\\b`, 'g'), `this.#${name}`);
    }
    reactive.forEach((name, i) => {
      out = out
        .replace(new RegExp(`^( {4})${name}:`, 'm'), `$1_${i}:`)
        .replace(new RegExp(`^( {2}private )${name}\\b`, 'm'), `$1_${i}`)
        .replace(new RegExp(`\\bthis\\.${name}\\b`, 'g'), `this._${i}`);
    });
    return out === code ? null : { code: out, map: null };
  },
};
