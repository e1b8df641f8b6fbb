// crop a tall PNG into viewport-sized pieces using chromium itself
import { launch } from '/work/main/test/support/browser.mjs';
import { readFileSync } from 'node:fs';
const [file, top, height, width] = process.argv.slice(2);
const b = await launch();
const p = await b.newPage({ viewport: { width: Number(width || 720), height: Number(height) } });
const data = readFileSync(file).toString('base64');
await p.setContent(`<body style="margin:0"><img src="data:image/png;base64,${data}" style="display:block;margin-top:-${top}px">`);
await p.screenshot({ path: '/tmp/crop.png' });
await b.close();
