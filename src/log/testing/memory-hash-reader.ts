/**
 * Test fixtures for Merkle code: an in-memory {@link HashReader} holding every perfect-subtree hash of
 * a tree built from leaf hashes (not for production: it keeps all ~2n nodes), a padded reader for huge
 * trees, and a naive reference MTH.
 * @module log/testing/memory-hash-reader
 */
import { sha256 } from '../../crypto/index.js';
import { LogError } from '../errors.js';
import type { HashReader } from '../hash-reader.js';
import { hashChildren, hashLeaf } from '../merkle.js';

/** All perfect-subtree hashes of a tree, level by level; grows with {@link MemoryHashReader.append}. */
export class MemoryHashReader implements HashReader {
  /** levels[l][i] = MTH(D[i·2^l : (i+1)·2^l]); level 0 holds the leaf hashes. */
  readonly #levels: Uint8Array[][] = [[]];
  /** How many times {@link nodeHash} has been called, to check that proofs read O(log n) nodes. */
  reads = 0;

  /** A reader over the given leaf hashes (copied by reference; do not mutate them afterwards). */
  constructor(leafHashes: readonly Uint8Array[] = []) {
    for (const h of leafHashes) this.append(h);
  }

  /** The number of leaves. */
  get size(): number {
    return this.#levels[0]!.length;
  }

  /** Adds one leaf hash and every perfect subtree it completes. */
  append(leafHash: Uint8Array): void {
    let node = leafHash;
    for (let level = 0; ; level += 1) {
      const row = this.#levels[level] ?? [];
      this.#levels[level] = row;
      row.push(node);
      const i = row.length - 1;
      if (i % 2 === 0) return;
      node = hashChildren(row[i - 1]!, node);
    }
  }

  /**
   * MTH(D[index·2^level : (index+1)·2^level]).
   * @throws LogError `LOG_NOT_FOUND` if that subtree is not complete in this tree.
   */
  nodeHash(level: number, index: number): Uint8Array {
    this.reads += 1;
    const node = this.#levels[level]?.[index];
    if (node === undefined)
      throw new LogError('LOG_NOT_FOUND', `no subtree at level ${level}, index ${index}`);
    return node;
  }

  /**
   * A reader that refuses (with `LOG_NOT_FOUND`) every subtree reaching beyond leaf `size`: proof
   * builders for a tree of `size` leaves must not look at later leaves.
   */
  view(size: number): HashReader {
    return {
      nodeHash: (level, index) => {
        if ((index + 1) * 2 ** level > size) {
          throw new LogError(
            'LOG_NOT_FOUND',
            `subtree at level ${level}, index ${index} is beyond size ${size}`,
          );
        }
        return this.nodeHash(level, index);
      },
    };
  }
}

/** `count` distinct leaf hashes derived from `seed`, so property tests get a different tree per seed. */
export function leafHashesFor(count: number, seed: number): Buffer[] {
  return Array.from({ length: count }, (_, i) => hashLeaf(Buffer.from(`leaf ${seed}/${i}`)));
}

/**
 * MTH over leaf hashes, written straight from the RFC 9162 §2.1.1 recursion with no shortcuts: the
 * independent reference the optimised code is compared with.
 */
export function referenceRoot(leafHashes: readonly Uint8Array[]): Buffer {
  const n = leafHashes.length;
  if (n === 0) return sha256();
  if (n === 1) return Buffer.from(leafHashes[0]!);
  let k = 1;
  while (k * 2 < n) k *= 2;
  return hashChildren(referenceRoot(leafHashes.slice(0, k)), referenceRoot(leafHashes.slice(k)));
}

/**
 * A huge tree that stays cheap: 2^`height` copies of one leaf hash (a perfect subtree whose node hashes
 * depend only on their level), followed by the leaves of an in-memory tail. Lets tests build and verify
 * proofs for sizes near 2^53 while the tail checks index arithmetic at large offsets.
 */
export class PaddedHashReader implements HashReader {
  readonly #uniform: Uint8Array[];
  readonly #tail: MemoryHashReader;
  readonly #height: number;

  constructor(height: number, padLeaf: Uint8Array, tail: readonly Uint8Array[]) {
    this.#height = height;
    this.#uniform = [padLeaf];
    for (let l = 1; l <= height; l += 1) {
      const below = this.#uniform[l - 1]!;
      this.#uniform.push(hashChildren(below, below));
    }
    this.#tail = new MemoryHashReader(tail);
  }

  /** MTH of the padding, a perfect tree of 2^height leaves. */
  get padRoot(): Uint8Array {
    return this.#uniform[this.#height]!;
  }

  /** 2^height plus the tail's length. */
  get size(): number {
    return 2 ** this.#height + this.#tail.size;
  }

  nodeHash(level: number, index: number): Uint8Array {
    const first = index * 2 ** level;
    const pad = 2 ** this.#height;
    if (level <= this.#height && first + 2 ** level <= pad) return this.#uniform[level]!;
    if (first < pad) throw new LogError('LOG_NOT_FOUND', `subtree ${level}/${index} straddles the padding`);
    return this.#tail.nodeHash(level, (first - pad) / 2 ** level);
  }
}
