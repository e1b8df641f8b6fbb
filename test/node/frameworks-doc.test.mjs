// docs/frameworks.md shows the consumer apps' code: each block that follows
// a `<!-- test/consumers/… -->` line must be that file, byte for byte, so
// the recipes are what `npm test` type-checks, builds and runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const root = new URL('../../', import.meta.url);
const doc = readFileSync(new URL('docs/frameworks.md', root), 'utf8');
const blocks = [...doc.matchAll(/^<!-- (test\/consumers\/\S+) -->\n```\w*\n([\s\S]*?)\n```$/gm)];

test('docs/frameworks.md shows each consumer app\'s code as it is', () => {
  assert.ok(blocks.length >= 10, `only ${blocks.length} blocks found`);
  for (const [, path, code] of blocks) {
    assert.equal(code, readFileSync(new URL(path, root), 'utf8').replace(/\n$/, ''), `${path} and its block in docs/frameworks.md differ`);
  }
});

test('every app has its recipe', () => {
  const shown = new Set(blocks.map(([, path]) => path.split('/')[2]));
  for (const app of ['vanilla', 'react', 'vue', 'angular', 'svelte', 'solid']) assert.ok(shown.has(app), `${app} has no block`);
});

test('the README links to the recipes', () => {
  assert.match(readFileSync(new URL('README.md', root), 'utf8'), /\]\(docs\/frameworks\.md\)/);
});
