import type { SupplyStatement } from '../model/index.js';
import type { EdgeRow, EventRow } from './rows.js';
import type { Clock } from './time.js';

/** What the rules of one statement read: the statement, its id, its times. */
export interface Scope {
  readonly statement: SupplyStatement;
  /** The statement id (hex digest) rows refer to. */
  readonly id: string;
  readonly clock: Clock;
  /** `statement.time` in milliseconds. */
  readonly timeMs: number;
}

/** The append-only outputs of a custody statement; state changes are staged in the stores instead. */
export interface Journal {
  readonly events: EventRow[];
  readonly edges: EdgeRow[];
}
