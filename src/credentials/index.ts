/**
 * Certificates and trust (DESIGN.md §6), pure: the trust registry as a function of logged statements
 * (alliance trust list, accreditations, certificates, W3C Bitstring Status Lists), structured
 * certificate verification against a trust view and a clock, certification status "as of" a time, and
 * the claims check across credentials. No store, no HTTP, no clock of its own.
 * @module credentials
 */

export { type CertificationFilter, type CertificationStatus, certificationOf } from './certified.js';
export { type ClaimResult, type ClaimStatus, type CriterionStatus, checkClaims } from './claims.js';
export { DataDirectory, type DirectoryData, type OrganizationData, trustView } from './directory-data.js';
export { CredentialsError, type CredentialsErrorCode } from './errors.js';
export {
  type Check,
  type CheckName,
  type CheckStatus,
  fail,
  pass,
  type VerificationResult,
} from './result.js';
export { MIN_STATUS_LIST_BITS, StatusBitstring } from './status-list.js';
export { MAX_BACKDATE_MS } from './time.js';
export { TrustBook, type TrustEntry } from './trust-book.js';
export { verifyCertificate } from './verify.js';
export { type CertificateCredential, subjectsOf } from './verify-checks.js';
export type {
  AccreditationChange,
  AccreditationRecord,
  BatchFacts,
  CertificateRecord,
  Directory,
  FacilityFacts,
  KeyFacts,
  LoggedAt,
  OrganizationFacts,
  StatusListRecord,
  StatusListVersion,
  TrustHistory,
  TrustListVersion,
  TrustView,
} from './view.js';
