// Generates, from custom-elements.json, what frameworks and editors need to
// know the elements: JSX types for React 19 and Solid, Vue's
// GlobalComponents, Svelte's element types, VS Code's custom data and
// JetBrains' web-types. Run by scripts/build.mjs after `tsc`, so the element
// classes' declarations exist; everything lands in dist/ and is exported by
// package.json. Nothing here is written by hand: a change to an element's
// JSDoc or types reaches every framework through `npm run analyze`.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateJsxTypes } from '@wc-toolkit/jsx-types';
import { generateVuejsTypes } from 'custom-element-vuejs-integration';
import { generateSvelteTypes } from 'custom-element-svelte-integration';
import { generateSolidJsTypes } from 'custom-element-solidjs-integration';
import { generateVsCodeCustomElementData } from 'custom-element-vs-code-integration';
import { generateJetBrainsWebTypes } from 'custom-element-jet-brains-integration';

const root = fileURLToPath(new URL('..', import.meta.url));
const manifest = JSON.parse(readFileSync(`${root}custom-elements.json`, 'utf8'));
const outdir = `${root}dist/frameworks`;

// The generated files import the classes and event types from the package
// entry's declaration in dist/types: no self-import needed.
const common = { outdir, globalTypePath: '../types/index.js', hideLogs: true };

// React 19 takes custom elements' props as written; strongly typed events
// give `onfeedback-sent={(e) => e.detail.reference}` its detail type.
generateJsxTypes(manifest, { ...common, fileName: 'react.d.ts', stronglyTypedEvents: true });
generateSolidJsTypes(manifest, { ...common, fileName: 'solid.d.ts' });
generateVuejsTypes(manifest, { ...common, fileName: 'vue.d.ts' });
generateSvelteTypes(manifest, { ...common, fileName: 'svelte.d.ts' });

generateVsCodeCustomElementData(manifest, {
  outdir: `${root}dist`,
  htmlFileName: 'vscode.html-custom-data.json',
  cssFileName: 'vscode.css-custom-data.json',
  hideLogs: true,
});
generateJetBrainsWebTypes(manifest, {
  outdir: `${root}dist`,
  webTypesFileName: 'web-types.json',
  packageJson: false,
  hideLogs: true,
});

// Two fix-ups the generators need for this package's events, which are
// `Event` subclasses with a typed `detail` (FeedbackSentEvent and the rest):
// - the Vue, Svelte and Solid generators take an event's type for its
//   detail, `CustomEvent<FeedbackSentEvent>`; the handler gets the class;
// - the JSX generator names the event classes without importing them, and
//   an unresolved name in a .d.ts is silently `any` under skipLibCheck.
const eventTypes = [...new Set(manifest.modules.flatMap((m) => m.declarations.flatMap((d) => (d.events ?? []).map((e) => e.type.text))))];
for (const name of ['react', 'solid', 'vue', 'svelte']) {
  const file = `${outdir}/${name}.d.ts`;
  let text = readFileSync(file, 'utf8').replace(/CustomEvent<(\w+)>/g, (whole, type) => (eventTypes.includes(type) ? type : whole));
  const imported = /import type \{([^}]*)\} from "\.\.\/types\/index\.js";/.exec(text)?.[1] ?? '';
  const missing = eventTypes.filter((t) => new RegExp(`\\b${t}\\b`).test(text) && !new RegExp(`\\b${t}\\b`).test(imported));
  if (missing.length) text = `import type { ${missing.join(', ')} } from "../types/index.js";\n${text}`;
  writeFileSync(file, text);
}

// Each declaration-only entry gets an empty module beside it, so that a
// side-effect `import 'anubhav-widgets/react'` also resolves at run time.
for (const name of ['react', 'solid', 'vue', 'svelte']) {
  writeFileSync(`${outdir}/${name}.js`, 'export {};\n');
}
console.log('build: framework types and editor data written');
