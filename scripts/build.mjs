// Builds every output: the drop-in files (Lit bundled), the npm entries
// (Lit, zod and qrcode external), the .d.ts types and the Node programs.
// Run as `npm run build`.
import { build as vite } from 'vite';
import { build as esbuild } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { viteQrcodeByteOnly } from './bundler-plugins.mjs';

const root = new URL('..', import.meta.url).pathname;
rmSync(`${root}dist`, { recursive: true, force: true });

/**
 * Lit's css`` literals are shipped as written, so the drop-in build strips
 * their comments and whitespace. Only *.styles.ts files are touched, and only
 * in ways that cannot change a selector or a value.
 */
const minifyCss = {
  name: 'anubhav-minify-css',
  transform(code, id) {
    if (!id.endsWith('.styles.ts')) return null;
    return code.replace(/css`([^`]*)`/g, (_, body) => 'css`' + body
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\s+/g, ' ')
      .replace(/\s*([{};,])\s*/g, '$1')
      .replace(/:\s+/g, ':')
      .replace(/;}/g, '}')
      .trim() + '`');
  },
};

const quiet = { logLevel: 'warn', configFile: false, root };

/** Drop-in builds: one self-contained, minified ES module each. */
export const dropIns = {
  'anubhav': 'src/anubhav.ts',
  'anubhav-feedback': 'src/define/anubhav-feedback.ts',
  'station-qr': 'src/define/station-qr.ts',
};

for (const [name, entry] of Object.entries(dropIns)) {
  await vite({
    ...quiet,
    plugins: [minifyCss, viteQrcodeByteOnly],
    build: {
      target: 'es2022',
      outDir: 'dist',
      emptyOutDir: false,
      minify: true,
      lib: { entry, formats: ['es'], fileName: () => `${name}.js` },
      rolldownOptions: { output: { minify: true, codeSplitting: false } },
    },
  });
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

/** Node programs: bundled with esbuild, dependencies left to node_modules. */
await esbuild({
  entryPoints: { 'demo-server': `${root}demo/server.ts` },
  outdir: `${root}dist`,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});

console.log('build: dist/ written');
