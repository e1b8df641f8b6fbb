/**
 * `anubhav-collector`: start the reference collector.
 * `npm start` runs it with `--static demo`, so the demo and the API share
 * one origin.
 */
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { buildCollector } from './app.js';
import { ConfigError, parseConfig, USAGE } from './config.js';

async function main() {
  let config;
  try {
    config = parseConfig(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(`anubhav-collector: ${err.message}\nRun anubhav-collector --help for the options.`);
    process.exit(2);
  }
  if (config === 'help') {
    console.log(USAGE);
    return;
  }
  // A token given by the operator is never printed: logs (journald, docker)
  // would then hold the key to every citizen's name and number.
  const generated = !config.adminToken;
  if (generated) {
    config.adminToken = randomBytes(18).toString('base64url');
    console.log(`No admin token was set; this run's token is ${config.adminToken}`);
    console.log('(set ANUBHAV_ADMIN_TOKEN or --admin-token to keep a fixed one)');
  }
  if (config.staticDir) {
    // The demo's pages load the built widgets from /dist/: the installed
    // anubhav-widgets package's (in this repository, the root's dist/).
    const widgets = dirname(createRequire(import.meta.url).resolve('anubhav-widgets/package.json'));
    config.mounts = { '/dist/': join(widgets, 'dist') };
  }
  let collector;
  try {
    collector = await buildCollector(config, (line) => console.log(line));
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(`anubhav-collector: ${err.message}`);
    process.exit(2);
  }
  const { app } = collector;
  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    console.error(code === 'EADDRINUSE'
      ? `anubhav-collector: port ${config.port} is in use; choose another with --port or PORT`
      : `anubhav-collector: ${(err as Error).message}`);
    process.exit(1);
  }
  const { port } = app.server.address() as { port: number };
  const base = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  console.log(`anubhav-collector on ${base}  (database ${config.db})`);
  if (config.staticDir) console.log(`Demo: ${base}/   Station QR codes: ${base}/stations.html   Posters: ${base}/posters.html`);
  // A token given by the operator is not printed (see above); name where it came from.
  const token = generated ? config.adminToken
    : process.env.ANUBHAV_ADMIN_TOKEN === config.adminToken ? '$ANUBHAV_ADMIN_TOKEN' : '<your --admin-token>';
  console.log(`Export: curl -H "Authorization: Bearer ${token}" ${base}/api/feedback.csv`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void app.close().then(() => process.exit(0)));
  }
}

void main();
