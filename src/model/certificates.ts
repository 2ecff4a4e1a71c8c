import type { ElementSymbol } from './elements.js';
import type { FacilityKind } from './facility-kind.js';

/**
 * Lodestone's canonical certificate and trust statements (DESIGN.md §6). Certificates are UNTP 0.6.1
 * `DigitalConformityCredential`s; the trust registry (trust list, accreditations and their status) is
 * made of Lodestone extension credentials; revocation and suspension are W3C Bitstring Status Lists.
 * Every one is a logged statement, so the trust state at any past time can be reconstructed.
 */

/** UNTP 0.6.1 `conformityTopic` codes. */
export type ConformityTopic =
  | 'environment.energy'
  | 'environment.emissions'
  | 'environment.water'
  | 'environment.waste'
  | 'environment.deforestation'
  | 'environment.biodiversity'
  | 'circularity.content'
  | 'circularity.design'
  | 'social.labour'
  | 'social.rights'
  | 'social.community'
  | 'social.safety'
  | 'governance.ethics'
  | 'governance.compliance'
  | 'governance.transparency';

export const CONFORMITY_TOPICS: readonly ConformityTopic[] = [
  'environment.energy',
  'environment.emissions',
  'environment.water',
  'environment.waste',
  'environment.deforestation',
  'environment.biodiversity',
  'circularity.content',
  'circularity.design',
  'social.labour',
  'social.rights',
  'social.community',
  'social.safety',
  'governance.ethics',
  'governance.compliance',
  'governance.transparency',
];

/** UNTP 0.6.1 `attestationType` codes. */
export type AttestationType =
  | 'certification'
  | 'declaration'
  | 'inspection'
  | 'testing'
  | 'verification'
  | 'validation'
  | 'calibration';

export const ATTESTATION_TYPES: readonly AttestationType[] = [
  'certification',
  'declaration',
  'inspection',
  'testing',
  'verification',
  'validation',
  'calibration',
];

/** An accreditation body a member nation names on the alliance trust list. */
export interface TrustedBody {
  /** The body's DID. */
  readonly did: string;
  readonly name: string;
  /** ISO 3166-1 alpha-3 of the member nation; one of `ALLIANCE_MEMBERS`. */
  readonly country: string;
}

/**
 * The alliance trust list (Lodestone extension `TrustList`), issued by the node operator. A later list
 * replaces the whole list from its `validFrom`: a body left off is no longer trusted from then on.
 */
export interface TrustListStatement {
  readonly kind: 'trust-list';
  readonly bodies: readonly TrustedBody[];
  readonly validFrom: string;
}

/** What an accreditation covers. A certificate is in scope when every part of it is listed here. */
export interface AccreditationScope {
  /** Conformity scheme URIs (a DCC's `credentialSubject.scope.id`). */
  readonly schemes: readonly string[];
  readonly topics: readonly ConformityTopic[];
  /** Elements the holder may certify for (a certificate's minerals, or a batch's tracked elements). */
  readonly minerals: readonly ElementSymbol[];
  /** Kinds of facility the holder may assess. */
  readonly facilityKinds: readonly FacilityKind[];
}

/**
 * An accreditation body accredits a certifier or lab for a scope and a validity window (Lodestone
 * extension `Accreditation`). Its id is the credential id.
 */
export interface AccreditationStatement {
  readonly kind: 'accreditation';
  /** The accredited certifier's or lab's DID. */
  readonly holder: string;
  readonly scope: AccreditationScope;
  readonly validFrom: string;
  readonly validUntil: string;
}

/** What an accreditation body may do to an accreditation it issued. Withdrawal is final. */
export type AccreditationStatus = 'active' | 'suspended' | 'withdrawn';

/** An accreditation is suspended, reinstated or withdrawn from `validFrom` (Lodestone `AccreditationStatusChange`). */
export interface AccreditationStatusStatement {
  readonly kind: 'accreditation-status';
  /** The accreditation's credential id. */
  readonly accreditation: string;
  readonly status: AccreditationStatus;
  readonly reason: string;
  readonly validFrom: string;
}

/** What a certificate is about. */
export interface CertificateSubject {
  readonly kind: 'facility' | 'organization' | 'batch';
  /** Facility URI, organisation DID, or batch URI. */
  readonly id: string;
}

/** A measured or declared value (UNTP `Metric`): `unit` is a UNECE Rec 20 code. */
export interface Metric {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
}

/** One assessment of a certificate (UNTP `ConformityAssessment`). */
export interface Assessment {
  readonly id: string;
  readonly topic: ConformityTopic;
  readonly conformance: boolean;
  /** Criterion ids (UNTP `assessmentCriteria[].id`). */
  readonly criteria: readonly string[];
  readonly subjects: readonly CertificateSubject[];
  /** Elements assessed (Lodestone extension term `minerals`); empty when not stated. */
  readonly minerals: readonly ElementSymbol[];
  readonly metrics: readonly Metric[];
}

/** Bitstring Status List purposes Lodestone uses (W3C Bitstring Status List v1.0 §2.1). */
export type StatusPurpose = 'revocation' | 'suspension';

/** A `BitstringStatusListEntry` of a certificate. */
export interface StatusEntry {
  readonly purpose: StatusPurpose;
  /** The status list credential's URL (its `id`). */
  readonly list: string;
  readonly index: number;
}

/** A certificate: a UNTP 0.6.1 `DigitalConformityCredential`, issued by a certifier or lab. */
export interface CertificateStatement {
  readonly kind: 'certificate';
  /** `credentialSubject.id`: the attestation's URI. */
  readonly attestation: string;
  readonly name: string;
  readonly attestationType: AttestationType;
  /** `credentialSubject.scope`: the conformity scheme. */
  readonly scheme: { readonly id: string; readonly name: string };
  /** `issuedToParty.id`. */
  readonly issuedTo: string;
  readonly assessments: readonly Assessment[];
  readonly validFrom: string;
  readonly validUntil?: string;
  readonly status: readonly StatusEntry[];
}

/**
 * A version of a status list (W3C `BitstringStatusListCredential`), published by the certifier that
 * uses it. Each version is a statement; the latest one valid at a time gives the status then.
 */
export interface StatusListStatement {
  readonly kind: 'status-list';
  readonly purpose: StatusPurpose;
  /** Multibase (`u`, base64url, no padding) of the GZIP-compressed bitstring. */
  readonly encodedList: string;
  readonly validFrom: string;
}

export type TrustStatementBody =
  | TrustListStatement
  | AccreditationStatement
  | AccreditationStatusStatement
  | CertificateStatement
  | StatusListStatement;

/**
 * A conformity claim made in a product passport or a facility record (UNTP `Claim`), as the claims
 * check reads it: it counts as verified only when a trusted certificate assesses the same subject,
 * topic and criterion with conformance true.
 */
export interface ConformityClaim {
  /** The claim's id (UNTP `Claim.id`). */
  readonly id: string;
  /** The product (batch) or facility the claim is about. */
  readonly subject: CertificateSubject;
  readonly topic: ConformityTopic;
  /** What the claimant declares (UNTP `conformance`). */
  readonly conformance: boolean;
  /** Criterion ids; a claim without criteria is checked on subject and topic alone. */
  readonly criteria: readonly string[];
}
