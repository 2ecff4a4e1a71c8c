import { sha256Hex } from '../crypto/index.js';
import { RiskError } from './errors.js';
import { FILE_PROVENANCE, type FileProvenance } from './provenance.js';
import type {
  CapacityProjectRow,
  ExportControlRow,
  GovernanceRow,
  MineProductionRow,
  PolicyBenchmarkRow,
  RefiningShareRow,
  ReservesRow,
} from './rows.js';
import {
  CAPACITY_PROJECTS,
  EXPORT_CONTROLS,
  GOVERNANCE,
  MINE_PRODUCTION,
  POLICY_BENCHMARKS,
  parseTable,
  REFINING_SHARES,
  RESERVES,
  type TableSpec,
} from './tables.js';

/** One file of a dataset version. */
export interface DatasetFile {
  readonly name: string;
  /** Lowercase hex SHA-256 of the file's UTF-8 bytes (of the file as read, for a UTF-8 file). */
  readonly sha256: string;
  readonly rows: number;
}

/**
 * What identifies a set of seed files: the SHA-256 of each, and a digest over them all (SHA-256 of the
 * lines `<sha256>  <name>\n` sorted by name, the `sha256sum` format), plus a human label.
 */
export interface DatasetVersion {
  readonly label: string;
  readonly digest: string;
  readonly files: readonly DatasetFile[];
}

/** The parsed seed datasets: typed tables, their version and their provenance. */
export interface Datasets {
  readonly version: DatasetVersion;
  readonly provenance: readonly FileProvenance[];
  readonly mineProduction: readonly MineProductionRow[];
  readonly reserves: readonly ReservesRow[];
  readonly refiningShares: readonly RefiningShareRow[];
  readonly governance: readonly GovernanceRow[];
  readonly policyBenchmarks: readonly PolicyBenchmarkRow[];
  readonly exportControls: readonly ExportControlRow[];
  readonly capacityProjects: readonly CapacityProjectRow[];
}

/** The table name of each seed file, as {@link Datasets} holds it. */
export type TableName = Exclude<keyof Datasets, 'version' | 'provenance'>;

/** The seed files, each with its table. */
export const DATASET_TABLES: readonly { readonly table: TableName; readonly spec: TableSpec<object> }[] = [
  { table: 'mineProduction', spec: MINE_PRODUCTION as TableSpec<object> },
  { table: 'reserves', spec: RESERVES as TableSpec<object> },
  { table: 'refiningShares', spec: REFINING_SHARES as TableSpec<object> },
  { table: 'governance', spec: GOVERNANCE as TableSpec<object> },
  { table: 'policyBenchmarks', spec: POLICY_BENCHMARKS as TableSpec<object> },
  { table: 'exportControls', spec: EXPORT_CONTROLS as TableSpec<object> },
  { table: 'capacityProjects', spec: CAPACITY_PROJECTS as TableSpec<object> },
];

/** The file names {@link parseDatasets} needs. */
export const DATASET_FILES: readonly string[] = DATASET_TABLES.map((t) => t.spec.file);

/** Options of {@link parseDatasets}. */
export interface ParseDatasetsOptions {
  /** A label for the version, e.g. `'seed 2026-01 (USGS MCS 2025)'`; defaults to the digest's first 12 hex digits. */
  readonly label?: string;
}

/**
 * Parse the seed files into typed tables. `files` maps a file name (`mine_production.csv`, …; a path is
 * reduced to its last segment) to its text; other files (a README, the `raw/` extracts) are ignored.
 * Pure: the caller reads the files.
 * @throws RiskError RISK_FILE_MISSING, and for a malformed file (with its file, line and column)
 *   RISK_CSV_SYNTAX, RISK_BAD_HEADER, RISK_CSV_FIELD_COUNT, RISK_BAD_VALUE, RISK_DUPLICATE_ROW
 */
export function parseDatasets(
  files: Readonly<Record<string, string>>,
  options: ParseDatasetsOptions = {},
): Datasets {
  const byName = new Map<string, string>();
  for (const [path, text] of Object.entries(files)) {
    const name = path.split(/[\\/]/).at(-1)!;
    // The verbatim `raw/…` extracts are kept for audit only; they are never read as tables.
    if (DATASET_FILES.includes(name) && !/(?:^|[\\/])raw[\\/]/.test(path)) byName.set(name, text);
  }
  const tables: Partial<Record<TableName, readonly object[]>> = {};
  const versionFiles: DatasetFile[] = [];
  for (const { table, spec } of DATASET_TABLES) {
    const text = byName.get(spec.file);
    if (text === undefined) {
      throw new RiskError('RISK_FILE_MISSING', `the dataset file ${spec.file} is missing`);
    }
    const rows = Object.freeze(parseTable(spec, text));
    tables[table] = rows;
    versionFiles.push({ name: spec.file, sha256: sha256Hex(text), rows: rows.length });
  }
  const digest = sha256Hex(
    [...versionFiles]
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .map((f) => `${f.sha256}  ${f.name}\n`)
      .join(''),
  );
  return Object.freeze({
    version: Object.freeze({
      label: options.label ?? digest.slice(0, 12),
      digest,
      files: Object.freeze(versionFiles),
    }),
    provenance: FILE_PROVENANCE,
    ...(tables as Record<TableName, never>),
  });
}
