/** Static files (the demo and the built widgets) under the strict CSP of SPEC.md. */
import type { FastifyInstance } from 'fastify';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { compressed, sendCompressed, type Compressed } from './compressed.js';

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

/** A file as read and compressed, kept until the file changes. */
interface Packed extends Compressed { mtimeMs: number; size: number }

async function pack(file: string, cache: Map<string, Packed>): Promise<Packed> {
  const { mtimeMs, size } = await stat(file);
  const known = cache.get(file);
  if (known && known.mtimeMs === mtimeMs && known.size === size) return known;
  const packed = { mtimeMs, size, ...await compressed(await readFile(file), TYPES[extname(file)] ?? '') };
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
      reply
        .header('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream')
        .header('Content-Security-Policy', STRICT_CSP)
        .header('Cache-Control', 'no-cache');
      return sendCompressed(request, reply, packed);
    } catch {
      return reply.code(404).send({ error: 'not found' });
    }
  });
}
