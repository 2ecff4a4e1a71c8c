/**
 * Continuous compliance audit in the running node (issue 5): the monitor that follows the log and
 * evaluates each committed statement, the reference lists it reads, and the stored findings' shapes.
 * @module
 */
export { canSeeFinding } from './access.js';
export {
  type DiffEntry,
  type FindingsDiff,
  type ReplayOptions as FindingsReplayOptions,
  type RuleDiff,
  replayFindings,
} from './audit-replay.js';
export { CaseBook, transitionRefusal } from './cases.js';
export { ComplianceMonitor, type MonitorOptions } from './monitor.js';
export { type ComplianceHost, ComplianceQueries, type ComplianceSummary } from './queries.js';
export { CAHRA_SEED, loadReferenceLists, type ReferenceLists, referenceFolderOf } from './reference.js';
export { caseActionPayload, ruleSetOf, shippedRuleSets } from './rule-sets.js';
export type {
  CaseEvent,
  CaseOutcome,
  CaseState,
  CaseStatus,
  FindingSource,
  FindingView,
  StoredFinding,
} from './types.js';
export {
  DEFAULT_WEBHOOK_TOLERANCE_SECONDS,
  newWebhookSecret,
  signWebhook,
  verifyWebhookSignature,
  WEBHOOK_SECRET_PREFIX,
  type WebhookHeaders,
} from './webhook-signature.js';
export {
  type Backoff,
  checkWebhookUrl,
  DEFAULT_BACKOFF,
  MAX_WEBHOOK_URL_LENGTH,
  WEBHOOK_EVENT_TYPE,
  WEBHOOK_SEVERITIES,
  WebhookDispatcher,
  type WebhookDispatcherOptions,
  type WebhookRegistration,
  type WebhookStatus,
  webhookMessageId,
} from './webhooks.js';
