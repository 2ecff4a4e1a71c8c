import type { BatchStore } from './batches.js';
import type { FacilityStore } from './facilities.js';
import type { IdentityRegistry } from './registry.js';
import type { Journal } from './scope.js';
import type { StagedMap } from './staged.js';

/** The ledger's staged stores: what custody events read and change. */
export interface Stores {
  readonly registry: IdentityRegistry;
  readonly facilities: FacilityStore;
  readonly batches: BatchStore;
  /** Every custody event id ever applied. */
  readonly eventIds: StagedMap<string, true>;
}

/** What a custody event's rules see: the stores, who acts, when, and where effects are journalled. */
export interface EventContext extends Stores {
  /** The issuer of the statement. */
  readonly actor: string;
  /** The event's time in milliseconds. */
  readonly atMs: number;
  /** The statement id. */
  readonly statement: string;
  readonly journal: Journal;
}
