/**
 * The database holds citizens' names and mobile numbers, so its files are
 * the owner's alone: the folder the collector makes is 0700, and the
 * database, its -wal and its -shm are 0600, whatever the umask says.
 */
import { chmodSync, closeSync, constants, fchmodSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_FOLDER_MODE = 0o700;

/**
 * Makes ready `file` for SQLite to open. A missing folder is made 0700; a
 * missing database is made empty and 0600 (SQLite takes an empty file as a
 * new database); an existing one, and its -wal and -shm, are set to 0600.
 * SQLite gives the -wal and -shm it creates later the database file's mode,
 * so they are private too. An existing folder is left as it is: it may be
 * shared on purpose, e.g. a systemd StateDirectory.
 */
export function preparePrivateDatabase(file: string) {
  mkdirSync(dirname(file), { recursive: true, mode: PRIVATE_FOLDER_MODE });
  // O_CREAT without O_TRUNC: an existing database is opened, never emptied.
  const fd = openSync(file, constants.O_RDWR | constants.O_CREAT, PRIVATE_FILE_MODE);
  try {
    tighten(() => fchmodSync(fd, PRIVATE_FILE_MODE));
  } finally {
    closeSync(fd);
  }
  for (const extra of [`${file}-wal`, `${file}-shm`]) {
    tighten(() => chmodSync(extra, PRIVATE_FILE_MODE), true);
  }
}

/**
 * Creates `file`, which must not exist yet, as an empty 0600 file (for a
 * backup). Throws EEXIST rather than overwrite anything.
 */
export function createPrivateFile(file: string) {
  const fd = openSync(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, PRIVATE_FILE_MODE);
  try {
    fchmodSync(fd, PRIVATE_FILE_MODE);
  } finally {
    closeSync(fd);
  }
}

/**
 * A file owned by another account (EPERM) keeps the mode its owner chose:
 * the collector may still use it if they let it. A -wal or -shm that does
 * not exist yet (ENOENT) will be made with the database's mode.
 */
function tighten(change: () => void, mayBeMissing = false) {
  try {
    change();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EPERM' || (mayBeMissing && code === 'ENOENT')) return;
    throw err;
  }
}
