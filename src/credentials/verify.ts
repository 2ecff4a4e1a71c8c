import type { Check, VerificationResult } from './result.js';
import { ms } from './time.js';
import {
  accreditationChecks,
  type CertificateCredential,
  type CheckContext,
  issuerCheck,
  signatureCheck,
  statusCheck,
  subjectCheck,
  validityCheck,
} from './verify-checks.js';
import type { TrustView } from './view.js';

/**
 * Verify a certificate (DESIGN.md §6): a pure function of the credential, a trust view and a clock.
 * Every check runs and reports pass or fail with its reason and evidence; the scope is skipped when no
 * accreditation chain holds. Issuance is the certificate's `validFrom`: the issuer's key, role and
 * accreditation are judged then; validity, status, withdrawal and the trust list also at `at`.
 * @param at RFC 3339: the time to judge at (now, or an "as of" date)
 */
export function verifyCertificate(
  cred: CertificateCredential,
  view: TrustView,
  at: string,
): VerificationResult {
  const { body, credentialId, issuer } = cred.statement;
  const ctx: CheckContext = { cred, view, issuedMs: ms(body.validFrom), nowMs: ms(at) };
  const checks: Check[] = [
    signatureCheck(ctx),
    issuerCheck(ctx),
    ...accreditationChecks(ctx),
    validityCheck(ctx),
    statusCheck(ctx),
    subjectCheck(ctx),
  ];
  return {
    verified: checks.every((c) => c.status !== 'fail'),
    at,
    credential: {
      id: credentialId,
      issuer,
      validFrom: body.validFrom,
      ...(body.validUntil !== undefined && { validUntil: body.validUntil }),
      scheme: body.scheme.id,
    },
    checks,
  };
}
