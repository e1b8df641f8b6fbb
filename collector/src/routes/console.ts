/**
 * The office console at `/console/`: a page that needs nothing else, the
 * `<anubhav-console>` drop-in from anubhav-widgets, and what the console
 * reads besides the cases: `GET /api/directory`, the station directory
 * (within the caller's districts) and the question sets, so that it can
 * name stations and show every answer with its question.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { RouteContext } from '../app.js';
import { STRICT_CSP } from '../static.js';
import { DEFAULT_RETENTION_DAYS } from '../retention.js';

const PAGE_DIR = new URL('../console/', import.meta.url);

/** Where the widgets package keeps one of the console's files, or why it cannot be found. */
function widgetsFile(name: string): URL | Error {
  try {
    return new URL(import.meta.resolve(`anubhav-widgets/${name}`));
  } catch (err) {
    return err as Error;
  }
}

const SCRIPT = 'text/javascript; charset=utf-8';

const FILES = {
  '/console/': { url: new URL('index.html', PAGE_DIR), type: 'text/html; charset=utf-8' },
  '/console/console.css': { url: new URL('console.css', PAGE_DIR), type: 'text/css; charset=utf-8' },
  '/console/anubhav-console.js': { url: widgetsFile('anubhav-console.js'), type: SCRIPT },
  // The question sets the phone form fetches from beside the console's
  // script, for a call about a 112 vehicle, the control room or traffic.
  '/console/sets/dial-112.js': { url: widgetsFile('sets/dial-112.js'), type: SCRIPT },
  '/console/sets/control-room.js': { url: widgetsFile('sets/control-room.js'), type: SCRIPT },
  '/console/sets/traffic.js': { url: widgetsFile('sets/traffic.js'), type: SCRIPT },
} as const;

export function consoleRoutes(app: FastifyInstance, { catalog, auth, config }: RouteContext) {
  app.get('/api/directory', { preHandler: auth.require() }, async (request) => {
    const scope = request.caller!.scope;
    const stations = [...(catalog.stations?.values() ?? [])].filter((s) => !scope || scope.includes(s.district.id));
    // The retention period, for the phone form's notice to state it as the form on the wall does.
    return { stations, sets: [...catalog.sets.values()], contactRetentionDays: config.contactRetentionDays ?? DEFAULT_RETENTION_DAYS };
  });

  app.get('/console', async (_request, reply) => reply.redirect('/console/'));
  for (const [path, file] of Object.entries(FILES)) {
    app.get(path, async (_request, reply: FastifyReply) => {
      let body: Buffer;
      try {
        if (file.url instanceof Error) throw file.url;
        body = await readFile(fileURLToPath(file.url));
      } catch (err) {
        app.log.error({ err, path }, 'console: a file of the console is missing; is anubhav-widgets built?');
        return reply.code(503).send({ error: 'console unavailable', message: 'the console\'s files are missing from this install; build anubhav-widgets (npm run build)' });
      }
      return reply
        .header('Content-Type', file.type)
        .header('Content-Security-Policy', STRICT_CSP)
        .header('Cache-Control', 'no-cache')
        .header('X-Robots-Tag', 'noindex')
        .send(body);
    });
  }
}
