// `cem analyze` reads this: Lit support, our sources, and no rewriting of
// package.json's "customElements" (which stays "custom-elements.json").
export default {
  globs: ['src/**/*.ts'],
  litelement: true,
  packagejson: false,
  plugins: [
    {
      // The analyzer lists modules in the order its file glob returns them,
      // which varies from run to run; sorted, the manifest is reproducible
      // and `npm test` can compare it with the committed one.
      name: 'anubhav-sort-modules',
      packageLinkPhase({ customElementsManifest }) {
        customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      },
    },
  ],
};
