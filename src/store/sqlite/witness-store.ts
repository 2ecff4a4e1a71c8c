import type Database from 'better-sqlite3';

type Db = Database.Database;

/** What a witness holds for one origin: the last cosigned tree head and the note it cosigned. */
export interface WitnessRecord {
  readonly origin: string;
  readonly size: number;
  readonly root: Buffer;
  /** The checkpoint with the log's signature(s) and the witness cosignature (monitoring endpoint). */
  readonly checkpoint: string;
}

/** Decides, from the current record, the record to store (or none) and the result to return. */
export type WitnessUpdate<T> = (current: WitnessRecord | undefined) => {
  readonly next?: WitnessRecord;
  readonly result: T;
};

/** The witness's own table, DDL appended to the store's schema. */
export const WITNESS_SCHEMA = `
-- tlog-witness state: per origin, the last tree head this node cosigned as a witness.
CREATE TABLE IF NOT EXISTS witness_state (
  origin     TEXT PRIMARY KEY,
  size       INTEGER NOT NULL,
  root       BLOB NOT NULL,
  checkpoint TEXT NOT NULL
) STRICT;
`;

/**
 * The tlog-witness state. tlog-witness requires the compare of `old` with the stored size and the
 * store of the new state to be atomic, or two racing requests can roll the witness back; and the
 * state to be durable before the reply. So {@link WitnessStore.update} runs read, decide and write in
 * one `BEGIN IMMEDIATE` transaction (the write lock is taken before the read, so no other connection
 * can interleave), committed under the store's `synchronous=FULL`.
 */
export class WitnessStore {
  readonly #db: Db;
  #q: Prepared | undefined;

  constructor(db: Db) {
    this.#db = db;
  }

  /** The committed record of `origin`, if the witness ever cosigned for it. */
  get(origin: string): WitnessRecord | undefined {
    return this.#prepared().get.get(origin) as WitnessRecord | undefined;
  }

  /**
   * Read, decide and maybe write the record of `origin` atomically and durably: when this returns,
   * `next` (if any) is committed. `decide` must be synchronous and must not touch the database.
   */
  update<T>(origin: string, decide: WitnessUpdate<T>): T {
    return this.#prepared().update.immediate(origin, decide) as T;
  }

  // Prepared on first use: a read-only store of a data directory older than this table (which only
  // a writable open creates) must still open.
  #prepared(): Prepared {
    this.#q ??= prepare(this.#db);
    return this.#q;
  }
}

interface Prepared {
  readonly get: Database.Statement;
  readonly update: Database.Transaction<(origin: string, decide: WitnessUpdate<unknown>) => unknown>;
}

function prepare(db: Db): Prepared {
  const get = db.prepare('SELECT origin, size, root, checkpoint FROM witness_state WHERE origin = ?');
  const put = db.prepare(
    `INSERT INTO witness_state (origin, size, root, checkpoint) VALUES (@origin, @size, @root, @checkpoint)
     ON CONFLICT (origin) DO UPDATE SET size = excluded.size, root = excluded.root,
       checkpoint = excluded.checkpoint`,
  );
  const update = db.transaction((origin: string, decide: WitnessUpdate<unknown>) => {
    const { next, result } = decide(get.get(origin) as WitnessRecord | undefined);
    if (next !== undefined) put.run(next);
    return result;
  });
  return { get, update };
}
