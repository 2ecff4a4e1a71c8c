import { BaseError } from '../errors.js';

/** Codes thrown by the credential mappers (`untp/`) and the conformance validator (`conformance/`). */
export type InteropErrorCode =
  /** Not a W3C Verifiable Credential at all: not an object, no `@context`, no `VerifiableCredential` type, no issuer. */
  | 'INTEROP_NOT_A_CREDENTIAL'
  /** A credential of a kind Lodestone models has the wrong shape; `path` (a JSON pointer) says where. */
  | 'INTEROP_INVALID'
  /** Recognised but not supported: another UNTP version, an event type or custody event kind Lodestone lacks. */
  | 'INTEROP_UNSUPPORTED'
  /** A quantity is not a whole number of grams after exact conversion, its unit is unknown, or it is out of range. */
  | 'INTEROP_BAD_QUANTITY'
  /** Element content names an unknown element, or a mass fraction is outside [0, 1] or finer than 1 ppm. */
  | 'INTEROP_BAD_CONTENT'
  /** The JWS `kid` does not name a key of the credential's issuer (its DID differs from `issuer.id`). */
  | 'INTEROP_ISSUER_MISMATCH'
  /** The JSON-LD document loader was asked for a URL Lodestone does not ship; it never fetches one. */
  | 'INTEROP_UNKNOWN_CONTEXT'
  /** A shipped data file (`assets/`: JSON-LD context, JSON Schema) is missing or unreadable. */
  | 'INTEROP_ASSET_MISSING';

/** Options of {@link InteropError} beyond the standard `cause`. */
export interface InteropErrorOptions {
  readonly cause?: unknown;
  /** RFC 6901 JSON pointer into the credential at the offending value (`''` = the whole credential). */
  readonly path?: string;
}

/** An error of the `interop` module; branch on `code`, read `path` for where in the credential. */
export class InteropError extends BaseError<InteropErrorCode> {
  /** RFC 6901 JSON pointer to the offending value, when the error is about one place in the credential. */
  readonly path: string | undefined;

  constructor(code: InteropErrorCode, message: string, options: InteropErrorOptions = {}) {
    super(code, options.path === undefined ? message : `${message} (at ${options.path || '/'})`, {
      cause: options.cause,
    });
    this.path = options.path;
  }
}
