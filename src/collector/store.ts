/**
 * SQLite storage. WAL with synchronous=FULL: a 201 is sent only after
 * better-sqlite3's synchronous insert has committed and been fsynced, so a
 * crash right after the 201 loses nothing.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { FeedbackPayload } from '../core/schema.js';
import { shortReference } from '../core/send.js';

export interface StoredRow {
  seq: number;
  receivedAt: string;
  reference: string;
  payload: FeedbackPayload;
}

export type InsertResult =
  | { kind: 'created'; reference: string }
  | { kind: 'replay'; reference: string }
  | { kind: 'conflict' };

/** A stable hash of the payload, so a replay with the same body is recognised. */
const bodyHash = (payload: FeedbackPayload) => createHash('sha256').update(JSON.stringify(payload)).digest('hex');

export class FeedbackStore {
  private db: Database.Database;
  private insertStmt: Database.Statement;
  private findStmt: Database.Statement;

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec(`CREATE TABLE IF NOT EXISTS feedback (
      seq INTEGER PRIMARY KEY,
      idempotency_key TEXT UNIQUE NOT NULL,
      body_hash TEXT NOT NULL,
      reference TEXT NOT NULL,
      received_at TEXT NOT NULL,
      station TEXT NOT NULL,
      district TEXT,
      payload TEXT NOT NULL
    )`);
    this.insertStmt = this.db.prepare(`INSERT INTO feedback
      (idempotency_key, body_hash, reference, received_at, station, district, payload)
      VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING`);
    this.findStmt = this.db.prepare('SELECT body_hash, reference FROM feedback WHERE idempotency_key = ?');
  }

  /**
   * Inserts a response once per key. The same key with the same body is a
   * replay (the client missed our 201); with another body it is a conflict.
   */
  insert(payload: FeedbackPayload, now = new Date()): InsertResult {
    const hash = bodyHash(payload);
    const reference = shortReference(payload.id);
    const info = this.insertStmt.run(payload.id, hash, reference, now.toISOString(), payload.station,
      payload.district ?? null, JSON.stringify(payload));
    if (info.changes === 1) return { kind: 'created', reference };
    const existing = this.findStmt.get(payload.id) as { body_hash: string; reference: string };
    return existing.body_hash === hash ? { kind: 'replay', reference: existing.reference } : { kind: 'conflict' };
  }

  all(): StoredRow[] {
    return (this.db.prepare('SELECT seq, received_at, reference, payload FROM feedback ORDER BY seq').all() as
      { seq: number; received_at: string; reference: string; payload: string }[])
      .map((r) => ({ seq: r.seq, receivedAt: r.received_at, reference: r.reference, payload: JSON.parse(r.payload) }));
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM feedback').get() as { n: number }).n;
  }

  close() {
    this.db.close();
  }
}
