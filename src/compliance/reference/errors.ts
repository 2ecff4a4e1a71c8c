import { BaseError } from '../../errors.js';

/** Codes thrown by the reference lists (areas and sanctions): malformed imports and bad queries. */
export type ReferenceErrorCode =
  /** A CSV file breaks RFC 4180: an unterminated quote, text after a closing quote, a stray quote. */
  | 'COMPLIANCE_REF_CSV_SYNTAX'
  /** A CSV record has more or fewer fields than the format has columns. */
  | 'COMPLIANCE_REF_FIELD_COUNT'
  /** The header of an area list is not the documented one. */
  | 'COMPLIANCE_REF_BAD_HEADER'
  /** A field is not what its column holds: a country code, a date, a number, a required value. */
  | 'COMPLIANCE_REF_BAD_VALUE'
  /** A JSON line that does not parse, or is not a FollowTheMoney entity. */
  | 'COMPLIANCE_REF_BAD_JSON'
  /** Two area entries for the same country and region whose validity windows overlap. */
  | 'COMPLIANCE_REF_DUPLICATE'
  /** A query time that is not an RFC 3339 date or date-time. */
  | 'COMPLIANCE_REF_BAD_TIME'
  /** A matching option outside its range (a threshold not in [0, 1]). */
  | 'COMPLIANCE_REF_BAD_OPTION';

/** Where in an imported file a problem is: 1-based line and character column. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** The column name of the offending field, when there is one. */
  readonly field?: string;
}

/** Thrown by the reference lists; callers branch on {@link ReferenceDataError.code}, never on the message. */
export class ReferenceDataError extends BaseError<ReferenceErrorCode> {
  /** Set for errors in an imported file. */
  readonly location?: SourceLocation;

  constructor(code: ReferenceErrorCode, message: string, location?: SourceLocation) {
    super(code, location ? `${location.file}:${location.line}:${location.column}: ${message}` : message);
    if (location) this.location = location;
  }
}
