/**
 * Incremental construction of tlog-tiles hash tiles as the sequencer appends leaves.
 * @module
 */
import { LogError } from '../errors.js';
import { checkHashTile, FULL_TILE_SIZE, HASH_SIZE } from './codec.js';
import { TILE_WIDTH, type TileId } from './layout.js';
import { type ReadTile, tileSubtreeHash } from './reader.js';

/** A hash tile whose content changed, with its complete current bytes (32·width of them). */
export interface TileUpdate extends TileId {
  readonly data: Buffer;
}

// The right-edge tile of one tile level: `width` hashes of tile `index`, in a buffer sized for 256.
interface EdgeTile {
  index: number;
  width: number;
  data: Buffer;
}

function newEdge(index: number): EdgeTile {
  return { index, width: 0, data: Buffer.alloc(FULL_TILE_SIZE) };
}

/**
 * Builds the hash tiles of a growing tree (tlog-tiles §Merkle Tree, §Partial Tiles).
 *
 * Only the right-edge tile of each level is held in memory (at most 8 KiB per level). When a tile at
 * level l fills to 256 hashes, the root of the 8-level subtree it spans becomes the next hash of the
 * level l+1 tile; partial tiles are never hashed into the level above. After each append the tiles
 * reported are exactly those a tlog-tiles log serves at the new size. Not safe for concurrent use: the
 * sequencer owns one instance.
 */
export class TileWriter {
  #size: number;
  readonly #edges: EdgeTile[];

  private constructor(size: number, edges: EdgeTile[]) {
    this.#size = size;
    this.#edges = edges;
  }

  /** A writer for the empty tree. */
  static empty(): TileWriter {
    return new TileWriter(0, []);
  }

  /**
   * A writer that continues a tree of `size` leaves, restoring each level's partial tile from the store.
   * A stored tile wider than the size needs (written by an append that never reached a checkpoint) is
   * cut back to the width `size` implies, since a wider tile always extends the narrower one.
   * @throws LogError `LOG_RANGE` when `size` is not a safe non-negative integer.
   * @throws LogError `LOG_NOT_FOUND` when a partial tile the size needs is missing or too narrow.
   * @throws LogError `LOG_TILE_MALFORMED` when a stored tile is not a whole number of 1..256 hashes.
   */
  static fromStore(size: number, readTile: ReadTile): TileWriter {
    if (!Number.isSafeInteger(size) || size < 0) throw new LogError('LOG_RANGE', `invalid tree size ${size}`);
    const edges: EdgeTile[] = [];
    for (let level = 0, span = 1; size >= span; level++, span *= TILE_WIDTH) {
      const hashes = Math.floor(size / span);
      const edge = newEdge(Math.floor(hashes / TILE_WIDTH));
      edge.width = hashes % TILE_WIDTH;
      if (edge.width > 0) restoreEdge(edge, level, readTile);
      edges.push(edge);
    }
    return new TileWriter(size, edges);
  }

  /** The number of leaves appended so far. */
  get size(): number {
    return this.#size;
  }

  /**
   * Appends leaf hashes (RFC 9162 leaf hashes, 32 bytes each) and reports every tile whose content
   * changed, ordered by level then index: each tile that filled up (width 256) and the new partial tile
   * of every level that gained hashes. Nothing is appended if any input is rejected.
   * @throws LogError `LOG_BAD_HASH` when a leaf hash is not 32 bytes.
   * @throws LogError `LOG_RANGE` when the tree would exceed 2^53 − 1 leaves.
   */
  append(leafHashes: readonly Uint8Array[]): TileUpdate[] {
    for (const h of leafHashes) {
      if (!(h instanceof Uint8Array) || h.length !== HASH_SIZE) {
        throw new LogError('LOG_BAD_HASH', `leaf hash must be ${HASH_SIZE} bytes`);
      }
    }
    if (this.#size + leafHashes.length > Number.MAX_SAFE_INTEGER) {
      throw new LogError('LOG_RANGE', 'the tree would exceed 2^53 - 1 leaves');
    }
    const updates: TileUpdate[] = [];
    // A level gains hashes only when the one below fills a tile, so the changed levels are 0..top.
    let top = -1;
    for (const h of leafHashes) top = Math.max(top, this.#push(h, updates));
    this.#size += leafHashes.length;
    for (let level = 0; level <= top; level++) {
      const edge = this.#edges[level]!;
      if (edge.width === 0) continue; // Empty tiles are never served (tlog-tiles §Partial Tiles).
      const data = Buffer.from(edge.data.subarray(0, edge.width * HASH_SIZE));
      updates.push({ level, index: edge.index, width: edge.width, data });
    }
    // Stable sort: within a level, filled tiles were pushed in index order and the partial one is last.
    return updates.sort((a, b) => a.level - b.level);
  }

  // Adds one hash at level 0, carries every tile it completes into the level above, and returns the
  // highest level that gained a hash.
  #push(leafHash: Uint8Array, updates: TileUpdate[]): number {
    let hash = leafHash;
    for (let level = 0; ; level++) {
      const edge = this.#edge(level);
      edge.data.set(hash, edge.width * HASH_SIZE);
      edge.width++;
      if (edge.width < TILE_WIDTH) return level;
      // The filled buffer is handed to the caller as is, so the edge starts over in a fresh one.
      updates.push({ level, index: edge.index, width: TILE_WIDTH, data: edge.data });
      hash = tileSubtreeHash(edge.data, 0, TILE_WIDTH);
      this.#edges[level] = newEdge(edge.index + 1);
    }
  }

  #edge(level: number): EdgeTile {
    let edge = this.#edges[level];
    if (edge === undefined) {
      // A level is only reached once the level below fills its first tile, so its first tile is 0.
      edge = newEdge(0);
      this.#edges[level] = edge;
    }
    return edge;
  }
}

function restoreEdge(edge: EdgeTile, level: number, readTile: ReadTile): void {
  const stored = readTile(level, edge.index);
  if (stored === undefined) throw new LogError('LOG_NOT_FOUND', `no hash tile ${level}/${edge.index}`);
  if (checkHashTile(stored) < edge.width) {
    throw new LogError(
      'LOG_NOT_FOUND',
      `hash tile ${level}/${edge.index} holds fewer than ${edge.width} hashes`,
    );
  }
  edge.data.set(stored.subarray(0, edge.width * HASH_SIZE), 0);
}
