/**
 * `anubhav-collector`: start the reference collector, or with `backup`,
 * copy its database.
 * `npm start` runs it with `--static demo`, so the demo and the API share
 * one origin.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import pino from 'pino';
import { buildCollector, type Collector } from './app.js';
import { accountsCommand, eraseCommand, migrateCommand } from './commands.js';
import { copyCommand } from './copy.js';
import { backupDatabase } from './backup.js';
import { ConfigError, parseBackupConfig, parseConfig, redactUrl, USAGE, type CollectorConfig } from './config.js';
import { isPostgres } from './store.js';

/**
 * After a stop signal, the process exits by this time whatever happens:
 * the collector's own stop closes every socket at 5 s (STOP_GRACE_MS);
 * this is the guard should closing itself hang. Both are under the 10 s a
 * supervisor (systemd's TimeoutStopSec, Docker's stop) is told to wait.
 */
const HARD_EXIT_MS = 8000;

/**
 * At most this much log is held while standard output does not keep up;
 * past it, lines are dropped rather than the collector's memory growing.
 */
const LOG_BUFFER_BYTES = 16 * 1024 * 1024;

/**
 * Log lines go to standard output without blocking, so that a log reader
 * that stops reading (a stuck pipe) cannot stall every request. Lines
 * queued while a write is in flight go out together. Every exit below
 * flushes them first, so the last lines before a stop are kept.
 */
const logStream = pino.destination({ dest: 1, sync: false, maxLength: LOG_BUFFER_BYTES });
// A reader that went away (EPIPE) makes every later write fail, and
// sonic-boom's flushSync retries such a write for ever: once the stream has
// failed, exits skip the flush.
let logBroken = false;
logStream.on('error', () => {
  logBroken = true;
});

/** Exits, flushing the log first unless it cannot be written or `hard`. */
function exit(code: number, hard = false): never {
  if (!logBroken && !hard) {
    try {
      logStream.flushSync();
    } catch {
      // Nothing more can be done for a log that cannot be written.
    }
  }
  process.exit(code);
}

function fail(message: string, code: number): never {
  console.error(`anubhav-collector: ${message}`);
  exit(code);
}

/** A command's flags, parsed: bad ones are one line and exit 2; --help prints the usage and gives nothing. */
function flags<T>(parse: (argv: string[]) => T | 'help', argv: string[]): T | undefined {
  let config;
  try {
    config = parse(argv);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    fail(`${err.message}\nRun anubhav-collector --help for the options.`, 2);
  }
  if (config !== 'help') return config;
  console.log(USAGE);
  return undefined;
}

async function backup(argv: string[]) {
  const config = flags(parseBackupConfig, argv);
  if (!config) return;
  try {
    const { pages } = await backupDatabase(config);
    console.log(`anubhav-collector: backed up ${config.db} to ${config.to} (${pages} pages)`);
  } catch (err) {
    fail((err as Error).message, err instanceof ConfigError ? 2 : 1);
  }
}

/** The start-up hint names where an operator-given token came from, never the token. */
function tokenHint(config: CollectorConfig, generated: boolean): string {
  const source = config.adminTokenSource;
  if (source?.kind === 'file') return `$(cat ${source.file})`;
  if (generated || !source) return config.adminToken ?? '';
  return source.kind === 'env' ? '$ANUBHAV_ADMIN_TOKEN' : '<your --admin-token>';
}

async function serve(argv: string[]) {
  const config = flags(parseConfig, argv);
  if (!config) return;
  // A token given by the operator is never printed: logs (journald, docker)
  // would then hold the key to every citizen's name and number.
  const generated = !config.adminToken;
  if (generated) config.adminToken = randomBytes(18).toString('base64url');
  if (config.staticDir) {
    // The demo's pages load the built widgets from /dist/: the installed
    // anubhav-widgets package's (in this repository, the root's dist/).
    const widgets = dirname(createRequire(import.meta.url).resolve('anubhav-widgets/package.json'));
    config.mounts = { '/dist/': join(widgets, 'dist') };
  }
  let collector: Collector;
  try {
    collector = await buildCollector(config, { logStream });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    fail(err.message, 2);
  }
  // Only once everything checked out is a token made for this run shown.
  if (generated) {
    if (process.stdout.isTTY) {
      console.log(`No admin token was set; this run's token is ${config.adminToken}`);
    } else {
      // Standard output here is a log (journald, a file): the token goes to
      // a file only the collector's user can read, beside the database
      // (for PostgreSQL, in data/ under the working folder).
      const file = join(isPostgres(config.db) ? 'data' : dirname(config.db), 'admin-token.generated');
      mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
      writeFileSync(file, `${config.adminToken}\n`, { mode: 0o600 });
      config.adminTokenSource = { kind: 'file', file };
      console.log(`No admin token was set; this run's token is in ${file}`);
    }
    console.log('(set ANUBHAV_ADMIN_TOKEN_FILE or --admin-token-file to keep a fixed one)');
  }
  const { app } = collector;
  for (const warning of config.warnings ?? []) app.log.warn(warning);
  if (!config.stations) {
    // Without the directory, the district a response is filed under is the
    // one its client sent; with --stations it is always the directory's.
    app.log.warn('no --stations: stations are not checked, and each response is filed under the district its client names');
  }
  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    fail(code === 'EADDRINUSE'
      ? `port ${config.port} is in use; choose another with --port or PORT`
      : (err as Error).message, 1);
  }
  const { port } = app.server.address() as { port: number };
  const base = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  // These start-up lines are for a person at a terminal; everything after
  // them is JSON lines from the logger.
  console.log(`anubhav-collector on ${base}  (database ${redactUrl(config.db)})`);
  if (config.staticDir) console.log(`Demo: ${base}/   Station QR codes: ${base}/stations.html   Posters: ${base}/posters.html`);
  console.log(`Citizens' page: ${base}/f?station=<id>  (point station QR codes here: anubhav-posters --collector ${base})`);
  console.log(`Office console: ${base}/console/ (sign in with an account's token: anubhav-collector accounts add)`);
  console.log(`Export: curl -H "Authorization: Bearer ${tokenHint(config, generated)}" ${base}/api/feedback.csv`);
  if (collector.demo) {
    // Unlike the admin token, these go to standard output whatever it is:
    // demo accounts see only sample data on a demo database, and a demo
    // nobody can sign in to is no demo. They are new at every start (demo.ts).
    const { seeded, accounts } = collector.demo;
    console.log(`WARNING: DEMO DATA IS ON (--demo-data): ${redactUrl(config.db)} holds sample responses`
      + `${seeded ? ` (${seeded} stored now)` : ''} and demo accounts; never use it for real feedback.`);
    for (const account of accounts) console.log(`demo sign-in (${account.role}): ${account.token}   ${account.name}`);
    console.log(`Paste one at ${base}/console/ to try the office console.`);
    app.log.warn('demo data is on: sample responses and demo accounts; not for real feedback');
  }

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      // A second signal (Ctrl-C twice): exit now. Every 201 already sent was
      // committed before it was sent, so nothing answered is lost.
      app.log.warn({ signal }, 'second stop signal: exiting at once');
      exit(1, true);
    }
    stopping = true;
    app.log.info({ signal }, 'stopping: no new connections; requests in progress have 5 s to finish');
    setTimeout(() => {
      app.log.error(`not stopped after ${HARD_EXIT_MS / 1000} s; exiting`);
      exit(1, true);
    }, HARD_EXIT_MS).unref();
    collector.stop().then(() => {
      app.log.info('stopped');
      exit(0);
    }, (err: unknown) => {
      app.log.error({ err }, 'stopping failed');
      exit(1);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

// Whatever the collector creates (the database folder and files, a backup)
// is its owner's alone; files.ts sets the modes explicitly too.
process.umask(0o077);
const argv = process.argv.slice(2);
/** A command that prints its result; bad input is one clear line and exit 2. */
const printing = (command: (args: string[]) => string | Promise<string>, hint = '') => async (args: string[]) => {
  try {
    console.log(await command(args));
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    fail(err.message + hint, 2);
  }
};

const commands: Record<string, (args: string[]) => Promise<void>> = {
  backup,
  accounts: printing(accountsCommand, '\nRun anubhav-collector accounts --help for the options.'),
  erase: printing(eraseCommand),
  migrate: printing(migrateCommand),
  copy: printing(copyCommand),
};
(commands[argv[0]] ?? (() => serve(argv)))(argv.slice(1)).catch((err: unknown) => {
  // Anything unforeseen at start-up (a database that cannot be opened, a
  // broken install) is one clear line and exit code 1, not a stack dump.
  fail(err instanceof Error ? err.message : String(err), 1);
});
