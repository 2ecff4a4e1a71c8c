import type {
  AccreditationScope,
  AccreditationStatus,
  CertificateStatement,
  ElementSymbol,
  FacilityKind,
  PublicJwk,
  Role,
  StatusPurpose,
  SupplyStatement,
  TrustedBody,
} from '../model/index.js';
import type { StatusBitstring } from './status-list.js';

/**
 * What verification reads (DESIGN.md §6): the identity registry and the subjects certificates are
 * about (the directory), and the trust registry's history. Two things implement it: a live node (its
 * ledger and {@link TrustBook}) and an exported trust bundle, so a verdict online and offline is the
 * same function of the same facts.
 */

/** A key bound to a DID and its life (RFC 3339 times). */
export interface KeyFacts {
  readonly kid: string;
  readonly did: string;
  readonly jwk: PublicJwk;
  readonly activeFrom: string;
  readonly retiredFrom?: string;
  readonly revokedFrom?: string;
}

export interface OrganizationFacts {
  readonly did: string;
  readonly legalName: string;
  readonly country: string;
}

export interface FacilityFacts {
  readonly id: string;
  readonly name: string;
  readonly operator: string;
  readonly facilityKind: FacilityKind;
  readonly country: string;
}

export interface BatchFacts {
  readonly id: string;
  readonly material: string;
  /** Elements with mass in the batch. */
  readonly elements: readonly ElementSymbol[];
}

/** The identity registry and the subjects, as the credentials module sees them. */
export interface Directory {
  /** The node operator's DID: holds every role. */
  readonly operator: string;
  key(kid: string): KeyFacts | undefined;
  organization(did: string): OrganizationFacts | undefined;
  /** Whether `did` held `role` at `atMs`. */
  hasRole(did: string, role: Role, atMs: number): boolean;
  facility(id: string): FacilityFacts | undefined;
  batch(id: string): BatchFacts | undefined;
}

/** Where a trust statement sits in the log. */
export interface LoggedAt {
  /** Statement id (hex SHA-256 of the JWS). */
  readonly statement: string;
  readonly registered: string;
}

/** A version of the alliance trust list, in force from `validFrom` until the next version. */
export interface TrustListVersion extends LoggedAt {
  readonly validFrom: string;
  readonly fromMs: number;
  readonly issuer: string;
  readonly bodies: readonly TrustedBody[];
}

/** An accreditation status from `validFrom` on. */
export interface AccreditationChange extends LoggedAt {
  readonly status: AccreditationStatus;
  readonly reason: string;
  readonly validFrom: string;
  readonly fromMs: number;
}

/** An accreditation with its status history (`changes` sorted by time; none: active throughout). */
export interface AccreditationRecord extends LoggedAt {
  readonly id: string;
  /** The accreditation body's DID (the credential issuer). */
  readonly body: string;
  readonly holder: string;
  readonly scope: AccreditationScope;
  readonly validFrom: string;
  readonly validUntil: string;
  readonly fromMs: number;
  readonly untilMs: number;
  readonly changes: readonly AccreditationChange[];
}

/** A version of a status list, in force from `validFrom` until the next version. */
export interface StatusListVersion extends LoggedAt {
  readonly validFrom: string;
  readonly fromMs: number;
  readonly bits: StatusBitstring;
  /** The credential as published (its JWS), served at `/v1/status-lists/{id}`. */
  readonly jws: string;
}

export interface StatusListRecord {
  readonly id: string;
  readonly issuer: string;
  readonly purpose: StatusPurpose;
  /** Sorted by `fromMs`. */
  readonly versions: readonly StatusListVersion[];
}

/** A registered certificate. */
export interface CertificateRecord extends LoggedAt {
  readonly statement: string;
  readonly credential: SupplyStatement & { readonly body: CertificateStatement };
  readonly jws: string;
}

/** The trust registry's history. */
export interface TrustHistory {
  /** Sorted by `fromMs`. */
  trustLists(): readonly TrustListVersion[];
  accreditationsOf(holder: string): readonly AccreditationRecord[];
  accreditation(id: string): AccreditationRecord | undefined;
  statusList(id: string): StatusListRecord | undefined;
}

/** Everything a verification reads. */
export interface TrustView extends Directory, TrustHistory {}
