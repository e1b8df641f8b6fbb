// A throwaway PostgreSQL cluster for the tests (collector/test/support.mjs)
// and the benches: initdb in a
// temporary folder, a free port on loopback, stopped and removed at the end.
// No system service and nothing owned by root: PostgreSQL refuses to run as
// root, so when we are root (CI, containers) its programs run as `nobody`
// through setpriv, in a folder given to that user.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where initdb and pg_ctl are: on PATH, else Debian's /usr/lib/postgresql/<version>/bin (the newest). */
export function pgBin() {
  const onPath = spawnSync('sh', ['-c', 'command -v pg_ctl'], { encoding: 'utf8' }).stdout.trim();
  if (onPath && existsSync(join(onPath, '..', 'initdb'))) return join(onPath, '..');
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  if (!versions.length) {
    throw new Error('PostgreSQL is not installed: initdb and pg_ctl were found neither on PATH nor in /usr/lib/postgresql/*/bin '
      + '(Debian: apt-get install postgresql; .ci/run does it)');
  }
  return join(root, versions[0], 'bin');
}

/** A port nothing listens on now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const NOBODY = 65534;

/**
 * Starts a cluster in a new folder under `parent`. `durable: false` (the
 * tests) turns fsync off, which changes nothing the tests can see but
 * time; the benches keep it on, with PostgreSQL's defaults otherwise.
 * Resolves to { url(db), admin, stop() }; `url('postgres')` is the
 * maintenance database.
 */
export async function startCluster({ durable = false, parent = tmpdir() } = {}) {
  const bin = pgBin();
  const dir = mkdtempSync(join(parent, 'anubhav-pg-'));
  const data = join(dir, 'data');
  const root = process.getuid?.() === 0;
  if (root) chownSync(dir, NOBODY, NOBODY);
  // As root, run PostgreSQL's programs as nobody, with a clean environment
  // (no HOME of root's for them to read).
  const run = (program, args) => {
    const [file, argv] = root
      ? ['setpriv', [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', join(bin, program), ...args]]
      : [join(bin, program), args];
    return execFileSync(file, argv, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH, LANG: 'C', LC_ALL: 'C' } });
  };
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const port = await freePort();
  const options = [`-p ${port}`, '-c listen_addresses=127.0.0.1', `-c unix_socket_directories=${dir}`, '-c max_connections=200'];
  if (!durable) options.push('-c fsync=off', '-c full_page_writes=off');
  run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-t', '60', '-o', options.join(' '), 'start']);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } catch {
      // Already gone; the folder goes anyway.
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // However the process ends, the cluster does not outlive it.
  process.once('exit', stop);
  return { port, dir, url: (db = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${db}`, stop };
}
