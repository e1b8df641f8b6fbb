/** Static files (the demo and the built widgets) under the strict CSP of SPEC.md. */
import type { FastifyInstance } from 'fastify';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import { promisify } from 'node:util';

/** No inline script or style, Trusted Types on, same-origin connections only. */
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
  '.txt': 'text/plain; charset=utf-8',
};

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** A file as read, and compressed at the strongest settings, made once per change of the file. */
interface Packed { mtimeMs: number; size: number; body: Buffer; br?: Buffer; gzip?: Buffer }

/**
 * Text files are sent brotli- or gzip-compressed at the strongest settings
 * (the form's script is then 4 KB smaller than at a server's usual brotli
 * level: 0.08 s on a 50 KB/s line), which costs too much to do per request,
 * so each is compressed once and kept until the file changes.
 */
async function pack(file: string, cache: Map<string, Packed>): Promise<Packed> {
  const { mtimeMs, size } = await stat(file);
  const known = cache.get(file);
  if (known && known.mtimeMs === mtimeMs && known.size === size) return known;
  const body = await readFile(file);
  const text = /^(text\/|application\/json|image\/svg)/.test(TYPES[extname(file)] ?? '') && body.length > 512;
  const packed: Packed = {
    mtimeMs, size, body,
    ...(text && {
      br: await brotli(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length } }),
      gzip: await gz(body, { level: 9 }),
    }),
  };
  cache.set(file, packed);
  return packed;
}

/** Serves each folder under its URL prefix; longer prefixes win. */
export function serveStatic(app: FastifyInstance, mounts: Record<string, string>) {
  const entries = Object.entries(mounts).sort((a, b) => b[0].length - a[0].length);
  const cache = new Map<string, Packed>();
  app.get('/*', async (request, reply) => {
    const path = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
    const [prefix, dir] = entries.find(([p]) => path.startsWith(p)) ?? [];
    if (!prefix || !dir) return reply.code(404).send({ error: 'not found' });
    let rel = path.slice(prefix.length);
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const root = normalize(dir + sep);
    const file = normalize(join(root, rel));
    if (!file.startsWith(root)) return reply.code(404).send({ error: 'not found' });
    try {
      const packed = await pack(file, cache);
      const accepts = String(request.headers['accept-encoding'] ?? '');
      const [encoding, body] = packed.br && /\bbr\b/.test(accepts) ? ['br', packed.br]
        : packed.gzip && /\bgzip\b/.test(accepts) ? ['gzip', packed.gzip] : [undefined, packed.body];
      if (encoding) void reply.header('Content-Encoding', encoding);
      return reply
        .header('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream')
        .header('Content-Security-Policy', STRICT_CSP)
        .header('Cache-Control', 'no-cache')
        .header('Vary', 'Accept-Encoding')
        .send(body);
    } catch {
      return reply.code(404).send({ error: 'not found' });
    }
  });
}
