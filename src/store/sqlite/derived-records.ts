import type { LedgerEffects } from '../../custody/index.js';
import type { DerivedTable } from './derived-schema.js';

/**
 * How each derived table is laid out: its columns besides `row` (in insert order), which of them form
 * the key, and the SQL expression of the key as the audit names rows. The write, the dump and a replay's
 * comparison all read this one description, so they cannot drift apart.
 */
export const TABLE_LAYOUT: Readonly<
  Record<DerivedTable, { columns: readonly string[]; key: readonly string[]; keyExpr: string; row: boolean }>
> = {
  organizations: { columns: ['did', 'country'], key: ['did'], keyExpr: 'did', row: true },
  org_keys: { columns: ['kid', 'did'], key: ['kid'], keyExpr: 'kid', row: true },
  facilities: { columns: ['id', 'operator', 'kind', 'country'], key: ['id'], keyExpr: 'id', row: true },
  batches: {
    columns: ['id', 'material', 'status', 'custodian', 'owner', 'facility'],
    key: ['id'],
    keyExpr: 'id',
    row: true,
  },
  custody_events: {
    columns: ['statement', 'seq'],
    key: ['statement', 'seq'],
    keyExpr: "statement || ':' || seq",
    row: true,
  },
  // A pure index: its key is all it holds.
  batch_events: {
    columns: ['batch', 'statement', 'seq'],
    key: ['batch', 'statement', 'seq'],
    keyExpr: "batch || ' ' || statement || ':' || seq",
    row: false,
  },
  batch_edges: {
    columns: ['from_batch', 'to_batch', 'statement'],
    key: ['to_batch', 'from_batch', 'statement'],
    keyExpr: "to_batch || ' ' || from_batch || ' ' || statement",
    row: true,
  },
};

/** Columns that repeat a field of the row JSON, for filtering and joins: compared by the audit too. */
export function copiedColumns(table: DerivedTable): readonly string[] {
  const { columns, key } = TABLE_LAYOUT[table];
  return columns.filter((c) => !key.includes(c));
}

/** One row to upsert: its table, its key as the dump names it, its column values, its JSON. */
export interface DerivedRecord {
  readonly table: DerivedTable;
  readonly key: string;
  /** Values of {@link TABLE_LAYOUT}'s columns, in order. */
  readonly values: readonly (string | number)[];
  /** The row JSON; undefined for a pure index. */
  readonly row: string | undefined;
}

/** Every row `effects` writes, in write order. */
export function* derivedRecords(effects: LedgerEffects): IterableIterator<DerivedRecord> {
  const json = JSON.stringify;
  for (const o of effects.organizations) {
    yield { table: 'organizations', key: o.did, values: [o.did, o.country], row: json(o) };
  }
  for (const k of effects.keys) yield { table: 'org_keys', key: k.kid, values: [k.kid, k.did], row: json(k) };
  for (const f of effects.facilities) {
    const values = [f.id, f.operator, f.facilityKind, f.country];
    yield { table: 'facilities', key: f.id, values, row: json(f) };
  }
  for (const b of effects.batches) {
    const values = [b.id, b.material, b.status, b.custodian, b.owner, b.facility];
    yield { table: 'batches', key: b.id, values, row: json(b) };
  }
  for (const e of effects.events) {
    const id = `${e.statement}:${e.seq}`;
    yield { table: 'custody_events', key: id, values: [e.statement, e.seq], row: json(e) };
    for (const batch of new Set(e.batches)) {
      yield {
        table: 'batch_events',
        key: `${batch} ${id}`,
        values: [batch, e.statement, e.seq],
        row: undefined,
      };
    }
  }
  for (const e of effects.edges) {
    const key = `${e.to} ${e.from} ${e.statement}`;
    yield { table: 'batch_edges', key, values: [e.from, e.to, e.statement], row: json(e) };
  }
}

/**
 * A record as {@link DerivedTables.dump} reads it back: the copied columns (as a JSON array, when the
 * table has any) followed by the row JSON.
 */
export function comparableRow(record: DerivedRecord): string {
  const { columns } = TABLE_LAYOUT[record.table];
  const copied = copiedColumns(record.table);
  const prefix =
    copied.length === 0 ? '' : JSON.stringify(copied.map((c) => record.values[columns.indexOf(c)]));
  return prefix + (record.row ?? '');
}
