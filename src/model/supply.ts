import type { CaseActionStatement } from './cases.js';
import type { TrustStatementBody } from './certificates.js';
import type { ElementContent } from './elements.js';
import type { FacilityKind } from './facility-kind.js';
import type { CrossBorderReceiptStatement, ProvenanceSummaryStatement } from './federation.js';

/**
 * Lodestone's canonical supply-chain statements (DESIGN.md §3, §5). The registration path parses each
 * credential once (interop) into one of these; custody, the stores and the API work only on them.
 * Quantities are integer grams; element content is integer parts per million of the batch's mass, so
 * element mass in micrograms is `grams × ppm`, exactly.
 */

/** What a registered party may do (DESIGN.md §3). */
export type Role =
  | 'operator'
  | 'registrar'
  | 'accreditor'
  | 'certifier'
  | 'producer'
  | 'auditor'
  | 'regulator'
  | 'witness';

export const ROLES: readonly Role[] = [
  'operator',
  'registrar',
  'accreditor',
  'certifier',
  'producer',
  'auditor',
  'regulator',
  'witness',
];

/** The alliance members (ISO 3166-1 alpha-3): Canada, the US, Germany, France, Italy, the UK, Japan. */
export const ALLIANCE_MEMBERS: readonly string[] = ['CAN', 'USA', 'DEU', 'FRA', 'ITA', 'GBR', 'JPN'];

/** An Ed25519 public key as RFC 8037 OKP JWK. */
export interface PublicJwk {
  readonly kty: 'OKP';
  readonly crv: 'Ed25519';
  readonly x: string;
}

/** A key bound to a DID, named by its DID URL (the JWS `kid`). */
export interface BoundKey {
  readonly kid: string;
  readonly jwk: PublicJwk;
}

/**
 * A registration of an organisation (UNTP `DigitalIdentityAnchor`): issued by the node operator or a
 * registrar. A later registration of the same subject replaces its name, roles and keys from `validFrom`
 * (that is how a registrar rotates keys or withdraws roles); keys it no longer lists are retired then.
 */
export interface IdentityRegistration {
  readonly kind: 'identity';
  /** The organisation's DID. */
  readonly subject: string;
  readonly legalName: string;
  readonly registeredId: string;
  /** The register the id comes from, e.g. `{ id: 'https://…/abn', name: 'Australian Business Number' }`. */
  readonly idScheme: { readonly id: string; readonly name: string };
  /** ISO 3166-1 alpha-3. */
  readonly country: string;
  readonly roles: readonly Role[];
  readonly keys: readonly BoundKey[];
  readonly validFrom: string;
}

/** An organisation adds a key of its own and may retire others (Lodestone extension `KeyRotation`). */
export interface KeyRotation {
  readonly kind: 'key-rotation';
  readonly subject: string;
  readonly add: readonly BoundKey[];
  readonly retire: readonly string[];
  readonly validFrom: string;
}

/**
 * A key is revoked (Lodestone extension `KeyRevocation`), by its organisation or a registrar: it signs
 * nothing dated at or after `revokedFrom`, and nothing new is registered with it at all.
 */
export interface KeyRevocation {
  readonly kind: 'key-revocation';
  readonly subject: string;
  readonly kid: string;
  readonly revokedFrom: string;
  readonly reason: string;
}

/** GeoJSON (RFC 7946) point and polygon, WGS 84 `[longitude, latitude]`. */
export interface GeoPoint {
  readonly type: 'Point';
  readonly coordinates: readonly [number, number];
}
export interface GeoPolygon {
  readonly type: 'Polygon';
  readonly coordinates: readonly (readonly (readonly [number, number])[])[];
}

/** A facility (UNTP `DigitalFacilityRecord`), registered by the organisation that operates it. */
export interface FacilityRecord {
  readonly kind: 'facility';
  /** The facility's URI. */
  readonly id: string;
  readonly name: string;
  /** The operating organisation's DID (the credential's issuer). */
  readonly operator: string;
  readonly facilityKind: FacilityKind;
  readonly country: string;
  readonly location: GeoPoint;
  /** Required for mines. */
  readonly boundary?: GeoPolygon;
  readonly processCategories: readonly string[];
  /** Nameplate capacity in grams of output per year. */
  readonly capacityGramsPerYear?: number;
  readonly validFrom: string;
}

/** How a new batch is described wherever one is created. */
export interface NewBatch {
  /** The batch's URI (an EPC class / GS1 Digital Link lot, or any URI the creator owns). */
  readonly id: string;
  /** Code from the materials vocabulary. */
  readonly material: string;
  readonly grams: number;
  readonly content: ElementContent;
}

/** ISO 22095 chain-of-custody models. */
export type CustodyModel =
  | 'identity-preserved'
  | 'segregated'
  | 'controlled-blending'
  | 'mass-balance'
  | 'book-and-claim';

export type ExtractionMethod = 'industrial' | 'artisanal';

export type ProcessKind =
  | 'concentrate'
  | 'leach'
  | 'refine'
  | 'precipitate'
  | 'calcine'
  | 'blend'
  | 'split'
  | 'recycle'
  | 'manufacture';

interface EventBase {
  /** The event's URI, unique within the log. */
  readonly id: string;
  /** When it happened (RFC 3339); key and role checks use the state at this time. */
  readonly time: string;
}

/** A mine commissions a new batch of what it extracted (EPCIS ObjectEvent ADD, bizStep commissioning). */
export interface ExtractEvent extends EventBase {
  readonly type: 'extract';
  readonly facility: string;
  readonly method: ExtractionMethod;
  readonly batch: NewBatch;
  readonly custodyModel: CustodyModel;
}

/**
 * A non-mine facility brings material of undeclared origin into custody (opening stock, purchases from
 * outside the system). Its origin is recorded as undeclared, never guessed.
 */
export interface CommissionEvent extends EventBase {
  readonly type: 'commission';
  readonly facility: string;
  readonly batch: NewBatch;
  readonly custodyModel: CustodyModel;
}

/**
 * The custodian dispatches a batch to a recipient (EPCIS ObjectEvent OBSERVE, bizStep shipping). Shipping
 * less than what remains splits it: the shipped part becomes batch `splitInto`.
 */
export interface ShipEvent extends EventBase {
  readonly type: 'ship';
  readonly batch: string;
  readonly grams: number;
  readonly splitInto?: string;
  /** The recipient's DID. */
  readonly to: string;
  readonly toFacility: string;
  readonly transportMode?: string;
  readonly expectedArrival?: string;
}

/** The recipient confirms arrival of a shipped batch, with the mass it weighed in. */
export interface ReceiveEvent extends EventBase {
  readonly type: 'receive';
  readonly batch: string;
  readonly facility: string;
  readonly grams: number;
}

/** Inputs consumed, outputs created (EPCIS TransformationEvent). */
export interface TransformEvent extends EventBase {
  readonly type: 'transform';
  readonly facility: string;
  readonly process: ProcessKind;
  readonly inputs: readonly { readonly batch: string; readonly grams: number }[];
  readonly outputs: readonly NewBatch[];
  /** Allowed excess of element mass out over in, in ppm of the input mass (measurement tolerance). */
  readonly tolerancePpm: number;
  readonly custodyModel: CustodyModel;
}

/** A measured composition of a batch. It is recorded and checked; it does not change the accounting. */
export interface AssayEvent extends EventBase {
  readonly type: 'assay';
  readonly batch: string;
  readonly content: ElementContent;
  /** A certificate backing the measurement (issue 4). */
  readonly certificate?: string;
}

/** Ownership changes hands (EPCIS TransactionEvent); custody does not. */
export interface TradeEvent extends EventBase {
  readonly type: 'trade';
  readonly batch: string;
  /** The buyer's DID. */
  readonly buyer: string;
  /** Decimal string, exact. */
  readonly price?: { readonly amount: string; readonly currency: string };
  readonly incoterm?: string;
}

export type CustodyEvent =
  | ExtractEvent
  | CommissionEvent
  | ShipEvent
  | ReceiveEvent
  | TransformEvent
  | AssayEvent
  | TradeEvent;

export type CustodyEventType = CustodyEvent['type'];

/** A `DigitalTraceabilityEvent` credential: one or more events, applied in order, all or none. */
export interface CustodyStatement {
  readonly kind: 'custody';
  readonly events: readonly CustodyEvent[];
}

/** A credential Lodestone registers without modelling it (product passports, …). */
export interface OpaqueStatement {
  readonly kind: 'opaque';
  readonly types: readonly string[];
}

export type SupplyStatementBody =
  | IdentityRegistration
  | KeyRotation
  | KeyRevocation
  | FacilityRecord
  | CustodyStatement
  | TrustStatementBody
  | CaseActionStatement
  | ProvenanceSummaryStatement
  | CrossBorderReceiptStatement
  | OpaqueStatement;

/** A parsed statement with what the envelope says about it. */
export interface SupplyStatement {
  /** The issuer's DID (the credential's `issuer.id`; the JWS kid must be one of its keys). */
  readonly issuer: string;
  /** The JWS `kid`. */
  readonly kid: string;
  /** The credential's `id`. */
  readonly credentialId: string;
  /** The time the statement speaks for: its event time, or `validFrom`. Checks use state at this time. */
  readonly time: string;
  readonly body: SupplyStatementBody;
}
