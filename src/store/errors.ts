import { BaseError } from '../errors.js';

export type StoreErrorCode =
  /** A write raced another writer: the log moved on since the batch was built. */
  | 'STORE_CONFLICT'
  /** Rows the caller relies on are missing. */
  | 'STORE_MISSING'
  /** The database was written by a version with another schema. */
  | 'STORE_SCHEMA'
  /** SQLite would not take the durability settings the node relies on. */
  | 'STORE_SETTINGS';

export class StoreError extends BaseError<StoreErrorCode> {}
