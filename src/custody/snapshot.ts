import { compareKeys } from './allocation.js';
import { compositionRow } from './composition.js';
import type { Stores } from './event-context.js';
import type { BatchRow, Composition, FacilityRow, KeyRow, OrganizationRow } from './rows.js';

/** All of a ledger's state, rows and internals, sorted by key: equal snapshots mean equal ledgers. */
export interface LedgerSnapshot {
  readonly organizations: readonly OrganizationRow[];
  /** Role history per DID: `[fromMs, roles]`, in force from `fromMs` (the operator has none). */
  readonly roleHistory: Readonly<Record<string, readonly (readonly [number, readonly string[]])[]>>;
  readonly keys: readonly KeyRow[];
  readonly facilities: readonly FacilityRow[];
  readonly batches: readonly BatchRow[];
  /** What remains of each batch, by element and origin. */
  readonly remaining: Readonly<Record<string, Composition>>;
  readonly eventIds: readonly string[];
}

/** The committed and staged state of `stores`, sorted. */
export function snapshotOf(stores: Stores): LedgerSnapshot {
  const orgs = [...stores.registry.orgs.values()];
  const batches = sortBy([...stores.batches.values()], (b) => b.row.id);
  return {
    organizations: sortBy(
      orgs.flatMap((o) => (o.row === undefined ? [] : [o.row])),
      (o) => o.did,
    ),
    roleHistory: Object.fromEntries(
      orgs.flatMap((o) =>
        o.row === undefined
          ? []
          : [[o.row.did, o.epochs.map((e) => [e.fromMs, [...e.roles].sort()] as const)]],
      ),
    ),
    keys: sortBy(
      [...stores.registry.keys.values()].map((k) => k.row),
      (k) => k.kid,
    ),
    facilities: sortBy(
      [...stores.facilities.values()].map((f) => f.row),
      (f) => f.id,
    ),
    batches: batches.map((b) => b.row),
    remaining: Object.fromEntries(batches.map((b) => [b.row.id, compositionRow(b.remaining)])),
    eventIds: sortBy([...stores.eventIds.keys()], (id) => id),
  };
}

function sortBy<T>(items: T[], key: (item: T) => string): T[] {
  return items.sort((a, b) => compareKeys(key(a), key(b)));
}
