/**
 * Compliance case actions (DESIGN.md §7): what a compliance officer does about a finding — acknowledge it,
 * assign it, resolve it with an outcome, reopen it. Each is a logged statement (Lodestone
 * `ComplianceCaseAction`), so a case's history is replayable like everything else; who may act on which
 * finding is the service's check, not the model's.
 */

/** What a case action does to its finding's case. */
export type CaseActionKind = 'acknowledge' | 'assign' | 'resolve' | 'reopen';

/** How a resolved case ended. */
export type CaseOutcome = 'false-positive' | 'mitigated' | 'suspended' | 'disengaged';

export const CASE_ACTIONS: readonly CaseActionKind[] = ['acknowledge', 'assign', 'resolve', 'reopen'];

export const CASE_OUTCOMES: readonly CaseOutcome[] = [
  'false-positive',
  'mitigated',
  'suspended',
  'disengaged',
];

/** Most characters of a case action's justification. */
export const MAX_JUSTIFICATION_LENGTH = 4000;

/** One action on the case of a finding (Lodestone `ComplianceCaseAction`), from the statement's time. */
export interface CaseActionStatement {
  readonly kind: 'case-action';
  /** The finding's id: 64 lowercase hex (SHA-256). */
  readonly finding: string;
  readonly action: CaseActionKind;
  /** Required for 'assign' (a DID), absent otherwise. */
  readonly assignee?: string;
  /** Required (1..4000 chars) for 'resolve' and 'reopen'; optional for others. */
  readonly justification?: string;
  /** Required for 'resolve', absent otherwise. */
  readonly outcome?: CaseOutcome;
}
