// The drop-in files: what each one bundles, shared by vite.config.ts (which
// builds one) and scripts/build.mjs (which builds them all).

/** The packages the drop-ins bundle; their licence texts go to dist/THIRD-PARTY-LICENSES.txt. */
export const bundledPackages = ['lit', 'lit-html', 'lit-element', '@lit/reactive-element', 'zod', 'qrcode', 'idb-keyval'];

const licences = {
  lit: 'lit (BSD-3-Clause, (c) Google LLC)',
  zod: 'zod (MIT, (c) Colin McDonnell)',
  qrcode: 'qrcode (MIT, (c) Ryan Day)',
  idb: 'idb-keyval (Apache-2.0, (c) Jake Archibald)',
};

/**
 * Each is one self-contained, minified ES module with Lit bundled, except
 * `station-qr-print`: the code for `<station-qr>`'s downloads, which the
 * element imports from next to itself on the first download. Print code is
 * for staff, so no citizen's phone fetches it.
 */
export const dropIns = {
  'anubhav': { entry: 'src/anubhav.ts', bundles: [licences.lit, licences.zod, licences.qrcode, licences.idb] },
  'anubhav-feedback': { entry: 'src/define/anubhav-feedback.ts', bundles: [licences.lit, licences.zod, licences.idb] },
  'station-qr': { entry: 'src/define/station-qr.ts', bundles: [licences.lit, licences.qrcode] },
  'station-qr-print': { entry: 'src/station-qr/print.ts', bundles: [] },
};
