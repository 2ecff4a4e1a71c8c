import type { Finding } from '../../compliance/index.js';

/** Where a finding stands as a case (issue 5 part 4): folded from the logged case-action statements. */
export type CaseStatus = 'open' | 'acknowledged' | 'assigned' | 'resolved';

/** How a resolved case ended (OECD DDG Step 3 risk-management choices, plus a false positive). */
export type CaseOutcome = 'false-positive' | 'mitigated' | 'suspended' | 'disengaged';

/** One logged action on a case. */
export interface CaseEvent {
  readonly action: 'acknowledge' | 'assign' | 'resolve' | 'reopen';
  /** The DID that signed the case-action statement. */
  readonly by: string;
  /** The statement's time. */
  readonly at: string;
  /** The case-action statement's id (its receipt proves the action was logged). */
  readonly statement: string;
  readonly assignee?: string;
  readonly justification?: string;
  readonly outcome?: CaseOutcome;
}

/** A finding's case: its status now and every action, oldest first. */
export interface CaseState {
  readonly finding: string;
  readonly status: CaseStatus;
  readonly assignee?: string;
  readonly outcome?: CaseOutcome;
  readonly history: readonly CaseEvent[];
}

/** A finding as the node stored it when it evaluated the raising statement after its commit. */
export interface StoredFinding extends Finding {
  /** Position in the node's finding stream: the SSE event id and the webhook cursor. */
  readonly seq: number;
  /** Log index of the raising statement. */
  readonly index: number;
  /** The DID that signed the raising statement. */
  readonly issuer: string;
  /** When the node evaluated it (wall clock, RFC 3339). */
  readonly raisedAt: string;
}

/** A stored finding with its case, as the API serves it. */
export interface FindingView extends StoredFinding {
  readonly case: CaseState;
}

/** What streams and webhooks read findings from. */
export interface FindingSource {
  /** Findings with seq > `seq`, in seq order, at most `limit`. */
  since(seq: number, limit: number): FindingView[];
  /** The highest seq stored (0 when none). */
  latestSeq(): number;
  /** Called with each finding right after it is stored, in seq order; returns the unsubscribe. */
  subscribe(listener: (finding: FindingView) => void): () => void;
}
