/**
 * The composition root: wires the store, the log and the key registry into use-cases.
 * @module service
 */

export { type AuditProblem, type AuditReport, auditStore, keyMap } from './audit.js';
export { type AuditDataOptions, auditDataDirectory } from './audit-data.js';
export { ServiceError, type ServiceErrorCode } from './errors.js';
export { type ExportOptions, type ExportReport, exportLog } from './export.js';
export { type KeyResolver, StoredKeys } from './keys.js';
export {
  DEFAULT_MAX_STATEMENT_BYTES,
  LodestoneNode,
  type NodeInfo,
  type NodeOptions,
  type Registration,
} from './node.js';
export { loadOrCreateOperatorToken, OPERATOR_TOKEN_FILE, type OperatorToken } from './operator-token.js';
export { type Receipt, receiptToTlogProof } from './receipt.js';
export { type Check, type ReceiptVerification, verifyReceipt } from './verify-receipt.js';
export { VERSION } from './version.js';
