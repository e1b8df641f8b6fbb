/**
 * The collector's settings, from flags or environment variables. Every bad
 * value is a clear message at start-up, never a surprise at the first request.
 */
import { readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';

/** The log levels `--log-level` takes, quietest last. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Connection limits. A client must not be able to hold the collector open:
 * a phone on a dying connection, or a slowloris attack sending a byte a
 * second, is cut off after these times, and there are at most
 * `maxConnections` sockets at once.
 */
export const SERVER_DEFAULTS = {
  /** The whole request, headers and body, must arrive within this. */
  requestTimeoutMs: 15_000,
  /** The headers must arrive within this. */
  headersTimeoutMs: 10_000,
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: 5_000,
  /** A socket with no traffic either way (a client that stopped reading a response) is closed after this. */
  idleTimeoutMs: 30_000,
  /** Sockets open at once; more are refused as they arrive. */
  maxConnections: 1024,
} as const;

export interface CollectorConfig {
  host: string;
  port: number;
  /** SQLite file; created, with its folder, on first run. */
  db: string;
  /** Origins (scheme://host[:port]) allowed to POST from a browser. */
  origins: string[];
  /** Bearer token for the admin exports and /metrics; without one they answer 401 always. */
  adminToken?: string;
  /** Where the token came from, so the start-up hint can name it without printing it. */
  adminTokenSource?: { kind: 'flag' | 'env' } | { kind: 'file'; file: string };
  /** Things the operator should fix that do not stop the collector (a token file others can read). */
  warnings?: string[];
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
  /** Question set files (JSON `{id, version, questions}`) accepted besides the built-in sets (default@1, dial-112@1, control-room@1, traffic@1). */
  questions?: string[];
  /** Station directory file (CSV or JSON, as the posters CLI reads); unknown stations are then refused. */
  stations?: string;
  /** Connection limits; each missing one takes its value from SERVER_DEFAULTS. */
  requestTimeoutMs?: number;
  headersTimeoutMs?: number;
  keepAliveTimeoutMs?: number;
  idleTimeoutMs?: number;
  maxConnections?: number;
  /** Days after a case is closed that its contact is kept; then it is erased (default 365). */
  contactRetentionDays?: number;
  /** Level of the JSON log lines on standard output; without one (the library's default) nothing is logged. */
  logLevel?: LogLevel;
  /**
   * Seed about 5,000 sample responses over the `stations` directory (once
   * per database) and give the three demo accounts fresh tokens at every
   * start (see demo.ts). For demonstrations only; it needs `stations`.
   */
  demoData?: boolean;
  /** The hosted page's heading (`/f`), in Hindi and English. */
  siteName?: Bilingual;
  /** Who receives the responses, as the privacy notice at `/privacy` names them. */
  officeName?: Bilingual;
  /** An SVG or PNG shown beside the site name on the hosted page. */
  logo?: string;
  /**
   * The key that signs the hosted form's render time and its confirmation
   * links. The bin keeps one in a file beside the database, so a restart
   * does not void forms open on citizens' phones; without it each start
   * makes its own.
   */
  formSecret?: Buffer;
}

/** A text in both languages. */
export interface Bilingual {
  hi: string;
  en: string;
}

/** `anubhav-collector backup`'s settings. */
export interface BackupConfig {
  /** The live database to copy. */
  db: string;
  /** The new file; it must not exist yet. */
  to: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** A database name fit to print: a PostgreSQL URL without its password. */
export function redactUrl(db: string): string {
  if (!/^postgres(ql)?:\/\//i.test(db)) return db;
  try {
    const url = new URL(db);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'postgres://…';
  }
}

export const USAGE = `anubhav-collector: receives anubhav.feedback/v1 responses, checks each against its
question set (and station directory), and stores them in SQLite (embedded, the
default) or PostgreSQL (several collectors on one database).

Usage:
  anubhav-collector [options]                  run the collector
  anubhav-collector accounts add|list|revoke …
                         the office accounts (see accounts --help)
  anubhav-collector erase REFERENCE [--db FILE]
                         erase a case's name and mobile number for good (audited)
  anubhav-collector backup --to FILE [--db FILE]
                         copy the database, while the collector runs, into FILE
                         (a new file, made readable by its owner only; SQLite only:
                         back PostgreSQL up with its own tools, see docs/operating.md)
  anubhav-collector migrate [--db FILE|URL]
                         bring the database's schema up to this version (a start
                         does it too) and print the versions
  anubhav-collector copy --from FILE.sqlite --to postgres://…
                         move everything from a SQLite file into an empty
                         PostgreSQL database, and verify counts and a checksum

Options (each also read from the environment variable in brackets):
  --host HOST            address to listen on [HOST] (default 127.0.0.1)
  --port N               port [PORT] (default 8080)
  --db FILE|URL          SQLite database file, or a PostgreSQL URL
                         (postgres://user@host:5432/anubhav) [ANUBHAV_DB]
                         (default data/anubhav.sqlite)
  --origins LIST         comma-separated origins allowed by CORS [ANUBHAV_ORIGINS]
                         e.g. https://bilaspur.example.gov.in,https://korba.example.gov.in
  --admin-token-file FILE
                         read the bearer token for GET /api/feedback(.csv) and
                         /metrics from FILE (one line; a final newline is ignored)
                         [ANUBHAV_ADMIN_TOKEN_FILE]; keep FILE readable by the
                         collector's user only
  --admin-token TOKEN    the token itself [ANUBHAV_ADMIN_TOKEN]; prefer the file,
                         as a command line is visible to every user of the machine.
                         At least 16 characters; without either a random one is
                         made for this run and printed (a token you give is never printed)
  --rate-limit N         requests per minute per client [ANUBHAV_RATE_LIMIT] (default 30)
  --min-fill-ms N        faster submissions count as bots [ANUBHAV_MIN_FILL_MS] (default 3000)
  --trust-proxy LIST     comma-separated addresses of your reverse proxies, whose
                         X-Forwarded-For gives the client for the rate limit
                         [ANUBHAV_TRUST_PROXY], e.g. 127.0.0.1
  --questions FILE       a question set to accept besides the built-in ones
                         (default@1, dial-112@1, control-room@1, traffic@1),
                         as JSON {id, version, questions}; repeat for more
                         [ANUBHAV_QUESTIONS, comma-separated]
  --stations FILE        the station directory (CSV or JSON, as anubhav-posters
                         reads it); responses for other stations are refused
                         [ANUBHAV_STATIONS]
  --contact-retention-days N
                         a citizen's name and mobile number are erased N days
                         after their case is closed [ANUBHAV_CONTACT_RETENTION_DAYS]
                         (default 365; say the same in your privacy notice)
  --static DIR           also serve DIR as static files, e.g. the demo [ANUBHAV_STATIC]
  --demo-data            FOR DEMONSTRATIONS ONLY [ANUBHAV_DEMO_DATA=1]; needs --stations.
                         Once per database, stores about 5,000 sample responses over
                         the last 12 weeks across the directory's stations (their
                         comments begin "[नमूना / Sample]", their ids "da7a5eed-"),
                         with statuses and notes by "Sample data"; a database that
                         holds them is not seeded again. At every start it makes
                         or keeps three demo accounts (range "Demo IG office",
                         district "Demo SP <first district>", viewer "Demo viewer"),
                         gives each a new sign-in token (only hashes are stored, so
                         an old one cannot be shown again: it stops working, with its
                         sessions) and prints the tokens on standard output
  --site-name "HINDI|ENGLISH"
                         the hosted page's heading (/f), e.g. "बिलासपुर रेंज पुलिस|Bilaspur
                         Range Police"; one name without "|" serves both [ANUBHAV_SITE_NAME]
  --office-name "HINDI|ENGLISH"
                         who receives the responses, as the privacy notice at /privacy
                         names them [ANUBHAV_OFFICE_NAME] (default: the IG office)
  --logo FILE            an SVG or PNG shown beside the site name [ANUBHAV_LOGO]
  --log-level LEVEL      trace, debug, info, warn, error, fatal or silent
                         [ANUBHAV_LOG_LEVEL] (default info); logs are JSON lines
                         on standard output, without bodies, contact data,
                         client addresses or the Authorization header
  --help                 show this text

Connection limits, so that no client can hold the collector open:
  --request-timeout-ms N     a whole request must arrive within N ms, or the client
                             gets 408 and is cut off [ANUBHAV_REQUEST_TIMEOUT_MS]
                             (default ${SERVER_DEFAULTS.requestTimeoutMs})
  --headers-timeout-ms N     its headers within N ms, at most the request timeout
                             [ANUBHAV_HEADERS_TIMEOUT_MS] (default ${SERVER_DEFAULTS.headersTimeoutMs})
  --keep-alive-timeout-ms N  an idle keep-alive connection is closed after N ms
                             [ANUBHAV_KEEP_ALIVE_TIMEOUT_MS] (default ${SERVER_DEFAULTS.keepAliveTimeoutMs})
  --idle-timeout-ms N        a socket with no traffic either way is closed after
                             N ms [ANUBHAV_IDLE_TIMEOUT_MS] (default ${SERVER_DEFAULTS.idleTimeoutMs})
  --max-connections N        sockets open at once; more are refused
                             [ANUBHAV_MAX_CONNECTIONS] (default ${SERVER_DEFAULTS.maxConnections})
  The timeouts are checked every second, so a cut comes up to 1 s late.
  On SIGTERM or SIGINT the collector stops taking connections, lets requests
  in progress finish for up to 5 s, then closes every socket and exits, within
  10 s whatever its clients do.`;

/** A yes/no environment variable: 1 or true, 0 or false, or unset. */
function envFlag(name: string, raw: string | undefined): boolean {
  if (raw === undefined || raw === '' || raw === '0' || raw.toLowerCase() === 'false') return false;
  if (raw === '1' || raw.toLowerCase() === 'true') return true;
  throw new ConfigError(`${name} must be 1 or 0, not "${raw}"`);
}

function integer(name: string, raw: string, min: number, max: number): number {
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
  }
  return Number(raw);
}

/** `"हिन्दी|English"` (or one text for both), each part 1 to 120 characters. */
function bilingualFlag<K extends string>(flag: string, raw: string | undefined, key: K): Partial<Record<K, Bilingual>> {
  if (raw === undefined) return {};
  const parts = raw.split('|').map((s) => s.trim());
  if (parts.length > 2 || parts.some((p) => !p || p.length > 120)) {
    throw new ConfigError(`--${flag} must be "Hindi|English" (or one name), each 1 to 120 characters, not "${raw}"`);
  }
  return { [key]: { hi: parts[0], en: parts[1] ?? parts[0] } } as Partial<Record<K, Bilingual>>;
}

/** A logo file that exists now and that a browser shows: SVG or PNG. */
function logoFlag(file: string | undefined): { logo?: string } {
  if (file === undefined) return {};
  if (!/\.(svg|png)$/i.test(file)) throw new ConfigError(`--logo: "${file}" must be an .svg or .png file`);
  try {
    if (statSync(file).isFile()) return { logo: file };
  } catch {
    // Reported below.
  }
  throw new ConfigError(`--logo: "${file}" is not a file`);
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

/** The token's own rule, wherever it came from. */
function checkToken(token: string, from: string) {
  if (token.length < 16) throw new ConfigError(`${from} must be at least 16 characters (try: openssl rand -hex 24)`);
}

/**
 * The admin token from a file: its one line, without the final newline
 * that editors and `echo` add. A file that others can read is used, with a
 * warning: the token opens every citizen's name and number.
 */
function tokenFromFile(file: string, from: string, warnings: string[]): string {
  let text: string;
  let mode: number;
  try {
    mode = statSync(file).mode;
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'there is no such file'
      : code === 'EACCES' ? 'permission denied'
      : code === 'EISDIR' ? 'it is a folder' : (err as Error).message;
    throw new ConfigError(`${from}: cannot read "${file}" (${why})`);
  }
  const token = text.replace(/\r?\n$/, '');
  if (!token) throw new ConfigError(`${from}: "${file}" is empty; put the token in it (try: openssl rand -hex 24 > ${file})`);
  if (/[\r\n]/.test(token)) throw new ConfigError(`${from}: "${file}" must hold the token on one line`);
  checkToken(token, `the token in "${file}" (${from})`);
  if (mode & 0o044) {
    warnings.push(`${from}: "${file}" can be read by other users (mode ${(mode & 0o777).toString(8).padStart(4, '0')}); `
      + `make it readable by the collector's user only: chmod 600 ${file}`);
  }
  return token;
}

/**
 * The admin token and where it came from. A flag wins over the
 * environment; giving both a token and a token file in the same place is
 * an error rather than a guess.
 */
function adminToken(flagToken: string | undefined, flagFile: string | undefined, env: NodeJS.ProcessEnv, warnings: string[]):
  Pick<CollectorConfig, 'adminToken' | 'adminTokenSource'> {
  if (flagToken !== undefined && flagFile !== undefined) throw new ConfigError('give --admin-token or --admin-token-file, not both');
  if (flagToken !== undefined) {
    checkToken(flagToken, '--admin-token');
    return { adminToken: flagToken, adminTokenSource: { kind: 'flag' } };
  }
  if (flagFile !== undefined) {
    return { adminToken: tokenFromFile(flagFile, '--admin-token-file', warnings), adminTokenSource: { kind: 'file', file: flagFile } };
  }
  const envToken = env.ANUBHAV_ADMIN_TOKEN || undefined;
  const envFile = env.ANUBHAV_ADMIN_TOKEN_FILE || undefined;
  if (envToken && envFile !== undefined) {
    throw new ConfigError('set ANUBHAV_ADMIN_TOKEN or ANUBHAV_ADMIN_TOKEN_FILE, not both');
  }
  if (envFile !== undefined) {
    return { adminToken: tokenFromFile(envFile, 'ANUBHAV_ADMIN_TOKEN_FILE', warnings), adminTokenSource: { kind: 'file', file: envFile } };
  }
  if (envToken !== undefined) {
    checkToken(envToken, 'ANUBHAV_ADMIN_TOKEN');
    return { adminToken: envToken, adminTokenSource: { kind: 'env' } };
  }
  return {};
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
        'admin-token-file': { type: 'string' },
        'rate-limit': { type: 'string' },
        'min-fill-ms': { type: 'string' },
        static: { type: 'string' },
        'trust-proxy': { type: 'string' },
        questions: { type: 'string', multiple: true },
        stations: { type: 'string' },
        'request-timeout-ms': { type: 'string' },
        'headers-timeout-ms': { type: 'string' },
        'keep-alive-timeout-ms': { type: 'string' },
        'idle-timeout-ms': { type: 'string' },
        'max-connections': { type: 'string' },
        'contact-retention-days': { type: 'string' },
        'log-level': { type: 'string' },
        'demo-data': { type: 'boolean' },
        'site-name': { type: 'string' },
        'office-name': { type: 'string' },
        logo: { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
    }));
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
  if (values.help) return 'help';
  const warnings: string[] = [];
  const token = adminToken(values['admin-token'], values['admin-token-file'], env, warnings);
  const flags: Record<string, string | boolean | string[] | undefined> = values;
  const ms = (flag: string, envName: string, fallback: number, min: number) =>
    integer(`--${flag}`, (flags[flag] as string | undefined) ?? env[envName] ?? String(fallback), min, 3_600_000);
  const requestTimeoutMs = ms('request-timeout-ms', 'ANUBHAV_REQUEST_TIMEOUT_MS', SERVER_DEFAULTS.requestTimeoutMs, 1000);
  const headersTimeoutMs = ms('headers-timeout-ms', 'ANUBHAV_HEADERS_TIMEOUT_MS', SERVER_DEFAULTS.headersTimeoutMs, 1000);
  // Node refuses a header timeout longer than the request's, which holds the headers.
  if (headersTimeoutMs > requestTimeoutMs) {
    throw new ConfigError(`--headers-timeout-ms (${headersTimeoutMs}) must not be longer than --request-timeout-ms (${requestTimeoutMs})`);
  }
  const logLevel = values['log-level'] ?? env.ANUBHAV_LOG_LEVEL ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new ConfigError(`--log-level must be one of ${LOG_LEVELS.join(', ')}, not "${logLevel}"`);
  }
  const db = values.db ?? env.ANUBHAV_DB ?? 'data/anubhav.sqlite';
  if (!db.trim()) throw new ConfigError('--db must name a file');
  const stations = values.stations ?? env.ANUBHAV_STATIONS ?? undefined;
  const demoData = values['demo-data'] ?? envFlag('ANUBHAV_DEMO_DATA', env.ANUBHAV_DEMO_DATA);
  // The sample is spread over the directory's stations and filed under its
  // districts, as real responses are; without one there is nothing to spread it over.
  if (demoData && !stations) {
    throw new ConfigError('--demo-data needs --stations FILE: the sample responses are spread across the directory\'s stations');
  }
  return {
    host: values.host ?? env.HOST ?? '127.0.0.1',
    port: integer('--port', values.port ?? env.PORT ?? '8080', 0, 65535),
    db,
    origins: origins(values.origins ?? env.ANUBHAV_ORIGINS ?? ''),
    ...token,
    warnings,
    rateLimit: integer('--rate-limit', values['rate-limit'] ?? env.ANUBHAV_RATE_LIMIT ?? '30', 1, 100000),
    minFillMs: integer('--min-fill-ms', values['min-fill-ms'] ?? env.ANUBHAV_MIN_FILL_MS ?? '3000', 0, 600000),
    staticDir: folder(values.static ?? env.ANUBHAV_STATIC),
    trustProxy: proxies(values['trust-proxy'] ?? env.ANUBHAV_TRUST_PROXY ?? ''),
    questions: values.questions ?? env.ANUBHAV_QUESTIONS?.split(',').map((s) => s.trim()).filter(Boolean) ?? [],
    stations,
    requestTimeoutMs,
    headersTimeoutMs,
    keepAliveTimeoutMs: ms('keep-alive-timeout-ms', 'ANUBHAV_KEEP_ALIVE_TIMEOUT_MS', SERVER_DEFAULTS.keepAliveTimeoutMs, 1),
    idleTimeoutMs: ms('idle-timeout-ms', 'ANUBHAV_IDLE_TIMEOUT_MS', SERVER_DEFAULTS.idleTimeoutMs, 1000),
    maxConnections: integer('--max-connections', values['max-connections'] ?? env.ANUBHAV_MAX_CONNECTIONS
      ?? String(SERVER_DEFAULTS.maxConnections), 1, 1_000_000),
    logLevel: logLevel as LogLevel,
    contactRetentionDays: integer('--contact-retention-days', values['contact-retention-days']
      ?? env.ANUBHAV_CONTACT_RETENTION_DAYS ?? '365', 1, 3650),
    ...(demoData ? { demoData } : {}),
    ...bilingualFlag('site-name', values['site-name'] ?? env.ANUBHAV_SITE_NAME, 'siteName'),
    ...bilingualFlag('office-name', values['office-name'] ?? env.ANUBHAV_OFFICE_NAME, 'officeName'),
    ...logoFlag(values.logo ?? env.ANUBHAV_LOGO),
  };
}

/** `anubhav-collector backup --to FILE [--db FILE]`. */
export function parseBackupConfig(argv: string[], env: NodeJS.ProcessEnv = process.env): BackupConfig | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { db: { type: 'string' }, to: { type: 'string' }, help: { type: 'boolean' } },
      strict: true,
    }));
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
  if (values.help) return 'help';
  const db = values.db ?? env.ANUBHAV_DB ?? 'data/anubhav.sqlite';
  if (!db.trim()) throw new ConfigError('--db must name a file');
  if (!values.to?.trim()) throw new ConfigError('backup needs --to FILE, a new file to write the copy to');
  return { db, to: values.to };
}
