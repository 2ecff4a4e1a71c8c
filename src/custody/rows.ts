import type {
  BoundKey,
  CustodyEvent,
  CustodyModel,
  ElementContent,
  ElementSymbol,
  FacilityRecord,
  Role,
} from '../model/index.js';

/**
 * The derived state the ledger produces, as rows. Applying a statement returns every row it created or
 * changed, complete (an upsert, never a patch), so a store can write them in the same transaction as the
 * statement's log entry, and a replay of the log produces the same rows byte for byte.
 * Masses in rows are decimal strings of micrograms (they exceed 2^53); quantities are integer grams.
 */

/** An organisation as the identity registry knows it now. */
export interface OrganizationRow {
  readonly did: string;
  readonly legalName: string;
  readonly registeredId: string;
  readonly idScheme: { readonly id: string; readonly name: string };
  readonly country: string;
  /** Roles held now (after the latest registration). */
  readonly roles: readonly Role[];
  /** Who registered it (operator or registrar DID) and in which statement, last. */
  readonly registeredBy: string;
  readonly statement: string;
  readonly validFrom: string;
}

/** A key and its life: usable for events dated in [activeFrom, retiredFrom ∧ revokedFrom). */
export interface KeyRow extends BoundKey {
  readonly did: string;
  readonly activeFrom: string;
  readonly retiredFrom?: string;
  readonly revokedFrom?: string;
}

/** A facility as last registered by its operator, with the registering statement. */
export interface FacilityRow extends Omit<FacilityRecord, 'kind'> {
  readonly statement: string;
}

/**
 * Where a batch's element mass came from: an extraction at a mine (industrial or artisanal), or
 * material brought into custody with undeclared origin at some facility.
 */
export interface OriginKey {
  readonly facility: string;
  readonly method: 'industrial' | 'artisanal' | 'undeclared';
}

/** Per element: micrograms by origin, keyed `"<method> <facility>"`, sorted by key. Sums to the element mass. */
export type Composition = Readonly<
  Partial<Record<ElementSymbol, readonly (readonly [origin: string, micrograms: string])[]>>
>;

/** `active`: held at a facility; `in-transit`: shipped, not yet received; `consumed`: nothing remains. */
export type BatchStatus = 'active' | 'in-transit' | 'consumed';

/** A batch (lot): what it is, how much remains, who holds and owns it, where it came from. */
export interface BatchRow {
  readonly id: string;
  readonly material: string;
  readonly createdGrams: number;
  /** What is left to ship or consume; 0 once consumed. */
  readonly remainingGrams: number;
  readonly content: ElementContent;
  readonly status: BatchStatus;
  /** Who holds it physically (the last receiver; the shipper while in transit). */
  readonly custodian: string;
  /** Who owns it (changes by trade). */
  readonly owner: string;
  /** Where it is (or was shipped from, while in transit). */
  readonly facility: string;
  readonly inTransit?: { readonly to: string; readonly toFacility: string; readonly grams: number };
  readonly custodyModel: CustodyModel;
  /** The statement and event time that created it. */
  readonly createdBy: string;
  readonly createdAt: string;
  /** Its composition when created: fixed, so a trace reads it and never recomputes upstream. */
  readonly composition: Composition;
}

/** One event of a custody statement, with every batch it touched. */
export interface EventRow {
  readonly statement: string;
  /** Position of the event within its statement. */
  readonly seq: number;
  readonly event: CustodyEvent;
  readonly actor: string;
  readonly batches: readonly string[];
}

/** Element mass that flowed from one batch into another (a transform input → output, or a split). */
export interface EdgeRow {
  readonly from: string;
  readonly to: string;
  readonly statement: string;
  readonly grams: number;
  /** Micrograms per element, decimal strings. */
  readonly elements: Readonly<Partial<Record<ElementSymbol, string>>>;
}

/** Every row one statement created or changed; events and edges are always new. */
export interface LedgerEffects {
  readonly organizations: readonly OrganizationRow[];
  readonly keys: readonly KeyRow[];
  readonly facilities: readonly FacilityRow[];
  readonly batches: readonly BatchRow[];
  readonly events: readonly EventRow[];
  readonly edges: readonly EdgeRow[];
}
