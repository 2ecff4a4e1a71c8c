import {
  accreditationCredential,
  accreditationStatusCredential,
  conformityCredential,
  statusListCredential,
  trustListCredential,
} from '../../src/interop/index.js';
import type {
  AccreditationScope,
  AccreditationStatus,
  Assessment,
  CertificateStatement,
  StatusPurpose,
  TrustedBody,
} from '../../src/model/index.js';
import { LodestoneNode, type Registration, StatusBitstring } from '../../src/service/index.js';
import { openTestNode } from './node.js';
import { type Org, SupplyWorld } from './supply.js';

/** A settable clock for a node: trust changes take effect when they are registered. */
export class TestClock {
  ms: number;
  constructor(start: string) {
    this.ms = Date.parse(start);
  }
  set(time: string): string {
    this.ms = Date.parse(time);
    return new Date(this.ms).toISOString();
  }
  get iso(): string {
    return new Date(this.ms).toISOString();
  }
}

/** A scope covering responsible-sourcing audits of cobalt mines and refineries. */
export const RMAP_SCHEME = { id: 'https://schemes.example/rmap-cobalt', name: 'Cobalt Refiner Assurance' };
export const COBALT_SCOPE: AccreditationScope = {
  schemes: [RMAP_SCHEME.id],
  topics: ['social.labour', 'social.rights', 'governance.ethics'],
  minerals: ['Co'],
  facilityKinds: ['mine', 'refinery'],
};

/**
 * A supply world with a controllable clock and helpers for the trust registry: the operator's trust
 * list, accreditations and their status, certificates and status lists, each a signed statement.
 */
export class TrustWorld {
  world: SupplyWorld;
  readonly clock: TestClock;
  readonly #handle: { node: LodestoneNode; dir: string; close: () => Promise<void> };
  readonly #lists = new Map<string, { purpose: StatusPurpose; bits: StatusBitstring; issuer: Org }>();
  #seq = 0;

  private constructor(
    handle: { node: LodestoneNode; dir: string; close: () => Promise<void> },
    clock: TestClock,
  ) {
    this.#handle = handle;
    this.world = SupplyWorld.on(handle.node, handle.dir);
    this.clock = clock;
  }

  static async open(start = '2026-01-01T00:00:00.000Z'): Promise<TrustWorld> {
    const clock = new TestClock(start);
    const handle = await openTestNode({ now: () => clock.ms });
    return new TrustWorld(handle, clock);
  }

  get node(): LodestoneNode {
    return this.world.node;
  }

  /** Close the node and open it again on its data directory (state is rebuilt from the log). */
  async reopen(): Promise<LodestoneNode> {
    await this.#handle.node.close();
    this.#handle.node = LodestoneNode.open({
      dataDir: this.#handle.dir,
      maxDelayMs: 1,
      now: () => this.clock.ms,
    });
    this.world = SupplyWorld.on(this.#handle.node, this.#handle.dir);
    return this.#handle.node;
  }

  /** Close the node and remove its data directory. */
  close(): Promise<void> {
    return this.#handle.close();
  }

  /** The operator publishes the alliance trust list, effective now. */
  async trustList(bodies: readonly TrustedBody[]): Promise<Registration> {
    const credential = trustListCredential(
      { kind: 'trust-list', bodies, validFrom: this.clock.iso },
      { id: this.node.operator.did, name: 'Node operator' },
      { id: this.#id('trust-list') },
    );
    return this.node.register(this.node.operator.sign(credential));
  }

  /** `body` accredits `holder` for `scope` from now for `years` years; returns the accreditation id. */
  async accredit(
    body: Org,
    holder: Org,
    scope: AccreditationScope = COBALT_SCOPE,
    years = 2,
  ): Promise<string> {
    const id = this.#id('accreditation');
    const validUntil = new Date(this.clock.ms + years * 365 * 86_400_000).toISOString();
    const credential = accreditationCredential(
      { kind: 'accreditation', holder: holder.did, scope, validFrom: this.clock.iso, validUntil },
      body.issuer,
      { id },
    );
    await this.node.register(body.signer.sign(credential));
    return id;
  }

  /** `body` changes the status of its accreditation `id`, effective now. */
  accreditationStatus(
    body: Org,
    id: string,
    status: AccreditationStatus,
    reason = 'test',
  ): Promise<Registration> {
    const credential = accreditationStatusCredential(
      { kind: 'accreditation-status', accreditation: id, status, reason, validFrom: this.clock.iso },
      body.issuer,
      { id: this.#id('status-change') },
    );
    return this.node.register(body.signer.sign(credential));
  }

  /**
   * A certificate of `certifier` about `subjects` (facility/batch ids) for `issuedTo`, valid from now;
   * with revocation and suspension entries at `index` on the certifier's lists (created empty if new).
   */
  certificate(
    certifier: Org,
    issuedTo: Org,
    assessments: readonly Partial<Assessment>[],
    options: { index?: number; validUntil?: string; scheme?: { id: string; name: string } } = {},
  ): CertificateStatement {
    const index = options.index ?? this.#seq;
    return {
      kind: 'certificate',
      attestation: this.#id('attestation'),
      name: 'Responsible sourcing audit',
      attestationType: 'certification',
      scheme: options.scheme ?? RMAP_SCHEME,
      issuedTo: issuedTo.did,
      assessments: assessments.map((a, i) => ({
        id: `${this.#id('assessment')}-${i}`,
        topic: 'social.labour',
        conformance: true,
        criteria: [],
        subjects: [],
        minerals: [],
        metrics: [],
        ...a,
      })),
      validFrom: this.clock.iso,
      ...(options.validUntil !== undefined && { validUntil: options.validUntil }),
      status: [
        { purpose: 'revocation', list: listId(certifier, 'revocation'), index },
        { purpose: 'suspension', list: listId(certifier, 'suspension'), index },
      ],
    };
  }

  /** Sign a certificate as its certifier (not registered). Returns the JWS and its credential id. */
  sign(
    certifier: Org,
    cert: CertificateStatement,
    id = this.#id('certificate'),
  ): { jws: string; id: string } {
    return { jws: certifier.signer.sign(conformityCredential(cert, certifier.issuer, { id })), id };
  }

  /** Sign and register a certificate; publishes the certifier's empty status lists first if needed. */
  async issue(certifier: Org, cert: CertificateStatement): Promise<{ jws: string; id: string }> {
    for (const purpose of ['revocation', 'suspension'] as const) {
      if (!this.#lists.has(listId(certifier, purpose))) await this.setStatus(certifier, purpose, []);
    }
    const signed = this.sign(certifier, cert);
    await this.node.register(signed.jws);
    return signed;
  }

  /** Publish a new version of the certifier's list with `set` bits set and `clear` cleared, effective now. */
  async setStatus(
    certifier: Org,
    purpose: StatusPurpose,
    set: readonly number[],
    clear: readonly number[] = [],
  ): Promise<Registration> {
    const id = listId(certifier, purpose);
    const bits = (this.#lists.get(id)?.bits ?? StatusBitstring.create())
      .withAll(set, true)
      .withAll(clear, false);
    this.#lists.set(id, { purpose, bits, issuer: certifier });
    const credential = statusListCredential(
      { kind: 'status-list', purpose, encodedList: bits.encode(), validFrom: this.clock.iso },
      certifier.issuer,
      { id },
    );
    return this.node.register(certifier.signer.sign(credential));
  }

  #id(kind: string): string {
    return `urn:lodestone:test:${kind}:${++this.#seq}`;
  }
}

/** The URL of a certifier's status list of `purpose`. */
export function listId(certifier: Org, purpose: StatusPurpose): string {
  return `https://${certifier.did.slice('did:web:'.length)}/status/${purpose}`;
}
