// `cem analyze` reads this: Lit support, our sources, and no rewriting of
// package.json's "customElements" (which stays "custom-elements.json").
export default {
  globs: ['src/**/*.ts'],
  // The collector's hosted form (HostedFeedback) registers the same tag as
  // the public element, for the collector's page only; it is no API of the
  // package, and two definitions of one tag would confuse the tools that
  // read this manifest (JSX and editor types).
  exclude: ['src/anubhav-feedback/hosted-feedback.ts', 'src/define/hosted-feedback.ts', 'src/hosted.ts'],
  litelement: true,
  packagejson: false,
  plugins: [
    {
      // Lit's internal reactive state (`state: true` in static properties)
      // is not API, but the analyzer lists every static property as a
      // public field. Drop them; `@internal` cannot reach them there.
      name: 'anubhav-drop-lit-state',
      analyzePhase({ ts, node, moduleDoc }) {
        if (node.kind !== ts.SyntaxKind.ClassDeclaration) return;
        const props = node.members?.find((m) => m.name?.getText() === 'properties' && m.modifiers?.some((x) => x.kind === ts.SyntaxKind.StaticKeyword));
        const object = props?.initializer;
        if (!object?.properties) return;
        const state = object.properties
          .filter((p) => p.initializer?.properties?.some((q) => q.name?.getText() === 'state' && q.initializer?.kind === ts.SyntaxKind.TrueKeyword))
          .map((p) => p.name.getText());
        (moduleDoc.anubhavState ??= {})[node.name?.getText()] = state;
      },
      moduleLinkPhase({ moduleDoc }) {
        for (const [name, state] of Object.entries(moduleDoc.anubhavState ?? {})) {
          const declaration = moduleDoc.declarations?.find((d) => d.name === name);
          if (declaration?.members) declaration.members = declaration.members.filter((m) => !state.includes(m.name));
        }
        delete moduleDoc.anubhavState;
      },
    },
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
