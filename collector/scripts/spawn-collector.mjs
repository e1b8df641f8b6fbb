// Starts the built collector (collector/dist/main.js) in its own process for
// a benchmark, so that the load generator does not share its event loop.
// Resolves once it listens; its log lines are then read and dropped, so
// that neither a full pipe nor the benchmark's own bookkeeping slows it.
import { spawn } from 'node:child_process';

export async function spawnCollector(args, env = {}) {
  // BENCH_NODE_ARGS passes Node flags to the collector, e.g. "--cpu-prof".
  const nodeArgs = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, 'collector/dist/main.js', '--port', '0', ...args],
    { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
  const base = await new Promise((resolve, reject) => {
    let out = '';
    const onData = (d) => {
      out += d;
      const m = out.match(/on (http:\/\/127\.0\.0\.1:\d+)/);
      if (!m) return;
      child.stdout.off('data', onData);
      child.stdout.resume();
      resolve(m[1]);
    };
    child.stdout.on('data', onData);
    child.on('exit', (code) => reject(new Error(`collector exited ${code}: ${out}`)));
  });
  return {
    child,
    base,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}
