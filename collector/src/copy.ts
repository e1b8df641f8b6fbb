/**
 * `anubhav-collector copy --from FILE.sqlite --to postgres://…`: moves a
 * range's SQLite database into PostgreSQL, for a site that grows into a
 * state deployment. Everything goes: responses with their cases, notes,
 * the audit log, accounts and their sessions, and the reports' roll-up,
 * each row under the same seq or id. The target must be empty; the copy is
 * one transaction, so a failure leaves it empty again. Then every table is
 * read back from both sides, and its count and a SHA-256 over its rows in
 * key order must agree.
 *
 * Stop the collector first: rows written to the file during the copy
 * would not be in it (the checksums would say so).
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { ConfigError, redactUrl } from './config.js';
import { isPostgres, SqliteStore } from './store.js';
import { PostgresStore } from './postgres.js';

/** Each table that moves, its columns, and the key its rows are read in order of. */
const TABLES: { name: string; columns: string[]; key: string[] }[] = [
  { name: 'accounts', columns: ['id', 'name', 'role', 'districts', 'token_hash', 'created_at', 'revoked_at'], key: ['id'] },
  {
    name: 'feedback',
    columns: ['seq', 'idempotency_key', 'body_hash', 'reference', 'received_at', 'station', 'district', 'payload', 'question_set',
      'status', 'assignee', 'flags', 'closed_at', 'contact_erased_at'],
    key: ['seq'],
  },
  { name: 'notes', columns: ['id', 'seq', 'author', 'at', 'text'], key: ['id'] },
  { name: 'audit', columns: ['id', 'at', 'who', 'account_id', 'action', 'reference'], key: ['id'] },
  { name: 'sessions', columns: ['id_hash', 'account_id', 'admin_token_hash', 'csrf', 'created_at', 'last_seen_at'], key: ['id_hash'] },
  { name: 'daily_counts', columns: ['question_set', 'day', 'station', 'district', 'counts'], key: ['question_set', 'day', 'station', 'district'] },
  // The form-signing key: hosted forms rendered before the move still post after it.
  { name: 'secrets', columns: ['name', 'value'], key: ['name'] },
];
/** Identity columns, whose sequences must continue after the copied ids. */
const IDENTITIES = [['feedback', 'seq'], ['notes', 'id'], ['audit', 'id'], ['accounts', 'id']];
/** Rows per INSERT: 1,000 rows of 14 columns stay far below PostgreSQL's 65,535 parameters. */
const CHUNK = 1000;

export interface TableReport {
  table: string;
  rows: number;
  sha256: string;
}

type Row = Record<string, unknown>;

/** Reads a table in key order, a page at a time, from either side. */
async function* pages(read: (sql: string, params: unknown[]) => Promise<Row[]>, table: (typeof TABLES)[number], p: (n: number) => string) {
  const single = table.key.length === 1;
  const order = table.key.join(', ');
  let after: unknown;
  for (;;) {
    // A table with one key is read by keyset; the roll-up (a composite key, a few thousand rows) at once.
    const rows = single
      ? await read(`SELECT ${table.columns.join(', ')} FROM ${table.name} ${after === undefined ? '' : `WHERE ${order} > ${p(1)}`} ORDER BY ${order} LIMIT 5000`,
        after === undefined ? [] : [after])
      : await read(`SELECT ${table.columns.join(', ')} FROM ${table.name} ORDER BY ${order}`, []);
    if (rows.length) yield rows;
    if (!single || rows.length < 5000) return;
    after = rows.at(-1)![table.key[0]];
  }
}

/** The count and checksum of a table: SHA-256 over each row's values as JSON, in key order. */
async function summarise(read: (sql: string, params: unknown[]) => Promise<Row[]>, table: (typeof TABLES)[number], p: (n: number) => string): Promise<TableReport> {
  const hash = createHash('sha256');
  let rows = 0;
  for await (const page of pages(read, table, p)) {
    for (const row of page) hash.update(`${JSON.stringify(table.columns.map((c) => row[c] ?? null))}\n`);
    rows += page.length;
  }
  return { table: table.name, rows, sha256: hash.digest('hex') };
}

export async function copyDatabase(from: string, to: string): Promise<TableReport[]> {
  if (isPostgres(from) || !existsSync(from)) throw new ConfigError(`--from must name an existing SQLite file, not "${redactUrl(from)}"`);
  if (!isPostgres(to)) throw new ConfigError('--to must be a PostgreSQL URL, e.g. postgres://anubhav@db.example:5432/anubhav');
  // Both schemas are brought to this version first, as a start would.
  await new SqliteStore(from).close();
  await (await PostgresStore.open(to)).close();

  const source = new Database(from, { readonly: true });
  const bigint = (oid: number, format?: 'text' | 'binary') => (oid === 20 ? Number : pg.types.getTypeParser(oid, format as 'text'));
  const target = new pg.Client({ connectionString: to, types: { getTypeParser: bigint as typeof pg.types.getTypeParser } });
  await target.connect();
  try {
    const readSource = async (sql: string, params: unknown[]) => source.prepare(sql).all(...params) as Row[];
    const readTarget = async (sql: string, params: unknown[]) => (await target.query(sql, params)).rows as Row[];
    const taken = await readTarget(`SELECT (SELECT count(*) FROM feedback) + (SELECT count(*) FROM accounts) + (SELECT count(*) FROM audit) AS n`, []);
    if (Number(taken[0].n)) throw new ConfigError(`${redactUrl(to)} already holds responses, accounts or audit entries; copy into an empty database`);

    await target.query('BEGIN; SET LOCAL synchronous_commit = on');
    try {
      for (const table of TABLES) {
        for await (const page of pages(readSource, table, () => '?')) {
          for (let i = 0; i < page.length; i += CHUNK) {
            const chunk = page.slice(i, i + CHUNK);
            const n = table.columns.length;
            const values = chunk.map((_, r) => `(${table.columns.map((__, c) => `$${r * n + c + 1}`).join(', ')})`).join(', ');
            await target.query(`INSERT INTO ${table.name} (${table.columns.join(', ')}) VALUES ${values}`,
              chunk.flatMap((row) => table.columns.map((c) => row[c] ?? null)));
          }
        }
      }
      const mark = source.prepare('SELECT seq FROM rollup_state WHERE id = 1').get() as { seq: number };
      await target.query('UPDATE rollup_state SET seq = $1 WHERE id = 1', [mark.seq]);
      for (const [table, column] of IDENTITIES) {
        await target.query(`SELECT setval(pg_get_serial_sequence('${table}', '${column}'), coalesce((SELECT max(${column}) FROM ${table}), 0) + 1, false)`);
      }
      await target.query('COMMIT');
    } catch (err) {
      await target.query('ROLLBACK').catch(() => {});
      throw err;
    }

    const reports: TableReport[] = [];
    for (const table of TABLES) {
      const a = await summarise(readSource, table, () => '?');
      const b = await summarise(readTarget, table, (k) => `$${k}`);
      if (a.rows !== b.rows || a.sha256 !== b.sha256) {
        throw new Error(`${table.name}: the copy does not match (${a.rows} rows, sha256 ${a.sha256.slice(0, 16)}… in the file; `
          + `${b.rows} rows, ${b.sha256.slice(0, 16)}… in PostgreSQL). Was the collector still writing? Empty the target and copy again.`);
      }
      reports.push(a);
    }
    return reports;
  } finally {
    source.close();
    await target.end();
  }
}

export async function copyCommand(argv: string[]): Promise<string> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { from: { type: 'string' }, to: { type: 'string' } }, strict: true });
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
  const { from, to } = parsed.values;
  if (!from || !to) throw new ConfigError('copy needs --from FILE.sqlite --to postgres://user@host:5432/database');
  const reports = await copyDatabase(from, to);
  return [`Copied ${from} to ${redactUrl(to)}; every table verified (rows, SHA-256 of its rows in key order):`,
    ...reports.map((r) => `  ${r.table.padEnd(13)} ${String(r.rows).padStart(9)}  ${r.sha256}`)].join('\n');
}
