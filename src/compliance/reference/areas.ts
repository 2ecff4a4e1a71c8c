import { toAlpha3 } from '../../model/index.js';
import { type CsvRecord, parseCsv } from './csv.js';
import { ReferenceDataError, type SourceLocation } from './errors.js';
import { regionKey } from './normalize.js';

/** The header of an area list, in this order. */
export const AREA_LIST_COLUMNS: readonly string[] = [
  'country',
  'region',
  'reason',
  'source',
  'valid_from',
  'valid_until',
];

/** One conflict-affected or high-risk area: a whole country, or one region of it, for a time window. */
export interface AreaEntry {
  /** ISO 3166-1 alpha-3. */
  readonly country: string;
  /** Names and codes of the region (ISO 3166-2 code, local and English names); empty for the whole country. */
  readonly region: readonly string[];
  readonly reason: string;
  readonly source: string;
  /** `YYYY-MM-DD`, the first day listed (00:00 UTC). */
  readonly validFrom: string;
  /** `YYYY-MM-DD`, the first day no longer listed (exclusive), or `undefined` while listed. */
  readonly validUntil?: string;
  readonly line: number;
}

/** The result of {@link areaRiskAt}. */
export interface AreaRisk {
  /** True when the country, or the given region of it, is listed at the time asked. */
  readonly listed: boolean;
  /** The entry that lists it: the region's entry when there is one, else the whole country's. */
  readonly entry?: AreaEntry;
  /**
   * Entries for regions of the country valid at that time that the query did not name (no region given,
   * or another region): the origin may lie in one of them, which a rule may treat as a red flag.
   */
  readonly regionalEntries: readonly AreaEntry[];
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a valid `YYYY-MM-DD`, or `undefined`. */
function dayNumber(text: string): number | undefined {
  const m = DATE.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d)
    return undefined;
  return ms / 86_400_000;
}

function entryOf(record: CsvRecord, file: string): AreaEntry {
  const at = (i: number): SourceLocation => ({
    file,
    line: record.lines[i] ?? 1,
    column: record.columns[i] ?? 1,
    field: AREA_LIST_COLUMNS[i] ?? '',
  });
  const bad = (i: number, message: string): never => {
    throw new ReferenceDataError('COMPLIANCE_REF_BAD_VALUE', message, at(i));
  };
  if (record.fields.length !== AREA_LIST_COLUMNS.length) {
    throw new ReferenceDataError(
      'COMPLIANCE_REF_FIELD_COUNT',
      `expected ${AREA_LIST_COLUMNS.length} fields, got ${record.fields.length}`,
      { file, line: record.lines[0] ?? 1, column: 1 },
    );
  }
  const [country = '', region = '', reason = '', source = '', validFrom = '', validUntil = ''] =
    record.fields.map((f) => f.trim());
  if (!/^[A-Z]{3}$/.test(country) || toAlpha3(country) === undefined) {
    bad(0, `country must be an ISO 3166-1 alpha-3 code, got ${JSON.stringify(country)}`);
  }
  const names = region === '' ? [] : region.split('|').map((r) => r.trim());
  if (names.some((n) => regionKey(n) === '')) bad(1, 'a region name between "|" is empty');
  if (reason === '') bad(2, 'reason is empty');
  if (source === '') bad(3, 'source is empty: every entry cites where it comes from');
  const from =
    dayNumber(validFrom) ?? bad(4, `valid_from must be a date YYYY-MM-DD, got ${JSON.stringify(validFrom)}`);
  if (validUntil !== '') {
    const until =
      dayNumber(validUntil) ??
      bad(5, `valid_until must be empty or a date YYYY-MM-DD, got ${JSON.stringify(validUntil)}`);
    if (until <= from) bad(5, `valid_until ${validUntil} is not after valid_from ${validFrom}`);
  }
  return {
    country,
    region: names,
    reason,
    source,
    validFrom,
    ...(validUntil === '' ? {} : { validUntil }),
    line: record.lines[0] ?? 1,
  };
}

function sameArea(x: AreaEntry, y: AreaEntry): boolean {
  if (x.country !== y.country) return false;
  if (x.region.length === 0 || y.region.length === 0) return x.region.length === y.region.length;
  const keys = new Set(x.region.map(regionKey));
  return y.region.some((r) => keys.has(regionKey(r)));
}

function overlaps(x: AreaEntry, y: AreaEntry): boolean {
  const end = (e: AreaEntry) =>
    e.validUntil === undefined ? Number.POSITIVE_INFINITY : (dayNumber(e.validUntil) ?? 0);
  return (dayNumber(x.validFrom) ?? 0) < end(y) && (dayNumber(y.validFrom) ?? 0) < end(x);
}

/**
 * Parse a conflict-affected and high-risk area list: RFC 4180 CSV with the header
 * `country,region,reason,source,valid_from,valid_until` ({@link AREA_LIST_COLUMNS}). `country` is ISO
 * 3166-1 alpha-3; `region` is empty for the whole country or one or more names and codes of one region
 * joined by `|` (`CD-NK|Nord-Kivu|North Kivu`); `reason` and `source` are required; `valid_from` is a
 * date, `valid_until` an exclusive date or empty. Two entries for the same area may not overlap in time.
 * @throws ReferenceDataError COMPLIANCE_REF_CSV_SYNTAX, COMPLIANCE_REF_BAD_HEADER,
 *   COMPLIANCE_REF_FIELD_COUNT, COMPLIANCE_REF_BAD_VALUE, COMPLIANCE_REF_DUPLICATE
 */
export function parseAreaList(text: string, file = 'areas.csv'): AreaEntry[] {
  const [header, ...rows] = parseCsv(text, file);
  const names = header?.fields.map((f) => f.trim().toLowerCase()) ?? [];
  if (names.join(',') !== AREA_LIST_COLUMNS.join(',')) {
    throw new ReferenceDataError(
      'COMPLIANCE_REF_BAD_HEADER',
      `expected the header ${AREA_LIST_COLUMNS.join(',')}, got ${JSON.stringify(names.join(','))}`,
      { file, line: header?.lines[0] ?? 1, column: 1 },
    );
  }
  const entries: AreaEntry[] = [];
  for (const row of rows) {
    const entry = entryOf(row, file);
    const clash = entries.find((e) => sameArea(e, entry) && overlaps(e, entry));
    if (clash) {
      throw new ReferenceDataError(
        'COMPLIANCE_REF_DUPLICATE',
        `overlaps the entry on line ${clash.line} for the same area`,
        { file, line: entry.line, column: 1 },
      );
    }
    entries.push(entry);
  }
  return entries;
}

/** The UTC day number of an RFC 3339 date or date-time (the time's own offset applies). */
function dayOf(at: string | Date): number {
  const ms =
    at instanceof Date
      ? at.getTime()
      : /^\d{4}-\d{2}-\d{2}(T.+)?$/.test(at)
        ? Date.parse(at.length === 10 ? `${at}T00:00:00Z` : at)
        : Number.NaN;
  if (!Number.isFinite(ms)) {
    throw new ReferenceDataError(
      'COMPLIANCE_REF_BAD_TIME',
      `not an RFC 3339 date or date-time: ${JSON.stringify(String(at))}`,
    );
  }
  return Math.floor(ms / 86_400_000);
}

function validAt(entry: AreaEntry, day: number): boolean {
  const from = dayNumber(entry.validFrom) ?? Number.POSITIVE_INFINITY;
  const until =
    entry.validUntil === undefined ? Number.POSITIVE_INFINITY : (dayNumber(entry.validUntil) ?? 0);
  return from <= day && day < until;
}

/**
 * Whether `country` (alpha-3, or alpha-2) and optionally `region` (any of its listed names or codes,
 * compared without case, diacritics or punctuation) is listed at `at` (RFC 3339; compared by UTC day:
 * listed from `validFrom` inclusive to `validUntil` exclusive). A region query is listed when its own
 * entry or its whole country's entry is valid; the region's entry wins.
 * @throws ReferenceDataError COMPLIANCE_REF_BAD_TIME
 */
export function areaRiskAt(
  list: readonly AreaEntry[],
  country: string,
  region: string | undefined,
  at: string | Date,
): AreaRisk {
  const day = dayOf(at);
  const code = toAlpha3(country) ?? country.toUpperCase();
  const valid = list.filter((e) => e.country === code && validAt(e, day));
  const key = region === undefined ? '' : regionKey(region);
  const own = key === '' ? undefined : valid.find((e) => e.region.some((r) => regionKey(r) === key));
  const whole = valid.find((e) => e.region.length === 0);
  const entry = own ?? whole;
  const regionalEntries = valid.filter((e) => e.region.length > 0 && e !== own);
  return { listed: entry !== undefined, ...(entry ? { entry } : {}), regionalEntries };
}
