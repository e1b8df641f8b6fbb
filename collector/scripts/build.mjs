// Builds anubhav-collector into collector/dist: the bin (main.js) and the
// library entry (index.js), bundled with esbuild. Dependencies, the
// anubhav-widgets package among them, stay in node_modules: the collector
// runs the very schema the published widgets ship.
import { build } from 'esbuild';
import { chmodSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
rmSync(`${root}dist`, { recursive: true, force: true });
await build({
  entryPoints: { main: `${root}src/main.ts`, index: `${root}src/index.ts` },
  outdir: `${root}dist`,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  // The tsconfig maps anubhav-widgets to ../src for type-checking; the
  // build must not follow it, or the collector would carry a private copy
  // of the schema and import zod and csv-parse without declaring them.
  tsconfigRaw: { compilerOptions: {} },
  banner: { js: '#!/usr/bin/env node' },
  logLevel: 'warning',
});
chmodSync(`${root}dist/main.js`, 0o755);
console.log('build: collector/dist/ written');
