import type { BoundKey, PublicJwk, Role, SupplyStatement, SupplyStatementBody } from '../model/index.js';
import { applyCustody } from './custody.js';
import { CustodyError } from './errors.js';
import type { Stores } from './event-context.js';
import { applyFacility } from './facilities.js';
import { applyRegistration, applyRevocation, applyRotation } from './identity.js';
import { applyCrossBorder, type ImportedBatch } from './import.js';
import { IdentityRegistry } from './registry.js';
import type { BatchRow, FacilityRow, KeyRow, LedgerEffects, OrganizationRow } from './rows.js';
import type { Journal, Scope } from './scope.js';
import { type LedgerSnapshot, snapshotOf } from './snapshot.js';
import { StagedMap } from './staged.js';
import { instant, pastInstant } from './time.js';

/** How a ledger starts. */
export interface LedgerOptions {
  /** The node operator: root of the identity registry, trusted from the start (roles: all). */
  readonly operator: { readonly did: string; readonly keys: readonly BoundKey[] };
  /** How far an event or validFrom time may lie ahead of its registration time. Default 5 minutes. */
  readonly maxFutureMs?: number;
}

/** Where a statement sits in the log: its id and registration time. */
export interface ApplyContext {
  /** The statement id (lowercase hex SHA-256 of its JWS) that rows refer to. */
  readonly id: string;
  /** Registration time, RFC 3339 UTC with milliseconds. */
  readonly registered: string;
  /**
   * For a cross-border receipt: the batch as its origin log's operator summarised it, read by the
   * service from the statement after verifying the foreign receipts (or, on replay, read back).
   */
  readonly imported?: ImportedBatch;
}

const DEFAULT_MAX_FUTURE_MS = 5 * 60 * 1000;

/**
 * The custody model's state (DESIGN.md §3, §5): the identity registry, facilities and batches, changed
 * only by {@link Ledger.apply}. Deterministic: the same statements applied in the same order produce the
 * same rows, which is how a node rebuilds its derived tables from the log. It reads no clock and draws no
 * random number; a statement's time is the one it carries, checked against its registration time.
 */
export class Ledger {
  readonly #stores: Stores;
  readonly #maxFutureMs: number;

  /**
   * A ledger with nothing but the operator in its registry.
   * @throws CustodyError IDENTITY_KEY_MISMATCH when an operator key is not a DID URL of the operator
   * @throws RangeError when `maxFutureMs` is negative
   */
  constructor(options: LedgerOptions) {
    this.#stores = {
      registry: new IdentityRegistry(options.operator.did, options.operator.keys),
      facilities: new StagedMap(),
      batches: new StagedMap(),
      eventIds: new StagedMap(),
    };
    this.#maxFutureMs = options.maxFutureMs ?? DEFAULT_MAX_FUTURE_MS;
    if (!(this.#maxFutureMs >= 0)) throw new RangeError(`maxFutureMs must be >= 0, got ${this.#maxFutureMs}`);
  }

  /**
   * The public key that must verify a statement signed with `kid` by `issuer`, dated `at` (RFC 3339).
   * @throws CustodyError CUSTODY_BAD_TIME, IDENTITY_ISSUER_MISMATCH, IDENTITY_UNKNOWN_KEY,
   * IDENTITY_KEY_REVOKED, IDENTITY_KEY_INACTIVE
   */
  signingKey(kid: string, issuer: string, at: string): PublicJwk {
    return this.#stores.registry.signingKey(kid, issuer, instant(at, 'time'), at);
  }

  /**
   * Check and apply one parsed statement, atomically: on any error the ledger is exactly as before.
   * Returns every row the statement created or changed, complete, in a deterministic order.
   * @throws CustodyError with the code of the first rule the statement breaks
   */
  apply(statement: SupplyStatement, ctx: ApplyContext): LedgerEffects {
    const journal: Journal = { events: [], edges: [] };
    try {
      this.#apply(statement, ctx, journal);
      const effects = this.#effects(journal);
      this.#commit();
      return effects;
    } catch (err) {
      // Whatever failed, coded rule or bug, nothing of the statement may persist.
      this.#discard();
      throw err;
    }
  }

  /** The organisation as registered now (the operator only once it has registered itself). */
  organization(did: string): OrganizationRow | undefined {
    return this.#stores.registry.orgs.get(did)?.row;
  }

  /** The key a DID URL names, with its life (operator keys included). */
  key(kid: string): KeyRow | undefined {
    return this.#stores.registry.keys.get(kid)?.row;
  }

  /** Whether `did` holds `role` at `atMs`; the operator holds every role. */
  hasRoleAt(did: string, role: Role, atMs: number): boolean {
    return this.#stores.registry.hasRole(did, role, atMs);
  }

  /** Whether `did` holds `role` at `at` (RFC 3339); the operator holds every role. */
  hasRole(did: string, role: Role, at: string): boolean {
    return this.#stores.registry.hasRole(did, role, instant(at, 'time'));
  }

  /** The facility as last registered. */
  facility(id: string): FacilityRow | undefined {
    return this.#stores.facilities.get(id)?.row;
  }

  /** The batch as it is now (its composition: as it was created). */
  batch(id: string): BatchRow | undefined {
    return this.#stores.batches.get(id)?.row;
  }

  /** Every row and the internal state behind them, sorted: for tests and rebuild checks, not the hot path. */
  snapshot(): LedgerSnapshot {
    return snapshotOf(this.#stores);
  }

  #apply(statement: SupplyStatement, ctx: ApplyContext, journal: Journal): void {
    const clock = { registeredMs: instant(ctx.registered, 'registered'), maxFutureMs: this.#maxFutureMs };
    const timeMs = pastInstant(clock, statement.time, 'statement time');
    const scope: Scope = { statement, id: ctx.id, clock, timeMs };
    const { registry } = this.#stores;
    if (!registry.isRegistered(statement.issuer)) {
      throw new CustodyError('IDENTITY_UNKNOWN_ORGANIZATION', `issuer ${statement.issuer} is not registered`);
    }
    registry.signingKey(statement.kid, statement.issuer, timeMs, statement.time);
    if (statement.body.kind === 'cross-border-receipt') {
      applyCrossBorder(this.#stores, statement.body, scope, ctx.imported, journal);
      return;
    }
    this.#applyBody(statement.body, scope, journal);
  }

  #applyBody(body: SupplyStatementBody, scope: Scope, journal: Journal): void {
    const { registry, facilities } = this.#stores;
    switch (body.kind) {
      case 'identity':
        applyRegistration(registry, body, scope);
        break;
      case 'key-rotation':
        applyRotation(registry, body, scope);
        break;
      case 'key-revocation':
        applyRevocation(registry, body, scope);
        break;
      case 'facility':
        applyFacility(facilities, registry, body, scope);
        break;
      case 'custody':
        applyCustody(this.#stores, body, scope, journal);
        break;
      case 'trust-list':
      case 'accreditation':
      case 'accreditation-status':
      case 'certificate':
      case 'status-list':
      // The trust registry's statements are checked and applied by the credentials module's TrustBook,
      // which the service runs after this: here only the signer's identity and key.
      case 'case-action':
      // A compliance case action: who may act on which finding is the service's check; here only the
      // signer's identity and key.
      case 'provenance-summary':
      // A batch leaving the nation: that the issuer is the node operator is the service's check; here only
      // the signer's identity and key.
      case 'cross-border-receipt':
      // Applied by #apply with the imported batch (applyCrossBorder), never here.
      case 'opaque':
        // Registered, not modelled: the signer's identity and key were all there was to check.
        break;
    }
  }

  #effects(journal: Journal): LedgerEffects {
    const { registry, facilities, batches } = this.#stores;
    return {
      organizations: [...registry.orgs.drafted()].flatMap((o) => (o.row === undefined ? [] : [o.row])),
      keys: [...registry.keys.drafted()].map((k) => k.row),
      facilities: [...facilities.drafted()].map((f) => f.row),
      batches: [...batches.drafted()].map((b) => b.row),
      events: journal.events,
      edges: journal.edges,
    };
  }

  #commit(): void {
    const { registry, facilities, batches, eventIds } = this.#stores;
    registry.commit();
    facilities.commit();
    batches.commit();
    eventIds.commit();
  }

  #discard(): void {
    const { registry, facilities, batches, eventIds } = this.#stores;
    registry.discard();
    facilities.discard();
    batches.discard();
    eventIds.discard();
  }
}
