import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';

type Db = Database.Database;

/** A split-view alarm: two signed checkpoints of one origin that are not consistent. */
export interface AlarmInput {
  readonly origin: string;
  /** How it was seen: `same-size-different-root`, `inconsistent-proof`, … */
  readonly kind: string;
  /** Both signed checkpoint notes verbatim, and the consistency proof if there was one. */
  readonly evidence: { readonly first: string; readonly second: string; readonly proof?: readonly string[] };
}

export interface Alarm extends AlarmInput {
  readonly id: number;
  /** When it was first raised, ISO 8601. */
  readonly detectedAt: string;
}

/** The alarm table, DDL appended to the store's schema. */
export const ALARM_SCHEMA = `
-- Split-view alarms (DESIGN.md §8): evidence that a log showed two inconsistent checkpoints.
-- fingerprint: SHA-256 of the two notes, so the same evidence seen every round is stored once.
CREATE TABLE IF NOT EXISTS federation_alarms (
  id          INTEGER PRIMARY KEY,
  origin      TEXT NOT NULL,
  detected_at TEXT NOT NULL,
  kind        TEXT NOT NULL,
  evidence    TEXT NOT NULL,
  fingerprint TEXT NOT NULL UNIQUE
) STRICT;
`;

interface AlarmRow {
  id: number;
  origin: string;
  detected_at: string;
  kind: string;
  evidence: string;
}

/** Persisted split-view alarms. Alarms are never deleted by the node: they are evidence. */
export class AlarmStore {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  /** Record an alarm unless the same pair of checkpoints was recorded before; true if it is new. */
  raise(alarm: AlarmInput, now: Date = new Date()): boolean {
    const { first, second } = alarm.evidence;
    // Order-free: the same two notes seen the other way round are the same evidence.
    const fingerprint = createHash('sha256').update([first, second].sort().join('\0')).digest('hex');
    const result = this.#db
      .prepare(
        `INSERT OR IGNORE INTO federation_alarms (origin, detected_at, kind, evidence, fingerprint)
         VALUES (?, ?, ?, ?, ?)`,
      )
      .run(alarm.origin, now.toISOString(), alarm.kind, JSON.stringify(alarm.evidence), fingerprint);
    return result.changes === 1;
  }

  /** Every alarm, oldest first. */
  list(): Alarm[] {
    const rows = this.#db
      .prepare('SELECT id, origin, detected_at, kind, evidence FROM federation_alarms ORDER BY id')
      .all() as AlarmRow[];
    return rows.map((r) => ({
      id: r.id,
      origin: r.origin,
      detectedAt: r.detected_at,
      kind: r.kind,
      evidence: JSON.parse(r.evidence) as Alarm['evidence'],
    }));
  }

  /** The origins with at least one alarm. */
  origins(): Set<string> {
    const rows = this.#db.prepare('SELECT DISTINCT origin FROM federation_alarms').all() as {
      origin: string;
    }[];
    return new Set(rows.map((r) => r.origin));
  }
}
