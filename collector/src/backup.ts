/**
 * `anubhav-collector backup`: a consistent copy of the live database,
 * taken while the collector keeps writing, through SQLite's online backup
 * API (better-sqlite3's `db.backup()`).
 */
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { ConfigError, type BackupConfig } from './config.js';
import { createPrivateFile } from './files.js';
import { isPostgres } from './store.js';

export interface BackupResult {
  /** Pages copied (of the database's page size, 4096 bytes by default). */
  pages: number;
}

/**
 * Copies `db` into `to`, a new file made 0600; an existing `to` is refused,
 * never overwritten. The copy is one snapshot: every page is read in a
 * single step under one read transaction, which in WAL mode never blocks
 * the collector's writes. (Copied a few pages at a time, the backup would
 * start again after every write by another process, and on a busy
 * collector might never end.)
 */
export async function backupDatabase({ db, to }: BackupConfig): Promise<BackupResult> {
  if (isPostgres(db)) {
    throw new ConfigError('backup copies a SQLite file; back PostgreSQL up with pg_basebackup and WAL archiving, or pg_dump (see docs/operating.md)');
  }
  let source: Database.Database;
  try {
    source = new Database(db, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new ConfigError(`cannot open the database "${db}": ${(err as Error).message}`);
  }
  try {
    try {
      createPrivateFile(to);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new ConfigError(code === 'EEXIST'
        ? `"${to}" already exists; a backup never overwrites a file, so name a new one`
        : `cannot create "${to}": ${(err as Error).message}`);
    }
    try {
      const { totalPages } = await source.backup(to, { progress: () => 0x7fffffff });
      return { pages: totalPages };
    } catch (err) {
      // Leave no half-written file that looks like a backup.
      rmSync(to, { force: true });
      rmSync(`${to}-journal`, { force: true });
      throw err;
    }
  } finally {
    source.close();
  }
}
