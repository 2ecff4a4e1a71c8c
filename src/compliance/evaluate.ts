import { canonicalize, sha256Hex } from '../crypto/index.js';
import { RULES, type RuleId, type RuleSet } from './catalogue.js';
import type { ComplianceContext } from './context.js';
import { cahraOrigin, cahraTransit } from './rules/areas.js';
import { certificateMissing, revokedUpstream } from './rules/certificates.js';
import { singleCountry, unknownOrigin } from './rules/composition.js';
import { assayMismatch, yieldImplausible } from './rules/mass.js';
import { sanctionsMatch } from './rules/parties.js';
import { structuring } from './rules/structuring.js';
import { transportImplausible } from './rules/transport.js';
import { type Check, scopeOf } from './scope.js';
import type { EvaluationInput, Finding, FindingSubject } from './types.js';

/** The check behind each catalogue entry. */
const CHECKS: Readonly<Record<RuleId, Check>> = {
  'LS-CAHRA-ORIGIN': cahraOrigin,
  'LS-CAHRA-TRANSIT': cahraTransit,
  'LS-SANCTIONS-MATCH': sanctionsMatch,
  'LS-CERT-MISSING': certificateMissing,
  'LS-YIELD-IMPLAUSIBLE': yieldImplausible,
  'LS-ASSAY-MISMATCH': assayMismatch,
  'LS-TRANSPORT-IMPLAUSIBLE': transportImplausible,
  'LS-UNKNOWN-ORIGIN': unknownOrigin,
  'LS-SINGLE-COUNTRY': singleCountry,
  'LS-STRUCTURING': structuring,
  'LS-REVOKED-UPSTREAM': revokedUpstream,
};

/**
 * Every finding the rule set raises on one registered statement (DESIGN.md §7). Pure: it reads the
 * statement, its effects and the context's answers, and nothing else, so a replay of the log under the
 * same rule set and reference data reproduces the same findings, ids included.
 *
 * One finding per rule and subject: when several events of the statement hit the same subject, the
 * first (in event order) speaks. Findings come in catalogue order, then by subject.
 * @throws ComplianceError COMPLIANCE_BAD_TIME on an unparseable time
 */
export function evaluateStatement(
  input: EvaluationInput,
  context: ComplianceContext,
  ruleSet: RuleSet,
): Finding[] {
  const scope = scopeOf(input, context, ruleSet.thresholds);
  const disabled = new Set(ruleSet.disabled ?? []);
  const findings: Finding[] = [];
  for (const rule of RULES) {
    if (disabled.has(rule.id)) continue;
    const byId = new Map<string, Finding>();
    for (const draft of CHECKS[rule.id](scope)) {
      const id = findingId(rule.id, input.id, draft.subject);
      if (byId.has(id)) continue;
      byId.set(id, {
        id,
        rule: rule.id,
        ruleSet: ruleSet.version,
        severity: rule.severity,
        title: rule.title,
        subject: draft.subject,
        statement: input.id,
        at: draft.at,
        evidence: { statements: unique([input.id, ...(draft.related ?? [])]), facts: draft.facts },
        message: draft.message,
      });
    }
    findings.push(
      ...[...byId.values()].sort((a, b) => compare(subjectKey(a.subject), subjectKey(b.subject))),
    );
  }
  return findings;
}

/** A finding's id: the same rule, statement and subject always give the same id, whatever the rule set. */
export function findingId(rule: string, statement: string, subject: FindingSubject): string {
  return sha256Hex(canonicalize([rule, statement, subject.kind, subject.id]));
}

function subjectKey(subject: FindingSubject): string {
  return `${subject.kind} ${subject.id}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}
