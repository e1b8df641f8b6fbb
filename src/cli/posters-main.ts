/** The `anubhav-posters` command; the work is in posters.ts. */
import { StationUrlError } from '../core/station-url.js';
import { makePosters, options, UsageError, USAGE } from './posters.js';
import { StationsFileError } from './stations-file.js';

async function main() {
  let o;
  try {
    o = options(process.argv.slice(2));
    if (o === 'help') return console.log(USAGE);
    const tty = process.stderr.isTTY;
    let shown = 0;
    o.progress = (done, total) => {
      // A live counter on a terminal; a line per tenth in logs.
      if (tty) process.stderr.write(`\r${done}/${total} posters`);
      else if (done === total || done - shown >= Math.ceil(total / 10)) {
        shown = done;
        process.stderr.write(`${done}/${total} posters\n`);
      }
    };
    const { count, out } = await makePosters(o);
    if (tty) process.stderr.write('\n');
    const what = o.size.includes('x') ? `${o.size} mm stickers` : `${o.size} posters`;
    console.log(`Wrote ${count} ${what} to ${out}/ (one SVG per station, and posters.html to print them all)`);
  } catch (err) {
    if (err instanceof UsageError || err instanceof StationsFileError || err instanceof StationUrlError) {
      console.error(`anubhav-posters: ${err.message}`);
      if (err instanceof UsageError) console.error('Run anubhav-posters --help for the options.');
      process.exit(2);
    }
    throw err;
  }
}

void main();
