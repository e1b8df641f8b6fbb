// The published anubhav-collector package: every package its built code
// imports is one it declares (so it works under pnpm's strict layout too,
// not only where npm happens to hoist), and packed beside anubhav-widgets
// and installed into an empty folder, its bin runs.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const collector = new URL('../', import.meta.url).pathname;
const root = new URL('../../', import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(join(collector, 'package.json'), 'utf8'));

/** The package a bare import names: `a`, `@s/a`, from `a/x` or `@s/a/x`. */
const packageOf = (spec) => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');

test('the built collector imports only packages it declares', () => {
  const declared = new Set([...Object.keys(manifest.dependencies), ...Object.keys(manifest.peerDependencies ?? {})]);
  const imported = new Set();
  for (const file of readdirSync(join(collector, 'dist')).filter((f) => f.endsWith('.js'))) {
    const code = readFileSync(join(collector, 'dist', file), 'utf8');
    // Static imports and re-exports (one per line in esbuild's output), and dynamic imports.
    const specs = [...code.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s*"([^"]+)"|^\s*import\s*"([^"]+)"|\bimport\(\s*"([^"]+)"\s*\)/gm)]
      .map((m) => m[1] ?? m[2] ?? m[3]);
    for (const spec of specs) {
      if (/^[./]/.test(spec) || spec.startsWith('node:') || builtinModules.includes(spec)) continue;
      imported.add(packageOf(spec));
    }
  }
  assert.ok(imported.has('anubhav-widgets'), 'the schema comes from the installed anubhav-widgets, not a bundled copy');
  assert.deepEqual([...imported].filter((p) => !declared.has(p)), []);
});

let work;
before(() => (work = mkdtempSync(join(tmpdir(), 'anubhav-collector-pack-'))));
after(() => rmSync(work, { recursive: true, force: true }));

test('packed with anubhav-widgets and installed into an empty folder, its bin runs', () => {
  const pack = (cwd, args = []) => {
    const out = execFileSync('npm', ['pack', '--json', '--pack-destination', work, ...args], { cwd, encoding: 'utf8' });
    return join(work, JSON.parse(out.slice(out.search(/^\[/m)))[0].filename);
  };
  const widgets = pack(root);
  const server = pack(collector);
  const app = join(work, 'office');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'ig-office', version: '1.0.0', private: true }));
  // --ignore-scripts skips better-sqlite3's native build, which --help does
  // not need; the rest of the install is as an IG office would run it.
  execFileSync('npm', ['install', widgets, server, '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: app, stdio: 'pipe' });
  const help = execFileSync(join(app, 'node_modules/.bin/anubhav-collector'), ['--help'], { encoding: 'utf8' });
  assert.match(help, /anubhav-collector: receives anubhav\.feedback\/v1 responses/);
  const files = readdirSync(join(app, 'node_modules/anubhav-collector'));
  assert.deepEqual(files.sort(), ['README.md', 'bin', 'console', 'dist', 'package.json']);
  // The console page ships with the collector, and its script comes from
  // the installed widgets package, resolved as collector/src/routes/console.ts does.
  assert.deepEqual(readdirSync(join(app, 'node_modules/anubhav-collector/console')).sort(), ['console.css', 'index.html']);
  const script = execFileSync('node', ['--input-type=module', '-e', "console.log(new URL(import.meta.resolve('anubhav-widgets/anubhav-console.js')).pathname)"],
    { cwd: join(app, 'node_modules/anubhav-collector'), encoding: 'utf8' }).trim();
  assert.match(readFileSync(script, 'utf8'), /anubhav-console/);
});
