/**
 * The development server behind `npm start`: it serves demo/ and the built
 * dist/ on 127.0.0.1 under the strict CSP the widgets must live with, and
 * a small POST /api/feedback that validates with the same schema as the
 * browser and prints what it accepted. The reference collector replaces
 * the endpoint part.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describeIssues, parsePayload, type FeedbackPayload } from '../src/core/schema.js';
import { shortReference } from '../src/core/send.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MAX_BODY = 32 * 1024;

/** The policy of SPEC.md: no inline script or style, Trusted Types on, same-origin only. */
export const STRICT_CSP = "default-src 'self'; style-src 'self'; img-src 'self' data:; "
  + "require-trusted-types-for 'script'; trusted-types lit-html; connect-src 'self'; "
  + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export interface DemoServerOptions {
  port?: number;
  host?: string;
  /** Called with each accepted payload and the raw body; the default prints it. */
  onAccept?: (payload: FeedbackPayload, raw: string) => void;
  /** Extra static folders, mounted by URL prefix (tests use this). */
  mounts?: Record<string, string>;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function handleFeedback(req: IncomingMessage, res: ServerResponse, onAccept: NonNullable<DemoServerOptions['onAccept']>) {
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) return send(res, 415, { error: 'Content-Type must be application/json' });
  const raw = await readBody(req);
  if (raw === undefined) return send(res, 413, { error: 'body over 32 KiB' });
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return send(res, 400, { error: 'body is not JSON' });
  }
  const result = parsePayload(json);
  if (!result.success) return send(res, 400, { error: 'invalid payload', message: describeIssues(result.error) });
  if (req.headers['idempotency-key'] !== result.data.id) return send(res, 400, { error: 'Idempotency-Key must equal id' });
  onAccept(result.data, raw);
  send(res, 201, { id: result.data.id, reference: shortReference(result.data.id) });
}

async function serveStatic(res: ServerResponse, pathname: string, mounts: Record<string, string>) {
  const [prefix, dir] = Object.entries(mounts).find(([p]) => pathname.startsWith(p)) ?? [];
  if (!prefix || !dir) return send(res, 404, { error: 'not found' });
  let rel = decodeURIComponent(pathname.slice(prefix.length));
  if (rel === '' || rel.endsWith('/')) rel += 'index.html';
  const file = normalize(join(dir, rel));
  if (!file.startsWith(normalize(dir))) return send(res, 404, { error: 'not found' });
  try {
    const body = await readFile(file);
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': STRICT_CSP,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-cache',
    });
    res.end(body);
  } catch {
    send(res, 404, { error: 'not found' });
  }
}

export function createDemoServer(options: DemoServerOptions = {}): Server {
  const onAccept = options.onAccept ?? ((p) => console.log('accepted feedback:\n' + JSON.stringify(p, null, 2)));
  const mounts = { ...options.mounts, '/dist/': join(ROOT, 'dist'), '/': join(ROOT, 'demo') };
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const task = url.pathname === '/api/feedback'
      ? req.method === 'POST' ? handleFeedback(req, res, onAccept) : Promise.resolve(send(res, 405, { error: 'use POST' }))
      : serveStatic(res, url.pathname, mounts);
    task.catch((err) => {
      console.error(err);
      if (!res.headersSent) send(res, 500, { error: 'server error' });
    });
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const port = Number(process.env.PORT ?? 8080);
  const host = process.env.HOST ?? '127.0.0.1';
  const server = createDemoServer();
  server.on('error', (err: NodeJS.ErrnoException) => {
    console.error(err.code === 'EADDRINUSE' ? `Port ${port} is in use: set PORT to another port, e.g. PORT=8081 npm start` : err.message);
    process.exit(1);
  });
  server.listen(port, host, () => {
    console.log(`Anubhav demo: http://${host}:${port}/  (station QR pages: http://${host}:${port}/stations.html)`);
    console.log('Submitted responses are validated and printed here. Press Ctrl+C to stop.');
  });
}
