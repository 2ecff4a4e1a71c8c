/**
 * The demo's cross-border shipment (issue 8 part 7), the recipe of `test/federation/cross-border.test.ts`
 * played once per run: a Canadian miner ships 4 t of cobalt hydroxide to a German refiner, the first
 * node exports the shipment, and the refiner registers its receipt on the second node once that node
 * accepts both proofs (it takes a few peering rounds for the witness quorum).
 */
import { randomUUID } from 'node:crypto';
import {
  type Ed25519KeyPair,
  generateEd25519,
  jwkFromPublicKey,
  signCompactJws,
} from '../../crypto/index.js';
import type { ElementProvenance } from '../../custody/index.js';
import {
  crossBorderReceiptCredential,
  facilityCredential,
  traceabilityCredential,
} from '../../interop/index.js';
import type { CustodyEvent, FacilityKind } from '../../model/index.js';
import type { ExportBundle } from '../cross-border.js';
import type { LodestoneNode } from '../node.js';

export interface CrossBorderStatus {
  /** `failed`: the demo could not set the shipment up (see `error`); the federation runs on. */
  readonly state: 'shipped' | 'waiting' | 'received' | 'failed';
  /** The shipped lot (its URI on both logs). */
  readonly batch: string | null;
  /** The refiner's DID: the lot's custodian once received. */
  readonly refiner: string | null;
  /** Seconds since it was shipped; once received, how long the crossing took. */
  readonly seconds: number;
  /** Why the last step failed (a refused receipt while waiting is not a failure). */
  readonly error: string | null;
}

/** The two member nations the shipment crosses between. */
export interface Border {
  readonly from: { readonly country: string; readonly node: LodestoneNode };
  readonly to: { readonly country: string; readonly node: LodestoneNode };
}

/** A demo organisation: its DID, a fresh key, and how it names itself as a credential issuer. */
interface DemoOrg {
  readonly did: string;
  readonly kid: string;
  readonly keys: Ed25519KeyPair;
  readonly issuer: { readonly id: string; readonly name: string };
}

/** Shipped 4 t of a 10 t lot, 30 % cobalt (300 000 mg/kg). */
const LOT_GRAMS = 10_000_000;
const SHIPPED_GRAMS = 4_000_000;
const COBALT_MG_PER_KG = 300_000;

/**
 * Runs the shipment in the background from construction; `report` gets one line per step (and one per
 * new reason to wait). Ids carry the run's start time, so a rerun on the same data directories ships anew.
 */
export class CrossBorderShipment {
  readonly #border: Border;
  readonly #report: (line: string) => void;
  readonly #pollMs: number;
  readonly #running: Promise<void>;
  #state: CrossBorderStatus['state'] | undefined;
  #batch: string | null = null;
  #refiner: string | null = null;
  #shippedAt = 0;
  #seconds = 0;
  #error: string | null = null;
  #stopped = false;
  #wake: (() => void) | undefined;

  constructor(border: Border, report: (line: string) => void, pollMs = 1000) {
    this.#border = border;
    this.#report = report;
    this.#pollMs = pollMs;
    this.#running = this.#run().catch((err: unknown) => {
      if (this.#stopped) return;
      this.#state = 'failed';
      this.#error = err instanceof Error ? err.message : String(err);
      this.#report(`cross-border: failed: ${this.#error}`);
    });
  }

  /** Null until the lot is shipped (a few registrations after the start). */
  status(): CrossBorderStatus | null {
    if (this.#state === undefined) return null;
    const seconds =
      this.#state === 'received' ? this.#seconds : Math.round((Date.now() - this.#shippedAt) / 1000);
    return { state: this.#state, batch: this.#batch, refiner: this.#refiner, seconds, error: this.#error };
  }

  /** Stop polling; resolves once no registration is in flight. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#wake?.();
    await this.#running;
  }

  async #run(): Promise<void> {
    const { from, to } = this.#border;
    const run = Date.now().toString(36);
    const miner = demoOrg(`miner-${run}.${from.country.toLowerCase()}`, `${from.country} demo mining`);
    const refiner = demoOrg(`refiner-${run}.${to.country.toLowerCase()}`, `${to.country} demo refining`);
    await registerOrg(from.node, miner, from.country);
    // The refiner is known on both logs under the same key, with the same refinery (same bytes).
    for (const node of [from.node, to.node]) await registerOrg(node, refiner, to.country);
    const mine = facility(miner, 'mine', 'mine', from.country, [-79.4, 48.1]);
    const refinery = facility(refiner, 'refinery', 'refinery', to.country, [8.7, 50.1]);
    await from.node.register(mine.jws);
    for (const node of [from.node, to.node]) await node.register(refinery.jws);

    const lot = `https://${hostOf(miner)}/lots/1`;
    const batch = `${lot}-${to.country.toLowerCase()}`;
    const now = Date.now();
    const extract: CustodyEvent = {
      type: 'extract',
      id: `urn:uuid:${randomUUID()}`,
      time: new Date(now).toISOString(),
      facility: mine.id,
      method: 'industrial',
      batch: { id: lot, material: 'co.hydroxide', grams: LOT_GRAMS, content: { Co: COBALT_MG_PER_KG } },
      custodyModel: 'segregated',
    };
    const ship: CustodyEvent = {
      type: 'ship',
      id: `urn:uuid:${randomUUID()}`,
      time: new Date(now + 1000).toISOString(),
      batch: lot,
      grams: SHIPPED_GRAMS,
      splitInto: batch,
      to: refiner.did,
      toFacility: refinery.id,
      transportMode: 'sea',
    };
    await from.node.register(sign(miner, traceabilityCredential([extract], miner.issuer)));
    const shipped = await from.node.register(sign(miner, traceabilityCredential([ship], miner.issuer)));
    if (this.#stopped) return;
    this.#batch = batch;
    this.#refiner = refiner.did;
    this.#shippedAt = Date.now();
    this.#state = 'shipped';
    this.#report(
      `cross-border: ${from.country} → ${to.country} shipped ${batch} (statement ${shipped.receipt.statement})`,
    );

    const bundle = await this.#awaitQuorum(shipped.receipt.statement, ship.id);
    if (bundle === undefined) return;
    const receipt = crossBorderReceiptCredential(
      {
        kind: 'cross-border-receipt',
        id: `urn:uuid:${randomUUID()}`,
        time: new Date().toISOString(),
        facility: refinery.id,
        batch: bundle.batch,
        origin: bundle.origin,
        shipment: bundle.shipment,
        summary: bundle.summary,
      },
      refiner.issuer,
    );
    await to.node.register(sign(refiner, receipt));
    const row = to.node.supply.batch(batch);
    const [element] = row ? to.node.supply.shares(row) : [];
    this.#seconds = Math.round((Date.now() - this.#shippedAt) / 1000);
    this.#state = 'received';
    this.#report(
      `cross-border: received on ${to.country} at ${refinery.id} after ${this.#seconds} s; origins: ${origins(element)}`,
    );
  }

  /**
   * Ask the origin node for the export bundle every `pollMs` until the destination node accepts both
   * receipts; undefined when stopped first. A failed export is kept in `error` and asked again.
   */
  async #awaitQuorum(shipment: string, event: string): Promise<ExportBundle | undefined> {
    const { from, to } = this.#border;
    let reason: string | undefined;
    while (!this.#stopped) {
      try {
        const bundle = await from.node.exportShipment({ kind: 'operator' }, shipment, event);
        this.#error = null;
        const refused = (['shipment', 'summary'] as const).flatMap((part) => {
          const verdict = to.node.verifyForeignReceipt(bundle[part].statement, bundle[part].receipt);
          return verdict.ok ? [] : [`${part} receipt: ${refusal(verdict.checks)}`];
        });
        if (refused.length === 0) return bundle;
        this.#state = 'waiting';
        if (refused[0] !== reason) {
          reason = refused[0];
          this.#report(`cross-border: waiting for the witness quorum (${reason})`);
        }
      } catch (err) {
        this.#error = err instanceof Error ? err.message : String(err);
      }
      await this.#sleep();
    }
    return undefined;
  }

  #sleep(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, this.#pollMs);
      this.#wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

function demoOrg(host: string, name: string): DemoOrg {
  const did = `did:web:${host}.federation.example`;
  return { did, kid: `${did}#key-1`, keys: generateEd25519(), issuer: { id: did, name } };
}

function hostOf(org: DemoOrg): string {
  return org.did.slice('did:web:'.length);
}

function sign(org: DemoOrg, credential: unknown): string {
  return signCompactJws(
    JSON.stringify(credential),
    { kid: org.kid, typ: 'vc+jwt', cty: 'vc' },
    org.keys.privateKey,
  );
}

/** The operator registers a producer organisation, valid from before any event of the demo. */
async function registerOrg(node: LodestoneNode, org: DemoOrg, country: string): Promise<void> {
  await node.registerIdentity({
    subject: org.did,
    legalName: org.issuer.name,
    registeredId: org.did,
    idScheme: { id: 'urn:lodestone:federation-demo:cross-border', name: 'Federation demo register' },
    country,
    roles: ['producer'],
    keys: [{ kid: org.kid, jwk: { kty: 'OKP', crv: 'Ed25519', x: jwkFromPublicKey(org.keys.publicKey).x } }],
    validFrom: '2024-01-01T00:00:00.000Z',
  });
}

/** A facility credential signed by its operator; a mine comes with its boundary. */
function facility(
  operator: DemoOrg,
  slug: string,
  kind: FacilityKind,
  country: string,
  [lon, lat]: readonly [number, number],
): { id: string; jws: string } {
  const id = `https://${hostOf(operator)}/facilities/${slug}`;
  const credential = facilityCredential(
    {
      kind: 'facility',
      id,
      name: `${operator.issuer.name} ${kind}`,
      operator: operator.did,
      facilityKind: kind,
      country,
      location: { type: 'Point', coordinates: [lon, lat] },
      ...(kind === 'mine' && {
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
      processCategories: [`https://unstats.un.org/isic/${kind}`],
      validFrom: '2024-01-01T00:00:00.000Z',
    },
    operator.issuer,
  );
  return { id, jws: sign(operator, credential) };
}

/** Why a receipt was refused: the quorum's count alone (witness names are the policy's `w0`, `w1`…). */
function refusal(checks: readonly { name: string; ok: boolean; detail: string }[]): string {
  const failed = checks.find((c) => !c.ok);
  if (failed === undefined) return 'refused';
  if (failed.name === 'witness-quorum') return failed.detail.replace(/ \(cosigned by [^)]*\)$/, '');
  return `${failed.name}: ${failed.detail}`;
}

/** `CAN 100 %`, from the element's shares by country. */
function origins(element: ElementProvenance | undefined): string {
  if (element === undefined || element.byCountry.length === 0) return 'none known';
  return element.byCountry.map((s) => `${s.key} ${Number(s.percent.toFixed(1))} %`).join(', ');
}
