/**
 * Storage adapters implementing the ports the domain declares (`log` LogStore, `model` StatementStore).
 * @module store
 */
export { StoreError, type StoreErrorCode } from './errors.js';
export { DATABASE_FILE, type RawRows, SqliteStore } from './sqlite/sqlite-store.js';
