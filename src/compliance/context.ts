import type { BatchRow, FacilityRow, OrganizationRow } from '../custody/index.js';
import type { ConformityTopic } from '../model/index.js';

/**
 * Everything a rule needs beyond the statement itself, as questions. The service answers them from the
 * ledger, the trust book and the reference lists; tests answer them from tables. Keeping the world behind
 * this interface is what keeps {@link evaluateStatement} pure: the same input and answers give the same
 * findings, which is what lets an auditor replay the log under a new rule set.
 *
 * Every answer must describe the state as of the statement's registration (the statement itself applied),
 * never a later state: a replay must see what the live evaluation saw.
 */
export interface ComplianceContext {
  /** A facility as registered (rows in the statement's own effects take precedence). */
  facility(id: string): FacilityRow | undefined;
  /** A batch as it is (rows in the statement's own effects take precedence). */
  batch(id: string): BatchRow | undefined;
  /** An organisation as registered, for its legal name and country. */
  organization(did: string): OrganizationRow | undefined;
  /**
   * The sub-national area a facility lies in (ISO 3166-2 code or the name the area list uses), when known.
   * Optional: without it, areas are matched at country level only.
   */
  regionOf?(facility: FacilityRow): string | undefined;
  /** Whether a country (and region) is on the conflict-affected and high-risk area list at `at`. */
  areaRiskAt(country: string, region: string | undefined, at: string): AreaRisk;
  /** The best sanctions-list match for a name (and country), or undefined when nothing scores. */
  sanctionsMatch(name: string, country?: string): SanctionsMatch | undefined;
  /** Whether some trusted certificate of `topic` covered the facility at `at` (DESIGN.md §6). */
  certifiedAt(facility: string, topic: ConformityTopic, at: string): boolean;
  /** Certificates about the facility that are revoked at `at` (the revocation dated at or before it). */
  revokedCertificatesAt(facility: string, at: string): readonly RevokedCertificate[];
  /**
   * The latest shipment of the batch dated at or before `before`, this statement's own included (a ship
   * and its receive may share a statement): what a receive is timed against.
   */
  lastShipment(batch: string, before: string): ShipmentRecord | undefined;
  /** Shipments by `party` (the shipper) with event time in [since, until], registered before this statement. */
  recentShipments(party: string, since: string, until: string): readonly ShipmentRecord[];
}

/** The area list's answer for one place and time. */
export interface AreaRisk {
  readonly listed: boolean;
  /** The list entry that matched, for the evidence. */
  readonly entry?: {
    readonly id: string;
    readonly country: string;
    readonly region?: string;
    readonly name?: string;
    readonly source: string;
    readonly validFrom?: string;
    readonly validUntil?: string;
  };
}

/** A sanctions-list match and how its score came about. */
export interface SanctionsMatch {
  /** 0 (nothing in common) to 1 (the same name after normalisation). */
  readonly score: number;
  /** Human-readable: which tokens matched, after which normalisations. */
  readonly explanation: string;
  readonly entry: {
    readonly id: string;
    readonly name: string;
    readonly list: string;
    readonly country?: string;
  };
}

/** A certificate that was revoked, and by which status list statement. */
export interface RevokedCertificate {
  /** The certificate's credential id. */
  readonly certificate: string;
  /** The statement that registered the certificate. */
  readonly statement: string;
  /** The status list statement that revoked it, when known. */
  readonly revokedBy?: string;
  readonly revokedAt: string;
}

/** One logged ship event. */
export interface ShipmentRecord {
  readonly statement: string;
  /** The ship event's id. */
  readonly event: string;
  /** The batch that travelled (the split part when the shipment split a batch). */
  readonly batch: string;
  /** The shipper (the issuer of the ship statement). */
  readonly shipper: string;
  readonly grams: number;
  readonly time: string;
  readonly fromFacility: string;
  readonly toFacility: string;
  readonly transportMode?: string;
}
