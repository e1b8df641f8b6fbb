// `cem analyze` reads this: Lit support, our sources, and no rewriting of
// package.json's "customElements" (which stays "custom-elements.json").
export default {
  globs: ['src/**/*.ts'],
  litelement: true,
  packagejson: false,
};
