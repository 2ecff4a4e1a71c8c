import type { TileUpdate } from './tiles/writer.js';

/** The latest checkpoint a log has published. */
export interface LatestCheckpoint {
  readonly size: number;
  /** The signed note, exactly as served on `/log/checkpoint`. */
  readonly note: string;
}

/**
 * One integration: everything that must become durable together, in one transaction.
 * `records[i]` is the caller's opaque data for `entries[i]` (the log never looks inside it), so a store
 * can persist, say, a statement in the same transaction as its entry.
 */
export interface IntegrationBatch<R> {
  /** Index of `entries[0]`; equals the size of the tree before this batch. */
  readonly fromSize: number;
  readonly entries: readonly Uint8Array[];
  readonly records: readonly R[];
  /** Every tile whose contents changed, with its complete new bytes. */
  readonly tiles: readonly TileUpdate[];
  /** The checkpoint signed for `fromSize + entries.length`. */
  readonly checkpoint: LatestCheckpoint;
}

/**
 * Storage the log needs, implemented by `store/` adapters (Tessera's `LogReader` + driver, in one port).
 */
export interface LogStore<R> {
  /** The latest checkpoint, or undefined for a log that has never been initialised. */
  latestCheckpoint(): LatestCheckpoint | undefined;
  /** The stored bytes of hash tile (level, index) — full or the current partial — or undefined. */
  readTile(level: number, index: number): Uint8Array | undefined;
  /** Entries [start, end) in order; MUST throw if any is missing. */
  readEntries(start: number, end: number): Buffer[];
  /**
   * Make the batch durable atomically: all of it or none of it, fsynced before returning.
   * MUST refuse (throw) when `fromSize` is not the current size, so two sequencers cannot interleave.
   */
  integrate(batch: IntegrationBatch<R>): void;
}
