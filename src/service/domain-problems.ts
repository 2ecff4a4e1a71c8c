import type { CredentialsErrorCode } from '../credentials/index.js';
import { CUSTODY_ERROR_STATUS, CUSTODY_ERROR_TITLES, type CustodyErrorCode } from '../custody/index.js';
import type { InteropErrorCode } from '../interop/index.js';
import { RISK_ERROR_STATUS, type RiskErrorCode } from '../risk/index.js';

/** A code of the domain modules the API answers with, its HTTP status and title. */
export interface DomainProblem {
  readonly status: number;
  readonly title: string;
}

/** The credential parser's codes that a registration can meet (the rest never reach the API). */
const INTEROP_PROBLEMS: Readonly<Partial<Record<InteropErrorCode, DomainProblem>>> = {
  INTEROP_NOT_A_CREDENTIAL: { status: 422, title: 'Statement payload is not a W3C Verifiable Credential' },
  INTEROP_INVALID: { status: 422, title: 'Credential does not have the shape its type requires' },
  INTEROP_UNSUPPORTED: { status: 422, title: 'Credential version or event kind is not supported' },
  INTEROP_BAD_QUANTITY: { status: 422, title: 'Quantity is not a whole number of grams in a known unit' },
  INTEROP_BAD_CONTENT: { status: 422, title: 'Element content is not a mass fraction of a known element' },
  INTEROP_ISSUER_MISMATCH: { status: 422, title: "The JWS kid is not a key of the credential's issuer" },
};

/** The risk observatory's codes (a data file that does not parse, an unknown mineral, a bad parameter). */
const RISK_TITLES: Readonly<Record<RiskErrorCode, string>> = {
  RISK_FILE_MISSING: 'A dataset file is missing',
  RISK_CSV_SYNTAX: 'A dataset file is not well-formed CSV',
  RISK_CSV_FIELD_COUNT: 'A dataset record has the wrong number of fields',
  RISK_BAD_HEADER: 'A dataset file has another header than its table expects',
  RISK_BAD_VALUE: 'A dataset cell is not what its column holds',
  RISK_DUPLICATE_ROW: 'Two dataset rows share a natural key',
  RISK_UNKNOWN_MINERAL: 'No such mineral in the observatory',
  RISK_NO_DATA: 'No data for that mineral, stage and year',
  RISK_BAD_PARAMETER: 'A scenario or pipeline parameter is out of range',
  RISK_BAD_TIME: 'A time or time window is not RFC 3339, or ends before it starts',
  RISK_BAD_RECORD: 'A traced flow or batch record is malformed',
  RISK_UNKNOWN_PRESET: 'No such scenario preset',
};

/** The trust registry's and status lists' codes. */
const CREDENTIALS_PROBLEMS: Readonly<Record<CredentialsErrorCode, DomainProblem>> = {
  STATUS_LIST_MALFORMED: { status: 422, title: 'encodedList is not multibase base64url of a GZIP bitstring' },
  STATUS_LIST_TOO_SMALL: { status: 422, title: 'Status list is shorter than the 16 KB minimum' },
  STATUS_LIST_TOO_LARGE: { status: 422, title: 'Status list is larger than the node accepts' },
  STATUS_INDEX_OUT_OF_RANGE: { status: 422, title: 'Status list index is beyond the list' },
  STATUS_REVOCATION_IRREVERSIBLE: {
    status: 409,
    title: 'A revocation list version may not clear a revoked entry',
  },
  STATUS_LIST_CONFLICT: { status: 409, title: 'Status list belongs to another issuer or purpose' },
  STATUS_LIST_BACKDATED: {
    status: 409,
    title: 'Status list version dated before its registration or its predecessor',
  },
  TRUST_NOT_AUTHORIZED: { status: 403, title: 'Issuer lacks the role this trust statement needs' },
  TRUST_LIST_INVALID: {
    status: 422,
    title: 'Trust list names a non-member country, a body twice, or is backdated',
  },
  TRUST_ACCREDITATION_INVALID: {
    status: 422,
    title: 'Accreditation window is empty, backdated, or its holder is unknown',
  },
  TRUST_UNKNOWN_ACCREDITATION: { status: 422, title: 'No such accreditation issued by this body' },
  TRUST_ACCREDITATION_CONFLICT: { status: 409, title: 'Accreditation change after withdrawal or backdated' },
  TRUST_DUPLICATE_ID: { status: 409, title: 'Credential id already registered' },
  CERTIFICATE_INVALID: { status: 422, title: 'Certificate validity window is empty' },
  TRUST_BUNDLE_INVALID: { status: 422, title: 'Not a trust bundle, or its signature does not verify' },
};

/**
 * The problem catalogue entries of the custody rules and the credential parser, so that the API (which
 * reaches the domain only through the service) answers each rule's code with its own status and title.
 */
export const DOMAIN_PROBLEMS: Readonly<
  Record<
    CustodyErrorCode | CredentialsErrorCode | RiskErrorCode | keyof typeof INTEROP_PROBLEMS,
    DomainProblem
  >
> = {
  ...(INTEROP_PROBLEMS as Record<keyof typeof INTEROP_PROBLEMS, DomainProblem>),
  ...CREDENTIALS_PROBLEMS,
  ...(Object.fromEntries(
    Object.entries(RISK_ERROR_STATUS).map(([code, status]) => [
      code,
      { status, title: RISK_TITLES[code as RiskErrorCode] },
    ]),
  ) as Record<RiskErrorCode, DomainProblem>),
  ...(Object.fromEntries(
    Object.entries(CUSTODY_ERROR_STATUS).map(([code, status]) => [
      code,
      { status, title: CUSTODY_ERROR_TITLES[code as CustodyErrorCode] },
    ]),
  ) as Record<CustodyErrorCode, DomainProblem>),
};
