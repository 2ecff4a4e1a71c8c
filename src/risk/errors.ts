import { BaseError } from '../errors.js';

/** Codes the risk module throws: malformed data files, unknown queries and out-of-range parameters. */
export type RiskErrorCode =
  /** A dataset file the risk module needs is not among the files given. */
  | 'RISK_FILE_MISSING'
  /** A CSV file breaks RFC 4180: an unterminated quote, text after a closing quote, a stray quote. */
  | 'RISK_CSV_SYNTAX'
  /** A CSV record has more or fewer fields than the header. */
  | 'RISK_CSV_FIELD_COUNT'
  /** A CSV header is not the one the file's table expects (a column missing, renamed or moved). */
  | 'RISK_BAD_HEADER'
  /** A cell is not what its column holds: not a number, a year, an ISO 3166-1 alpha-3 code, or empty. */
  | 'RISK_BAD_VALUE'
  /** Two rows of one file share a natural key (e.g. mineral + stage + country + year). */
  | 'RISK_DUPLICATE_ROW'
  /** A mineral the module does not map to elements. */
  | 'RISK_UNKNOWN_MINERAL'
  /** No rows (or no world total) for the mineral, stage and year asked for. */
  | 'RISK_NO_DATA'
  /** A scenario or pipeline parameter outside its range, or not a finite number. */
  | 'RISK_BAD_PARAMETER'
  /** A time or time window that is not RFC 3339, or a window that ends before it starts. */
  | 'RISK_BAD_TIME'
  /** A traced flow or batch record that is not well formed (negative mass, not a bigint or decimal). */
  | 'RISK_BAD_RECORD'
  /** A scenario preset id that the export-controls file does not yield. */
  | 'RISK_UNKNOWN_PRESET';

/** Where in a data file a problem is: 1-based line and character column of the offending field. */
export interface DataLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** The header name of the offending column, when there is one. */
  readonly field?: string;
}

/** Thrown by the risk module; callers branch on {@link RiskError.code}, never on the message. */
export class RiskError extends BaseError<RiskErrorCode> {
  /** Set for errors in a data file. */
  readonly location?: DataLocation;

  constructor(code: RiskErrorCode, message: string, location?: DataLocation) {
    super(code, location ? `${location.file}:${location.line}:${location.column}: ${message}` : message);
    if (location) this.location = location;
  }
}

/** Throw a {@link RiskError} unless `condition` holds. */
export function ensure(condition: boolean, code: RiskErrorCode, message: () => string): asserts condition {
  if (!condition) throw new RiskError(code, message());
}

/** The HTTP statuses the risk codes map to (the API makes the final choice). */
export type RiskErrorStatus = 400 | 404 | 422;

/**
 * The suggested HTTP status of each code: 422 for a data file that does not parse (an import), 404 for a
 * mineral, series or preset that does not exist, 400 for a malformed query.
 */
export const RISK_ERROR_STATUS: Readonly<Record<RiskErrorCode, RiskErrorStatus>> = {
  RISK_FILE_MISSING: 422,
  RISK_CSV_SYNTAX: 422,
  RISK_CSV_FIELD_COUNT: 422,
  RISK_BAD_HEADER: 422,
  RISK_BAD_VALUE: 422,
  RISK_DUPLICATE_ROW: 422,
  RISK_UNKNOWN_MINERAL: 404,
  RISK_NO_DATA: 404,
  RISK_BAD_PARAMETER: 400,
  RISK_BAD_TIME: 400,
  RISK_BAD_RECORD: 400,
  RISK_UNKNOWN_PRESET: 404,
};
