import type Database from 'better-sqlite3';
import type {
  BatchRow,
  EdgeRow,
  EventRow,
  FacilityRow,
  KeyRow,
  LedgerEffects,
  OrganizationRow,
} from '../../custody/index.js';
import { decodeEntry } from '../../model/index.js';
import { comparableRow, copiedColumns, derivedRecords, TABLE_LAYOUT } from './derived-records.js';
import { DERIVED_TABLES, type DerivedTable } from './derived-schema.js';

type Db = Database.Database;
type Stmt = Database.Statement;

/** A page of a listing: `next` is the cursor for the following page, absent on the last. */
export interface Page<T> {
  readonly items: T[];
  readonly next?: string;
}

export interface PageQuery {
  readonly limit: number;
  /** The `next` cursor of the previous page. */
  readonly after?: string;
}

export interface BatchFilter extends PageQuery {
  readonly material?: string;
  readonly status?: string;
  readonly custodian?: string;
  readonly owner?: string;
  readonly facility?: string;
  /** Only batches this DID holds: custodian, owner, or recipient in transit. */
  readonly holder?: string;
}

export interface FacilityFilter extends PageQuery {
  readonly operator?: string;
  readonly kind?: string;
  readonly country?: string;
}

export interface OrganizationFilter extends PageQuery {
  readonly country?: string;
}

/** A custody event as stored, with the log index and registration time of its statement. */
export interface StoredEvent extends EventRow {
  readonly index: number;
  readonly registered: string;
}

/** A batch in an upstream graph: what a trace prints of it. */
export interface UpstreamBatch {
  readonly id: string;
  readonly material: string;
  readonly facility: string;
  readonly createdGrams: number;
}

/** The upstream graph of a batch: every batch it came from, and the element-mass edges between them. */
export interface UpstreamGraph {
  readonly batches: UpstreamBatch[];
  readonly edges: EdgeRow[];
}

/** Batches of one material: how many, and their created and remaining mass. */
export interface MaterialTotal {
  readonly material: string;
  readonly batches: number;
  readonly createdGrams: number;
  readonly remainingGrams: number;
}

/** Row counts of the registry and batch tables, and batch mass per material (an overview). */
export interface DerivedTotals {
  readonly organizations: number;
  readonly facilities: number;
  readonly batches: number;
  /** Per material code, in code order. */
  readonly materials: readonly MaterialTotal[];
}

/**
 * Reads and writes of the derived tables. Writes happen inside the store's integration transaction;
 * reads see only committed state.
 */
export class DerivedTables {
  readonly #db: Db;
  readonly #w: Record<string, Stmt>;
  readonly #r: Record<string, Stmt>;

  constructor(db: Db) {
    this.#db = db;
    this.#w = prepareWrites(db);
    this.#r = prepareReads(db);
  }

  /** Upsert every row of `effects`. Call inside a transaction. */
  write(effects: LedgerEffects): void {
    for (const r of derivedRecords(effects)) {
      const statement = this.#w[r.table]!;
      if (r.row === undefined) statement.run(...r.values);
      else statement.run(...r.values, r.row);
    }
  }

  /** Empty every derived table (before a rebuild). Call inside a transaction. */
  clear(): void {
    for (const table of DERIVED_TABLES) this.#db.prepare(`DELETE FROM ${table}`).run();
  }

  organization(did: string): OrganizationRow | undefined {
    return parseRow(this.#r.org!.get(did));
  }

  keysOf(did: string): KeyRow[] {
    return (this.#r.keysOf!.all(did) as string[]).map((r) => JSON.parse(r));
  }

  organizations(filter: OrganizationFilter): Page<OrganizationRow> {
    return this.#page('organizations', 'did', filter, [['country = ?', filter.country]]);
  }

  facility(id: string): FacilityRow | undefined {
    return parseRow(this.#r.facility!.get(id));
  }

  facilities(filter: FacilityFilter): Page<FacilityRow> {
    return this.#page('facilities', 'id', filter, [
      ['operator = ?', filter.operator],
      ['kind = ?', filter.kind],
      ['country = ?', filter.country],
    ]);
  }

  batch(id: string): BatchRow | undefined {
    return parseRow(this.#r.batch!.get(id));
  }

  batches(filter: BatchFilter): Page<BatchRow> {
    return this.#page('batches', 'id', filter, [
      ['material = ?', filter.material],
      ['status = ?', filter.status],
      ['custodian = ?', filter.custodian],
      ['owner = ?', filter.owner],
      ['facility = ?', filter.facility],
      ["(custodian = ? OR owner = ? OR json_extract(row, '$.inTransit.to') = ?)", filter.holder],
    ]);
  }

  /** The events that touched a batch, in log order. */
  history(batch: string): StoredEvent[] {
    const rows = this.#r.history!.all(batch) as { idx: number; row: string; entry: Buffer }[];
    return rows.map((r) => ({
      ...(JSON.parse(r.row) as EventRow),
      index: r.idx,
      registered: decodeEntry(r.entry).registered,
    }));
  }

  /**
   * Every batch upstream of `batch` (itself included), summarised, and the edges among them, from the
   * tables alone (for tools reading a store without a running node). A node answers from its in-memory
   * index instead (service/upstream-index.ts), which is tested to give exactly this.
   */
  upstream(batch: string): UpstreamGraph {
    const edges = (this.#r.upstreamEdges!.all(batch) as string[]).map((r) => JSON.parse(r) as EdgeRow);
    const batches = this.#r.upstreamBatches!.all(batch) as UpstreamBatch[];
    return { batches, edges };
  }

  /**
   * True when `did` holds `batch` or a batch made from it (custodian, owner, or recipient in transit):
   * who may read its provenance (issue 3 item 10).
   */
  heldAtOrDownstream(batch: string, did: string): boolean {
    return this.#r.heldDownstream!.get(batch, did, did, did) !== undefined;
  }

  /** Counts and per-material batch mass, in one read transaction (one aggregate pass over batches). */
  totals(): DerivedTotals {
    return this.#db.transaction(() => {
      const counts = this.#r.counts!.get() as { organizations: number; facilities: number; batches: number };
      return { ...counts, materials: this.#r.materialTotals!.all() as MaterialTotal[] };
    })();
  }

  /** Every row of a derived table as `[key, JSON]`, in key order: for comparing a rebuild with live state. */
  *dump(table: DerivedTable): IterableIterator<[string, string]> {
    const { keyExpr: key, row: hasRow } = TABLE_LAYOUT[table];
    // The copied columns (what queries and access checks read) are compared too, not only the row JSON;
    // a pure index has only its key to compare.
    const columns = copiedColumns(table);
    const copied = columns.length > 0 ? `json_array(${columns.join(', ')}) || ` : '';
    const row = hasRow ? `${copied}row` : "''";
    const rows = this.#db.prepare(`SELECT ${key} AS k, ${row} AS row FROM ${table} ORDER BY k`).iterate();
    for (const r of rows as IterableIterator<{ k: string; row: string | null }>) yield [r.k, r.row ?? ''];
  }

  #page<T>(
    table: string,
    key: string,
    query: PageQuery,
    filters: readonly [condition: string, value: string | undefined][],
  ): Page<T> {
    const where: string[] = [];
    const args: unknown[] = [];
    for (const [condition, value] of filters) {
      if (value === undefined) continue;
      where.push(condition);
      // Each `?` of a condition takes the same value.
      for (let i = condition.split('?').length - 1; i > 0; i--) args.push(value);
    }
    if (query.after !== undefined) {
      where.push(`rowid > coalesce((SELECT rowid FROM ${table} WHERE ${key} = ?), 9223372036854775807)`);
      args.push(query.after);
    }
    const sql = `SELECT ${key} AS k, row FROM ${table}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY rowid LIMIT ?`;
    const rows = this.#db.prepare(sql).all(...args, query.limit + 1) as { k: string; row: string }[];
    const items = rows.slice(0, query.limit).map((r) => JSON.parse(r.row) as T);
    const last = rows.length > query.limit ? rows[query.limit - 1] : undefined;
    return last ? { items, next: last.k } : { items };
  }
}

/**
 * The rows `effects` writes, as `[table, key, comparable row]` in the form {@link DerivedTables.dump}
 * reads them back: a replay collects these (last write wins per key) and compares them with the tables.
 */
export function* derivedRows(effects: LedgerEffects): IterableIterator<[DerivedTable, string, string]> {
  for (const r of derivedRecords(effects)) yield [r.table, r.key, comparableRow(r)];
}

function parseRow<T>(row: unknown): T | undefined {
  return typeof row === 'string' ? (JSON.parse(row) as T) : undefined;
}

/** One upsert per table, its columns in {@link TABLE_LAYOUT} order, then `row`. */
function prepareWrites(db: Db): Record<string, Stmt> {
  const upsert = ([table, { columns: own, key, row }]: [string, (typeof TABLE_LAYOUT)[DerivedTable]]) => {
    const columns = row ? [...own, 'row'] : [...own];
    const updates = columns.filter((c) => !key.includes(c)).map((c) => `${c} = excluded.${c}`);
    const conflict = updates.length > 0 ? `DO UPDATE SET ${updates.join(', ')}` : 'DO NOTHING';
    const sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})
       ON CONFLICT (${key.join(', ')}) ${conflict}`;
    return [table, db.prepare(sql)] as const;
  };
  return Object.fromEntries(Object.entries(TABLE_LAYOUT).map(upsert));
}

function prepareReads(db: Db): Record<string, Stmt> {
  return {
    org: db.prepare('SELECT row FROM organizations WHERE did = ?').pluck(),
    keysOf: db.prepare('SELECT row FROM org_keys WHERE did = ? ORDER BY rowid').pluck(),
    facility: db.prepare('SELECT row FROM facilities WHERE id = ?').pluck(),
    batch: db.prepare('SELECT row FROM batches WHERE id = ?').pluck(),
    history: db.prepare(
      `SELECT s.idx, e.row, en.data AS entry FROM batch_events b
       JOIN custody_events e ON e.statement = b.statement AND e.seq = b.seq
       JOIN statements s ON s.id = b.statement
       JOIN entries en ON en.idx = s.idx
       WHERE b.batch = ? ORDER BY s.idx, b.seq`,
    ),
    upstreamEdges: db
      .prepare(
        `WITH RECURSIVE up(id) AS (
           SELECT ? UNION SELECT e.from_batch FROM batch_edges e JOIN up ON e.to_batch = up.id
         )
         SELECT e.row FROM batch_edges e JOIN up ON e.to_batch = up.id ORDER BY e.to_batch, e.from_batch, e.statement`,
      )
      .pluck(),
    upstreamBatches: db.prepare(
      `WITH RECURSIVE up(id) AS (
         SELECT ? UNION SELECT e.from_batch FROM batch_edges e JOIN up ON e.to_batch = up.id
       )
       SELECT b.id, b.material, b.facility, json_extract(b.row, '$.createdGrams') AS createdGrams
       FROM up JOIN batches b ON b.id = up.id ORDER BY b.rowid`,
    ),
    counts: db.prepare(
      `SELECT (SELECT count(*) FROM organizations) AS organizations,
              (SELECT count(*) FROM facilities) AS facilities,
              (SELECT count(*) FROM batches) AS batches`,
    ),
    materialTotals: db.prepare(
      `SELECT material, count(*) AS batches,
              sum(json_extract(row, '$.createdGrams')) AS createdGrams,
              sum(json_extract(row, '$.remainingGrams')) AS remainingGrams
       FROM batches GROUP BY material ORDER BY material`,
    ),
    heldDownstream: db.prepare(
      `WITH RECURSIVE down(id) AS (
         SELECT ? UNION SELECT e.to_batch FROM batch_edges e JOIN down ON e.from_batch = down.id
       )
       SELECT 1 FROM down JOIN batches b ON b.id = down.id
       WHERE b.custodian = ? OR b.owner = ? OR json_extract(b.row, '$.inTransit.to') = ? LIMIT 1`,
    ),
  };
}
