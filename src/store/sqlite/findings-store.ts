import type Database from 'better-sqlite3';

type Db = Database.Database;

/** A finding as the compliance monitor hands it to the store: the JSON it serves, and what is filtered on. */
export interface FindingRecord {
  readonly id: string;
  /** Log index of the raising statement. */
  readonly index: number;
  readonly rule: string;
  readonly severity: string;
  readonly subjectKind: string;
  readonly subjectId: string;
  /** The finding as JSON (without seq: the store assigns it). */
  readonly json: string;
}

/** A stored finding: its stream position and its JSON. */
export interface FindingRow {
  readonly seq: number;
  readonly json: string;
}

/** Filters of `GET /v1/findings`; every one optional, all ANDed. */
export interface FindingQuery {
  readonly rules?: readonly string[];
  readonly severities?: readonly string[];
  /** Findings about any of these subjects (DID, facility or batch id). */
  readonly subjects?: readonly string[];
  readonly statement?: string;
  /** Only findings with seq greater than this. */
  readonly after?: number;
  readonly limit: number;
}

/** The findings tables, DDL appended to the store's schema. */
export const FINDINGS_SCHEMA = `
-- Compliance findings (DESIGN.md §7), in the order the monitor stored them: seq is the SSE event id
-- and the webhook cursor. id is a function of rule, statement and subject, so a re-evaluation upserts.
CREATE TABLE IF NOT EXISTS compliance_findings (
  seq          INTEGER PRIMARY KEY,
  id           TEXT NOT NULL UNIQUE,
  idx          INTEGER NOT NULL,
  rule         TEXT NOT NULL,
  severity     TEXT NOT NULL,
  subject_kind TEXT NOT NULL,
  subject_id   TEXT NOT NULL,
  json         TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS compliance_findings_subject ON compliance_findings (subject_id, seq);
CREATE INDEX IF NOT EXISTS compliance_findings_idx ON compliance_findings (idx);

-- How far the monitor got: every statement at or below evaluated_through was evaluated.
CREATE TABLE IF NOT EXISTS compliance_state (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
`;

/**
 * Persisted findings. Findings are never deleted: they are the audit trail. A statement's findings and
 * the monitor's progress past it are written in one transaction, so a crash never loses or repeats one.
 */
export class FindingsStore {
  readonly #db: Db;
  #record: ((findings: readonly FindingRecord[], through: number) => number[]) | undefined;

  constructor(db: Db) {
    this.#db = db;
  }

  /** Prepared on first use: a read-only store of an older directory has no findings table to prepare against. */
  #recorder(): (findings: readonly FindingRecord[], through: number) => number[] {
    if (this.#record) return this.#record;
    const db = this.#db;
    const insert = db.prepare(
      `INSERT OR IGNORE INTO compliance_findings (id, idx, rule, severity, subject_kind, subject_id, json)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    const progress = db.prepare(
      "INSERT INTO compliance_state (key, value) VALUES ('evaluated_through', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    );
    this.#record = db.transaction((findings: readonly FindingRecord[], through: number) => {
      const seqs: number[] = [];
      for (const f of findings) {
        const r = insert.run(f.id, f.index, f.rule, f.severity, f.subjectKind, f.subjectId, f.json);
        seqs.push(r.changes === 1 ? Number(r.lastInsertRowid) : 0);
      }
      progress.run(String(through));
      return seqs;
    });
    return this.#record;
  }

  /**
   * Store findings and mark every statement up to log index `through` evaluated, atomically. Returns each
   * finding's seq, or 0 for one stored before (same id).
   */
  record(findings: readonly FindingRecord[], through: number): number[] {
    return this.#recorder()(findings, through);
  }

  /** The highest log index evaluated, or -1 when none. */
  evaluatedThrough(): number {
    const value = this.#db
      .prepare("SELECT value FROM compliance_state WHERE key = 'evaluated_through'")
      .pluck()
      .get() as string | undefined;
    return value === undefined ? -1 : Number(value);
  }

  latestSeq(): number {
    return (this.#db.prepare('SELECT max(seq) FROM compliance_findings').pluck().get() as number | null) ?? 0;
  }

  get(id: string): FindingRow | undefined {
    return this.#db.prepare('SELECT seq, json FROM compliance_findings WHERE id = ?').get(id) as
      | FindingRow
      | undefined;
  }

  /** Findings matching `query`, in seq order. */
  query(query: FindingQuery): FindingRow[] {
    const where: string[] = ['seq > ?'];
    const args: (string | number)[] = [query.after ?? 0];
    const among = (column: string, values: readonly string[] | undefined): void => {
      if (values === undefined || values.length === 0) return;
      where.push(`${column} IN (${values.map(() => '?').join(', ')})`);
      args.push(...values);
    };
    among('rule', query.rules);
    among('severity', query.severities);
    among('subject_id', query.subjects);
    if (query.statement !== undefined) {
      where.push("json_extract(json, '$.statement') = ?");
      args.push(query.statement);
    }
    const sql = `SELECT seq, json FROM compliance_findings WHERE ${where.join(' AND ')} ORDER BY seq LIMIT ?`;
    return this.#db.prepare(sql).all(...args, query.limit) as FindingRow[];
  }

  /** Counts by rule and severity, for the overview. */
  counts(): { rule: string; severity: string; count: number }[] {
    return this.#db
      .prepare(
        'SELECT rule, severity, count(*) AS count FROM compliance_findings GROUP BY rule, severity ORDER BY rule',
      )
      .all() as { rule: string; severity: string; count: number }[];
  }
}
