import type {
  CustodyEvent,
  CustodyModel,
  ElementContent,
  ExtractionMethod,
  ProcessKind,
} from '../../model/index.js';

/** A registered custody event with what the log says about it, ready for export. */
export interface ExportedEvent {
  readonly event: CustodyEvent;
  /** The DID of the organisation that signed the statement. */
  readonly actor: string;
  /** The statement id (lowercase hex SHA-256) the event was registered in. */
  readonly statement: string;
  /** When the log registered it (RFC 3339): EPCIS `recordTime`. */
  readonly recordTime: string;
}

export interface ExportOptions {
  /** RFC 3339 time the document is created. */
  readonly creationDate: string;
  readonly sender?: string;
  readonly receiver?: string;
}

/** An EPCIS 2.0 event as JSON: the standard fields, plus `lodestone:` extension fields. */
export interface EpcisEvent {
  readonly type: string;
  readonly eventTime: string;
  readonly eventTimeZoneOffset: string;
  readonly [field: string]: unknown;
}

/** An EPCIS 2.0 `EPCISDocument` as Lodestone writes it (JSON-LD). */
export interface EpcisDocument {
  readonly '@context': readonly [string, { readonly lodestone: string }];
  readonly type: 'EPCISDocument';
  readonly schemaVersion: '2.0';
  readonly creationDate: string;
  readonly sender?: string;
  readonly receiver?: string;
  readonly epcisBody: { readonly eventList: readonly EpcisEvent[] };
}

/**
 * Facts EPCIS cannot carry, used for an imported event that does not state them in `lodestone:` fields.
 * Never used for an assay's content: a measurement is not defaulted.
 */
export interface ImportDefaults {
  /** Material code (materials vocabulary) of created batches. */
  readonly material?: string;
  /** Element content of created batches. */
  readonly content?: ElementContent;
  /** Facility (URI) of an event without `bizLocation`. */
  readonly facility?: string;
  readonly process?: ProcessKind;
  /** Transform tolerance; without it (and without `lodestone:tolerancePpm`) it is 0, the strictest. */
  readonly tolerancePpm?: number;
  readonly custodyModel?: CustodyModel;
  readonly extractionMethod?: ExtractionMethod;
}

export interface ImportOptions {
  /** Which facilities are mines: a commissioning there is an `extract`, elsewhere a `commission`. */
  readonly mines?: ReadonlySet<string> | ((facility: string) => boolean);
  readonly defaults?: ImportDefaults;
}

/** Why an EPCIS event has no canonical counterpart. */
export type SkipCode =
  /** AggregationEvent, AssociationEvent or an extension event type. */
  | 'unsupported-event-type'
  /** The event declares an error in an earlier event (`errorDeclaration`). */
  | 'error-declaration'
  /** No quantityList, or instances (EPC lists) beside it: Lodestone accounts mass, not instances. */
  | 'not-mass'
  /** An action / bizStep combination with no canonical event. */
  | 'unsupported-step'
  /** A quantity is missing, not in a mass unit, not whole grams, not positive, or too many batches. */
  | 'bad-quantity'
  /** A fact the canonical event needs is neither in the document nor in the defaults. */
  | 'missing-fact'
  /** A fact is present but not usable (unknown material, malformed content, …). */
  | 'bad-fact';

export interface SkippedEvent {
  /** Position in the event list. */
  readonly index: number;
  readonly eventID?: string;
  /** The EPCIS event type. */
  readonly type: string;
  readonly code: SkipCode;
  readonly reason: string;
}

export interface ImportResult {
  readonly events: CustodyEvent[];
  readonly skipped: SkippedEvent[];
}
