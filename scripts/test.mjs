// `npm test`: the whole suite, both packages. Builds, type-checks, checks the committed
// custom-elements.json, runs the browser tests (web-test-runner) and the
// Node and end-to-end tests (node --test), then the collector's tests again
// against PostgreSQL (a throwaway cluster each test file starts for itself:
// collector/test/pg-cluster.mjs), packs the package and checks it as users
// get it (publint, attw, the consumer apps in test/consumers/), then prints
// one closing line: "N passed, N failed".
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bin = (name) => `node_modules/.bin/${name}`;
let passed = 0;
let failed = 0;

function run(label, cmd, args, env = {}) {
  console.log(`\n=== ${label}: ${Object.entries(env).map(([k, v]) => `${k}=${v} `).join('')}${cmd} ${args.join(' ')}`);
  return new Promise((resolve) => {
    let out = '';
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ANUBHAV_TEST_STORE: 'sqlite', FORCE_COLOR: '0', ...env } });
    const tee = (stream) => (chunk) => { out += chunk; stream.write(chunk); };
    child.stdout.on('data', tee(process.stdout));
    child.stderr.on('data', tee(process.stderr));
    child.on('close', (code) => resolve({ code, out }));
  });
}

/** A step that is one check: it passes or fails as a whole. */
async function check(label, cmd, args) {
  const { code, out } = await run(label, cmd, args);
  if (code === 0) passed++;
  else {
    failed++;
    console.error(`*** ${label} failed (exit ${code})`);
  }
  return code === 0 ? out : false;
}

/** A step that runs many tests; its own summary gives the counts. */
async function suite(label, cmd, args, pattern, env) {
  const { code, out } = await run(label, cmd, args, env);
  // eslint-disable-next-line no-control-regex
  const matches = [...out.replace(/\x1b\[[0-9;]*m/g, '').matchAll(pattern)];
  const last = matches.at(-1);
  if (!last) {
    failed++;
    console.error(`*** ${label}: no test summary found (exit ${code})`);
    return;
  }
  passed += Number(last.groups.pass);
  failed += Number(last.groups.fail);
  if (code !== 0 && Number(last.groups.fail) === 0) {
    failed++;
    console.error(`*** ${label} exited ${code}`);
  }
}

const built = (await check('build', 'node', ['scripts/build.mjs'])) !== false;
await check('typecheck', bin('tsc'), ['-p', 'tsconfig.test.json', '--noEmit']);
await check('typecheck collector', bin('tsc'), ['-p', 'collector', '--noEmit']);

// The manifest is committed; it must match what `npm run analyze` makes now
// (custom-elements-manifest.config.mjs: the public elements, paths in dist/).
// The analyzer resolves --outdir against the working directory.
const tmp = 'node_modules/.cache/cem-check';
const analyzed = await check('custom-elements.json is current', bin('cem'), ['analyze', '--outdir', tmp, '--quiet']);
if (analyzed !== false) {
  const fresh = JSON.parse(readFileSync(join(tmp, 'custom-elements.json'), 'utf8'));
  const committed = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
  if (JSON.stringify(fresh) !== JSON.stringify(committed)) {
    passed--;
    failed++;
    console.error('*** custom-elements.json is stale: run `npm run analyze` and commit it');
  }
}
rmSync(tmp, { recursive: true, force: true });

// Editors and catalogues find the manifest through package.json.
const pointer = JSON.parse(readFileSync('package.json', 'utf8')).customElements;
if (pointer === 'custom-elements.json') {
  passed++;
} else {
  failed++;
  console.error(`*** package.json "customElements" is ${JSON.stringify(pointer)}, not "custom-elements.json"`);
}

await check('custom-elements.json passes @wc-toolkit/cem-validator', 'node', ['scripts/check-manifest.mjs']);

await suite('browser tests', bin('wtr'), [], /(?<pass>\d+) passed, (?<fail>\d+) failed/g);
if (built) {
  // Test files by name: a folder given to `node --test` would also run its helpers.
  const tests = ['test/node', 'collector/test', 'test/e2e']
    .flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.test.mjs')).map((f) => `${dir}/${f}`));
  await suite('node and end-to-end tests', 'node', ['--test', '--test-concurrency=1', ...tests],
    /^# pass (?<pass>\d+)\n# fail (?<fail>\d+)/gm);
  // The same collector tests, not copies, against the other store.
  await suite('collector tests on PostgreSQL', 'node', ['--test', '--test-concurrency=1', ...tests.filter((t) => t.startsWith('collector/'))],
    /^# pass (?<pass>\d+)\n# fail (?<fail>\d+)/gm, { ANUBHAV_TEST_STORE: 'postgres' });
} else {
  failed++;
  console.error('*** end-to-end tests skipped: the build failed');
}

// The package as users get it: packed once (the build above is current, so
// no prepack build), linted by publint and attw, and installed by each
// consumer app in test/consumers/.
const packDir = mkdtempSync(join(tmpdir(), 'anubhav-pack-'));
const packed = built && await check('npm pack', 'npm', ['pack', '--ignore-scripts', '--pack-destination', packDir]);
if (packed) {
  const tarball = join(packDir, packed.trim().split('\n').at(-1));
  await check('publint --strict', bin('publint'), ['run', tarball, '--strict']);
  await check('attw --profile esm-only', bin('attw'), [tarball, '--profile', 'esm-only']);
  await suite('consumer apps', 'node', ['--test', '--test-concurrency=1', 'test/consumers/consumers.test.mjs'],
    /^# pass (?<pass>\d+)\n# fail (?<fail>\d+)/gm, { ANUBHAV_TARBALL: tarball });
} else {
  failed++;
  console.error('*** publint, attw and the consumer apps skipped: nothing was packed');
}
rmSync(packDir, { recursive: true, force: true });

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
