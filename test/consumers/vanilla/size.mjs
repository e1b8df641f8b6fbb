// Builds Vite apps that only import define entries (both elements, the
// form, the QR element) and prints, as JSON, the JavaScript each page loads
// up front (gzip -9) next to the matching drop-in from the installed
// package. Lazy chunks (the QR element's download code) are left out on
// both sides: the drop-ins keep it in station-qr-print.js.
//
// Vite adds a runtime of its own to every app: the modulepreload polyfill,
// and, where the app has a lazy chunk, the preload helper that wraps each
// `import()`. An app built from size/vite-empty.ts or size/vite-lazy.ts is
// that runtime alone; `vite` is its size for each case, which is not the
// package's and which any Vite app with a lazy route carries already.
import { build } from 'vite';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const gzip = (file) => gzipSync(readFileSync(file), { level: 9 }).length;

/** Builds size/<name>.html; returns the gzip size of its up-front JavaScript and whether it has lazy chunks. */
async function measure(name) {
  const outDir = `${here}dist-size/${name}`;
  await build({
    root: here, logLevel: 'warn',
    build: { outDir, emptyOutDir: true, manifest: true, rollupOptions: { input: `${here}size/${name}.html` } },
  });
  const manifest = JSON.parse(readFileSync(`${outDir}/.vite/manifest.json`, 'utf8'));
  const files = new Set();
  let lazy = false;
  const visit = (key) => {
    const chunk = manifest[key];
    if (files.has(chunk.file)) return;
    files.add(chunk.file);
    lazy ||= Boolean(chunk.dynamicImports?.length);
    for (const next of chunk.imports ?? []) visit(next);
  };
  visit(`size/${name}.html`);
  return { bytes: [...files].reduce((sum, f) => sum + gzip(`${outDir}/${f}`), 0), lazy };
}

const runtime = { eager: (await measure('vite-empty')).bytes, lazy: (await measure('vite-lazy')).bytes };
const dropIns = { both: 'anubhav.js', feedback: 'anubhav-feedback.js', qr: 'station-qr.js' };
const result = {};
for (const [name, dropIn] of Object.entries(dropIns)) {
  const { bytes, lazy } = await measure(name);
  result[name] = { app: bytes, vite: lazy ? runtime.lazy : runtime.eager, dropIn: gzip(fileURLToPath(import.meta.resolve(`anubhav-widgets/${dropIn}`))) };
}
console.log(JSON.stringify(result));
