/**
 * Storage adapters implementing the ports the domain declares (`log` LogStore, `model` StatementStore),
 * with the ledger's derived tables, the witness state and federation alarms.
 * @module store
 */

export { StoreError, type StoreErrorCode } from './errors.js';
export { type Alarm, type AlarmDecision, type AlarmInput, AlarmStore } from './sqlite/alarm-store.js';
export type {
  BatchFilter,
  DerivedTotals,
  FacilityFilter,
  MaterialTotal,
  OrganizationFilter,
  Page,
  PageQuery,
  StoredEvent,
  UpstreamBatch,
  UpstreamGraph,
} from './sqlite/derived.js';
export { DerivedTables, derivedRows } from './sqlite/derived.js';
export { DERIVED_TABLES, type DerivedTable } from './sqlite/derived-schema.js';
export {
  type FindingQuery,
  type FindingRecord,
  type FindingRow,
  FindingsStore,
} from './sqlite/findings-store.js';
export {
  DATABASE_FILE,
  type LedgerRecord,
  type LoggedStatement,
  type RawRows,
  SqliteStore,
} from './sqlite/sqlite-store.js';
export {
  type NewWebhook,
  type Webhook,
  type WebhookFailure,
  type WebhookFilters,
  type WebhookStats,
  WebhookStore,
  type WebhookWithSecret,
} from './sqlite/webhook-store.js';
export {
  type WitnessRecord,
  WitnessStore,
  type WitnessUpdate,
} from './sqlite/witness-store.js';
