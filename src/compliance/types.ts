import type { LedgerEffects } from '../custody/index.js';
import type { SupplyStatement } from '../model/index.js';

/** How urgently a finding wants a human: `critical` means suspend trade now (OECD Annex II (i)–(ii)). */
export type Severity = 'info' | 'low' | 'medium' | 'high' | 'critical';

export const SEVERITIES: readonly Severity[] = ['info', 'low', 'medium', 'high', 'critical'];

/** The standard or policy a rule comes from (DESIGN.md §7). */
export type RuleSource =
  | 'OECD DDG Annex II'
  | 'OECD DDG red flags'
  | 'ISO 22095'
  | 'EU CRMA'
  | 'IRA §30D'
  | 'alliance';

/** What a finding is about. */
export interface FindingSubject {
  readonly kind: 'organization' | 'facility' | 'batch';
  /** A DID, facility URI or batch URI. */
  readonly id: string;
}

/**
 * A rule's verdict on one subject of one statement. Its id is a function of rule, statement and subject
 * only, so a replay of the log under the same rule set yields the same ids and a store can upsert.
 */
export interface Finding {
  /** Lowercase hex SHA-256 of the canonical JSON `[rule, statement, subject.kind, subject.id]`. */
  readonly id: string;
  readonly rule: string;
  readonly ruleSet: string;
  readonly severity: Severity;
  readonly title: string;
  readonly subject: FindingSubject;
  /** The statement that raised it. */
  readonly statement: string;
  /** The time the finding speaks for: the event time (or the statement's time). */
  readonly at: string;
  readonly evidence: {
    /** Statement ids that together show the condition, the raising statement first. */
    readonly statements: readonly string[];
    /** The figures the rule compared, and the thresholds it compared them with. */
    readonly facts: Readonly<Record<string, unknown>>;
  };
  readonly message: string;
}

/** One registered statement, as the evaluator sees it: right after the ledger applied it. */
export interface EvaluationInput {
  readonly statement: SupplyStatement;
  /** Its statement id (lowercase hex SHA-256 of its JWS). */
  readonly id: string;
  /** Its registration time (RFC 3339). */
  readonly registered: string;
  /** What applying it produced: rows created or changed, events and edges. */
  readonly effects: LedgerEffects;
}
