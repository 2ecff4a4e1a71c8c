import { BaseError } from '../errors.js';

export type StoreErrorCode =
  /** A write raced another writer: the log moved on since the batch was built. */
  | 'STORE_CONFLICT'
  /** Rows the caller relies on are missing. */
  | 'STORE_MISSING';

export class StoreError extends BaseError<StoreErrorCode> {}
