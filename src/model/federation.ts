import type { ElementContent, ElementSymbol } from './elements.js';
import type { FacilityKind } from './facility-kind.js';

/**
 * Cross-border custody (DESIGN.md §8): a batch shipped from one member nation's node to another's. The
 * origin node's operator states what the batch is and where it came from (Lodestone `ProvenanceSummary`);
 * the receiving organisation then records its arrival on the destination node with the origin log's
 * proofs of the shipment and of the summary (Lodestone `CrossBorderReceipt`). Whether those proofs verify,
 * and who may issue either statement, is the service's check, not the model's.
 */

/**
 * Per element: `[origin key, micrograms]` pairs, as custody's composition of a batch. The key reads
 * `"<industrial|artisanal|undeclared> <facility URI>"`; micrograms are a decimal digit string (exact).
 */
export type SummaryComposition = Readonly<
  Partial<Record<ElementSymbol, readonly (readonly [origin: string, micrograms: string])[]>>
>;

/** Facts about one origin facility of a summarised batch, for the receiving nation. */
export interface SummaryOrigin {
  /** The facility's URI. */
  readonly facility: string;
  readonly name: string;
  /** ISO 3166-1 alpha-3. */
  readonly country: string;
  readonly facilityKind: FacilityKind;
}

/** Most origin facilities one provenance summary lists. */
export const MAX_SUMMARY_ORIGINS = 1000;
/** Most elements one provenance summary's composition lists. */
export const MAX_SUMMARY_ELEMENTS = 100;
/** Most `[origin, micrograms]` pairs per element of a provenance summary's composition. */
export const MAX_SUMMARY_PAIRS = 1000;
/** Most digits of a micrograms figure in a provenance summary's composition. */
export const MAX_MICROGRAMS_DIGITS = 30;

/**
 * What a node operator states about a batch leaving its nation (Lodestone `ProvenanceSummary`): the
 * batch as its origin log knows it, its composition by origin, and the origin facilities' facts.
 */
export interface ProvenanceSummaryStatement {
  readonly kind: 'provenance-summary';
  /** The batch URI (as on the origin log). */
  readonly batch: string;
  /** Code from the materials vocabulary. */
  readonly material: string;
  /** A positive safe integer. */
  readonly grams: number;
  readonly content: ElementContent;
  readonly composition: SummaryComposition;
  /** Facts about each declared origin facility, for the receiving nation. */
  readonly origins: readonly SummaryOrigin[];
  /** The statement id (64 lowercase hex) on the origin log that shipped the batch. */
  readonly shipment: string;
}

/** A statement registered on another nation's log, with its receipt there. */
export interface ForeignProof {
  /** The statement as registered: a compact JWS. */
  readonly statement: string;
  /** Its receipt on the origin log: a JSON object, verified by the service, not the parser. */
  readonly receipt: unknown;
}

/** Most characters of a compact JWS carried in a cross-border receipt. */
export const MAX_FOREIGN_JWS_LENGTH = 262_144;

/**
 * The receiving organisation records the arrival of a batch shipped from another nation's log
 * (Lodestone `CrossBorderReceipt`), with the origin log's proofs of the shipment and of its summary.
 */
export interface CrossBorderReceiptStatement {
  readonly kind: 'cross-border-receipt';
  /** This receipt event's id (URI), unique on this log. */
  readonly id: string;
  /** When the batch arrived (RFC 3339); the statement's time. */
  readonly time: string;
  /** The arrival facility (URI), on this node, operated by the issuer. */
  readonly facility: string;
  /** The batch URI (the one shipped on the origin log). */
  readonly batch: string;
  /** The origin log's origin line (e.g. `lodestone.local/federation/can`). */
  readonly origin: string;
  /** The ship statement on the origin log, and the id (URI) of its ship event for this batch. */
  readonly shipment: ForeignProof & { readonly event: string };
  /** The provenance summary on the origin log. */
  readonly summary: ForeignProof;
}
