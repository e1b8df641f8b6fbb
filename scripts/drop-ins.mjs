// The drop-in files and the libraries each bundles, shared by vite.config.ts
// (which builds one, names the libraries in its banner, and fails if the
// bundle holds a package not listed here) and scripts/build.mjs (which
// builds them all and writes dist/THIRD-PARTY-LICENSES.txt).

/** Banner line per library; `packages` are its npm packages, for the licence file and the check. */
export const libraries = {
  lit: { notice: 'lit BSD-3-Clause (c) Google LLC', packages: ['lit', 'lit-html', 'lit-element', '@lit/reactive-element'] },
  zod: { notice: 'zod MIT (c) Colin McDonnell', packages: ['zod'] },
  qrcode: { notice: 'qrcode MIT (c) Ryan Day', packages: ['qrcode'] },
  task: { notice: '@lit/task BSD-3-Clause (c) Google LLC', packages: ['@lit/task'] },
  idb: { notice: 'idb-keyval Apache-2.0 (c) Jake Archibald', packages: ['idb-keyval'] },
  ssrClient: { notice: '@lit-labs/ssr-client BSD-3-Clause (c) Google LLC', packages: ['@lit-labs/ssr-client'] },
};

/** Every bundled npm package; their licence texts go to dist/THIRD-PARTY-LICENSES.txt. */
export const bundledPackages = Object.values(libraries).flatMap((l) => l.packages);

/**
 * Each is one self-contained, minified ES module with Lit bundled, except
 * `station-qr-print`: the code for `<station-qr>`'s downloads, which the
 * element imports from next to itself on the first download. Print code is
 * for staff, so no citizen's phone fetches it.
 */
export const dropIns = {
  'anubhav': { entry: 'src/anubhav.ts', bundles: ['lit', 'zod', 'qrcode', 'idb'] },
  'anubhav-feedback': { entry: 'src/define/anubhav-feedback.ts', bundles: ['lit', 'zod', 'idb'] },
  'station-qr': { entry: 'src/define/station-qr.ts', bundles: ['lit', 'qrcode'] },
  'station-qr-print': { entry: 'src/station-qr/print.ts', bundles: [] },
  // The built-in question sets other than default@1, each imported by the
  // form from beside itself when a unit asks it (core/set-choice.ts).
  'sets/dial-112': { entry: 'src/core/sets/dial-112.ts', bundles: [] },
  'sets/control-room': { entry: 'src/core/sets/control-room.ts', bundles: [] },
  'sets/traffic': { entry: 'src/core/sets/traffic.ts', bundles: [] },
  // The office console, served by the collector at /console/. It embeds the
  // form for phone feedback, so it bundles what the form does.
  // The collector's hosted page (/f): the form with Lit's hydration support,
  // which takes over the server-rendered form in place. Only that page loads it.
  'anubhav-hosted': { entry: 'src/hosted.ts', bundles: ['lit', 'zod', 'idb', 'ssrClient'] },
  'anubhav-console': { entry: 'src/define/anubhav-console.ts', bundles: ['lit', 'task', 'zod', 'idb'] },
};
