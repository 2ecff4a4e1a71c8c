import { BaseError } from '../errors.js';

/** Codes thrown by the credentials module (trust registry, status lists, issuing). */
export type CredentialsErrorCode =
  /** `encodedList` is not multibase base64url (`u…`) of a GZIP stream, or does not decompress. */
  | 'STATUS_LIST_MALFORMED'
  /** The decompressed bitstring is shorter than the spec's 16 KB minimum (131,072 entries). */
  | 'STATUS_LIST_TOO_SMALL'
  /** The decompressed bitstring exceeds the size Lodestone accepts (a GZIP bomb guard). */
  | 'STATUS_LIST_TOO_LARGE'
  /** A `statusListIndex` beyond the list's length. */
  | 'STATUS_INDEX_OUT_OF_RANGE'
  /** A new version of a revocation list clears a bit: revocation is not reversible. */
  | 'STATUS_REVOCATION_IRREVERSIBLE'
  /** A status list version that changes its purpose, or is published by someone other than its first issuer. */
  | 'STATUS_LIST_CONFLICT'
  /** A status list version dated before the version it replaces: status history is never rewritten. */
  | 'STATUS_LIST_BACKDATED'
  /** The issuer lacks the role the statement needs (operator for the trust list, accreditor, certifier). */
  | 'TRUST_NOT_AUTHORIZED'
  /** A trust list entry names a country that is not an alliance member, or a body twice. */
  | 'TRUST_LIST_INVALID'
  /** An accreditation's window is empty, or its holder is not a registered organisation. */
  | 'TRUST_ACCREDITATION_INVALID'
  /** A status change names an accreditation that does not exist, or one its issuer did not issue. */
  | 'TRUST_UNKNOWN_ACCREDITATION'
  /** A status change after withdrawal, or dated before the accreditation's last change. */
  | 'TRUST_ACCREDITATION_CONFLICT'
  /** A credential id registered before as another trust statement. */
  | 'TRUST_DUPLICATE_ID'
  /** A certificate's validity window is empty. */
  | 'CERTIFICATE_INVALID'
  /** A trust bundle that is not what `lodestone trust export` writes, or whose signature fails. */
  | 'TRUST_BUNDLE_INVALID';

export class CredentialsError extends BaseError<CredentialsErrorCode> {}

/** Throw `code` with the message `message()` unless `ok`. */
export function ensure(ok: boolean, code: CredentialsErrorCode, message: () => string): asserts ok {
  if (!ok) throw new CredentialsError(code, message());
}
