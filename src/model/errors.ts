import { BaseError } from '../errors.js';

/** Codes thrown by the model module. */
export type ModelErrorCode =
  /** A log entry is not a well-formed registration record. */
  | 'MODEL_BAD_ENTRY'
  /** A statement id is not 64 lowercase hex digits. */
  | 'MODEL_BAD_STATEMENT_ID';

export class ModelError extends BaseError<ModelErrorCode> {}
