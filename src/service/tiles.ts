import { encodeEntryBundle, HASH_SIZE, type LogStore, TILE_WIDTH } from '../log/index.js';

/**
 * The tlog-tiles resources of a stored log, as the HTTP API serves them and `lodestone export` writes
 * them: one place that knows how a published tile or bundle is cut from what the store holds.
 */

/** The first `width` hashes of hash tile (level, index), or undefined when the store holds fewer. */
export function tileBytes(
  store: LogStore<unknown>,
  level: number,
  index: number,
  width: number,
): Buffer | undefined {
  const data = store.readTile(level, index);
  if (!data || data.length < width * HASH_SIZE) return undefined;
  return Buffer.from(data.buffer, data.byteOffset, width * HASH_SIZE);
}

/** Entry bundle `index` with its first `width` entries, or undefined beyond a log of `size` entries. */
export function entryBundleBytes(
  store: LogStore<unknown>,
  size: number,
  index: number,
  width: number,
): Buffer | undefined {
  const start = index * TILE_WIDTH;
  if (start + width > size) return undefined;
  return encodeEntryBundle(store.readEntries(start, start + width));
}
