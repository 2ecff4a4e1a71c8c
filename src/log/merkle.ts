/**
 * RFC 9162 §2.1 Merkle Tree Hash: leaf and node hashing, the compact frontier of a growing tree, and
 * the hash of any range of a stored tree. Sizes and indices are JS numbers, so every function stays
 * within safe integers (2^53 − 1) and uses arithmetic, never 32-bit shifts, on them.
 * @module log/merkle
 */
import { sha256 } from '../crypto/index.js';
import { LogError } from './errors.js';
import type { HashReader } from './hash-reader.js';

/** Bytes in a SHA-256 hash, the only hash RFC 9162 §2.1 defines for our trees. */
export const HASH_SIZE = 32;

/** Domain-separation byte before a leaf's data (RFC 6962 §2.1, RFC 9162 §2.1.1). */
export const RFC6962_LEAF_HASH_PREFIX = 0x00;

/** Domain-separation byte before two child hashes (RFC 6962 §2.1, RFC 9162 §2.1.1). */
export const RFC6962_NODE_HASH_PREFIX = 0x01;

/**
 * MTH({}) = SHA-256(""), the root of the empty tree (RFC 9162 §2.1.1).
 * Shared: callers MUST NOT mutate it (functions here hand out copies).
 */
export const EMPTY_ROOT: Buffer = sha256();

const LEAF_PREFIX = Uint8Array.of(RFC6962_LEAF_HASH_PREFIX);
const NODE_PREFIX = Uint8Array.of(RFC6962_NODE_HASH_PREFIX);

/** MTH({d}) = SHA-256(0x00 ‖ d), the hash of one log entry (RFC 9162 §2.1.1). */
export function hashLeaf(entry: Uint8Array): Buffer {
  return sha256(LEAF_PREFIX, entry);
}

/**
 * SHA-256(0x01 ‖ left ‖ right), an interior node (RFC 9162 §2.1.1).
 *
 * A raw primitive: it does not check lengths, so that it reproduces the upstream hasher vectors
 * (which use 4-byte children). Verifiers check every hash is {@link HASH_SIZE} bytes before calling it.
 */
export function hashChildren(left: Uint8Array, right: Uint8Array): Buffer {
  return sha256(NODE_PREFIX, left, right);
}

/**
 * Throws unless `value` is a safe non-negative integer: sizes and indices come from the network, and
 * a float or an unsafe integer would silently break the arithmetic below.
 * @internal
 * @throws LogError `LOG_RANGE`
 */
export function assertCount(value: unknown, what: string): asserts value is number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return;
  throw new LogError('LOG_RANGE', `${what} must be a non-negative safe integer, got ${String(value)}`);
}

/**
 * Throws unless `value` is a {@link HASH_SIZE}-byte array: a shorter or longer "hash" can never be a
 * node, and accepting one would let a 64-byte leaf pose as a node (RFC 9162 §2.1.1 second preimages).
 * @internal
 * @throws LogError `LOG_BAD_HASH`
 */
export function assertHash(value: unknown, what: string): asserts value is Uint8Array {
  if (value instanceof Uint8Array && value.length === HASH_SIZE) return;
  const got = value instanceof Uint8Array ? `${value.length} bytes` : typeof value;
  throw new LogError('LOG_BAD_HASH', `${what} must be ${HASH_SIZE} bytes, got ${got}`);
}

/** True when `n` is 2^k for some k ≥ 0. @internal */
export function isPowerOfTwo(n: number): boolean {
  return n >= 1 && bitFloor(n) === n;
}

/** The largest power of two ≤ `n` (n ≥ 1). @internal */
export function bitFloor(n: number): number {
  return largestPowerOfTwoBelow(n + 1);
}

/**
 * The largest power of two strictly less than `n` (n ≥ 2): the split point k of RFC 9162 §2.1.1.
 * Math.log2 is only a first guess because it rounds up just below large powers of two.
 * @internal
 */
export function largestPowerOfTwoBelow(n: number): number {
  // A guard, not a check of input: callers never pass n < 2, and a loop below would never end.
  if (!(n >= 2)) throw new LogError('LOG_RANGE', `no power of two splits a tree of ${n} leaves`);
  let k = 2 ** Math.floor(Math.log2(n - 1));
  while (k >= n) k /= 2;
  while (k * 2 < n) k *= 2;
  return k;
}

/** The smallest power of two ≥ `n`; BIT_CEIL(0) = 1 as in draft-ietf-plants-merkle-tree-certs §4.1. @internal */
export function bitCeil(n: number): number {
  return n <= 1 ? 1 : 2 * largestPowerOfTwoBelow(n);
}

/** k such that n = 2^k, for a power of two n (exact: Math.log2 is exact on powers of two). */
function levelOf(n: number): number {
  return Math.log2(n);
}

/** Reads one stored subtree hash, refusing a corrupt one rather than folding it into a proof. */
function readNode(reader: HashReader, level: number, index: number): Buffer {
  const node = reader.nodeHash(level, index);
  assertHash(node, `stored hash at level ${level}, index ${index}`);
  return Buffer.from(node);
}

/**
 * MTH(D[start:end]) of the stored tree (start may be non-zero), as used for proof generation.
 *
 * Follows the RFC 9162 §2.1.1 recursion over D[start:end] as a list of its own, but stops at every
 * piece that is a perfect subtree of the stored tree and reads it from `reader`. When [start, end) is
 * a subtree in the sense of draft-ietf-plants-merkle-tree-certs §4.1 (start a multiple of
 * BIT_CEIL(end − start)) — every range that RFC 9162 proofs and subtree proofs ask for — all pieces
 * are aligned, so this reads O(log n) nodes. Other ranges are still hashed correctly, but their
 * pieces shrink down to single leaves, costing up to end − start reads.
 * It only reads subtrees inside [start, end). The empty range gives {@link EMPTY_ROOT}.
 * @throws LogError `LOG_RANGE` unless 0 ≤ start ≤ end are safe integers.
 * @throws LogError `LOG_BAD_HASH` if the reader returns a hash that is not 32 bytes.
 * @throws LogError `LOG_NOT_FOUND` (from the reader) if a subtree is not stored.
 */
export function rangeHash(start: number, end: number, reader: HashReader): Buffer {
  assertCount(start, 'range start');
  assertCount(end, 'range end');
  if (start > end) throw new LogError('LOG_RANGE', `range start ${start} is after its end ${end}`);
  return start === end ? Buffer.from(EMPTY_ROOT) : hashRange(start, end, reader);
}

function hashRange(start: number, end: number, reader: HashReader): Buffer {
  const n = end - start;
  if (isPowerOfTwo(n) && start % n === 0) return readNode(reader, levelOf(n), start / n);
  const k = largestPowerOfTwoBelow(n);
  return hashChildren(hashRange(start, start + k, reader), hashRange(start + k, end, reader));
}

/**
 * MTH over the given leaf hashes (RFC 9162 §2.1.1) in O(n) time and O(log n) memory;
 * {@link EMPTY_ROOT} (a copy) for none.
 * @throws LogError `LOG_BAD_HASH` if a leaf hash is not 32 bytes.
 */
export function rootOfLeafHashes(leafHashes: readonly Uint8Array[]): Buffer {
  const frontier = new MerkleFrontier();
  for (const h of leafHashes) frontier.append(h);
  return frontier.root();
}

/**
 * The compact range [0, size) of a growing tree: the hashes of the perfect subtrees that the binary
 * decomposition of `size` splits it into, largest (leftmost) first — O(log n) memory, amortised one
 * node hash per append. RFC 9162 §2.1.1 makes every left subtree perfect, so these are exactly the
 * nodes a future root still needs.
 */
export class MerkleFrontier {
  #size = 0;
  /** Perfect-subtree hashes, one per set bit of #size, highest bit first. Never mutated in place. */
  #nodes: Buffer[] = [];

  /**
   * Rebuilds the frontier of a stored tree (e.g. on startup) from its perfect subtrees, reading one
   * node per set bit of `size`.
   * @throws LogError `LOG_RANGE` unless `size` is a safe non-negative integer.
   * @throws LogError `LOG_BAD_HASH` if the reader returns a hash that is not 32 bytes.
   * @throws LogError `LOG_NOT_FOUND` (from the reader) if a subtree is not stored.
   */
  static fromHashReader(size: number, reader: HashReader): MerkleFrontier {
    assertCount(size, 'tree size');
    const frontier = new MerkleFrontier();
    let offset = 0;
    while (offset < size) {
      const width = bitFloor(size - offset);
      frontier.#nodes.push(readNode(reader, levelOf(width), offset / width));
      offset += width;
    }
    frontier.#size = size;
    return frontier;
  }

  /** The number of leaves appended so far. */
  get size(): number {
    return this.#size;
  }

  /**
   * Appends one leaf hash (the caller hashes the entry with {@link hashLeaf}).
   * @throws LogError `LOG_BAD_HASH` if `leafHash` is not 32 bytes.
   * @throws LogError `LOG_RANGE` if the tree would outgrow safe integers.
   */
  append(leafHash: Uint8Array): void {
    assertHash(leafHash, 'leaf hash');
    if (this.#size === Number.MAX_SAFE_INTEGER) throw new LogError('LOG_RANGE', 'tree size would overflow');
    let node: Buffer | undefined;
    // Each trailing 1 bit of the old size is a perfect subtree as tall as `node`: they merge.
    for (let s = this.#size; s % 2 === 1; s = (s - 1) / 2) {
      node = hashChildren(this.#nodes.pop()!, node ?? leafHash);
    }
    // A leaf kept as is is copied, so a caller reusing its buffer cannot change our state.
    this.#nodes.push(node ?? Buffer.from(leafHash));
    this.#size += 1;
  }

  /** MTH(D[0:size]): the frontier folded right to left (RFC 9162 §2.1.1); a fresh buffer. */
  root(): Buffer {
    const nodes = this.#nodes;
    let i = nodes.length - 1;
    if (i < 0) return Buffer.from(EMPTY_ROOT);
    let root: Buffer = Buffer.from(nodes[i]!);
    for (i -= 1; i >= 0; i -= 1) root = hashChildren(nodes[i]!, root);
    return root;
  }

  /** An independent copy: appending to either does not affect the other. */
  clone(): MerkleFrontier {
    const copy = new MerkleFrontier();
    copy.#size = this.#size;
    copy.#nodes = [...this.#nodes];
    return copy;
  }
}
