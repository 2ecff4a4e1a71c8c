import { type CsvRecord, parseCsv } from './csv.js';
import { RiskError } from './errors.js';
import type {
  CapacityProjectRow,
  ExportControlRow,
  GovernanceRow,
  MineProductionRow,
  PolicyBenchmarkRow,
  RefiningShareRow,
  ReservesRow,
} from './rows.js';

/** What a column holds; every cell is checked against it. */
type Kind =
  /** Any text, empty allowed. */
  | 'text'
  /** ISO 3166-1 alpha-3 (or a USGS aggregate `WLD` / `OTH`): three capital letters. */
  | 'iso3'
  /** Three or four capitals or digits: alpha-3, or `TOP1` / `TOP3`. */
  | 'code'
  /** A four-digit year. */
  | 'year'
  /** A plain decimal (no exponent, no thousands separators). */
  | 'number'
  /** A plain decimal, or empty (null). */
  | 'number?';

interface Column<Row> {
  /** The header name in the file. */
  readonly column: string;
  readonly prop: keyof Row & string;
  readonly kind: Kind;
  /** A second property that holds a text cell as a number when it is one, else null. */
  readonly numericProp?: keyof Row & string;
}

/** A seed file: its name, its exact header (in order) and the natural key that identifies a row. */
export interface TableSpec<Row> {
  readonly file: string;
  readonly columns: readonly Column<Row>[];
  /** Properties whose values identify a row: what the diff matches old and new rows on. */
  readonly key: readonly (keyof Row & string)[];
}

const DECIMAL = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/;
const YEAR = /^\d{4}$/;
const ISO3 = /^[A-Z]{3}$/;
const CODE = /^[A-Z0-9]{3,4}$/;

function col<Row>(column: string, prop: keyof Row & string, kind: Kind = 'text'): Column<Row> {
  return { column, prop, kind };
}

const MAX_FILE_CHARS = 16 * 1024 * 1024;

export const MINE_PRODUCTION: TableSpec<MineProductionRow> = {
  file: 'mine_production.csv',
  columns: [
    col('mineral', 'mineral'),
    col('stage', 'stage'),
    col('country', 'country'),
    col('iso3', 'iso3', 'iso3'),
    col('year', 'year', 'year'),
    col('tonnes', 'tonnes', 'number'),
    col('unit_basis', 'unitBasis'),
    col('value_as_reported', 'valueAsReported'),
    col('unit_as_reported', 'unitAsReported'),
    col('usgs_type', 'usgsType'),
    col('status', 'status'),
    col('usgs_note', 'usgsNote'),
    col('source', 'source'),
  ],
  key: ['mineral', 'stage', 'iso3', 'year'],
};

export const RESERVES: TableSpec<ReservesRow> = {
  file: 'reserves.csv',
  columns: [
    col('mineral', 'mineral'),
    col('country', 'country'),
    col('iso3', 'iso3', 'iso3'),
    col('year', 'year', 'year'),
    col('reserves_tonnes', 'reservesTonnes', 'number'),
    col('qualifier', 'qualifier'),
    col('unit_basis', 'unitBasis'),
    col('value_as_reported', 'valueAsReported'),
    col('unit_as_reported', 'unitAsReported'),
    col('usgs_note', 'usgsNote'),
    col('source', 'source'),
  ],
  key: ['mineral', 'iso3', 'year'],
};

export const REFINING_SHARES: TableSpec<RefiningShareRow> = {
  file: 'refining_shares.csv',
  columns: [
    col('mineral', 'mineral'),
    col('stage', 'stage'),
    col('country', 'country'),
    col('iso3', 'iso3', 'code'),
    col('year', 'year', 'year'),
    col('share_pct', 'sharePct', 'number'),
    col('qualifier', 'qualifier'),
    col('metric', 'metric'),
    col('scenario', 'scenario'),
    col('source_type', 'sourceType'),
    col('source', 'source'),
    col('note', 'note'),
  ],
  key: ['mineral', 'stage', 'iso3', 'year', 'metric', 'scenario'],
};

export const GOVERNANCE: TableSpec<GovernanceRow> = {
  file: 'governance_wgi.csv',
  columns: [
    col('iso3', 'iso3', 'iso3'),
    col('country', 'country'),
    col('year', 'year', 'year'),
    col('indicator', 'indicator'),
    col('indicator_name', 'indicatorName'),
    col('value', 'value', 'number'),
    col('scale', 'scale'),
    col('derivation', 'derivation'),
    col('source', 'source'),
  ],
  key: ['iso3', 'year', 'indicator'],
};

export const POLICY_BENCHMARKS: TableSpec<PolicyBenchmarkRow> = {
  file: 'policy_benchmarks.csv',
  columns: [
    col('jurisdiction', 'jurisdiction'),
    col('instrument', 'instrument'),
    col('metric', 'metric'),
    { column: 'value', prop: 'value', kind: 'text', numericProp: 'numericValue' },
    col('unit', 'unit'),
    col('year', 'year', 'year'),
    col('applies_to', 'appliesTo'),
    col('source', 'source'),
    col('note', 'note'),
  ],
  key: ['jurisdiction', 'instrument', 'metric', 'year'],
};

export const EXPORT_CONTROLS: TableSpec<ExportControlRow> = {
  file: 'export_controls.csv',
  columns: [
    col('country', 'country'),
    col('iso3', 'iso3', 'iso3'),
    col('mineral', 'mineral'),
    col('measure', 'measure'),
    col('instrument', 'instrument'),
    col('announced', 'announced'),
    col('effective', 'effective'),
    col('status', 'status'),
    col('status_as_of', 'statusAsOf'),
    col('scope', 'scope'),
    col('source', 'source'),
    col('note', 'note'),
  ],
  key: ['iso3', 'mineral', 'instrument'],
};

export const CAPACITY_PROJECTS: TableSpec<CapacityProjectRow> = {
  file: 'capacity_projects.csv',
  columns: [
    col('project', 'project'),
    col('company', 'company'),
    col('country', 'country'),
    col('iso3', 'iso3', 'iso3'),
    col('mineral', 'mineral'),
    col('stage', 'stage'),
    col('capacity_tpa', 'capacityTpa', 'number?'),
    col('unit', 'unit'),
    col('status', 'status'),
    col('expected_start', 'expectedStart'),
    col('investment_usd_m', 'investmentUsdMillion', 'number?'),
    col('investment_as_reported', 'investmentAsReported'),
    col('source', 'source'),
    col('note', 'note'),
  ],
  key: ['project'],
};

/**
 * Parse one seed file against its spec: the header must be exactly the spec's columns, in order; every
 * record must have as many fields; every cell must fit its column's kind; no two rows may share a key.
 * @throws RiskError RISK_CSV_SYNTAX, RISK_BAD_HEADER, RISK_CSV_FIELD_COUNT, RISK_BAD_VALUE, RISK_DUPLICATE_ROW
 */
export function parseTable<Row>(spec: TableSpec<Row>, text: string): Row[] {
  if (text.length > MAX_FILE_CHARS) {
    throw new RiskError('RISK_CSV_SYNTAX', `file larger than ${MAX_FILE_CHARS} characters`, {
      file: spec.file,
      line: 1,
      column: 1,
    });
  }
  const [header, ...records] = parseCsv(text, spec.file);
  checkHeader(spec, header);
  const seen = new Map<string, number>();
  return records.map((record) => {
    const at = (i: number, field?: string) => ({
      file: spec.file,
      line: record.lines[i] ?? record.lines[0] ?? 0,
      column: record.columns[i] ?? 1,
      ...(field === undefined ? {} : { field }),
    });
    if (record.fields.length !== spec.columns.length) {
      // Too many: point at the first extra field; too few: at the last one there is.
      const where = Math.min(record.fields.length - 1, spec.columns.length);
      throw new RiskError(
        'RISK_CSV_FIELD_COUNT',
        `expected ${spec.columns.length} fields, got ${record.fields.length}`,
        at(where),
      );
    }
    const row: Record<string, unknown> = {};
    spec.columns.forEach((c, i) => {
      const cell = record.fields[i]!;
      const value = readCell(c.kind, cell);
      if (value === INVALID) {
        throw new RiskError(
          'RISK_BAD_VALUE',
          `${c.column}: ${describe(c.kind)}, got ${JSON.stringify(cell)}`,
          at(i, c.column),
        );
      }
      row[c.prop] = value;
      if (c.numericProp !== undefined) {
        const n = decimal(cell);
        row[c.numericProp] = n === INVALID ? null : n;
      }
    });
    const key = spec.key.map((k) => String(row[k])).join('\u0000');
    const previous = seen.get(key);
    if (previous !== undefined) {
      throw new RiskError('RISK_DUPLICATE_ROW', `same ${spec.key.join(' + ')} as line ${previous}`, at(0));
    }
    seen.set(key, record.lines[0] ?? 0);
    return Object.freeze(row) as Row;
  });
}

function checkHeader<Row>(spec: TableSpec<Row>, header: CsvRecord | undefined): void {
  const expected = spec.columns.map((c) => c.column);
  if (header === undefined) {
    throw new RiskError('RISK_BAD_HEADER', `empty file; expected the header ${expected.join(',')}`, {
      file: spec.file,
      line: 1,
      column: 1,
    });
  }
  const n = Math.max(expected.length, header.fields.length);
  for (let i = 0; i < n; i++) {
    if (header.fields[i] === expected[i]) continue;
    const got = header.fields[i] === undefined ? 'the end of the line' : JSON.stringify(header.fields[i]);
    const want = expected[i] === undefined ? 'no further column' : JSON.stringify(expected[i]);
    // A missing column is reported just after the last header field.
    const last = header.fields.length - 1;
    const column = header.columns[i] ?? (header.columns[last] ?? 1) + (header.fields[last]?.length ?? 0) + 1;
    throw new RiskError('RISK_BAD_HEADER', `header column ${i + 1}: expected ${want}, got ${got}`, {
      file: spec.file,
      line: header.lines[Math.min(i, last)] ?? 1,
      column,
      ...(expected[i] === undefined ? {} : { field: expected[i] }),
    });
  }
}

const INVALID = Symbol('invalid');

/** A plain decimal that is also a finite double (a 400-digit cell is not). */
function decimal(cell: string): number | typeof INVALID {
  const n = Number(cell);
  return DECIMAL.test(cell) && Number.isFinite(n) ? n : INVALID;
}

function readCell(kind: Kind, cell: string): string | number | null | typeof INVALID {
  switch (kind) {
    case 'text':
      return cell;
    case 'iso3':
      return ISO3.test(cell) ? cell : INVALID;
    case 'code':
      return CODE.test(cell) ? cell : INVALID;
    case 'year':
      return YEAR.test(cell) ? Number(cell) : INVALID;
    case 'number':
      return decimal(cell);
    case 'number?':
      return cell === '' ? null : decimal(cell);
  }
}

function describe(kind: Kind): string {
  switch (kind) {
    case 'iso3':
      return 'expected an ISO 3166-1 alpha-3 code (three capital letters)';
    case 'code':
      return 'expected a three- or four-character code';
    case 'year':
      return 'expected a four-digit year';
    case 'number':
      return 'expected a plain decimal number';
    case 'number?':
      return 'expected a plain decimal number or an empty cell';
    default:
      return 'unexpected value';
  }
}
