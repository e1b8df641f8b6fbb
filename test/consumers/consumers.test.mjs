// The consumer apps (plain TypeScript, React, Vue, Svelte, Solid, Angular), as users build them: each installs the packed
// anubhav-widgets tarball, type-checks with its framework's checker and
// builds with its usual bundler; React and Vue then run in Chromium, submit
// to a test endpoint and show the reference from `feedback-sent`; the plain
// TypeScript app also measures what the npm entries cost an app against the
// drop-ins. docs/frameworks.md shows this code, recipe by recipe.
//
//   ANUBHAV_TARBALL=path/to/anubhav-widgets-x.y.z.tgz node --test test/consumers/consumers.test.mjs
//
// Without ANUBHAV_TARBALL it packs the package first (`npm pack`, which
// builds). The apps are npm workspaces of one folder, copied to a temporary
// directory: one install, one copy of TypeScript and Vite, and npm's cache
// (`--prefer-offline`) makes later runs quick.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launch } from '../support/browser.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = resolve(here, '../..');
const work = mkdtempSync(join(tmpdir(), 'anubhav-consumers-'));

/** Runs a command in the work folder; resolves with its exit code and output. */
function run(cmd, args, cwd = work) {
  return new Promise((done) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c) => { out += c; });
    child.stderr.on('data', (c) => { out += c; });
    child.on('close', (code) => done({ code, out }));
  });
}

/** Runs an npm script of one app and fails the test with its output if it fails. */
async function script(app, name) {
  const { code, out } = await run('npm', ['run', name, '--workspace', `consumer-${app}`]);
  assert.equal(code, 0, `consumer-${app}: npm run ${name} failed:\n${out}`);
  return out;
}

let installed = false;
before(async () => {
  let tarball = process.env.ANUBHAV_TARBALL;
  if (!tarball) {
    const { code, out } = await run('npm', ['pack', '--pack-destination', work], root);
    assert.equal(code, 0, out);
    tarball = join(work, out.trim().split('\n').at(-1));
  }
  cpSync(here, work, {
    recursive: true,
    filter: (src) => !/[\\/](node_modules|dist|dist-size|\.angular)$/.test(src) && !src.endsWith('.test.mjs'),
  });
  cpSync(tarball, join(work, 'anubhav-widgets.tgz'));
  const { code, out } = await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error']);
  assert.equal(code, 0, `npm install failed:\n${out}`);
  installed = true;
});
// ANUBHAV_CONSUMERS_KEEP=1 keeps the folder to look into.
after(() => process.env.ANUBHAV_CONSUMERS_KEEP || rmSync(work, { recursive: true, force: true }));

/**
 * Serves an app's built folder, and `POST /api/feedback`, which validates
 * the body with the installed package's own schema (`anubhav-widgets/core`)
 * and answers as a collector does.
 */
async function serve(dir) {
  const core = await import(pathToFileURL(join(work, 'node_modules/anubhav-widgets/dist/core.js')).href);
  const received = [];
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };
  const server = createServer(async (req, res) => {
    if (req.method === 'POST' && req.url === '/api/feedback') {
      let body = '';
      for await (const chunk of req) body += chunk;
      const result = core.parsePayload(JSON.parse(body));
      received.push(result.success);
      res.writeHead(result.success ? 201 : 400, { 'content-type': 'application/json' });
      return res.end(JSON.stringify(result.success ? { id: result.data.id, reference: 'REF-2026' } : { error: 'invalid' }));
    }
    const path = new URL(req.url, 'http://x').pathname;
    try {
      const file = readFileSync(join(dir, path === '/' ? 'index.html' : path));
      res.writeHead(200, { 'content-type': types[extname(path) || '.html'] ?? 'application/octet-stream' });
      res.end(file);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return { base: `http://127.0.0.1:${server.address().port}`, received, close: () => new Promise((done) => server.close(done)) };
}

/** Opens the built app, fills the form's four required questions, submits, and reads the app's own "Sent" line. */
async function submitInBrowser(app) {
  const server = await serve(join(work, app, 'dist'));
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.base);
    // The preset station's name comes from the `stations` property the app set.
    await page.getByText('सिविल लाइन', { exact: true }).first().waitFor();
    await page.getByRole('radiogroup', { name: /आपके आने का उद्देश्य/ }).getByLabel('शिकायत / एफआईआर').check();
    await page.getByRole('radiogroup', { name: /व्यवहार कैसा था/ }).getByLabel('4 अच्छा').check();
    await page.getByRole('radiogroup', { name: /पैसे, उपहार/ }).getByLabel('नहीं', { exact: true }).check();
    await page.getByRole('radiogroup', { name: /कुल मिलाकर/ }).getByLabel('5 बहुत अच्छा').check();
    await page.getByRole('button', { name: 'फ़ीडबैक भेजें' }).click();
    // The app writes this line from its `feedback-sent` handler.
    await page.locator('#sent').filter({ hasText: 'Sent: REF-2026' }).waitFor({ timeout: 20_000 });
    assert.deepEqual(server.received, [true]);
    // The QR element drew its code, and its download code (station-qr-print.js,
    // a lazy chunk of the app) makes the SVG file.
    assert.equal(await page.locator('station-qr').locator('svg[part="code"]').count(), 1);
    const download = page.waitForEvent('download');
    await page.locator('station-qr').getByRole('button', { name: /SVG/ }).first().click();
    assert.match((await download).suggestedFilename(), /BSP-CIVIL-LINES.*\.svg$/);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
}

// Each app: its checker, its bundler, and for React and Vue, the browser.
const apps = {
  vanilla: { checker: 'tsc' },
  react: { checker: 'tsc -b', browser: true },
  vue: { checker: 'vue-tsc', browser: true },
  svelte: { checker: 'svelte-check' },
  solid: { checker: 'tsc' },
  angular: { checker: 'ng build (ngtsc, strict templates)' },
};

// ANUBHAV_CONSUMERS=react,vue runs only those (while working on one).
const only = process.env.ANUBHAV_CONSUMERS?.split(',');
for (const [app, { checker, browser }] of Object.entries(apps).filter(([name]) => !only || only.includes(name))) {
  describe(`consumer: ${app}`, { timeout: 300_000 }, () => {
    test(`type-checks with ${checker}, misuse included (@ts-expect-error)`, async () => {
      assert.ok(installed, 'install failed');
      await script(app, 'check');
    });
    test('builds', async () => {
      assert.ok(installed, 'install failed');
      await script(app, 'build');
    });
    if (browser) {
      test('runs in Chromium: submits and receives feedback-sent', async () => {
        await submitInBrowser(app);
      });
    }
  });
}

describe('npm entries cost an app no more than the drop-ins', () => {
  // A Vite app that imports the define entries ends up within 0.5 KB gzip
  // of the matching drop-in (issue 12); the drop-ins are the yardstick
  // because they are what a plain HTML page loads. Vite's own runtime (its
  // modulepreload polyfill, and the preload helper once there is a lazy
  // chunk) is measured from apps that hold nothing else, and not counted:
  // it is not the package's, and the figures print both ways.
  test('both elements, the form alone, the QR element alone: at most 512 B gzip over, Vite\'s runtime aside', async () => {
    assert.ok(installed, 'install failed');
    const out = await script('vanilla', 'size');
    const sizes = JSON.parse(out.trim().split('\n').at(-1));
    const signed = (n) => (n >= 0 ? `+${n}` : `${n}`);
    console.log(`# Vite app vs drop-in, gzip -9 B: ${Object.entries(sizes).map(([k, v]) =>
      `${k} ${v.app} (${v.app - v.vite} without Vite's ${v.vite}) vs ${v.dropIn}: ${signed(v.app - v.vite - v.dropIn)}`).join('; ')}`);
    for (const [name, { app, vite, dropIn }] of Object.entries(sizes)) {
      assert.ok(app - vite - dropIn <= 512, `${name}: the app's ${app} B, less Vite's ${vite} B, is ${app - vite - dropIn} B over the drop-in's ${dropIn} B`);
    }
  });
});
