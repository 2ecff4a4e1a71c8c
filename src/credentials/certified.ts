import type { ConformityTopic } from '../model/index.js';
import type { VerificationResult } from './result.js';
import { ms } from './time.js';
import type { TrustBook } from './trust-book.js';
import { verifyCertificate } from './verify.js';
import type { CertificateRecord, TrustView } from './view.js';

/** Which certificates count: of a scheme and/or topic (any when absent). */
export interface CertificationFilter {
  readonly scheme?: string;
  readonly topic?: ConformityTopic;
}

/** A subject's certificates as known at a time, each with its verdict then. */
export interface CertificationStatus {
  readonly subject: string;
  readonly at: string;
  /** Some certificate of the filter assesses the subject with conformance true and verifies at `at`. */
  readonly certified: boolean;
  readonly certificates: readonly {
    readonly id: string;
    readonly scheme: string;
    readonly result: VerificationResult;
  }[];
}

/**
 * The certification of a facility, organisation or batch at `at` (DESIGN.md §6, issue 4 §5): only
 * certificates registered by then count, each judged as of then, so a later revocation changes what is
 * reported from its time on and never what was reported for an earlier time.
 */
export function certificationOf(
  subject: string,
  book: TrustBook,
  view: TrustView,
  at: string,
  filter: CertificationFilter = {},
): CertificationStatus {
  const atMs = ms(at);
  const certificates = book
    .certificatesAbout(subject)
    .filter((c) => ms(c.registered) <= atMs && matches(c, subject, filter))
    .map((c) => ({
      id: c.credential.credentialId,
      scheme: c.credential.body.scheme.id,
      result: verifyCertificate({ statement: c.credential, logged: c }, view, at),
    }));
  return { subject, at, certified: certificates.some((c) => c.result.verified), certificates };
}

/** The certificate has an assessment of the subject, with conformance true, of the filter's topic and scheme. */
function matches(c: CertificateRecord, subject: string, filter: CertificationFilter): boolean {
  const { body } = c.credential;
  if (filter.scheme !== undefined && body.scheme.id !== filter.scheme) return false;
  return body.assessments.some(
    (a) =>
      a.conformance &&
      (filter.topic === undefined || a.topic === filter.topic) &&
      a.subjects.some((s) => s.id === subject),
  );
}
