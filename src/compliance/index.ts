/**
 * Compliance (DESIGN.md §7), pure: a catalogue of rules as data (stable ids, severities, the standard
 * each comes from, thresholds as a versioned rule set with documented defaults) and an evaluator that
 * turns one registered statement, with what the ledger made of it, into findings with evidence. The
 * reference lists (areas, sanctions), certificates and shipment history reach it through
 * {@link ComplianceContext}; it reads no store, file or clock.
 * @module compliance
 */

export {
  checkRuleSet,
  DEFAULT_RULE_SET,
  RULE_SET_2026_2,
  RULE_SETS,
  RULES,
  type Rule,
  type RuleId,
  type RuleSet,
  ruleById,
  ruleSetByVersion,
  type Thresholds,
} from './catalogue.js';
export type {
  AreaRisk,
  ComplianceContext,
  RevokedCertificate,
  SanctionsMatch,
  ShipmentRecord,
} from './context.js';
export { ComplianceError, type ComplianceErrorCode } from './errors.js';
export { evaluateStatement, findingId } from './evaluate.js';
export { greatCircleKm } from './geo.js';
export {
  type AreaEntry,
  areaRiskAt,
  explainMatch,
  type MatchExplanation,
  matchSanctions,
  parseAreaList,
  parseFtmJsonLines,
  parseOfacSdnCsv,
  ReferenceDataError,
  type ReferenceErrorCode,
  type SanctionsEntry,
} from './reference/index.js';
export { normalizeMode } from './rules/transport.js';
export {
  type EvaluationInput,
  type Finding,
  type FindingSubject,
  type RuleSource,
  SEVERITIES,
  type Severity,
} from './types.js';
