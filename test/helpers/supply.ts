import { facilityCredential, traceabilityCredential } from '../../src/interop/index.js';
import type {
  CustodyEvent,
  CustodyModel,
  ElementSymbol,
  FacilityKind,
  NewBatch,
  Role,
} from '../../src/model/index.js';
import type { LodestoneNode, Registration } from '../../src/service/index.js';
import { didOf, openTestNode, registerSigner, type TestSigner, testSigner } from './node.js';

/** An organisation in a test world: its signer and how it names itself as a credential issuer. */
export interface Org {
  readonly did: string;
  readonly name: string;
  readonly signer: TestSigner;
  readonly issuer: { readonly id: string; readonly name: string };
}

export interface FacilitySpec {
  readonly kind: FacilityKind;
  readonly country: string;
  /** [longitude, latitude]. */
  readonly at?: readonly [number, number];
}

/**
 * A node with helpers to build supply chains in tests: register organisations (as the operator),
 * facilities (as their operators) and custody events, each signed by the organisation doing it.
 */
export class SupplyWorld {
  readonly node: LodestoneNode;
  readonly dir: string;
  readonly close: () => Promise<void>;
  #events = 0;

  private constructor(node: LodestoneNode, dir: string, close: () => Promise<void>) {
    this.node = node;
    this.dir = dir;
    this.close = close;
  }

  static async open(): Promise<SupplyWorld> {
    const handle = await openTestNode();
    return new SupplyWorld(handle.node, handle.dir, handle.close);
  }

  /** A world over a node the caller opened and closes. */
  static on(node: LodestoneNode, dir: string): SupplyWorld {
    return new SupplyWorld(node, dir, () => node.close());
  }

  /** Register `did:web:<slug>.example` with the given roles (default: producer). */
  async org(slug: string, country: string, roles: readonly Role[] = ['producer']): Promise<Org> {
    const signer = testSigner(`did:web:${slug}.example#key-1`);
    await registerSigner(this.node, signer, roles, country);
    const did = didOf(signer);
    const name = `${slug} Ltd`;
    return { did, name, signer, issuer: { id: did, name } };
  }

  /** Register a facility operated by `org`; returns its id. */
  async facility(org: Org, slug: string, spec: FacilitySpec): Promise<string> {
    const id = `https://${org.did.slice('did:web:'.length)}/facilities/${slug}`;
    const [lon, lat] = spec.at ?? [10, 10];
    const credential = facilityCredential(
      {
        kind: 'facility',
        id,
        name: `${slug} ${spec.kind}`,
        operator: org.did,
        facilityKind: spec.kind,
        country: spec.country,
        location: { type: 'Point', coordinates: [lon, lat] },
        ...(spec.kind === 'mine' && {
          boundary: {
            type: 'Polygon',
            coordinates: [
              [
                [lon, lat],
                [lon + 0.01, lat],
                [lon + 0.01, lat + 0.01],
                [lon, lat],
              ],
            ],
          },
        }),
        processCategories: [`https://unstats.un.org/isic/${spec.kind}`],
        validFrom: '2024-01-01T00:00:00.000Z',
      },
      org.issuer,
    );
    await this.node.register(org.signer.sign(credential));
    return id;
  }

  /** A fresh event id. */
  eventId(): string {
    return `urn:uuid:00000000-0000-4000-a000-${(++this.#events).toString(16).padStart(12, '0')}`;
  }

  /** An extraction of `lot` at `mine`, dated now (in test time), with a fresh event id. */
  extract(mine: string, lot: NewBatch, method: 'industrial' | 'artisanal' = 'industrial'): CustodyEvent {
    return {
      type: 'extract',
      id: this.eventId(),
      time: nextTime(),
      facility: mine,
      method,
      batch: lot,
      custodyModel: 'segregated',
    };
  }

  /** The signed credential carrying `events`, without registering it. */
  sign(org: Org, events: readonly CustodyEvent[]): string {
    return org.signer.sign(traceabilityCredential(events, org.issuer));
  }

  submit(org: Org, events: readonly CustodyEvent[]): Promise<Registration> {
    return this.node.register(this.sign(org, events));
  }
}

let times = 0;
/** Increasing event times in 2025, one hour apart per call, so events never precede their batches. */
export function nextTime(): string {
  return new Date(Date.UTC(2025, 0, 1) + ++times * 3_600_000).toISOString();
}

export function batch(
  id: string,
  material: string,
  kg: number,
  content: Partial<Record<ElementSymbol, number>>,
): NewBatch {
  return { id, material, grams: Math.round(kg * 1000), content };
}

export const SEGREGATED: CustodyModel = 'segregated';
export const BLENDING: CustodyModel = 'controlled-blending';
