// Builds every output of anubhav-widgets: the drop-in files (Lit bundled),
// the npm entries (Lit, zod and qrcode external), the .d.ts types and the
// posters CLI; then, unless `--widgets-only` (what `npm pack` runs), the
// collector package in collector/. Run as `npm run build`.
import { build as vite } from 'vite';
import { build as esbuild } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chmodSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { bundledPackages, dropIns } from './drop-ins.mjs';
import { esbuildQrcodeByteOnly, minifyTemplates, printAsSibling, viteQrcodeByteOnly, vitePrivateMembers } from './bundler-plugins.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
rmSync(`${root}dist`, { recursive: true, force: true });

const quiet = { logLevel: 'warn', configFile: false, root };

// The drop-ins: vite.config.ts builds one per mode.
for (const name of [...Object.keys(dropIns), 'hosted-ssr']) {
  await vite({ root, configFile: `${root}vite.config.ts`, mode: name });
}

// Subresource Integrity: the hash for each drop-in's <script integrity="…">
// (docs/frameworks.md, "Plain HTML"). It changes with every build that
// changes the file, so copy it from here each time.
for (const name of Object.keys(dropIns)) {
  const digest = createHash('sha384').update(readFileSync(`${root}dist/${name}.js`)).digest('base64');
  console.log(`build: dist/${name}.js integrity="sha384-${digest}"`);
}

// The licence texts of what the drop-ins bundle, shipped beside them: the
// MIT, BSD and Apache licences ask for the notice to travel with copies.
const licenceText = (pkg) => {
  const dir = `${root}node_modules/${pkg}`;
  const file = readdirSync(dir).find((f) => /^licen[cs]e/i.test(f));
  const { version, license } = JSON.parse(readFileSync(`${dir}/package.json`, 'utf8'));
  return `${pkg} ${version} (${license})\n\n${readFileSync(`${dir}/${file}`, 'utf8').trim()}\n`;
};
writeFileSync(`${root}dist/THIRD-PARTY-LICENSES.txt`, bundledPackages.map(licenceText).join(`\n${'-'.repeat(72)}\n\n`));

/**
 * npm entries: Lit and zod stay external so apps share one copy. qrcode's
 * encoder core is bundled, byte mode only as in the drop-ins: the package
 * then brings neither qrcode's kanji tables into an app's bundle nor its
 * CLI's two dozen dependencies (yargs and the rest) into node_modules.
 * Templates are minified as in the drop-ins; the code is not (the app's
 * bundler does that, and readable code is easier to debug). The download
 * code is the print drop-in, as for the drop-ins (see printAsSibling).
 * Private members become `#private`, which an app's minifier shortens as it
 * cannot a property; protected ones keep their names, for subclasses.
 */
await vite({
  ...quiet,
  plugins: [minifyTemplates, vitePrivateMembers(), viteQrcodeByteOnly, printAsSibling()],
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
    minify: false,
    lib: {
      entry: {
        index: 'src/index.ts',
        core: 'src/core.ts',
        'define/anubhav-feedback': 'src/define/anubhav-feedback.ts',
        'define/station-qr': 'src/define/station-qr.ts',
      },
      formats: ['es'],
      fileName: (_format, name) => `${name}.js`,
    },
    rolldownOptions: {
      external: [/^lit(\/|$)/, /^zod(\/|$)/, /^idb-keyval(\/|$)/],
      // core.js imports every question set for servers, and the element
      // imports them one at a time (core/set-choice.ts): each set still
      // gets a chunk of its own, which the warning says it would not.
      checks: { ineffectiveDynamicImport: false },
    },
  },
});

execFileSync(`${root}node_modules/.bin/tsc`, ['-p', root], { stdio: 'inherit' });
// Framework types and editor data, from custom-elements.json and the .d.ts above.
execFileSync(process.execPath, [`${root}scripts/framework-types.mjs`], { stdio: 'inherit' });

/**
 * Node programs: the posters bin, its library entry (for tests), and the
 * station-file reader that the collector shares. Bundled with esbuild;
 * dependencies stay in node_modules, but for qrcode (bundled, as above).
 */
await esbuild({
  entryPoints: {
    posters: `${root}src/cli/posters-main.ts`,
    'posters-lib': `${root}src/cli/posters.ts`,
    'stations-file': `${root}src/cli/stations-file.ts`,
  },
  outdir: `${root}dist`,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['csv-parse', 'zod', 'lit', 'idb-keyval'],
  plugins: [esbuildQrcodeByteOnly],
  banner: { js: '#!/usr/bin/env node' },
  logLevel: 'warning',
});
chmodSync(`${root}dist/posters.js`, 0o755);
console.log('build: dist/ written');

if (!process.argv.includes('--widgets-only')) {
  execFileSync(process.execPath, [`${root}collector/scripts/build.mjs`], { stdio: 'inherit' });
}
