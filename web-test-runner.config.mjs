// Browser tests: Chromium through Playwright, TypeScript through esbuild.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { build } from 'esbuild';
import { chromiumArgs, executablePath } from './test/support/browser.mjs';
import { testEndpoint } from './test/support/test-endpoint.mjs';
import { officeCollector } from './test/support/office-collector.mjs';
import { esbuildQrcodeByteOnly } from './scripts/bundler-plugins.mjs';

/**
 * qrcode and jsqr are CommonJS, which the dev server cannot serve as ES
 * modules. Bundle each requested file with esbuild once and serve the ESM.
 */
function commonJsAsEsm(packages) {
  const cache = new Map();
  return {
    name: 'commonjs-as-esm',
    async serve(context) {
      if (!packages.some((p) => context.path.includes(`/node_modules/${p}/`))) return undefined;
      if (!cache.has(context.path)) {
        const result = await build({
          entryPoints: [`.${context.path}`], bundle: true, format: 'esm', write: false, logLevel: 'error',
          // The same byte-only qrcode as the shipped build, so tests cover it.
          plugins: [esbuildQrcodeByteOnly],
        });
        cache.set(context.path, result.outputFiles[0].text);
      }
      return { body: cache.get(context.path), type: 'js' };
    },
  };
}

export default {
  files: ['test/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 1,
  testFramework: { config: { timeout: 10000 } },
  plugins: [
    commonJsAsEsm(['qrcode', 'jsqr']),
    // es2022: 'auto' would leave decorators in place, which Chromium cannot parse.
    esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2022' }),
  ],
  middleware: [testEndpoint(), officeCollector()],
  browsers: [
    playwrightLauncher({ product: 'chromium', launchOptions: { executablePath, headless: true, args: chromiumArgs } }),
  ],
};
