import { CUSTODY_ERROR_STATUS, CUSTODY_ERROR_TITLES, type CustodyErrorCode } from '../custody/index.js';
import type { InteropErrorCode } from '../interop/index.js';

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

/**
 * The problem catalogue entries of the custody rules and the credential parser, so that the API (which
 * reaches the domain only through the service) answers each rule's code with its own status and title.
 */
export const DOMAIN_PROBLEMS: Readonly<
  Record<CustodyErrorCode | keyof typeof INTEROP_PROBLEMS, DomainProblem>
> = {
  ...(INTEROP_PROBLEMS as Record<keyof typeof INTEROP_PROBLEMS, DomainProblem>),
  ...(Object.fromEntries(
    Object.entries(CUSTODY_ERROR_STATUS).map(([code, status]) => [
      code,
      { status, title: CUSTODY_ERROR_TITLES[code as CustodyErrorCode] },
    ]),
  ) as Record<CustodyErrorCode, DomainProblem>),
};
