/**
 * The collector's settings, from flags or environment variables. Every bad
 * value is a clear message at start-up, never a surprise at the first request.
 */
import { statSync } from 'node:fs';
import { parseArgs } from 'node:util';

export interface CollectorConfig {
  host: string;
  port: number;
  /** SQLite file; created, with its folder, on first run. */
  db: string;
  /** Origins (scheme://host[:port]) allowed to POST from a browser. */
  origins: string[];
  /** Bearer token for the admin exports; without one they answer 401 always. */
  adminToken?: string;
  /** Requests per minute per client before 429. */
  rateLimit: number;
  /** Responses filled faster than this are treated as bots. */
  minFillMs: number;
  /** Reverse proxies whose X-Forwarded-For is believed (addresses or CIDR ranges). */
  trustProxy?: string[];
  /** A folder to serve as static files (the demo), or none. */
  staticDir?: string;
  /** Extra folders served under URL prefixes (tests). */
  mounts?: Record<string, string>;
  /** Question set files (JSON `{id, version, questions}`) accepted besides the built-in `default@1`. */
  questions?: string[];
  /** Station directory file (CSV or JSON, as the posters CLI reads); unknown stations are then refused. */
  stations?: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export const USAGE = `anubhav-collector: receives anubhav.feedback/v1 responses, checks each against its
question set (and station directory), and stores them in SQLite.

Options (each also read from the environment variable in brackets):
  --host HOST            address to listen on [HOST] (default 127.0.0.1)
  --port N               port [PORT] (default 8080)
  --db FILE              SQLite database file [ANUBHAV_DB] (default data/anubhav.sqlite)
  --origins LIST         comma-separated origins allowed by CORS [ANUBHAV_ORIGINS]
                         e.g. https://bilaspur.example.gov.in,https://korba.example.gov.in
  --admin-token TOKEN    bearer token for GET /api/feedback(.csv) [ANUBHAV_ADMIN_TOKEN]
                         at least 16 characters; without it a random one is made
                         for this run and printed (a token you give is never printed)
  --rate-limit N         requests per minute per client [ANUBHAV_RATE_LIMIT] (default 30)
  --min-fill-ms N        faster submissions count as bots [ANUBHAV_MIN_FILL_MS] (default 3000)
  --trust-proxy LIST     comma-separated addresses of your reverse proxies, whose
                         X-Forwarded-For gives the client for the rate limit
                         [ANUBHAV_TRUST_PROXY], e.g. 127.0.0.1
  --questions FILE       a question set to accept besides the built-in default@1,
                         as JSON {id, version, questions}; repeat for more
                         [ANUBHAV_QUESTIONS, comma-separated]
  --stations FILE        the station directory (CSV or JSON, as anubhav-posters
                         reads it); responses for other stations are refused
                         [ANUBHAV_STATIONS]
  --static DIR           also serve DIR as static files, e.g. the demo [ANUBHAV_STATIC]
  --help                 show this text`;

function integer(name: string, raw: string, min: number, max: number): number {
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
  }
  return Number(raw);
}

/** The origins list: each must be exactly an origin, with no path. */
function origins(raw: string): string[] {
  return raw.split(',').map((s) => s.trim()).filter(Boolean).map((value) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new ConfigError(`--origins: "${value}" is not a URL; write it like https://bilaspur.example.gov.in`);
    }
    if (!['http:', 'https:'].includes(url.protocol) || url.origin !== value.replace(/\/$/, '')) {
      throw new ConfigError(`--origins: "${value}" must be an origin such as https://bilaspur.example.gov.in, with no path`);
    }
    return url.origin;
  });
}

/** A folder that must exist now, rather than 404 on every request later. */
function folder(path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  let isDir = false;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    // Reported below.
  }
  if (!isDir) throw new ConfigError(`--static: "${path}" is not a folder`);
  return path;
}

/** Proxy addresses: IPv4/IPv6 addresses, optionally with a /prefix. */
function proxies(raw: string): string[] {
  return raw.split(',').map((s) => s.trim()).filter(Boolean).map((value) => {
    if (!/^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(value)) {
      throw new ConfigError(`--trust-proxy: "${value}" is not an IP address or CIDR range`);
    }
    return value;
  });
}

export function parseConfig(argv: string[], env: NodeJS.ProcessEnv = process.env): CollectorConfig | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        host: { type: 'string' },
        port: { type: 'string' },
        db: { type: 'string' },
        origins: { type: 'string' },
        'admin-token': { type: 'string' },
        'rate-limit': { type: 'string' },
        'min-fill-ms': { type: 'string' },
        static: { type: 'string' },
        'trust-proxy': { type: 'string' },
        questions: { type: 'string', multiple: true },
        stations: { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
    }));
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
  if (values.help) return 'help';
  const adminToken = values['admin-token'] ?? env.ANUBHAV_ADMIN_TOKEN;
  if (adminToken !== undefined && adminToken.length < 16) {
    throw new ConfigError('--admin-token must be at least 16 characters (try: openssl rand -hex 24)');
  }
  const db = values.db ?? env.ANUBHAV_DB ?? 'data/anubhav.sqlite';
  if (!db.trim()) throw new ConfigError('--db must name a file');
  return {
    host: values.host ?? env.HOST ?? '127.0.0.1',
    port: integer('--port', values.port ?? env.PORT ?? '8080', 0, 65535),
    db,
    origins: origins(values.origins ?? env.ANUBHAV_ORIGINS ?? ''),
    adminToken: adminToken || undefined,
    rateLimit: integer('--rate-limit', values['rate-limit'] ?? env.ANUBHAV_RATE_LIMIT ?? '30', 1, 100000),
    minFillMs: integer('--min-fill-ms', values['min-fill-ms'] ?? env.ANUBHAV_MIN_FILL_MS ?? '3000', 0, 600000),
    staticDir: folder(values.static ?? env.ANUBHAV_STATIC),
    trustProxy: proxies(values['trust-proxy'] ?? env.ANUBHAV_TRUST_PROXY ?? ''),
    questions: values.questions ?? env.ANUBHAV_QUESTIONS?.split(',').map((s) => s.trim()).filter(Boolean) ?? [],
    stations: values.stations ?? env.ANUBHAV_STATIONS ?? undefined,
  };
}
