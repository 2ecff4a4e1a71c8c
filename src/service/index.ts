/**
 * The composition root: wires the store, the log, the ledger (identity registry and custody), the
 * credential mappers and the witness into use-cases: register, read, trace, replay, audit, peer.
 * @module service
 */

export {
  type CertificationStatus,
  type Check as CertificateCheck,
  type ClaimResult,
  CredentialsError,
  StatusBitstring,
  type VerificationResult as CertificateVerification,
} from '../credentials/index.js';
export type { WitnessedLog } from '../federation/index.js';
// Witness quorum policies (C2SP tlog-policy), for verifiers and the CLI.
export {
  type PeerConfig,
  PeeringError,
  type Policy,
  PolicyError,
  type PolicyResult,
  parsePeerSpec,
  parsePolicy,
  verifyCheckpointWithPolicy,
} from '../federation/index.js';
export { RiskError, type RiskErrorCode } from '../risk/index.js';
export {
  ACCESS_TOKEN_TYPE,
  MAX_ACCESS_TOKEN_SECONDS,
  seesEverything,
  type Viewer,
} from './access.js';
export { type AuditProblem, type AuditReport, auditStore } from './audit.js';
export { type AuditDataOptions, auditDataDirectory } from './audit-data.js';
export {
  type CertificateFilter,
  CertificateQueries,
  type CertificateSummary,
  checkCertificateCredential,
  nextStatusList,
  verifyPresented,
} from './certificates.js';
export { crossBorderReceiptPayload, type ExportBundle } from './cross-border.js';
export {
  canSeedDemoWorld,
  DEMO_KEYS_DIR,
  DEMO_MANIFEST_FILE,
  type DemoCertificate,
  type DemoCounts,
  type DemoFacility,
  type DemoManifest,
  type DemoOptions,
  type DemoOrganization,
  type DemoProduct,
  type DemoRedFlag,
  seedDemoWorld,
} from './demo/index.js';
export { DOMAIN_PROBLEMS, type DomainProblem } from './domain-problems.js';
export { type EpcisImportPlan, planEpcisImport } from './epcis-import.js';
export { ServiceError, type ServiceErrorCode } from './errors.js';
export { type ExportOptions, type ExportReport, exportLog } from './export.js';
export {
  DEMO_PEERING,
  type DemoServerStarter,
  FEDERATION_MEMBERS,
  type FederationDemo,
  type FederationDemoOptions,
  type FederationDemoStatus,
  type FederationMember,
  federationOrigin,
  MAX_FEDERATION_NODES,
  type MemberStatus,
  MIN_FEDERATION_NODES,
  startFederationDemo,
} from './federation-demo/index.js';
export {
  type Backoff,
  type CaseEvent,
  type CaseOutcome,
  type CaseState,
  type CaseStatus,
  ComplianceMonitor,
  caseActionPayload,
  checkWebhookUrl,
  DEFAULT_BACKOFF,
  DEFAULT_WEBHOOK_TOLERANCE_SECONDS,
  type FindingSource,
  type FindingsDiff,
  type FindingView,
  MAX_WEBHOOK_URL_LENGTH,
  newWebhookSecret,
  type ReferenceLists,
  replayFindings,
  ruleSetOf,
  type StoredFinding,
  shippedRuleSets,
  signWebhook,
  verifyWebhookSignature,
  WEBHOOK_EVENT_TYPE,
  WEBHOOK_SECRET_PREFIX,
  WEBHOOK_SEVERITIES,
  WebhookDispatcher,
  type WebhookDispatcherOptions,
  type WebhookHeaders,
  type WebhookRegistration,
  type WebhookStatus,
  webhookMessageId,
} from './findings/index.js';
export type { ProducedFlow } from './flow-index.js';
export {
  DEFAULT_MAX_STATEMENT_BYTES,
  type FederationStatus,
  type IdentityInput,
  LodestoneNode,
  type NodeInfo,
  type NodeOptions,
  type Registration,
} from './node.js';
export {
  loadOperator,
  loadOrCreateOperator,
  OPERATOR_KEY_FILE,
  type OperatorIdentity,
  operatorFromKeys,
} from './operator.js';
export { loadOrCreateOperatorToken, OPERATOR_TOKEN_FILE, type OperatorToken } from './operator-token.js';
export {
  type MaterialVolume,
  type Overview,
  OverviewQueries,
  type StageVolume,
  volumesOf,
} from './overview.js';
export { Peering, type PeeringOptions, type PeerStatus } from './peering.js';
export { type RebuildOptions, type RebuildReport, rebuildDataDirectory } from './rebuild.js';
export { type Receipt, receiptToTlogProof } from './receipt.js';
export { type ReplayOptions, type ReplayProblem, replayLedger } from './replay.js';
export * from './reports/index.js';
export {
  type CompareQuery,
  datasetsFolderOf,
  diffDatasetFolders,
  IMPORTED_RISK_DATA,
  importDatasets,
  loadDatasets,
  MAX_EXPOSED,
  RISK_DATA_DIR,
  RiskQueries,
} from './risk.js';
export {
  type OrganizationView,
  type Provenance,
  type ProvenanceOptions,
  SupplyQueries,
} from './supply-queries.js';
export {
  type BundledStatement,
  type LoadedBundle,
  loadTrustBundle,
  TRUST_BUNDLE_TYPE,
  type TrustBundle,
} from './trust-bundle.js';
export { type Check, type ReceiptVerification, verifyReceipt } from './verify-receipt.js';
export { VERSION } from './version.js';
export {
  loadOrCreateWitnessKey,
  TLOG_SIZE_MEDIA_TYPE,
  WITNESS_KEY_FILE,
  type WitnessInfo,
  type WitnessKey,
  type WitnessResponse,
  WitnessService,
  type WitnessServiceOptions,
} from './witness.js';
