/** The checks of a certificate verification, in the order they run (DESIGN.md §6). */
export type CheckName =
  | 'format'
  | 'signature'
  | 'issuer'
  | 'accreditation'
  | 'scope'
  | 'validity'
  | 'status'
  | 'subject';

/** `skip`: could not be evaluated because an earlier check it depends on failed. */
export type CheckStatus = 'pass' | 'fail' | 'skip';

/** One check: its outcome, why, and the facts it used (ids, times, list entries). */
export interface Check {
  readonly check: CheckName;
  readonly status: CheckStatus;
  readonly reason: string;
  readonly evidence: Readonly<Record<string, unknown>>;
}

/** A structured verdict: one entry per check, never a bare boolean. `verified` when none failed. */
export interface VerificationResult {
  readonly verified: boolean;
  /** The time the certificate was judged at (RFC 3339). */
  readonly at: string;
  readonly credential: {
    readonly id: string;
    readonly issuer: string;
    readonly validFrom?: string;
    readonly validUntil?: string;
    readonly scheme?: string;
  };
  readonly checks: readonly Check[];
}

export function pass(check: CheckName, reason: string, evidence: Record<string, unknown> = {}): Check {
  return { check, status: 'pass', reason, evidence };
}

export function fail(check: CheckName, reason: string, evidence: Record<string, unknown> = {}): Check {
  return { check, status: 'fail', reason, evidence };
}

export function skip(check: CheckName, reason: string): Check {
  return { check, status: 'skip', reason, evidence: {} };
}
