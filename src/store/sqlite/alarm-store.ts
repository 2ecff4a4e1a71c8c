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

/** An operator's decision on an alarm: keep distrusting the origin, or trust it again. */
export interface AlarmDecision {
  readonly decision: 'distrust' | 'trust';
  readonly justification: string;
  /** ISO 8601. */
  readonly decidedAt: string;
}

export interface Alarm extends AlarmInput {
  readonly id: number;
  /** When it was first raised, ISO 8601. */
  readonly detectedAt: string;
  /** The operator's latest decision, if any; the earlier ones stay in the table. */
  readonly decision?: AlarmDecision;
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

-- Operators' decisions on alarms, never updated: the latest per alarm is in force.
CREATE TABLE IF NOT EXISTS federation_alarm_decisions (
  id            INTEGER PRIMARY KEY,
  alarm         INTEGER NOT NULL REFERENCES federation_alarms (id),
  decision      TEXT NOT NULL CHECK (decision IN ('distrust', 'trust')),
  justification TEXT NOT NULL,
  decided_at    TEXT NOT NULL
) STRICT;
`;

interface DecisionRow {
  decision: 'distrust' | 'trust' | null;
  justification: string | null;
  decided_at: string | null;
}

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

  /** Every alarm, oldest first, with the operator's latest decision on it. */
  list(): Alarm[] {
    const rows = this.#db
      .prepare(
        `SELECT a.id, a.origin, a.detected_at, a.kind, a.evidence,
                d.decision, d.justification, d.decided_at
         FROM federation_alarms a
         LEFT JOIN federation_alarm_decisions d
           ON d.id = (SELECT max(id) FROM federation_alarm_decisions WHERE alarm = a.id)
         ORDER BY a.id`,
      )
      .all() as (AlarmRow & DecisionRow)[];
    return rows.map((r) => ({
      id: r.id,
      origin: r.origin,
      detectedAt: r.detected_at,
      kind: r.kind,
      evidence: JSON.parse(r.evidence) as Alarm['evidence'],
      ...(r.decision !== null && {
        decision: {
          decision: r.decision,
          justification: r.justification ?? '',
          decidedAt: r.decided_at ?? '',
        },
      }),
    }));
  }

  /** Record an operator's decision on alarm `id`; false when there is no such alarm. */
  decide(id: number, decision: Omit<AlarmDecision, 'decidedAt'>, now: Date = new Date()): boolean {
    const exists = this.#db.prepare('SELECT 1 FROM federation_alarms WHERE id = ?').get(id);
    if (exists === undefined) return false;
    this.#db
      .prepare(
        'INSERT INTO federation_alarm_decisions (alarm, decision, justification, decided_at) VALUES (?, ?, ?, ?)',
      )
      .run(id, decision.decision, decision.justification, now.toISOString());
    return true;
  }

  /**
   * The origins not to be trusted: those with an alarm the operator has not decided to trust again
   * (undecided, or decided `distrust`). Evidence seen again after a `trust` decision is the same
   * alarm (same fingerprint), so it stays decided; new evidence raises a new, undecided alarm.
   */
  origins(): Set<string> {
    return new Set(this.list().flatMap((a) => (a.decision?.decision === 'trust' ? [] : [a.origin])));
  }
}
