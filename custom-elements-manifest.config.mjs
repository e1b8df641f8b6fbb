// `cem analyze` (`npm run analyze`) reads this: Lit support, the public
// elements' sources, and no rewriting of package.json's "customElements"
// (which stays "custom-elements.json").
//
// The manifest is for the package's users: editors, the framework type
// generators (scripts/framework-types.mjs) and catalogues. So it lists the
// citizen elements only, with only public members, and paths that resolve
// in the published package. The office console is served by the collector and is
// not meant to be placed by framework apps, so it is left out.

/** Each public tag and the source of its class. */
const elements = {
  'anubhav-feedback': 'src/anubhav-feedback/anubhav-feedback.ts',
  'station-qr': 'src/station-qr/station-qr.ts',
};

export default {
  globs: Object.values(elements),
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
      // Sources become the published modules: the classes in `dist/index.js`
      // (which exports them, with the event classes and the types their
      // members name), and each tag's definition in `dist/define/<tag>.js`,
      // the module a user imports to register it. Private and static
      // members are dropped; tags come in a fixed order, so the manifest is
      // reproducible and `npm test` can compare it with the committed one.
      name: 'anubhav-public-modules',
      packageLinkPhase({ customElementsManifest }) {
        const index = 'dist/index.js';
        const tags = Object.keys(elements).sort();
        const declarations = tags.map((tag) => {
          const found = customElementsManifest.modules.find((m) => m.path === elements[tag]);
          const declaration = found?.declarations?.find((d) => d.customElement);
          if (!declaration) throw new Error(`custom-elements-manifest.config.mjs: no element class in ${elements[tag]}`);
          declaration.tagName = tag;
          declaration.members = declaration.members?.filter((m) => !m.static && (m.privacy ?? 'public') === 'public');
          return declaration;
        });
        // The named types in the public API (event classes, StationDirectory,
        // Messages…), all exported by src/index.ts; TypeScript's own are not ours.
        const builtins = new Set(['Partial', 'Record', 'Readonly', 'Promise', 'Array', 'Event']);
        const typeTexts = declarations.flatMap((d) => [...(d.members ?? []), ...(d.events ?? [])].map((x) => (x.type?.text ?? '').replace(/'[^']*'/g, '')));
        const typeNames = [...new Set(typeTexts.flatMap((t) => t.match(/\b[A-Z]\w*/g) ?? []))].filter((n) => !builtins.has(n)).sort();
        const ref = (name) => ({ name, module: index });
        return void (customElementsManifest.modules = [
          {
            kind: 'javascript-module',
            path: index,
            declarations,
            exports: [...declarations.map((d) => d.name), ...typeNames].map((name) => ({ kind: 'js', name, declaration: ref(name) })),
          },
          ...declarations.map((d) => ({
            kind: 'javascript-module',
            path: `dist/define/${d.tagName}.js`,
            declarations: [],
            exports: [
              { kind: 'js', name: d.name, declaration: ref(d.name) },
              { kind: 'custom-element-definition', name: d.tagName, declaration: ref(d.name) },
            ],
          })),
        ]);
      },
    },
  ],
};
