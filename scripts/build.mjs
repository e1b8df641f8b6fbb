// Builds every output: the drop-in files (Lit bundled), the npm entries
// (Lit, zod and qrcode external), the .d.ts types and the Node programs.
// Run as `npm run build`.
import { build as vite } from 'vite';
import { build as esbuild } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { minifyHTMLLiterals } from 'minify-literals';
import { viteQrcodeByteOnly } from './bundler-plugins.mjs';

const root = new URL('..', import.meta.url).pathname;
rmSync(`${root}dist`, { recursive: true, force: true });

/**
 * Lit's html`` and css`` literals are shipped as written: indentation,
 * newlines and comments. minify-literals collapses them (HTML through
 * html-minifier-next, CSS through Lightning CSS) in the drop-in builds.
 */
const minifyTemplates = {
  name: 'anubhav-minify-literals',
  enforce: 'pre',
  async transform(code, id) {
    if (!id.startsWith(`${root}src/`) || !id.endsWith('.ts')) return null;
    return minifyHTMLLiterals(code, { fileName: id });
  },
};

const quiet = { logLevel: 'warn', configFile: false, root };

/**
 * Drop-in builds: one self-contained, minified ES module each, plus
 * `station-qr-print.js`, the code for `<station-qr>`'s downloads, which the
 * element imports from next to itself on the first download. Print code is
 * for staff, so no citizen's phone fetches it.
 */
export const dropIns = {
  'anubhav': 'src/anubhav.ts',
  'anubhav-feedback': 'src/define/anubhav-feedback.ts',
  'station-qr': 'src/define/station-qr.ts',
  'station-qr-print': 'src/station-qr/print.ts',
};

/** In the drop-ins, `import('./print.js')` becomes a sibling file, not an inlined copy. */
const printAsSibling = {
  name: 'anubhav-print-sibling',
  enforce: 'pre',
  resolveId(source, importer) {
    return source === './print.js' && importer?.endsWith('/src/station-qr/station-qr.ts')
      ? { id: './station-qr-print.js', external: 'relative' }
      : null;
  },
};

const licences = {
  lit: 'lit (BSD-3-Clause, Copyright Google LLC)',
  zod: 'zod (MIT, Copyright Colin McDonnell)',
  qrcode: 'qrcode (MIT, Copyright Ryan Day)',
  idb: 'idb-keyval (Apache-2.0, Copyright Jake Archibald)',
};
const bundled = {
  'anubhav': [licences.lit, licences.zod, licences.qrcode, licences.idb],
  'anubhav-feedback': [licences.lit, licences.zod, licences.idb],
  'station-qr': [licences.lit, licences.qrcode],
  'station-qr-print': [],
};
const { version } = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
const banner = (name) =>
  `/*! anubhav-widgets ${version} (MIT)${bundled[name].length ? `; bundles ${bundled[name].join(', ')}` : ''} */`;

for (const [name, entry] of Object.entries(dropIns)) {
  await vite({
    ...quiet,
    plugins: [minifyTemplates, viteQrcodeByteOnly, printAsSibling],
    build: {
      target: 'es2022',
      outDir: 'dist',
      emptyOutDir: false,
      minify: true,
      lib: { entry, formats: ['es'], fileName: () => `${name}.js` },
      // No comments: annotations (`/* @__PURE__ */`) help only a later
      // bundler and cost 0.25 KiB gzip, and Lit's four licence comments land
      // mid-function. One banner names every bundled library's licence.
      rolldownOptions: {
        output: { minify: true, codeSplitting: false, comments: false },
      },
    },
  });
  // Added after the build: the minifier would take it out with the rest.
  const file = `${root}dist/${name}.js`;
  writeFileSync(file, `${banner(name)}\n${readFileSync(file, 'utf8')}`);
}

/** npm entries: dependencies stay external so apps share one Lit. */
await vite({
  ...quiet,
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
    minify: false,
    lib: {
      entry: {
        index: 'src/index.ts',
        'define/anubhav-feedback': 'src/define/anubhav-feedback.ts',
        'define/station-qr': 'src/define/station-qr.ts',
      },
      formats: ['es'],
      fileName: (_format, name) => `${name}.js`,
    },
    rolldownOptions: { external: [/^lit(\/|$)/, /^zod(\/|$)/, /^qrcode(\/|$)/] },
  },
});

execFileSync(`${root}node_modules/.bin/tsc`, ['-p', root], { stdio: 'inherit' });

/**
 * Node programs: the collector's bin and its library entry (for tests and
 * for embedding). Bundled with esbuild; dependencies stay in node_modules.
 */
await esbuild({
  entryPoints: {
    collector: `${root}src/collector/main.ts`,
    'collector-app': `${root}src/collector/index.ts`,
    posters: `${root}src/cli/posters-main.ts`,
    'posters-lib': `${root}src/cli/posters.ts`,
  },
  outdir: `${root}dist`,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  banner: { js: '#!/usr/bin/env node' },
  logLevel: 'warning',
});
for (const bin of ['collector', 'posters']) chmodSync(`${root}dist/${bin}.js`, 0o755);

console.log('build: dist/ written');
