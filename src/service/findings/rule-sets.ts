import { checkRuleSet, RULE_SETS, type RuleSet, ruleSetByVersion } from '../../compliance/index.js';
import { caseActionCredential } from '../../interop/index.js';
import type { CaseActionStatement } from '../../model/index.js';

/** Every rule set the package ships, oldest first. */
export function shippedRuleSets(): readonly RuleSet[] {
  return RULE_SETS;
}

/**
 * A rule set by shipped version, or a rule set given as parsed JSON, checked before use.
 * @throws ComplianceError COMPLIANCE_UNKNOWN_RULE_SET, COMPLIANCE_BAD_RULE_SET, COMPLIANCE_UNKNOWN_RULE
 */
export function ruleSetOf(value: string | RuleSet): RuleSet {
  return typeof value === 'string' ? ruleSetByVersion(value) : checkRuleSet(value);
}

/** The unsigned `ComplianceCaseAction` credential an auditor or regulator signs for a case action. */
export function caseActionPayload(
  action: Omit<CaseActionStatement, 'kind'>,
  issuer: { readonly id: string; readonly name: string },
  validFrom = new Date().toISOString(),
): object {
  return caseActionCredential({ kind: 'case-action', ...action }, issuer, { validFrom });
}
