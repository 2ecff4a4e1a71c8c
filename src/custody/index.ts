/**
 * The custody model (DESIGN.md §5), pure: the identity registry, facilities and batches as a ledger that
 * applies parsed statements in log order, enforcing conservation of mass, and provenance by origin.
 * @module custody
 */

export { apportion } from './allocation.js';
export { CUSTODY_ERROR_STATUS, CUSTODY_ERROR_TITLES, type CustodyErrorStatus } from './catalogue.js';
export { CustodyError, type CustodyErrorCode } from './errors.js';
export { type Arrival, applyImport, type ImportedBatch } from './import.js';
export { type ApplyContext, Ledger, type LedgerOptions } from './ledger.js';
export {
  type CertifiedFn,
  type ElementProvenance,
  type OriginFacts,
  provenanceOf,
  type Share,
} from './provenance.js';
export type {
  BatchRow,
  BatchStatus,
  Composition,
  EdgeRow,
  EventRow,
  FacilityRow,
  KeyRow,
  LedgerEffects,
  OrganizationRow,
  OriginKey,
} from './rows.js';
export type { LedgerSnapshot } from './snapshot.js';
export { trackedElements } from './tracked.js';
