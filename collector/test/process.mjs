// Runs the real bin (collector/dist/main.js) as a child process, and talks
// to it over raw sockets, for tests of process behaviour: timeouts,
// signals, files, logs and the backup command.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const BIN = new URL('../dist/main.js', import.meta.url).pathname;

/** A fresh temporary folder and a function that removes it. */
export function tempDir(prefix = 'anubhav-ops-') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Runs the bin with `args`. `ready` resolves to its base URL once it
 * prints "on http://127.0.0.1:PORT", and rejects if it exits first.
 */
export function startBin(args, env = {}) {
  // The collector's own settings come only from the test, never from the shell that runs it.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('ANUBHAV_')));
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...inherited, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const exit = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, at: performance.now() })));
  const ready = new Promise((resolve, reject) => {
    child.stdout.on('data', () => {
      const m = stdout.match(/on http:\/\/127\.0\.0\.1:(\d+)/);
      if (m) resolve(`http://127.0.0.1:${m[1]}`);
    });
    exit.then(({ code }) => reject(new Error(`exited ${code}: ${stdout}${stderr}`)));
  });
  ready.catch(() => {}); // a test that expects a refusal waits on `exit`
  return {
    child, ready, exit,
    stdout: () => stdout,
    stderr: () => stderr,
    /** The JSON lines the logger wrote (the human start-up lines are skipped). */
    logLines: () => stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l)),
    /** Sends `signal` and resolves to how the process ended and how long it took, in ms. */
    async signal(signal = 'SIGTERM') {
      const sent = performance.now();
      child.kill(signal);
      const end = await exit;
      return { ...end, ms: end.at - sent };
    },
    /** Kills it if it is still running (cleanup). */
    kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      return exit;
    },
  };
}

/** Runs the bin to completion and gives its exit code and output. */
export async function runBin(args, env = {}) {
  const run = startBin(args, env);
  const { code } = await run.exit;
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

/**
 * A raw TCP connection to `base`, recording what comes back and when it
 * closes, so a test can play a slow or stuck client byte by byte.
 */
export function rawClient(base) {
  const { hostname, port } = new URL(base);
  const socket = connect({ host: hostname, port: Number(port) });
  let received = '';
  let timer;
  socket.setEncoding('latin1');
  socket.on('data', (d) => (received += d));
  socket.on('error', () => {}); // a reset is how some cuts look
  const opened = performance.now();
  const connected = new Promise((resolve) => socket.once('connect', resolve));
  const closed = new Promise((resolve) => socket.once('close', () => {
    clearInterval(timer);
    resolve(performance.now());
  }));
  return {
    socket, connected, closed, opened,
    received: () => received,
    write: (text) => socket.write(text),
    /** Writes `text` one byte a second (or every `everyMs`) until the socket closes or the text ends. */
    dribble(text, everyMs = 1000) {
      let i = 0;
      timer = setInterval(() => {
        if (i >= text.length || socket.destroyed) return clearInterval(timer);
        socket.write(text[i++]);
      }, everyMs);
    },
    /** Resolves once `pattern` has arrived. */
    async waitFor(pattern, timeoutMs = 5000) {
      const until = performance.now() + timeoutMs;
      while (!pattern.test(received)) {
        if (performance.now() > until) throw new Error(`no ${pattern} within ${timeoutMs} ms; got ${JSON.stringify(received)}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: () => {
      clearInterval(timer);
      socket.destroy();
    },
  };
}

/** Resolves after `ms`. */
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Resolves to `promise`'s value, or rejects if it takes longer than `ms`. */
export function within(promise, ms, what) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms))),
  ]);
}
