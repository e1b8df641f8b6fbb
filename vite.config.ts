/**
 * The drop-in builds. `npx vite build` makes `dist/anubhav.js`, and
 * `npx vite build --mode <name>` any other file of scripts/drop-ins.mjs
 * (`anubhav-feedback`, `station-qr`, `station-qr-print`). `npm run build`
 * runs all of them with this file, then the npm entries, the types and the
 * Node programs (scripts/build.mjs).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { minify as terser } from 'terser';
import { gzipSync } from 'node:zlib';
import { defineConfig, normalizePath, type Plugin } from 'vite';
import { minifyTemplates, printAsSibling, viteQrcodeByteOnly, vitePrivateMembers } from './scripts/bundler-plugins.mjs';
import { dropIns, libraries } from './scripts/drop-ins.mjs';

// Forward slashes on every system, as in Vite's module ids.
const root = normalizePath(fileURLToPath(new URL('.', import.meta.url)));
const { version } = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));

/**
 * `import('./sets/dial-112.js')` (core/set-choice.ts) becomes the sibling
 * file `sets/dial-112.js`, built on its own (scripts/drop-ins.mjs), not an
 * inlined copy: a drop-in carries only `default@1`. Versioned like the
 * print file.
 */
const setsAsSiblings: Plugin = {
  name: 'anubhav-sets-siblings',
  enforce: 'pre',
  resolveId(source, importer) {
    return source.startsWith('./sets/') && importer?.endsWith('/src/core/set-choice.ts')
      ? { id: `${source}?v=${version}`, external: true }
      : null;
  },
};

/**
 * The npm package a bundled module comes from, if any: the part after the
 * last `node_modules`, so that nested and pnpm-style paths name the real
 * package.
 */
const packageOf = (id: string) => {
  const parts = id.split(/[\\/]node_modules[\\/]/);
  return parts.length > 1 ? /^(@[^\\/]+[\\/])?[^\\/]+/.exec(parts.at(-1)!)?.[0].replace('\\', '/') : undefined;
};

/**
 * The output keeps no comments (the `@__PURE__` annotations help only a
 * later bundler and cost 0.25 KiB gzip; Lit's licence comments land
 * mid-function), so one banner names each bundled library's licence. It is
 * added once the code is minified, which would remove it. The build fails
 * when the drop-in's list in scripts/drop-ins.mjs and the bundle disagree,
 * so the banner and dist/THIRD-PARTY-LICENSES.txt cannot drift from it.
 */
const licenceBanner = (bundles: (keyof typeof libraries)[]): Plugin => ({
  name: 'anubhav-licence-banner',
  generateBundle(_options, bundle) {
    const listed = new Set(bundles.flatMap((b) => libraries[b].packages));
    const notices = bundles.map((b) => libraries[b].notice);
    const text = `/*! anubhav-widgets ${version} MIT${notices.length ? `; bundles ${notices.join('; ')}` : ''} */\n`;
    for (const chunk of Object.values(bundle)) {
      if (chunk.type !== 'chunk') continue;
      const present = new Set(chunk.moduleIds.map(packageOf));
      const unlisted = [...present].filter((p) => p && !listed.has(p));
      if (unlisted.length) this.error(`${chunk.fileName} bundles ${unlisted.join(', ')}: list it in scripts/drop-ins.mjs, with its licence`);
      const absent = bundles.filter((b) => !libraries[b].packages.some((p) => present.has(p)));
      if (absent.length) this.error(`${chunk.fileName} does not bundle ${absent.join(', ')}: take it off its list in scripts/drop-ins.mjs`);
      chunk.code = text + chunk.code;
    }
  },
});

/**
 * A second minifier over Rolldown's: Terser's compressor, two passes, finds
 * what Oxc leaves (about 0.2 KiB gzip off the form). Each file keeps
 * whichever is smaller by gzip -9, the measure `npm run size` enforces: on
 * anubhav.js Terser's output is larger, so it keeps Oxc's.
 */
const secondMinify: Plugin = {
  name: 'anubhav-second-minify',
  async generateBundle(_options, bundle) {
    const gz = (code: string) => gzipSync(code, { level: 9 }).length;
    for (const chunk of Object.values(bundle)) {
      if (chunk.type !== 'chunk') continue;
      const { code } = await terser(chunk.code, { module: true, ecma: 2020, compress: { passes: 2 }, mangle: true });
      if (code && gz(code) < gz(chunk.code)) chunk.code = code;
    }
  },
};

export default defineConfig(({ mode }) => {
  // The hosted form for the collector to render on the server: Lit, zod and
  // idb-keyval stay external (the collector's Lit must render it), but its
  // templates are minified exactly as in `anubhav-hosted.js`, since
  // hydration matches the server's templates to the browser's by a digest
  // of their text.
  if (mode === 'hosted-ssr') {
    return {
      root,
      logLevel: 'warn',
      plugins: [minifyTemplates, setsAsSiblings],
      build: {
        target: 'es2022',
        outDir: 'dist',
        emptyOutDir: false,
        minify: false,
        lib: { entry: 'src/define/hosted-feedback.ts', formats: ['es'], fileName: () => 'hosted-ssr.js' },
        rolldownOptions: { external: [/^lit(\/|$)/, /^zod(\/|$)/, /^idb-keyval(\/|$)/] },
      },
    };
  }
  // Vite's own modes (production for a build, development for the dev
  // server) make the main drop-in; any other mode must name one.
  const known = Object.hasOwn(dropIns, mode);
  if (!known && mode !== 'production' && mode !== 'development') {
    throw new Error(`vite.config.ts: no drop-in "${mode}"; use one of ${Object.keys(dropIns).join(', ')}`);
  }
  const name = known ? mode : 'anubhav';
  const { entry, bundles } = dropIns[name as keyof typeof dropIns] as { entry: string; bundles: (keyof typeof libraries)[] };
  return {
    root,
    logLevel: 'warn',
    // The version in the query keeps a cached print file of an older release
    // from running with a newer element.
    // Only the hosted page's bundle holds a subclass of an element (HostedFeedback).
    plugins: [minifyTemplates, vitePrivateMembers({ protectedToo: mode !== 'anubhav-hosted' }), viteQrcodeByteOnly, printAsSibling(`?v=${version}`), setsAsSiblings, secondMinify, licenceBanner(bundles)],
    build: {
      target: 'es2022',
      outDir: 'dist',
      emptyOutDir: false,
      minify: true,
      lib: { entry, formats: ['es'], fileName: () => `${name}.js` },
      rolldownOptions: { output: { minify: true, codeSplitting: false, comments: false }, checks: { pluginTimings: false } },
    },
  };
});
