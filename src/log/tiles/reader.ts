/**
 * Perfect-subtree hashes of a Merkle tree read from its stored tlog-tiles hash tiles.
 * @module
 */
import { hash } from 'node:crypto';
import { LogError } from '../errors.js';
import type { HashReader } from '../hash-reader.js';
import { checkHashTile, HASH_SIZE } from './codec.js';
import { nodeTileAddress, TILE_HEIGHT, TILE_WIDTH } from './layout.js';

/**
 * Reads the stored bytes of hash tile `index` at tile level `level`: 32·width bytes, where a partial
 * tile is shorter than 8,192. It MUST return the widest version it holds (the full tile once it exists)
 * and `undefined` when it holds none. It MUST NOT return bytes it will later mutate.
 */
export type ReadTile = (level: number, index: number) => Uint8Array | undefined;

// RFC 9162 §2.1.1 prefixes interior nodes with 0x01. One scratch buffer per process saves an allocation
// per hash; safe because hashing is synchronous and nothing else touches it.
const NODE_INPUT = Buffer.alloc(1 + 2 * HASH_SIZE);
NODE_INPUT[0] = 0x01;

// Hashes the adjacent children at `from` in `src` into `dst` at `to`. Siblings in a tile are adjacent,
// so one 64-byte copy builds the input. node:crypto's one-shot `hash` costs ~30% less per node than
// createHash().update().digest(), and the tile writer spends one node hash per leaf: this is its hot loop.
function hashPair(src: Buffer, from: number, dst: Buffer, to: number): void {
  src.copy(NODE_INPUT, 1, from, from + 2 * HASH_SIZE);
  hash('sha256', NODE_INPUT, 'buffer').copy(dst, to);
}

/**
 * The Merkle Tree Hash of `count` (a power of two, 1..256) consecutive hashes of a tile, starting at
 * hash `start`: the root of the perfect subtree they are the leaves of (RFC 9162 §2.1.1). With
 * start 0 and count 256 it is the hash a full tile contributes to the level above
 * (tlog-tiles §Merkle Tree).
 * @throws LogError `LOG_RANGE` when the range is not a power-of-two run inside `tile`.
 */
export function tileSubtreeHash(tile: Uint8Array, start: number, count: number): Buffer {
  const valid = Number.isInteger(count) && count >= 1 && count <= TILE_WIDTH && (count & (count - 1)) === 0;
  if (!valid || !Number.isInteger(start) || start < 0 || (start + count) * HASH_SIZE > tile.length) {
    throw new LogError('LOG_RANGE', `no run of ${count} hashes at ${start} in a ${tile.length}-byte tile`);
  }
  const work = Buffer.from(tile.subarray(start * HASH_SIZE, (start + count) * HASH_SIZE));
  // In place: node i overwrites hash i of the level below, which pair i/2 (< i) has already consumed.
  for (let n = count; n > 1; n /= 2) {
    for (let i = 0; i < n / 2; i++) hashPair(work, 2 * i * HASH_SIZE, work, i * HASH_SIZE);
  }
  // A copy, so a caller keeping the root does not pin the whole work buffer.
  return Buffer.from(work.subarray(0, HASH_SIZE));
}

// Hash offset of in-tile level k (0..8) in an expanded tile: level 0's 256 hashes, then 128, 64, … 1.
function expandedOffset(k: number): number {
  return 2 * TILE_WIDTH - (2 * TILE_WIDTH) / 2 ** k;
}

// A tile plus every complete node hashed up from it: at in-tile level k, the first floor(width/2^k)
// nodes (for a full tile 511 hashes, 16,352 bytes), so any node it covers is one lookup. The nodes a
// tile of width w holds never change as it grows (it is a prefix of every later version), so the
// result stays correct for every node it covers.
function expandTile(tile: Uint8Array): ExpandedTile {
  const width = tile.length / HASH_SIZE;
  const out = Buffer.allocUnsafe(expandedOffset(TILE_HEIGHT + 1) * HASH_SIZE);
  out.set(tile, 0);
  for (let k = 1; k <= TILE_HEIGHT; k++) {
    const below = expandedOffset(k - 1) * HASH_SIZE;
    const here = expandedOffset(k) * HASH_SIZE;
    for (let i = 0; i < Math.floor(width / 2 ** k); i++) {
      hashPair(out, below + 2 * i * HASH_SIZE, out, here + i * HASH_SIZE);
    }
  }
  return { width, hashes: out };
}

interface ExpandedTile {
  readonly width: number;
  readonly hashes: Buffer;
}

/**
 * A {@link HashReader} over stored hash tiles, for building inclusion and consistency proofs.
 *
 * A subtree at binary level h comes from tile level floor(h/8), hashed up h mod 8 levels inside one
 * tile. Tiles are expanded once and kept in an LRU cache of `cacheSize` tiles (16 KiB each). A cached
 * partial tile answers every node it covers (a tile only ever grows by appending); a node beyond its
 * width makes the reader fetch the tile again. So receipts for one checkpoint share one expansion of
 * the right-edge tiles instead of re-hashing them per proof.
 */
export class TileHashReader implements HashReader {
  readonly #readTile: ReadTile;
  readonly #cacheSize: number;
  // Map iteration order is insertion order, so re-inserting on a hit makes the first key the LRU one.
  readonly #cache = new Map<string, ExpandedTile>();

  /**
   * @param readTile - the tile store (see {@link ReadTile}).
   * @param cacheSize - how many expanded full tiles to keep; 0 disables the cache.
   * @throws LogError `LOG_RANGE` when `cacheSize` is not a non-negative integer.
   */
  constructor(readTile: ReadTile, cacheSize = 256) {
    if (!Number.isSafeInteger(cacheSize) || cacheSize < 0) {
      throw new LogError('LOG_RANGE', `cache size must be a non-negative integer, got ${cacheSize}`);
    }
    this.#readTile = readTile;
    this.#cacheSize = cacheSize;
  }

  /**
   * MTH of the perfect subtree of 2^level leaves starting at leaf index·2^level (a fresh copy).
   * @throws LogError `LOG_RANGE` when level is not 0..511 or index not a safe non-negative integer.
   * @throws LogError `LOG_NOT_FOUND` when the tile is missing or too narrow to hold the subtree.
   * @throws LogError `LOG_TILE_MALFORMED` when the stored tile is not a whole number of 1..256 hashes.
   */
  nodeHash(level: number, index: number): Uint8Array {
    const at = nodeTileAddress(level, index);
    const key = `${at.tileLevel}/${at.tileIndex}`;
    let tile = this.#cache.get(key);
    if (tile !== undefined && at.start + at.count <= tile.width) {
      this.#cache.delete(key);
      this.#cache.set(key, tile);
    } else {
      tile = expandTile(this.#read(at.tileLevel, at.tileIndex));
      if (at.start + at.count > tile.width) {
        throw new LogError('LOG_NOT_FOUND', `hash tile ${key} too narrow for node ${level}/${index}`);
      }
      this.#remember(key, tile);
    }
    const offset = (expandedOffset(at.height) + at.start / at.count) * HASH_SIZE;
    return Buffer.from(tile.hashes.subarray(offset, offset + HASH_SIZE));
  }

  /**
   * Drops every cached tile. Full tiles never change, so this is only for a store that was rolled back
   * or replaced underneath the reader (a failed integration, a restore from backup).
   */
  clear(): void {
    this.#cache.clear();
  }

  #read(tileLevel: number, tileIndex: number): Uint8Array {
    const tile = this.#readTile(tileLevel, tileIndex);
    if (tile === undefined) throw new LogError('LOG_NOT_FOUND', `no hash tile ${tileLevel}/${tileIndex}`);
    checkHashTile(tile);
    return tile;
  }

  #remember(key: string, expanded: ExpandedTile): void {
    if (this.#cacheSize === 0) return;
    if (!this.#cache.delete(key) && this.#cache.size >= this.#cacheSize) {
      const oldest = this.#cache.keys().next().value as string;
      this.#cache.delete(oldest);
    }
    this.#cache.set(key, expanded);
  }
}
