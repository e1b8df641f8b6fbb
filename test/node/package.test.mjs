// The published anubhav-widgets package, as a front-end developer gets it:
// packed from a tree with no dist/ (so `prepack` must build it), then
// installed into an empty project. It must bring no server framework and
// no native module, and its entries must load.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;
const npm = (args, cwd) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

let work;
let tarball;
let files;
before(() => {
  work = mkdtempSync(join(tmpdir(), 'anubhav-pack-'));
  // A copy of what a fresh clone holds for the package, without dist/.
  const tree = join(work, 'tree');
  mkdirSync(tree);
  for (const entry of ['package.json', 'README.md', 'LICENSE', 'bin', 'custom-elements.json', 'custom-elements-manifest.config.mjs',
    'tsconfig.json', 'vite.config.ts', 'src', 'scripts', 'samples']) {
    cpSync(join(root, entry), join(tree, entry), { recursive: true });
  }
  symlinkSync(join(root, 'node_modules'), join(tree, 'node_modules'), 'dir');
  assert.equal(existsSync(join(tree, 'dist')), false);
  // The prepack build prints to the same stdout; the JSON report comes last.
  const out = npm(['pack', '--json', '--pack-destination', work], tree);
  const [pack] = JSON.parse(out.slice(out.search(/^\[/m)));
  tarball = join(work, pack.filename);
  files = pack.files.map((f) => f.path);
});
after(() => rmSync(work, { recursive: true, force: true }));

test('npm pack builds dist/ first (prepack), so the tarball has the drop-ins, entries and types', () => {
  for (const file of ['dist/anubhav.js', 'dist/anubhav-feedback.js', 'dist/station-qr.js', 'dist/station-qr-print.js',
    'dist/index.js', 'dist/core.js', 'dist/stations-file.js', 'dist/posters.js', 'dist/types/index.d.ts', 'dist/types/core.d.ts',
    'dist/THIRD-PARTY-LICENSES.txt', 'custom-elements.json', 'package.json', 'bin/anubhav-posters.js']) {
    assert.ok(files.includes(file), `${file} is in the tarball`);
  }
  assert.ok(!files.some((f) => f.startsWith('collector/') || f.startsWith('src/') || f.startsWith('test/')), files.filter((f) => !f.startsWith('dist/')).join(', '));
});

test('installed into an empty project, it adds no server framework and no native module', () => {
  const app = join(work, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'district-site', version: '1.0.0', private: true, type: 'module' }));
  npm(['install', tarball, '--no-audit', '--no-fund', '--prefer-offline'], app);
  const lock = JSON.parse(readFileSync(join(app, 'node_modules/.package-lock.json'), 'utf8'));
  const installed = Object.keys(lock.packages).filter((p) => p.startsWith('node_modules/')).map((p) => p.replace(/^.*node_modules\//, ''));
  for (const server of ['fastify', 'better-sqlite3', '@fastify/cors', '@fastify/rate-limit', 'pino', 'anubhav-collector']) {
    assert.ok(!installed.includes(server), `${server} is not installed`);
  }
  const native = Object.entries(lock.packages).filter(([, p]) => p.hasInstallScript || p.gypfile);
  assert.deepEqual(native, [], 'no package with an install script or a native build');
  const gyp = installed.filter((name) => existsSync(join(app, 'node_modules', name, 'binding.gyp')));
  assert.deepEqual(gyp, []);
  // The figure the README gives; printed so that a change shows in the log.
  console.log(`# anubhav-widgets adds ${installed.length} packages: ${installed.sort().join(', ')}`);
  assert.ok(installed.length <= 12, `${installed.length} packages`);

  // Its entries load in Node: the schema for a server, the side-effect-free index's core.
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', `
    import { parsePayload, defaultQuestions, setRef } from 'anubhav-widgets/core';
    import { readStations } from 'anubhav-widgets/stations-file';
    console.log(setRef(defaultQuestions), typeof parsePayload, typeof readStations);`], { cwd: app, encoding: 'utf8' });
  assert.equal(out.trim(), 'default@1 function function');
  assert.ok(readdirSync(join(app, 'node_modules/anubhav-widgets/dist')).includes('anubhav.js'));
});
