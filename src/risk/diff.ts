import { DATASET_TABLES, type Datasets, type DatasetVersion, type TableName } from './datasets.js';
import type { TableSpec } from './tables.js';

/** A row added or removed, named by its natural key (e.g. `cobalt / mining / COD / 2024`). */
export interface RowChange {
  readonly key: string;
  /** The row, with the file's column names. */
  readonly row: Readonly<Record<string, string>>;
}

/** A row present in both versions whose cells differ. */
export interface RowEdit {
  readonly key: string;
  readonly changes: readonly { readonly field: string; readonly from: string; readonly to: string }[];
}

/** What changed in one file. */
export interface FileDiff {
  readonly file: string;
  readonly from: string | null;
  readonly to: string | null;
  /** The columns that make the natural key, joined in `key` by ` / `. */
  readonly keyColumns: readonly string[];
  readonly added: readonly RowChange[];
  readonly removed: readonly RowChange[];
  readonly changed: readonly RowEdit[];
}

/** What changed between two dataset versions, file by file. */
export interface DatasetDiff {
  readonly from: DatasetVersion;
  readonly to: DatasetVersion;
  readonly identical: boolean;
  readonly summary: { readonly added: number; readonly removed: number; readonly changed: number };
  readonly files: readonly FileDiff[];
}

/**
 * What changed from `from` to `to`: per file, the rows added, removed and changed, matched on each
 * file's natural key (mine production: mineral + stage + country + year; reserves: mineral + country +
 * year; governance: country + year + indicator; …). Cells are compared as parsed, so `750.0` and `750`
 * are the same number. A file whose SHA-256 is unchanged is reported without comparing rows. Sorted by key.
 */
export function diffDatasets(from: Datasets, to: Datasets): DatasetDiff {
  const files = DATASET_TABLES.map(({ table, spec }) => diffFile(spec, from, to, table));
  const summary = {
    added: files.reduce((n, f) => n + f.added.length, 0),
    removed: files.reduce((n, f) => n + f.removed.length, 0),
    changed: files.reduce((n, f) => n + f.changed.length, 0),
  };
  return {
    from: from.version,
    to: to.version,
    identical: summary.added + summary.removed + summary.changed === 0,
    summary,
    files,
  };
}

function diffFile(spec: TableSpec<object>, from: Datasets, to: Datasets, table: TableName): FileDiff {
  const hashOf = (d: Datasets) => d.version.files.find((f) => f.name === spec.file)?.sha256 ?? null;
  const keyColumns = spec.key.map((k) => spec.columns.find((c) => c.prop === k)!.column);
  const base = { file: spec.file, from: hashOf(from), to: hashOf(to), keyColumns };
  if (base.from !== null && base.from === base.to) return { ...base, added: [], removed: [], changed: [] };
  const before = indexRows(spec, from[table]);
  const after = indexRows(spec, to[table]);
  const added: RowChange[] = [];
  const removed: RowChange[] = [];
  const changed: RowEdit[] = [];
  for (const [key, row] of after) if (!before.has(key)) added.push({ key, row });
  for (const [key, row] of before) {
    const next = after.get(key);
    if (next === undefined) {
      removed.push({ key, row });
      continue;
    }
    const changes = spec.columns
      .filter((c) => row[c.column] !== next[c.column])
      .map((c) => ({ field: c.column, from: row[c.column]!, to: next[c.column]! }));
    if (changes.length > 0) changed.push({ key, changes });
  }
  return { ...base, added: added.sort(byKey), removed: removed.sort(byKey), changed: changed.sort(byKey) };
}

/** Rows by natural key (`cobalt / mining / COD / 2024`), each as cells named by the file's columns. */
function indexRows(spec: TableSpec<object>, rows: readonly object[]): Map<string, Record<string, string>> {
  const cell = (row: object, prop: string) => cellText((row as Record<string, unknown>)[prop]);
  return new Map(
    rows.map((row) => [
      spec.key.map((k) => cell(row, k)).join(' / '),
      Object.fromEntries(spec.columns.map((c) => [c.column, cell(row, c.prop)])),
    ]),
  );
}

function byKey(a: { readonly key: string }, b: { readonly key: string }): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** A cell as text: numbers in their shortest form, null as the empty cell. */
function cellText(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}
