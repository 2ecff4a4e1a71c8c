import type { BoundKey, PublicJwk, Role } from '../model/index.js';
import { CustodyError, ensure } from './errors.js';
import type { KeyRow, OrganizationRow } from './rows.js';
import { StagedMap } from './staged.js';
import { BEGINNING_OF_TIME } from './time.js';

/** The roles an organisation holds from `fromMs` until the next epoch. */
export interface RoleEpoch {
  readonly fromMs: number;
  readonly roles: ReadonlySet<Role>;
}

/** An organisation: its row (absent for the operator until it registers itself) and its role history. */
export interface OrgState {
  readonly row?: OrganizationRow;
  /** Sorted by `fromMs`; role checks at a past time read the epoch in force then. */
  readonly epochs: readonly RoleEpoch[];
}

/** A key with its life in milliseconds, so the hot path never parses a time twice. */
export interface KeyState {
  readonly row: KeyRow;
  readonly activeFromMs: number;
  /** `Infinity` while not retired. */
  readonly retiredFromMs: number;
}

/**
 * The identity registry (DESIGN.md §3): who is registered, with which roles when, and which key may sign
 * for whom when. Writes are staged until the ledger commits the statement that made them.
 */
export class IdentityRegistry {
  /** The node operator's DID: root of the registry, every role at every time. */
  readonly operator: string;
  readonly orgs: StagedMap<string, OrgState> = new StagedMap();
  readonly keys: StagedMap<string, KeyState> = new StagedMap();
  /** Every kid ever bound to a DID, in binding order. */
  readonly kidsOf: StagedMap<string, readonly string[]> = new StagedMap();

  constructor(operator: string, keys: readonly BoundKey[]) {
    this.operator = operator;
    this.orgs.set(operator, { epochs: [] });
    for (const { kid, jwk } of keys) {
      ensure(didOfKid(kid) === operator, 'IDENTITY_KEY_MISMATCH', () => `${kid} is not a key of ${operator}`);
      const row: KeyRow = { kid, jwk, did: operator, activeFrom: BEGINNING_OF_TIME };
      this.keys.set(kid, { row, activeFromMs: Number.NEGATIVE_INFINITY, retiredFromMs: Infinity });
    }
    this.kidsOf.set(
      operator,
      keys.map((k) => k.kid),
    );
    this.commit();
  }

  /**
   * The public key that verifies a signature by `kid` for `issuer` dated `atMs`.
   * @throws CustodyError IDENTITY_ISSUER_MISMATCH, IDENTITY_UNKNOWN_KEY, IDENTITY_KEY_REVOKED,
   * IDENTITY_KEY_INACTIVE
   */
  signingKey(kid: string, issuer: string, atMs: number, at: string): PublicJwk {
    ensure(didOfKid(kid) === issuer, 'IDENTITY_ISSUER_MISMATCH', () => `${kid} is not a key of ${issuer}`);
    const key = this.keys.get(kid);
    if (key === undefined) throw new CustodyError('IDENTITY_UNKNOWN_KEY', `${kid} is not registered`);
    // Whatever the date: a stolen key could otherwise sign backdated statements.
    ensure(key.row.revokedFrom === undefined, 'IDENTITY_KEY_REVOKED', () => `${kid} has been revoked`);
    ensure(
      key.activeFromMs <= atMs && atMs < key.retiredFromMs,
      'IDENTITY_KEY_INACTIVE',
      () => `${kid} is not active at ${at}`,
    );
    return key.row.jwk;
  }

  isRegistered(did: string): boolean {
    return this.orgs.has(did);
  }

  /** Whether `did` holds `role` at `atMs`: the roles of the latest registration valid from then or before. */
  hasRole(did: string, role: Role, atMs: number): boolean {
    if (did === this.operator) return true;
    const epochs = this.orgs.get(did)?.epochs ?? [];
    for (let i = epochs.length - 1; i >= 0; i--) {
      const epoch = epochs[i]!;
      if (epoch.fromMs <= atMs) return epoch.roles.has(role);
    }
    return false;
  }

  /** The operator, or an organisation the operator made one: may grant any role. */
  isOperator(did: string, atMs: number): boolean {
    return did === this.operator || this.hasRole(did, 'operator', atMs);
  }

  /** The latest time at which `did`'s identity changed (registration, key added or retired). */
  lastChange(did: string): number {
    let last = this.orgs.get(did)?.epochs.at(-1)?.fromMs ?? Number.NEGATIVE_INFINITY;
    for (const kid of this.kidsOf.get(did) ?? []) {
      const key = this.keys.get(kid)!;
      last = Math.max(last, key.activeFromMs, key.retiredFromMs === Infinity ? last : key.retiredFromMs);
    }
    return last;
  }

  /** Bind a new key, or retire or revoke a known one (the state is replaced, never mutated). */
  putKey(key: KeyState): void {
    if (!this.keys.has(key.row.kid)) {
      this.kidsOf.set(key.row.did, [...(this.kidsOf.get(key.row.did) ?? []), key.row.kid]);
    }
    this.keys.set(key.row.kid, key);
  }

  commit(): void {
    this.orgs.commit();
    this.keys.commit();
    this.kidsOf.commit();
  }

  discard(): void {
    this.orgs.discard();
    this.keys.discard();
    this.kidsOf.discard();
  }
}

/** The DID of a DID URL `<did>#<fragment>`, or undefined when `kid` is not one. */
export function didOfKid(kid: string): string | undefined {
  const hash = kid.indexOf('#');
  return hash > 0 && hash < kid.length - 1 ? kid.slice(0, hash) : undefined;
}
