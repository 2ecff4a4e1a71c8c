/**
 * Lodestone's canonical domain types: registration entries, statements, keys.
 * @module model
 */
export {
  createEntry,
  decodeEntry,
  encodeEntry,
  formatRegistered,
  isStatementId,
  type RegistrationEntry,
  statementId,
} from './entry.js';
export { ModelError, type ModelErrorCode } from './errors.js';
export type { RegisteredKey, StatementRecord, StatementStore, StoredStatement } from './statement.js';
