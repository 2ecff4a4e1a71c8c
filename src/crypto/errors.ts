import { BaseError } from '../errors.js';

/** Codes thrown by the crypto module. */
export type CryptoErrorCode =
  | 'CRYPTO_BAD_ENCODING'
  | 'CRYPTO_BAD_KEY'
  | 'CRYPTO_BAD_JSON'
  | 'CRYPTO_JWS_MALFORMED'
  | 'CRYPTO_JWS_UNSUPPORTED'
  /** A signature verifier was used after close. */
  | 'CRYPTO_VERIFIER_CLOSED';

export class CryptoError extends BaseError<CryptoErrorCode> {}
