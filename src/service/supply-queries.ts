import type { CertificationFilter } from '../credentials/index.js';
import {
  type BatchRow,
  type EdgeRow,
  type ElementProvenance,
  type FacilityRow,
  type KeyRow,
  type OrganizationRow,
  provenanceOf,
} from '../custody/index.js';
import { type EpcisDocument, exportEpcis } from '../interop/index.js';
import type { ConformityTopic } from '../model/index.js';
import type {
  BatchFilter,
  DerivedTotals,
  FacilityFilter,
  OrganizationFilter,
  Page,
  SqliteStore,
  StoredEvent,
  UpstreamBatch,
} from '../store/index.js';
import { seesEverything, type Viewer } from './access.js';
import { ServiceError } from './errors.js';
import type { UpstreamIndex } from './upstream-index.js';

/** An organisation with its keys, as the registry shows it. */
export interface OrganizationView extends OrganizationRow {
  readonly keys: readonly KeyRow[];
}

/** Whether a facility held, at `at`, a trusted certificate matching `filter`. */
export type CertifiedAt = (facility: string, at: string, filter: CertificationFilter) => boolean;

/** The "as of" time and the certificates that count for the certified dimension. */
export interface ProvenanceOptions {
  /** RFC 3339; default: now. */
  readonly at?: string;
  readonly scheme?: string;
  readonly topic?: ConformityTopic;
}

/** A batch's provenance: per element, shares by origin and its dimensions, plus the upstream graph. */
export interface Provenance {
  readonly batch: string;
  readonly material: string;
  /** The time the certified dimension was judged at, when asked for one. */
  readonly at?: string;
  readonly elements: readonly ElementProvenance[];
  readonly graph: {
    readonly batches: readonly UpstreamBatch[];
    readonly edges: readonly EdgeRow[];
  };
}

/**
 * Reads over the derived tables: what is committed, never what is in flight. Provenance reads the
 * batch's composition, fixed when the batch was created, so its cost does not grow with the upstream.
 */
export class SupplyQueries {
  readonly #store: SqliteStore;
  readonly #graph: () => UpstreamIndex;
  readonly #certified: CertifiedAt | undefined;
  readonly #now: () => number;

  /**
   * @param graph the node's current in-memory upstream index (replaced when the ledger is rebuilt)
   * @param certified whether a facility held a trusted certificate at a time (the certified dimension)
   */
  readonly #foreign: (facility: string) => { country: string; name: string } | undefined;

  constructor(
    store: SqliteStore,
    graph: () => UpstreamIndex,
    certified?: CertifiedAt,
    now: () => number = Date.now,
    foreign: (facility: string) => { country: string; name: string } | undefined = () => undefined,
  ) {
    this.#store = store;
    this.#graph = graph;
    this.#certified = certified;
    this.#now = now;
    this.#foreign = foreign;
  }

  organization(did: string): OrganizationView | undefined {
    const org = this.#store.derived.organization(did);
    return org && { ...org, keys: this.#store.derived.keysOf(did) };
  }

  organizations(filter: OrganizationFilter): Page<OrganizationRow> {
    return this.#store.derived.organizations(filter);
  }

  facility(id: string): FacilityRow | undefined {
    return this.#store.derived.facility(id);
  }

  facilities(filter: FacilityFilter): Page<FacilityRow> {
    return this.#store.derived.facilities(filter);
  }

  batch(id: string): BatchRow | undefined {
    return this.#store.derived.batch(id);
  }

  batches(filter: BatchFilter): Page<BatchRow> {
    return this.#store.derived.batches(filter);
  }

  /** Registry and batch counts, and batch mass per material: raw totals, not filtered by any viewer. */
  totals(): DerivedTotals {
    return this.#store.derived.totals();
  }

  history(id: string): StoredEvent[] {
    return this.#store.derived.history(id);
  }

  /** True when `did` holds the batch or anything made from it. */
  heldAtOrDownstream(batch: string, did: string): boolean {
    return this.#store.derived.heldAtOrDownstream(batch, did);
  }

  /**
   * Shares only (no graph): what a trace needs at every step. The certified dimension is judged at
   * `options.at` (default: now) for the scheme or topic asked, and is `unknown` for an origin facility
   * this node does not know.
   */
  shares(batch: BatchRow, options: ProvenanceOptions = {}): ElementProvenance[] {
    // Origins on another member nation's log are known from the provenance summaries that brought
    // their batches here.
    const facts = (id: string) => {
      const f = this.#store.derived.facility(id);
      return f ? { country: f.country, name: f.name } : this.#foreign(id);
    };
    const certifiedAt = this.#certified;
    const at = options.at ?? new Date(this.#now()).toISOString();
    const filter = {
      ...(options.scheme && { scheme: options.scheme }),
      ...(options.topic && { topic: options.topic }),
    };
    const certified =
      certifiedAt &&
      // A foreign origin's certificates are on its own nation's node: unknown here, never "uncertified".
      ((facility: string) =>
        this.#store.derived.facility(facility) === undefined ? undefined : certifiedAt(facility, at, filter));
    return provenanceOf(batch.composition, facts, certified);
  }

  provenance(id: string, options: ProvenanceOptions = {}): Provenance | undefined {
    return this.#store.snapshot(() => {
      const batch = this.#store.derived.batch(id);
      if (!batch) return undefined;
      const graph = this.#graph().upstream(id);
      return {
        batch: batch.id,
        material: batch.material,
        ...(options.at !== undefined && { at: options.at }),
        elements: this.shares(batch, options),
        graph,
      };
    });
  }

  // Reads as a viewer may see them (issue 3 item 10). Someone who may not see a batch gets the same
  // answer as for a batch that does not exist.

  /** Batches the viewer may list: all for auditors, else those it holds. */
  batchesFor(viewer: Viewer, filter: BatchFilter): Page<BatchRow> {
    const did = requireParty(viewer);
    return this.batches(did === undefined ? filter : { ...filter, holder: did });
  }

  /** The batch, if it exists and the viewer holds it or something made from it. */
  batchFor(viewer: Viewer, id: string): BatchRow | undefined {
    const did = requireParty(viewer);
    if (did !== undefined && !this.heldAtOrDownstream(id, did)) return undefined;
    return this.batch(id);
  }

  provenanceFor(viewer: Viewer, id: string, options: ProvenanceOptions = {}): Provenance | undefined {
    return this.batchFor(viewer, id) && this.provenance(id, options);
  }

  /**
   * The batch's history as an EPCIS 2.0 document (issue 3 item 8): the events the viewer may see, each
   * with its statement id and registration time.
   */
  epcisFor(viewer: Viewer, id: string, now: Date): EpcisDocument | undefined {
    const events = this.historyFor(viewer, id);
    if (!events) return undefined;
    return exportEpcis(
      events.map((e) => ({
        event: e.event,
        actor: e.actor,
        statement: e.statement,
        recordTime: e.registered,
      })),
      { creationDate: now.toISOString() },
    );
  }

  /** The batch's events the viewer is party to (issuer or named), all of them for auditors. */
  historyFor(viewer: Viewer, id: string): StoredEvent[] | undefined {
    const did = requireParty(viewer);
    if (!this.batchFor(viewer, id)) return undefined;
    const events = this.history(id);
    return did === undefined ? events : events.filter((e) => involves(e, did));
  }
}

/** The DID to restrict reads to, or undefined for a viewer who sees everything. */
function requireParty(viewer: Viewer): string | undefined {
  if (seesEverything(viewer)) return undefined;
  if (viewer.kind !== 'organization') {
    throw new ServiceError('ACCESS_REQUIRED', 'send Authorization: Bearer <access token>');
  }
  return viewer.did;
}

function involves(e: StoredEvent, did: string): boolean {
  if (e.actor === did) return true;
  const event = e.event;
  return (event.type === 'ship' && event.to === did) || (event.type === 'trade' && event.buyer === did);
}
