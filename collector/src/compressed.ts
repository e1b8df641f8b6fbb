/**
 * Bodies sent compressed: brotli or gzip at their strongest settings, which
 * cost too much to run per request (the form's script comes out 4 KB
 * smaller than at a server's usual brotli level: 0.08 s on a 50 KB/s line),
 * so each body is compressed once and its forms are kept.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** A body, with its brotli and gzip forms where compressing is worth it. */
export interface Compressed {
  body: Buffer;
  br?: Buffer;
  gzip?: Buffer;
}

/** Text (HTML, scripts, styles, JSON, SVG) is worth compressing; other images already are. */
export async function compressed(body: Buffer, type: string): Promise<Compressed> {
  if (!/^(text\/|application\/json|image\/svg)/.test(type)) return { body };
  return {
    body,
    br: await brotli(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length } }),
    gzip: await gz(body, { level: 9 }),
  };
}

/** Sends the form of `c` that the client accepts, brotli first. */
export function sendCompressed(request: FastifyRequest, reply: FastifyReply, c: Compressed) {
  const accepts = String(request.headers['accept-encoding'] ?? '');
  const [encoding, body] = c.br && /\bbr\b/.test(accepts) ? ['br', c.br]
    : c.gzip && /\bgzip\b/.test(accepts) ? ['gzip', c.gzip] : [undefined, c.body];
  if (encoding) void reply.header('Content-Encoding', encoding);
  return reply.header('Vary', 'Accept-Encoding').send(body);
}
