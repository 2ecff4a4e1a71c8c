import { traceabilityCredential } from '../../interop/index.js';
import { type CustodyEvent, getMaterial, statementId, type TrustedBody } from '../../model/index.js';
import type { IdentityInput } from '../node.js';
import type { DemoSigner } from './keys.js';

/**
 * What the planner hands to the node, in order: operator registrations (the node signs them), the trust
 * list (the node signs it too) and statements the organisations signed. `atMs` is the registration time:
 * the node's clock reads it while the submission is registered.
 */
export type Submission =
  | { readonly kind: 'identity'; readonly atMs: number; readonly input: IdentityInput }
  | { readonly kind: 'trust-list'; readonly atMs: number; readonly bodies: readonly TrustedBody[] }
  | { readonly kind: 'statement'; readonly atMs: number; readonly signer: string; readonly jws: string };

/**
 * How long after what it records a statement is registered. Under the node's five minutes of allowed
 * clock skew, so a trust change dated at its action is never "backdated".
 */
export const REGISTRATION_LAG_MS = 2 * 60_000;

/** An organisation of the world as it appears in credentials. */
export interface Party {
  readonly slug: string;
  readonly did: string;
  readonly name: string;
  readonly country: string;
  readonly signer: DemoSigner;
  /** As a credential issuer: `{id, name}`. */
  readonly issuer: { readonly id: string; readonly name: string };
}

/** Collects the submissions, numbering identifiers per organisation so they never depend on a clock. */
export class Emitter {
  readonly submissions: Submission[] = [];
  readonly #counters = new Map<string, number>();
  readonly #materials = new Map<string, string>();
  readonly #names = new Map<string, string>();

  /** The next `https://<org>.example/<kind>/<n>`. */
  nextId(party: Party, kind: string): string {
    const key = `${party.slug} ${kind}`;
    const n = (this.#counters.get(key) ?? 0) + 1;
    this.#counters.set(key, n);
    return `https://${party.slug}.example/${kind}/${n}`;
  }

  /** Remember a display name for an id (facility, organisation, batch), for credentials that name it. */
  name(id: string, name: string): void {
    this.#names.set(id, name);
  }

  nameOf = (id: string): string | undefined => this.#names.get(id);

  /** Remember a batch's material, so events that only refer to it name it by its material. */
  batch(id: string, material: string): void {
    this.#materials.set(id, material);
  }

  identity(input: IdentityInput, atMs: number): void {
    this.submissions.push({ kind: 'identity', atMs: atMs + REGISTRATION_LAG_MS, input });
  }

  trustList(bodies: readonly TrustedBody[], atMs: number): void {
    this.submissions.push({ kind: 'trust-list', atMs: atMs + REGISTRATION_LAG_MS, bodies });
  }

  /** Sign `credential` as `party` and queue it; returns the statement id it will have. */
  signed(party: Party, credential: unknown, atMs: number): string {
    const jws = party.signer.sign(credential);
    this.submissions.push({ kind: 'statement', atMs: atMs + REGISTRATION_LAG_MS, signer: party.did, jws });
    return statementId(jws);
  }

  /** A `DigitalTraceabilityEvent` of `events`, signed by `party`. */
  custody(party: Party, events: readonly CustodyEvent[], atMs: number): string {
    const credential = traceabilityCredential(events, party.issuer, {
      id: this.nextId(party, 'credentials'),
      productName: (batch) => {
        const material = this.#materials.get(batch);
        return material === undefined ? undefined : getMaterial(material).name;
      },
    });
    return this.signed(party, credential, atMs);
  }
}
