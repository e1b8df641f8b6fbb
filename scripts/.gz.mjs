import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
const entries = process.argv.slice(2);
for (const e of entries) {
  const r = await build({ stdin: { contents: e, resolveDir: process.cwd(), loader: 'ts' }, bundle: true, minify: true, format: 'esm', write: false, tsconfig: 'tsconfig.json', target: 'es2022', logLevel: 'error' });
  const code = r.outputFiles[0].contents;
  console.log(String(gzipSync(code, { level: 9 }).length).padStart(7), String(code.length).padStart(7), e.slice(0, 110));
}
