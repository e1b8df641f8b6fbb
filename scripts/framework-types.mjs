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
generateSvelteTypes(manifest, { ...common, fileName: 'svelte.d.ts' });

generateVsCodeCustomElementData(manifest, {
  outdir: `${root}dist`,
  htmlFileName: 'vscode.html-custom-data.json',
  cssFileName: 'vscode.css-custom-data.json',
  hideLogs: true,
});
// Both elements share --anubhav-accent, --anubhav-radius and
// --anubhav-font-scale; the generator lists each once per element, and
// VS Code would offer each twice.
const cssData = `${root}dist/vscode.css-custom-data.json`;
const cssJson = JSON.parse(readFileSync(cssData, 'utf8'));
cssJson.properties = cssJson.properties.filter((p, i, all) => all.findIndex((q) => q.name === p.name) === i);
writeFileSync(cssData, `${JSON.stringify(cssJson, null, 2)}\n`);

generateJetBrainsWebTypes(manifest, {
  outdir: `${root}dist`,
  webTypesFileName: 'web-types.json',
  packageJson: false,
  hideLogs: true,
});

// Two fix-ups the generators need for this package's events, which are
// `Event` subclasses with a typed `detail` (FeedbackSentEvent and the rest):
// - the Svelte and Solid generators take an event's type for its
//   detail, `CustomEvent<FeedbackSentEvent>`; the handler gets the class;
// - the JSX generator names the event classes without importing them, and
//   an unresolved name in a .d.ts is silently `any` under skipLibCheck.
const eventTypes = [...new Set(manifest.modules.flatMap((m) => m.declarations.flatMap((d) => (d.events ?? []).map((e) => e.type.text))))];
for (const name of ['react', 'solid', 'svelte']) {
  const file = `${outdir}/${name}.d.ts`;
  let text = readFileSync(file, 'utf8').replace(/CustomEvent<(\w+)>/g, (whole, type) => (eventTypes.includes(type) ? type : whole));
  const imported = /import type \{([^}]*)\} from "\.\.\/types\/index\.js";/.exec(text)?.[1] ?? '';
  const missing = eventTypes.filter((t) => new RegExp(`\\b${t}\\b`).test(text) && !new RegExp(`\\b${t}\\b`).test(imported));
  if (missing.length) text = `import type { ${missing.join(', ')} } from "../types/index.js";\n${text}`;
  writeFileSync(file, text);
}

// The Svelte generator writes for Svelte 4; Svelte 5 differs in three ways:
// - event handlers are attributes, `onfeedback-sent={…}` (`on:` is legacy);
// - a property is set as an attribute-like prop, `stations={…}`, not `bind:`;
// - the `svelteHTML` namespace must be global, and the generated file is a
//   module (it imports the classes), so it is declared inside `declare global`.
const svelte = `${outdir}/svelte.d.ts`;
writeFileSync(svelte, readFileSync(svelte, 'utf8')
  .replace(/"bind:(\w+)"\?:/g, '$1?:')
  .replace(/^(\s*)"on:([\w-]+)"\?:(.*)$/gm, '$1"on$2"?:$3\n$1"on:$2"?:$3')
  .replace(/declare namespace svelteHTML \{([\s\S]*?)\n\}/, 'declare global {\n  namespace svelteHTML {$1\n  }\n}'));

/**
 * Vue: the element types follow Vue's own guide for custom elements not
 * built with Vue ("Non-Vue Web Components and TypeScript"), which takes the
 * props from the element class and the events from a map. It is written
 * here rather than by custom-element-vuejs-integration, whose output Vue
 * does not check as meant: it names props in kebab-case (Vue camelizes
 * `retention-days` to `retentionDays` before looking it up, so valid markup
 * failed), and events as `onfeedback-sent` (Vue looks for `onFeedbackSent`).
 */
const elements = manifest.modules.flatMap((m) => m.declarations).filter((d) => d.customElement);
const settable = (d) => d.members.filter((m) => m.kind === 'field' && !m.readonly && !m.static).map((m) => JSON.stringify(m.name));
const vueTypes = `// Generated by scripts/framework-types.mjs from custom-elements.json. Do not edit.
import type { EmitFn, HTMLAttributes, PublicProps } from "vue";
import type { ${[...elements.map((d) => d.name), ...eventTypes].join(', ')} } from "../types/index.js";

type EventMap = { [event: string]: Event };
type VueEmit<T extends EventMap> = EmitFn<{ [K in keyof T]: (event: T[K]) => void }>;

/** A custom element as Vue's templates see it: its settable properties as props, its events as emits. */
export type DefineCustomElement<Element extends HTMLElement, Props extends keyof Element, Events extends EventMap = {}> = new () => Element & {
  /** @deprecated For template type checks only; do not read \`$props\` from an element ref. */
  $props: HTMLAttributes & Partial<Pick<Element, Props>> & PublicProps;
  /** @deprecated For template type checks only; do not call \`$emit\` on an element ref. */
  $emit: VueEmit<Events>;
};

export type CustomElements = {
${elements.map((d) => `  /** ${d.summary ?? ''} */
  ${JSON.stringify(d.tagName)}: DefineCustomElement<${d.name}, ${settable(d).join(' | ')}, {
${(d.events ?? []).map((e) => `    /** ${e.description} */\n    ${JSON.stringify(e.name)}: ${e.type.text};`).join('\n')}
  }>;`).join('\n')}
};

declare module "vue" {
  interface GlobalComponents extends CustomElements {}
}
`;
writeFileSync(`${outdir}/vue.d.ts`, vueTypes);

// The Solid generator leaves the JSX augmentation to the user; with it
// here, `import type {} from 'anubhav-widgets/solid'` is all an app needs.
const solid = `${outdir}/solid.d.ts`;
writeFileSync(solid, `${readFileSync(solid, 'utf8')}
declare module "solid-js" {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
}
`);

// Each declaration-only entry gets an empty module beside it, so that a
// side-effect `import 'anubhav-widgets/react'` also resolves at run time.
for (const name of ['react', 'solid', 'vue', 'svelte']) {
  writeFileSync(`${outdir}/${name}.js`, 'export {};\n');
}
console.log('build: framework types and editor data written');
