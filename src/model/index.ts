/**
 * Lodestone's canonical domain types: registration entries, the canonical supply-chain statements
 * (identities, keys, facilities, custody events, compliance case actions, cross-border custody), and the
 * materials vocabulary (elements, formulas, plausible element content per material).
 * @module model
 */

export {
  CASE_ACTIONS,
  CASE_OUTCOMES,
  type CaseActionKind,
  type CaseActionStatement,
  type CaseOutcome,
  MAX_JUSTIFICATION_LENGTH,
} from './cases.js';
export {
  type AccreditationScope,
  type AccreditationStatement,
  type AccreditationStatus,
  type AccreditationStatusStatement,
  type Assessment,
  ATTESTATION_TYPES,
  type AttestationType,
  type CertificateStatement,
  type CertificateSubject,
  CONFORMITY_TOPICS,
  type ConformityClaim,
  type ConformityTopic,
  type Metric,
  type StatusEntry,
  type StatusListStatement,
  type StatusPurpose,
  type TrustedBody,
  type TrustListStatement,
  type TrustStatementBody,
} from './certificates.js';
export { ALPHA3_CODES, alpha2Of, alpha3Of, toAlpha3 } from './countries.js';
export { type CsvLocation, type CsvRecord, parseCsv } from './csv.js';
export {
  ATOMIC_WEIGHTS,
  type AtomCounts,
  atomicWeight,
  type ElementContent,
  type ElementSymbol,
  isElementSymbol,
  type MassFractions,
  massFractionsOf,
  molarMass,
  parseFormula,
} from './elements.js';
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
export { FACILITY_KINDS, type FacilityKind } from './facility-kind.js';
export {
  type CrossBorderReceiptStatement,
  type ForeignProof,
  MAX_FOREIGN_JWS_LENGTH,
  MAX_MICROGRAMS_DIGITS,
  MAX_SUMMARY_ELEMENTS,
  MAX_SUMMARY_ORIGINS,
  MAX_SUMMARY_PAIRS,
  type ProvenanceSummaryStatement,
  type SummaryComposition,
  type SummaryOrigin,
} from './federation.js';
export {
  type CheckContentOptions,
  type ContentFinding,
  checkContent,
  elementMass,
  getMaterial,
  isMaterialCode,
  isPlausible,
  listMaterials,
  type MaterialFilter,
} from './materials.js';
export { MaterialsError, type MaterialsErrorCode } from './materials-errors.js';
export type { FractionRange, Material, MaterialStage, MineralChain } from './materials-types.js';
export type { StatementRecord, StatementStore, StoredStatement } from './statement.js';
export {
  ALLIANCE_MEMBERS,
  type AssayEvent,
  type BoundKey,
  type CommissionEvent,
  type CustodyEvent,
  type CustodyEventType,
  type CustodyModel,
  type CustodyStatement,
  type ExtractEvent,
  type ExtractionMethod,
  type FacilityRecord,
  type GeoPoint,
  type GeoPolygon,
  type IdentityRegistration,
  type KeyRevocation,
  type KeyRotation,
  type NewBatch,
  type OpaqueStatement,
  type ProcessKind,
  type PublicJwk,
  type ReceiveEvent,
  ROLES,
  type Role,
  type ShipEvent,
  type SupplyStatement,
  type SupplyStatementBody,
  type TradeEvent,
  type TransformEvent,
} from './supply.js';
