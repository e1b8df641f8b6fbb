/**
 * Storage: the `Store` interface that routes, reports, auth and commands
 * use, and its SQLite implementation (the embedded default; PostgreSQL's
 * is in postgres.ts). `openStore` picks one from `--db`.
 *
 * SQLite: WAL with synchronous=FULL: a 201 is sent only after the group
 * commit holding its row has committed and been fsynced, so a crash right
 * after the 201 loses nothing. The files are created 0600 in a 0700 folder
 * (see files.ts).
 *
 * The schema moves forward through numbered migrations, recorded in
 * `PRAGMA user_version` (and, from version 7, in `schema_migrations`), so a
 * database made by an older collector is upgraded in place on start, and
 * one made by a newer collector is refused.
 */
import Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import {
  CASE_STATUSES, DEFAULT_SET_REF, feedbackFlags, type AuditEntry as LoggedAudit, type CaseStatus, type FeedbackPayload, type Role,
} from 'anubhav-widgets/core';
import { preparePrivateDatabase } from './files.js';
import { newReference } from './references.js';
import { redactContact } from './retention.js';

export interface StoredRow {
  seq: number;
  receivedAt: string;
  reference: string;
  payload: FeedbackPayload;
  /** The district it is filed under: the directory's, where the collector has one, else the client's. */
  district?: string;
  status: CaseStatus;
  /** The FLAGS it raised on arrival. */
  flags: number;
}

export type InsertResult =
  /** `seq` names the new case, for whatever is written with it (a note). */
  | { kind: 'created'; reference: string; seq: number }
  | { kind: 'replay'; reference: string }
  | { kind: 'conflict' };

/** Which rows an export wants; every field narrows, none widens. */
export interface RowFilter {
  /** Rows after this `seq` (the export's cursor). */
  after?: number;
  /** `received_at` at or after this ISO time. */
  since?: string;
  /** `received_at` before this ISO time. */
  until?: string;
  district?: string;
  station?: string;
  /** `id@version`; rows stored without one answered `default@1`. */
  questionSet?: string;
  /**
   * The caller's scope: only rows of these districts. Set by the server
   * from the signed-in account, never from the request.
   */
  scope?: string[];
  /** Cases with this status. */
  status?: CaseStatus;
  /** Cases with all these flags (a FLAGS bit set)… */
  flagsAll?: number;
  /** …and none of these. */
  flagsNone?: number;
  /** Newest first, from before this `seq` (`after` is then ignored). */
  before?: number;
}

/** A note on a case: who wrote it, when, and what. */
export interface Note {
  author: string;
  at: string;
  text: string;
}

/** One case, as the office reads it. */
export interface CaseRecord extends StoredRow {
  station: string;
  assignee?: string;
  closedAt?: string;
  contactErasedAt?: string;
  notes: Note[];
}

// The statuses, roles and audit actions are the office API's (anubhav-widgets/core), which the console reads.
export { CASE_STATUSES, type CaseStatus, type Role };
export type AuditAction = LoggedAudit['action'];

/** An entry of the audit log: who did what to which case. */
export interface AuditEntry {
  who: string;
  accountId?: number;
  action: AuditAction;
  reference: string;
}

/** The columns a row is read with, and how it becomes a StoredRow. */
export const ROW_COLUMNS = 'seq, received_at, reference, district, payload, status, flags';
export type RowRecord = { seq: number; received_at: string; reference: string; district: string | null; payload: string; status: CaseStatus; flags: number };
export const toRow = (r: RowRecord): StoredRow => ({
  seq: r.seq, receivedAt: r.received_at, reference: r.reference, payload: JSON.parse(r.payload), status: r.status, flags: r.flags,
  ...(r.district === null ? {} : { district: r.district }),
});

/**
 * Named parameters for a query: the set values, with a scope (a district
 * list) as the JSON that `json_each` reads.
 */
const bindable = (values: object) => Object.fromEntries(Object.entries(values)
  .filter(([, v]) => v !== undefined).map(([k, v]) => [k, k === 'scope' ? JSON.stringify(v) : v]));

/** What `body_hash` holds once a contact is erased. */
export const ERASED_HASH = 'erased';

/** A stable hash of the payload, so a replay with the same body is recognised. */
export const bodyHash = (payload: FeedbackPayload) => createHash('sha256').update(JSON.stringify(payload)).digest('hex');

/**
 * Each entry moves the schema one version on. Never edit one that has
 * shipped; add the next.
 */
const MIGRATIONS: (string | ((db: Database.Database) => void))[] = [
  // 1: the first collector's table.
  `CREATE TABLE IF NOT EXISTS feedback (
    seq INTEGER PRIMARY KEY,
    idempotency_key TEXT UNIQUE NOT NULL,
    body_hash TEXT NOT NULL,
    reference TEXT NOT NULL,
    received_at TEXT NOT NULL,
    station TEXT NOT NULL,
    district TEXT,
    payload TEXT NOT NULL
  )`,
  // 2: references issued by the collector are unique (older ones, derived
  // from the client's id, were already shown to citizens and stay as they
  // are; they cannot collide with the AN- form). The question set answered.
  // No index for the export's filters: exports read seq windows (see
  // `page`), and every index is written, and fsynced, with every response.
  `ALTER TABLE feedback ADD COLUMN question_set TEXT NOT NULL DEFAULT '${DEFAULT_SET_REF}';
   CREATE UNIQUE INDEX feedback_reference ON feedback (reference) WHERE reference LIKE 'AN-%';
   CREATE TABLE health (id INTEGER PRIMARY KEY CHECK (id = 1), checked_at TEXT NOT NULL);`,
  // 3: office accounts. Only a hash of each sign-in token is kept; a
  // revoked account stays listed, so that the audit trail can name it.
  `CREATE TABLE accounts (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('range', 'district', 'viewer')),
    districts TEXT NOT NULL DEFAULT '[]',
    token_hash TEXT UNIQUE NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT
  );`,
  // 4: console sessions, by a hash of the cookie's value. account_id NULL
  // is a session opened with the admin token.
  `CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    account_id INTEGER REFERENCES accounts (id),
    admin_token_hash TEXT,
    csrf TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL
  );`,
  // 5: every response is a case: its status, assignee, notes and the flags
  // it raised on arrival (computed here for the rows already stored), and
  // the office's audit log of contact views and erasures.
  (db: Database.Database) => {
    db.exec(`ALTER TABLE feedback ADD COLUMN status TEXT NOT NULL DEFAULT 'new'
        CHECK (status IN ('new', 'in-progress', 'action-taken', 'closed'));
      ALTER TABLE feedback ADD COLUMN assignee TEXT;
      ALTER TABLE feedback ADD COLUMN flags INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE feedback ADD COLUMN closed_at TEXT;
      ALTER TABLE feedback ADD COLUMN contact_erased_at TEXT;
      CREATE TABLE notes (id INTEGER PRIMARY KEY, seq INTEGER NOT NULL REFERENCES feedback (seq),
        author TEXT NOT NULL, at TEXT NOT NULL, text TEXT NOT NULL);
      CREATE INDEX notes_seq ON notes (seq);
      -- The retention sweep's question; open cases never enter this index.
      CREATE INDEX feedback_closed ON feedback (closed_at) WHERE status = 'closed' AND contact_erased_at IS NULL;
      CREATE TABLE audit (id INTEGER PRIMARY KEY, at TEXT NOT NULL, who TEXT NOT NULL, account_id INTEGER,
        action TEXT NOT NULL, reference TEXT NOT NULL);`);
    // In batches: a connection cannot write while it iterates, and a
    // million rows at once would not fit in memory comfortably.
    const update = db.prepare('UPDATE feedback SET flags = ? WHERE seq = ?');
    const batch = db.prepare('SELECT seq, payload FROM feedback WHERE seq > ? ORDER BY seq LIMIT 10000');
    for (let after = 0, rows; (rows = batch.all(after) as { seq: number; payload: string }[]).length; after = rows.at(-1)!.seq) {
      for (const row of rows) update.run(feedbackFlags(JSON.parse(row.payload)), row.seq);
    }
  },
  // 6: the reports' roll-up: per question set, day (in India's time) and
  // station, how many responses, and how many gave each value to each
  // rating and choice question, as one small JSON array per row. A summary
  // over 90 days reads some thousands of these rows, never the responses'
  // JSON. It is filled after the fact from `rollup_state.seq` on, so a POST
  // pays nothing for it.
  `CREATE TABLE daily_counts (
    question_set TEXT NOT NULL,
    day INTEGER NOT NULL,
    station TEXT NOT NULL,
    district TEXT NOT NULL DEFAULT '',
    counts TEXT NOT NULL,
    PRIMARY KEY (question_set, day, station, district)
  ) WITHOUT ROWID;
  CREATE TABLE rollup_state (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL);
  INSERT INTO rollup_state (id, seq) VALUES (1, 0);`,
  // 7: the migrations applied, and when: an operator (or a second
  // collector) sees what ran. The same step exists for PostgreSQL.
  `CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL);`,
  // 8: the deployment's own secrets (the key that signs the hosted page's
  // forms), kept with the data so that every instance on it shares them.
  `CREATE TABLE secrets (name TEXT PRIMARY KEY, value BLOB NOT NULL);`,
];

/** The schema version this code writes; a database at a newer one is refused (see `migrate`). */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** The refusal for a database made by a newer collector. */
export const newerSchema = (at: number, db: string) => new Error(`${db} is at schema version ${at}, newer than this collector's `
  + `(${SCHEMA_VERSION}): a newer collector has used it; run that version, or restore a backup made before the upgrade`);

/**
 * One row of the roll-up: for a question set, day and station, the counts
 * of responses and of each answer value, in the set's own order (see
 * `countKeys` in reports.ts; a set's version never changes its questions,
 * so the order is fixed).
 */
export interface DayCounts {
  questionSet: string;
  day: number;
  station: string;
  district: string;
  counts: number[];
}

/** A console session as stored (by the hash of its cookie value). */
export interface Session {
  accountId: number | null;
  /** For a session opened with the admin token: that token's hash (a new token ends it). */
  adminTokenHash: string | null;
  csrf: string;
  lastSeenAt: string;
}

/** An office account as stored (never its token). */
export interface Account {
  id: number;
  name: string;
  role: Role;
  /** The districts it covers; empty for `range`, and for a `viewer` of the whole range. */
  districts: string[];
  createdAt: string;
  revokedAt?: string;
}

export type AccountRow = { id: number; name: string; role: Role; districts: string; created_at: string; revoked_at: string | null };
export const toAccount = (r: AccountRow): Account => ({
  id: r.id, name: r.name, role: r.role, districts: JSON.parse(r.districts), createdAt: r.created_at,
  ...(r.revoked_at ? { revokedAt: r.revoked_at } : {}),
});

/** Rows of `seq` read by one export query; a few milliseconds' work. */
export const SCAN_WINDOW = 5000;

/** How many times a colliding reference is drawn again before giving up. */
export const REFERENCE_TRIES = 8;

/** A write waiting for the next group commit. */
export interface Pending {
  work: (tx: Store) => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Runs a batch of writes in one transaction, each in its own savepoint (a
 * conflict or a bad row undoes and rejects only its own write), then
 * settles each once the transaction is committed. Rejects, settling
 * nothing, when the commit itself fails. `first` and `last` run inside
 * the transaction before and after the writes (PostgreSQL's lock and NOTIFY).
 * `isolate: false` leaves out the savepoints (see PostgresStore's flush).
 */
export async function settleBatch(store: Store, batch: Pending[], hooks: { first?: (tx: Store) => Promise<void>; last?: (tx: Store) => Promise<void> } = {},
  isolate = true) {
  const results: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
  await store.transaction(async (tx) => {
    results.length = 0;
    await hooks.first?.(tx);
    for (const { work } of batch) {
      // Without isolation, a write that throws undoes the whole batch and
      // settles nothing: the caller then runs it again, isolated.
      if (!isolate) {
        results.push({ ok: true, value: await work(tx) });
        continue;
      }
      try {
        results.push({ ok: true, value: await tx.transaction(work) });
      } catch (error) {
        results.push({ ok: false, error });
      }
    }
    await hooks.last?.(tx);
  });
  batch.forEach(({ resolve, reject }, i) => {
    const r = results[i];
    if (r.ok) resolve(r.value);
    else reject(r.error);
  });
  return results;
}

/**
 * What the routes, reports, commands and the demo ask of storage. Two
 * engines implement it: SQLite (`SqliteStore`, embedded, the default) and
 * PostgreSQL (`PostgresStore`, for several collectors on one database).
 * Every method is async, so a route is written once for both; on SQLite
 * the work is done before the promise is returned.
 *
 * Writes go through `write` (group commit: the promise settles after the
 * commit holding the write) or `transaction` (at once, on its own). Both
 * hand their work a `tx`, the store bound to that transaction: call the
 * store's methods on `tx` inside, and await nothing else there.
 */
export interface Store {
  /** `sqlite` or `postgres`. */
  readonly kind: 'sqlite' | 'postgres';
  /** Whether the store is still open (a stop closes it). */
  readonly open: boolean;
  /**
   * Inserts a response once per key, filed under `district`; call it
   * inside `write` or `transaction`. The same key with the same body is a
   * replay (the client missed our 201) and gets the stored reference; with
   * another body it is a conflict.
   */
  insert(payload: FeedbackPayload, district?: string, now?: Date): Promise<InsertResult>;
  /**
   * A random secret of this deployment by name, made on first use and kept
   * in the database, so that every instance on it has the same one.
   */
  secret(name: string): Promise<Buffer>;
  /** Runs `work` in one transaction: all of it is committed, or none of it. Nested, a savepoint. */
  transaction<T>(work: (tx: Store) => Promise<T> | T): Promise<T>;
  /**
   * Group commit: runs `work` in the next shared transaction and resolves
   * once that transaction is committed (fsynced; on PostgreSQL with
   * `synchronous_commit = on`), so an answer sent after it is durable.
   * Writes that arrive while one commit is under way wait for the next,
   * and go to disk together. Each runs in its own savepoint, so one that
   * throws (a conflict, a bad row) is undone and rejected alone.
   */
  write<T>(work: (tx: Store) => Promise<T> | T): Promise<T>;
  /**
   * Calls `onWrite` after writes commit, where the store can tell (this
   * process's writes on SQLite; any collector's on PostgreSQL, through
   * LISTEN/NOTIFY). Returns a function that stops it.
   */
  watch(onWrite: () => void): () => void;
  /** Called after each group commit with its number of writes and its time in seconds (for /metrics). */
  onCommit?: (writes: number, seconds: number) => void;
  /** Whether no response is stored at all. */
  isEmpty(): Promise<boolean>;
  /** Whether any response's key (its payload `id`) begins with `prefix`. */
  hasKeyPrefix(prefix: string): Promise<boolean>;
  /** The stored row for this payload's key, as `insert` would answer it; `undefined` when the key is new. */
  existing(payload: FeedbackPayload): Promise<InsertResult | undefined>;
  /** Up to `limit` rows matching `filter`, in arrival order (newest first with `before`). */
  page(filter: RowFilter, limit: number): Promise<StoredRow[]>;
  /** One case by its reference, within `scope`; `undefined` when there is none or it is another district's. */
  caseByReference(reference: string, scope?: string[]): Promise<CaseRecord | undefined>;
  /** Sets a case's status and assignee; closing stamps the time (retention counts from it). */
  updateCase(seq: number, change: { status?: CaseStatus; assignee?: string | null }, now?: Date): Promise<void>;
  /** Appends a note; notes are never changed or removed. */
  addNote(seq: number, author: string, text: string, now?: Date): Promise<void>;
  /** Erases a case's name and mobile number, with its audit entry, in one transaction; false when none was left. */
  eraseContact(seq: number, entry: AuditEntry, now?: Date, checkpoint?: boolean): Promise<boolean>;
  /** Closed cases, closed before `closedBefore`, that still hold a contact. */
  contactsDue(closedBefore: Date): Promise<{ seq: number; reference: string }[]>;
  /** Leaves no erased contact in a log the engine would otherwise keep (SQLite's WAL); a no-op where there is none. */
  checkpoint(): Promise<void>;
  /** Appends several entries to the audit log, in one transaction. */
  auditMany(entries: AuditEntry[], now?: Date): Promise<void>;
  /** Appends to the audit log. */
  audit(entry: AuditEntry, now?: Date): Promise<void>;
  /** The audit log, newest first, `limit` entries before the entry `before`. */
  auditLog(limit: number, before?: number): Promise<(AuditEntry & { id: number; at: string })[]>;
  /** The rows not yet rolled up, oldest first, and the seq to record once they are. */
  rollupBacklog(limit: number): Promise<{ rows: StoredRow[]; through: number }>;
  /** Adds counts to the roll-up and moves its mark from `from` to `through`, only if it is still `from`. */
  addCounts(days: DayCounts[], from: number, through: number): Promise<boolean>;
  /** The roll-up's mark: rows up to this seq are counted. */
  rolledUpThrough(): Promise<number>;
  /** The roll-up's rows of one question set for days [fromDay, toDay), within a scope and filters. */
  dayCounts(q: { questionSet: string; fromDay: number; toDay: number; scope?: string[]; district?: string; station?: string }): Promise<DayCounts[]>;
  /** Adds an account that signs in with the token whose hash is given. */
  addAccount(account: { name: string; role: Role; districts: string[] }, tokenHash: string, now?: Date): Promise<Account>;
  account(id: number): Promise<Account | undefined>;
  accounts(): Promise<Account[]>;
  /** The live (not revoked) account whose token has this hash. */
  accountByTokenHash(tokenHash: string): Promise<Account | undefined>;
  /** Revokes an account; false when there is none with this id, or it was revoked already. */
  revokeAccount(id: number, now?: Date): Promise<boolean>;
  /** Gives a live account a new token hash and ends its sessions, in one transaction; false when there is no live account. */
  rotateAccountToken(id: number, tokenHash: string): Promise<boolean>;
  openSession(idHash: string, accountId: number | null, adminTokenHash: string | null, csrf: string, now: Date): Promise<void>;
  session(idHash: string): Promise<Session | undefined>;
  touchSession(idHash: string, now: Date): Promise<void>;
  /** Ends a session, and any that were idle since `idleBefore`. */
  closeSession(idHash: string, idleBefore?: Date): Promise<void>;
  /** Whether the database answers and takes a durable write; throws when it cannot. */
  checkWritable(now?: Date): Promise<void>;
  /** How many responses are stored. */
  count(): Promise<number>;
  /** The schema version the database is at. */
  schemaVersion(): Promise<number>;
  /**
   * Applies the migrations the database lacks, up to `target` (all by
   * default; a test stops early to make an old database), and gives the
   * versions before and after. A start does it too, unless told not to.
   */
  migrate(target?: number): Promise<{ from: number; to: number }>;
  close(): Promise<void>;
}

/** The name the routes have always used for the store. */
export type FeedbackStore = Store;

export class SqliteStore implements Store {
  readonly kind = 'sqlite';
  private db: Database.Database;
  /** Prepared statements by their SQL (see `prepared`). */
  private statements = new Map<string, Database.Statement>();

  /**
   * Opens (creating it if need be) the database in `file` and brings its
   * schema up to date; refuses one newer than this code. `makeReference`
   * is for tests that need a collision; the collector uses `newReference`.
   */
  constructor(file: string, private makeReference: () => string = newReference, options: { migrate?: boolean } = {}) {
    // Names and mobile numbers live here: the files are the owner's alone.
    if (file !== ':memory:') preparePrivateDatabase(file);
    this.db = new Database(file);
    try {
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = FULL');
      // An erased name or mobile number is overwritten on disk, not just
      // unlinked from the table.
      this.db.pragma('secure_delete = ON');
      const at = this.db.pragma('user_version', { simple: true }) as number;
      if (at > SCHEMA_VERSION) throw newerSchema(at, file);
      if (options.migrate !== false) this.migrateNow();
    } catch (err) {
      this.db.close();
      throw err;
    }
  }

  /**
   * Applies the migrations this database lacks, each in its own
   * transaction, up to `target` (all of them by default; a test stops at
   * an older version to make an old database). Returns the versions
   * before and after.
   */
  async migrate(target = SCHEMA_VERSION): Promise<{ from: number; to: number }> {
    return this.migrateNow(target);
  }

  private migrateNow(target = SCHEMA_VERSION): { from: number; to: number } {
    const from = this.db.pragma('user_version', { simple: true }) as number;
    for (let v = from; v < target; v++) {
      this.db.transaction(() => {
        const step = MIGRATIONS[v];
        if (typeof step === 'string') this.db.exec(step);
        else step(this.db);
        this.db.pragma(`user_version = ${v + 1}`);
        if (v + 1 >= 7) this.db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(v + 1, new Date().toISOString());
      })();
    }
    return { from, to: Math.max(from, target) };
  }

  async schemaVersion(): Promise<number> {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  /**
   * Inserts a response once per key, filed under `district` (the
   * directory's, where the collector has one). The same key with the same body is a
   * replay (the client missed our 201) and gets the stored reference; with
   * another body it is a conflict.
   */
  async insert(payload: FeedbackPayload, district = payload.district, now = new Date()): Promise<InsertResult> {
    const hash = bodyHash(payload);
    for (let attempt = 1; ; attempt++) {
      const reference = this.makeReference();
      try {
        const info = this.prepared(`INSERT INTO feedback
          (idempotency_key, body_hash, reference, received_at, station, district, question_set, flags, payload)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING`).run(payload.id, hash, reference, now.toISOString(), payload.station,
          district ?? null, payload.questionSet ?? DEFAULT_SET_REF, feedbackFlags(payload), JSON.stringify(payload));
        if (info.changes === 1) return { kind: 'created', reference, seq: Number(info.lastInsertRowid) };
        break;
      } catch (err) {
        // Only the reference index can fail here (the key conflict is DO
        // NOTHING): draw another.
        const code = (err as { code?: string }).code;
        if (code !== 'SQLITE_CONSTRAINT_UNIQUE' || attempt >= REFERENCE_TRIES) throw err;
      }
    }
    return (await this.existing(payload))!;
  }

  async transaction<T>(work: (tx: Store) => Promise<T> | T): Promise<T> {
    // better-sqlite3 is synchronous, so the work's awaits on this store
    // settle as microtasks: no other request's callback runs in between,
    // and nothing else lands in this transaction. A nested call (a write's
    // work, or a method that needs its own transaction) is a savepoint.
    const nested = this.db.inTransaction;
    const name = `s${++this.savepoints}`;
    this.db.exec(nested ? `SAVEPOINT ${name}` : 'BEGIN IMMEDIATE');
    try {
      const value = await work(this);
      this.db.exec(nested ? `RELEASE ${name}` : 'COMMIT');
      return value;
    } catch (error) {
      if (this.db.inTransaction) this.db.exec(nested ? `ROLLBACK TO ${name}; RELEASE ${name}` : 'ROLLBACK');
      throw error;
    }
  }

  private savepoints = 0;

  write<T>(work: (tx: Store) => Promise<T> | T): Promise<T> {
    return new Promise((resolve, reject) => {
      this.pending.push({ work, resolve: resolve as (value: unknown) => void, reject });
      // The first write of a batch schedules its commit after the I/O that
      // is ready now: every request already read joins it.
      if (this.pending.length === 1) setImmediate(() => void this.commitPending());
    });
  }

  private pending: Pending[] = [];

  onCommit?: (writes: number, seconds: number) => void;

  private async commitPending() {
    const batch = this.pending;
    this.pending = [];
    const started = performance.now();
    const results = await settleBatch(this, batch).catch((error: unknown) => {
      // The commit itself failed (a full disk, a closed database): nothing
      // of the batch is stored, and every request hears so.
      for (const { reject } of batch) reject(error);
    });
    if (!results) return;
    this.onCommit?.(batch.length, (performance.now() - started) / 1000);
    for (const w of this.watchers) w();
  }

  private watchers = new Set<() => void>();

  watch(onWrite: () => void): () => void {
    this.watchers.add(onWrite);
    return () => this.watchers.delete(onWrite);
  }

  /** Whether no response is stored at all. */
  async isEmpty(): Promise<boolean> {
    return this.prepared('SELECT 1 FROM feedback LIMIT 1').get() === undefined;
  }

  async secret(name: string): Promise<Buffer> {
    this.prepared('INSERT OR IGNORE INTO secrets (name, value) VALUES (?, ?)').run(name, randomBytes(32));
    return (this.prepared('SELECT value FROM secrets WHERE name = ?').get(name) as { value: Buffer }).value;
  }

  /**
   * Whether any response's key (its payload `id`) begins with `prefix`. A
   * range on the key's unique index, so it reads one entry, not the table.
   */
  async hasKeyPrefix(prefix: string): Promise<boolean> {
    const next = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
    return this.prepared('SELECT 1 FROM feedback WHERE idempotency_key >= ? AND idempotency_key < ? LIMIT 1').get(prefix, next) !== undefined;
  }

  /**
   * The stored row for this payload's key, as `insert` would answer it: a
   * replay (same body) with its reference, or a conflict. `undefined` when
   * the key is new.
   */
  async existing(payload: FeedbackPayload): Promise<InsertResult | undefined> {
    const row = this.prepared('SELECT body_hash, reference FROM feedback WHERE idempotency_key = ?').get(payload.id) as { body_hash: string; reference: string } | undefined;
    if (!row) return undefined;
    // After an erasure the body can no longer be compared: the same key is
    // then always the citizen's own retry, answered as a replay.
    return row.body_hash === ERASED_HASH || row.body_hash === bodyHash(payload) ? { kind: 'replay', reference: row.reference } : { kind: 'conflict' };
  }

  /**
   * Up to `limit` rows matching `filter`, in arrival order; callers page
   * with `filter.after` set to the last row's `seq`.
   *
   * Rows are read in windows of `seq`, a primary-key range, and the event
   * loop is free between windows. However rare the filter (a station with
   * three rows in a million, a date range that matches nothing), no single
   * query scans more than one window, so citizens' POSTs never wait on an
   * export. The filters themselves need no index.
   */
  async page(filter: RowFilter, limit: number): Promise<StoredRow[]> {
    const descending = filter.before !== undefined;
    const where = descending ? ['seq < @from', 'seq >= @to'] : ['seq > @from', 'seq <= @to'];
    // The unary + keeps SQLite from choosing another index over the seq range.
    if (filter.since) where.push('+received_at >= @since');
    if (filter.until) where.push('+received_at < @until');
    if (filter.district) where.push('district = @district');
    if (filter.station) where.push('station = @station');
    if (filter.questionSet) where.push('question_set = @questionSet');
    if (filter.status) where.push('status = @status');
    if (filter.flagsAll) where.push('flags & @flagsAll = @flagsAll');
    if (filter.flagsNone) where.push('flags & @flagsNone = 0');
    // An empty scope matches nothing; the district list is bound as JSON, so
    // the SQL is the same whatever the districts.
    if (filter.scope) where.push('district IN (SELECT value FROM json_each(@scope))');
    const sql = `SELECT ${ROW_COLUMNS} FROM feedback WHERE ${where.join(' AND ')} ORDER BY seq ${descending ? 'DESC' : ''} LIMIT @limit`;
    const statement = this.prepared(sql);
    const { after: _after, before: _before, ...given } = filter;
    const params = bindable(given);
    const last = (this.prepared('SELECT max(seq) AS last FROM feedback').get() as { last: number | null }).last ?? 0;
    const rows: StoredRow[] = [];
    // Windows of seq, ascending from `after` or descending from `before`.
    let from = descending ? Math.min(filter.before!, last + 1) : filter.after ?? 0;
    for (let first = true; rows.length < limit && (descending ? from > 1 : from < last); first = false) {
      if (!first) await yieldToEventLoop();
      const to = descending ? from - SCAN_WINDOW : from + SCAN_WINDOW;
      const found = statement.all({ ...params, from, to, limit: limit - rows.length }) as RowRecord[];
      rows.push(...found.map(toRow));
      from = to;
    }
    return rows;
  }

  /**
   * One case by its reference, within `scope` (as for `page`): `undefined`
   * when there is none, or it is another district's, so that a guessed
   * reference tells nothing.
   */
  async caseByReference(reference: string, scope?: string[]): Promise<CaseRecord | undefined> {
    // The unique index holds this collector's references (AN-…) only, and
    // SQLite uses a partial index only when the query repeats its condition:
    // an AN- reference is found through it; an earlier collector's, by a scan.
    const ours = reference.startsWith('AN-') ? `AND reference LIKE 'AN-%'` : '';
    const row = this.prepared(`SELECT ${ROW_COLUMNS}, station, assignee, closed_at, contact_erased_at FROM feedback
      WHERE reference = @reference ${ours} AND (@scope IS NULL OR district IN (SELECT value FROM json_each(@scope)))`)
      .get({ reference, scope: scope ? JSON.stringify(scope) : null }) as
      (RowRecord & { station: string; assignee: string | null; closed_at: string | null; contact_erased_at: string | null }) | undefined;
    if (!row) return undefined;
    const notes = (this.prepared('SELECT author, at, text FROM notes WHERE seq = ? ORDER BY id').all(row.seq) as Note[]);
    return {
      ...toRow(row), station: row.station, assignee: row.assignee ?? undefined,
      closedAt: row.closed_at ?? undefined, contactErasedAt: row.contact_erased_at ?? undefined, notes,
    };
  }

  /** Sets a case's status and assignee; closing stamps the time (retention counts from it). */
  async updateCase(seq: number, change: { status?: CaseStatus; assignee?: string | null }, now = new Date()) {
    const current = this.prepared('SELECT status, assignee FROM feedback WHERE seq = ?').get(seq) as { status: CaseStatus; assignee: string | null };
    const status = change.status ?? current.status;
    this.prepared(`UPDATE feedback SET status = ?, assignee = ?,
      closed_at = CASE WHEN ? = 'closed' THEN coalesce(closed_at, ?) ELSE NULL END WHERE seq = ?`)
      .run(status, change.assignee === undefined ? current.assignee : change.assignee, status, now.toISOString(), seq);
  }

  /** Appends a note; notes are never changed or removed. */
  async addNote(seq: number, author: string, text: string, now = new Date()) {
    this.prepared('INSERT INTO notes (seq, author, at, text) VALUES (?, ?, ?, ?)').run(seq, author, now.toISOString(), text);
  }

  /**
   * Removes a case's name and mobile number for good (the answers stay),
   * and writes the erasure to the audit log in the same transaction.
   * Returns false when there was no contact left to erase.
   */
  async eraseContact(seq: number, entry: AuditEntry, now = new Date(), checkpoint = true): Promise<boolean> {
    const erased = this.db.transaction(() => {
      const row = this.prepared('SELECT payload, assignee FROM feedback WHERE seq = ? AND contact_erased_at IS NULL').get(seq) as { payload: string; assignee: string | null } | undefined;
      const payload = row && JSON.parse(row.payload) as FeedbackPayload;
      if (!payload?.contact) return false;
      const { contact: _erased, ...rest } = payload;
      // The body's hash covered the name and number, and would let anyone
      // holding the rest of the row confirm a guessed mobile: it goes too.
      // The name and number go from the assignee and the notes too.
      const assignee = row!.assignee === null ? null : redactContact(row!.assignee, payload.contact);
      this.prepared('UPDATE feedback SET payload = ?, body_hash = ?, contact_erased_at = ?, assignee = ? WHERE seq = ?')
        .run(JSON.stringify(rest), ERASED_HASH, now.toISOString(), assignee, seq);
      for (const note of this.prepared('SELECT id, text FROM notes WHERE seq = ?').all(seq) as { id: number; text: string }[]) {
        const text = redactContact(note.text, payload.contact);
        if (text !== note.text) this.prepared('UPDATE notes SET text = ? WHERE id = ?').run(text, note.id);
      }
      this.auditNow(entry, now);
      return true;
    })();
    // The old page, name and number included, would otherwise wait in the
    // write-ahead log until a later checkpoint reused it.
    if (erased && checkpoint) this.checkpoint();
    return erased;
  }

  /**
   * Cases closed before `closedBefore` that still hold a contact: what the
   * retention period says must now be erased.
   */
  async contactsDue(closedBefore: Date): Promise<{ seq: number; reference: string }[]> {
    return this.prepared(`SELECT seq, reference FROM feedback WHERE status = 'closed' AND closed_at < ?
      AND contact_erased_at IS NULL AND json_extract(payload, '$.contact') IS NOT NULL ORDER BY seq`).all(closedBefore.toISOString()) as
      { seq: number; reference: string }[];
  }

  /** Writes the WAL back into the database and empties it, so that no erased page stays in it. */
  async checkpoint() {
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  /** Appends several entries to the audit log, in one transaction. */
  async auditMany(entries: AuditEntry[], now = new Date()) {
    if (entries.length) this.db.transaction(() => entries.forEach((e) => this.auditNow(e, now)))();
  }

  async audit(entry: AuditEntry, now = new Date()) {
    this.auditNow(entry, now);
  }

  private auditNow(entry: AuditEntry, now: Date) {
    this.prepared('INSERT INTO audit (at, who, account_id, action, reference) VALUES (?, ?, ?, ?, ?)')
      .run(now.toISOString(), entry.who, entry.accountId ?? null, entry.action, entry.reference);
  }

  /** The audit log, newest first, `limit` entries before the entry `before`. */
  async auditLog(limit: number, before?: number): Promise<(AuditEntry & { id: number; at: string })[]> {
    return (this.prepared(`SELECT id, at, who, account_id, action, reference FROM audit WHERE id < ? ORDER BY id DESC LIMIT ?`)
      .all(before ?? Number.MAX_SAFE_INTEGER, limit) as { id: number; at: string; who: string; account_id: number | null; action: AuditAction; reference: string }[])
      .map((r) => ({ id: r.id, at: r.at, who: r.who, ...(r.account_id === null ? {} : { accountId: r.account_id }), action: r.action, reference: r.reference }));
  }

  /** The rows not yet rolled up, oldest first, and the seq to record once they are. */
  async rollupBacklog(limit: number): Promise<{ rows: StoredRow[]; through: number }> {
    const after = (this.prepared('SELECT seq FROM rollup_state WHERE id = 1').get() as { seq: number }).seq;
    const rows = (this.prepared(`SELECT ${ROW_COLUMNS} FROM feedback WHERE seq > ? ORDER BY seq LIMIT ?`).all(after, limit) as RowRecord[]).map(toRow);
    return { rows, through: rows.at(-1)?.seq ?? after };
  }

  /**
   * Adds counts to the roll-up and moves its mark to `through`, in one
   * transaction, and only if the mark is still `from`: two collectors on
   * one database never count a row twice.
   */
  async addCounts(days: DayCounts[], from: number, through: number): Promise<boolean> {
    return this.db.transaction(() => {
      const moved = this.prepared('UPDATE rollup_state SET seq = ? WHERE id = 1 AND seq = ?').run(through, from).changes === 1;
      if (!moved) return false;
      // A station's rows under two districts (a station moved, or a client
      // without a directory named another) stay apart: each district's
      // summary counts only what was filed under it.
      const read = this.prepared('SELECT counts FROM daily_counts WHERE question_set = ? AND day = ? AND station = ? AND district = ?');
      const write = this.prepared(`INSERT INTO daily_counts (question_set, day, station, district, counts) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (question_set, day, station, district) DO UPDATE SET counts = excluded.counts`);
      for (const d of days) {
        const stored = read.get(d.questionSet, d.day, d.station, d.district) as { counts: string } | undefined;
        const counts: number[] = stored ? JSON.parse(stored.counts) : [];
        d.counts.forEach((n, i) => (counts[i] = (counts[i] ?? 0) + n));
        write.run(d.questionSet, d.day, d.station, d.district, JSON.stringify(counts));
      }
      return true;
    })();
  }

  /** The roll-up's mark: rows up to this seq are counted. */
  async rolledUpThrough(): Promise<number> {
    return (this.prepared('SELECT seq FROM rollup_state WHERE id = 1').get() as { seq: number }).seq;
  }

  /** The roll-up's rows of one question set for days [fromDay, toDay), within a scope and filters. */
  async dayCounts(q: { questionSet: string; fromDay: number; toDay: number; scope?: string[]; district?: string; station?: string }): Promise<DayCounts[]> {
    const where = ['question_set = @questionSet', 'day >= @fromDay', 'day < @toDay'];
    if (q.scope) where.push('district IN (SELECT value FROM json_each(@scope))');
    if (q.district) where.push('district = @district');
    if (q.station) where.push('station = @station');
    const sql = `SELECT day, station, district, counts FROM daily_counts WHERE ${where.join(' AND ')}`;
    return (this.prepared(sql).all(bindable(q)) as { day: number; station: string; district: string; counts: string }[])
      .map((r) => ({ questionSet: q.questionSet, day: r.day, station: r.station, district: r.district, counts: JSON.parse(r.counts) }));
  }

  /** Adds an account that signs in with the token whose hash is given. */
  async addAccount(account: { name: string; role: Role; districts: string[] }, tokenHash: string, now = new Date()): Promise<Account> {
    const info = this.prepared('INSERT INTO accounts (name, role, districts, token_hash, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(account.name, account.role, JSON.stringify(account.districts), tokenHash, now.toISOString());
    return (await this.account(Number(info.lastInsertRowid)))!;
  }

  async account(id: number): Promise<Account | undefined> {
    const row = this.prepared('SELECT * FROM accounts WHERE id = ?').get(id) as AccountRow | undefined;
    return row && toAccount(row);
  }

  async accounts(): Promise<Account[]> {
    return (this.prepared('SELECT * FROM accounts ORDER BY id').all() as AccountRow[]).map(toAccount);
  }

  /** The live (not revoked) account whose token has this hash. */
  async accountByTokenHash(tokenHash: string): Promise<Account | undefined> {
    const row = this.prepared('SELECT * FROM accounts WHERE token_hash = ? AND revoked_at IS NULL').get(tokenHash) as AccountRow | undefined;
    return row && toAccount(row);
  }

  /** Revokes an account; false when there is none with this id, or it was revoked already. */
  async revokeAccount(id: number, now = new Date()): Promise<boolean> {
    return this.prepared('UPDATE accounts SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(now.toISOString(), id).changes === 1;
  }

  /**
   * Gives a live account a new sign-in token (by its hash) and ends its
   * sessions, in one transaction: whoever held the old token is out.
   * False when there is no live account with this id.
   */
  async rotateAccountToken(id: number, tokenHash: string): Promise<boolean> {
    return this.db.transaction(() => {
      if (this.prepared('UPDATE accounts SET token_hash = ? WHERE id = ? AND revoked_at IS NULL').run(tokenHash, id).changes !== 1) return false;
      this.prepared('DELETE FROM sessions WHERE account_id = ?').run(id);
      return true;
    })();
  }

  async openSession(idHash: string, accountId: number | null, adminTokenHash: string | null, csrf: string, now: Date) {
    this.prepared('INSERT INTO sessions (id_hash, account_id, admin_token_hash, csrf, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(idHash, accountId, adminTokenHash, csrf, now.toISOString(), now.toISOString());
  }

  async session(idHash: string): Promise<Session | undefined> {
    const row = this.prepared('SELECT account_id, admin_token_hash, csrf, last_seen_at FROM sessions WHERE id_hash = ?').get(idHash) as
      { account_id: number | null; admin_token_hash: string | null; csrf: string; last_seen_at: string } | undefined;
    return row && { accountId: row.account_id, adminTokenHash: row.admin_token_hash, csrf: row.csrf, lastSeenAt: row.last_seen_at };
  }

  async touchSession(idHash: string, now: Date) {
    this.prepared('UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?').run(now.toISOString(), idHash);
  }

  /** Ends a session, and any that were idle since `idleBefore`. */
  async closeSession(idHash: string, idleBefore?: Date) {
    this.prepared('DELETE FROM sessions WHERE id_hash = ? OR last_seen_at < ?').run(idHash, idleBefore?.toISOString() ?? '');
  }

  /** A statement prepared once per SQL text, rather than on every call: sessions, tokens and exports ask on every request. */
  private prepared(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }

  get open(): boolean {
    return this.db.open;
  }

  /**
   * Whether the database answers and takes a durable write: one row is
   * rewritten and committed, as a response would be. Throws when it cannot.
   */
  async checkWritable(now = new Date()) {
    this.prepared('INSERT INTO health (id, checked_at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at')
      .run(now.toISOString());
  }

  async count(): Promise<number> {
    return (this.prepared('SELECT count(*) AS n FROM feedback').get() as { n: number }).n;
  }

  async close() {
    this.db.close();
  }
}

/** Whether `db` names a PostgreSQL database (`postgres://…`) rather than a SQLite file. */
export const isPostgres = (db: string) => /^postgres(ql)?:\/\//i.test(db);

/**
 * Opens the store `db` names: a PostgreSQL URL, or else a SQLite file (the
 * embedded default, which needs no database server). The schema is brought
 * up to date unless `migrate` is false; a newer one is refused.
 * `makeReference` is for tests that need a colliding reference.
 */
export async function openStore(db: string, options: { migrate?: boolean; makeReference?: () => string } = {}): Promise<Store> {
  if (!isPostgres(db)) return new SqliteStore(db, options.makeReference, options);
  // Loaded only when asked for: a SQLite collector never loads the client.
  const { PostgresStore } = await import('./postgres.js');
  return PostgresStore.open(db, options, options.makeReference);
}
