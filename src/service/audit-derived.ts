import type { LedgerEffects } from '../custody/index.js';
import { DERIVED_TABLES, type DerivedTable, type DerivedTables, derivedRows } from '../store/index.js';

type Report = (p: { code: 'AUDIT_DERIVED'; where: string; detail: string }) => void;

/** The derived rows a replay produces: per table, the last write per key (as the store upserts). */
export class DerivedCollector {
  readonly tables = new Map<DerivedTable, Map<string, string>>(DERIVED_TABLES.map((t) => [t, new Map()]));

  add(effects: LedgerEffects): void {
    for (const [table, key, row] of derivedRows(effects)) this.tables.get(table)!.set(key, row);
  }
}

/**
 * Compare the stored derived tables with a replay's rows, row by row: a changed, missing or extra row
 * is reported by table and key. This is also what proves a rebuild identical to the live state.
 */
export function compareDerived(stored: DerivedTables, replayed: DerivedCollector, report: Report): number {
  let differences = 0;
  const found = (where: string, detail: string): void => {
    differences++;
    report({ code: 'AUDIT_DERIVED', where, detail });
  };
  for (const table of DERIVED_TABLES) {
    const want = replayed.tables.get(table)!;
    const seen = new Set<string>();
    for (const [key, row] of stored.dump(table)) {
      seen.add(key);
      const expected = want.get(key);
      if (expected === undefined) found(`${table}[${key}]`, 'row not produced by replaying the log');
      else if (expected !== row) found(`${table}[${key}]`, 'row differs from the replay of the log');
    }
    for (const key of want.keys()) {
      if (!seen.has(key)) found(`${table}[${key}]`, 'row missing: the replay of the log produces it');
    }
  }
  return differences;
}
