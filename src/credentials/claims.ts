import type { ConformityClaim } from '../model/index.js';
import { ms } from './time.js';
import type { TrustBook } from './trust-book.js';
import { verifyCertificate } from './verify.js';
import type { TrustView } from './view.js';

/** `verified`: every criterion (or, without criteria, the topic) is backed by a trusted certificate. */
export type ClaimStatus = 'verified' | 'partially-verified' | 'unverified';

export interface CriterionStatus {
  readonly criterion: string;
  readonly verified: boolean;
  /** The certificate that backs it. */
  readonly certificate?: string;
}

export interface ClaimResult {
  readonly claim: ConformityClaim;
  readonly status: ClaimStatus;
  readonly reason: string;
  readonly criteria: readonly CriterionStatus[];
  /** Certificates that back the claim (trusted at the time checked). */
  readonly certificates: readonly string[];
}

/**
 * The claims check across credentials (UNTP tier-3 style): a claim counts as verified only when a
 * certificate that verifies at `at` assesses the same subject and topic — and each of the claim's
 * criteria — with conformance true.
 */
export function checkClaims(
  claims: readonly ConformityClaim[],
  book: TrustBook,
  view: TrustView,
  at: string,
): ClaimResult[] {
  return claims.map((claim) => checkClaim(claim, book, view, at));
}

function checkClaim(claim: ConformityClaim, book: TrustBook, view: TrustView, at: string): ClaimResult {
  const atMs = ms(at);
  // Trusted certificates with a conforming assessment of this subject and topic: the criteria they cover.
  const backing: { id: string; criteria: ReadonlySet<string> }[] = [];
  for (const c of book.certificatesAbout(claim.subject.id)) {
    if (ms(c.registered) > atMs) continue;
    const assessments = c.credential.body.assessments.filter(
      (a) => a.conformance && a.topic === claim.topic && a.subjects.some((s) => s.id === claim.subject.id),
    );
    if (assessments.length === 0) continue;
    if (!verifyCertificate({ statement: c.credential, logged: c }, view, at).verified) continue;
    backing.push({
      id: c.credential.credentialId,
      criteria: new Set(assessments.flatMap((a) => a.criteria)),
    });
  }
  if (claim.criteria.length === 0) {
    const [first] = backing;
    return first === undefined
      ? result(
          claim,
          'unverified',
          `no trusted certificate assesses ${claim.subject.id} for ${claim.topic}`,
          [],
          [],
        )
      : result(
          claim,
          'verified',
          `backed by ${first.id}`,
          [],
          backing.map((b) => b.id),
        );
  }
  const criteria = claim.criteria.map((criterion): CriterionStatus => {
    const by = backing.find((b) => b.criteria.has(criterion));
    return by === undefined
      ? { criterion, verified: false }
      : { criterion, verified: true, certificate: by.id };
  });
  const verified = criteria.filter((c) => c.verified).length;
  const certificates = [
    ...new Set(criteria.flatMap((c) => (c.certificate === undefined ? [] : [c.certificate]))),
  ];
  if (verified === criteria.length)
    return result(
      claim,
      'verified',
      'every criterion is backed by a trusted certificate',
      criteria,
      certificates,
    );
  const missing = criteria.filter((c) => !c.verified).map((c) => c.criterion);
  return result(
    claim,
    verified === 0 ? 'unverified' : 'partially-verified',
    `no trusted certificate assesses ${missing.join(', ')} for ${claim.subject.id}`,
    criteria,
    certificates,
  );
}

function result(
  claim: ConformityClaim,
  status: ClaimStatus,
  reason: string,
  criteria: readonly CriterionStatus[],
  certificates: readonly string[],
): ClaimResult {
  return { claim, status, reason, criteria, certificates };
}
