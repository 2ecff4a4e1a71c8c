/**
 * RFC 9162 §2.1.3 inclusion proofs and §2.1.4 consistency proofs: generation from a stored tree and
 * verification. Verifiers treat every argument as attacker-controlled and throw only LogError.
 *
 * Error precedence, for every verifier here: `LOG_RANGE` (bad sizes or indices) first, then
 * `LOG_BAD_HASH` (a hash that is not 32 bytes), then `LOG_PROOF_INVALID`.
 * @module log/proof
 */
import { LogError } from './errors.js';
import type { HashReader } from './hash-reader.js';
import {
  assertCount,
  assertHash,
  hashChildren,
  isPowerOfTwo,
  largestPowerOfTwoBelow,
  rangeHash,
} from './merkle.js';

/** A half-open range of leaf indices [start, end) whose MTH is one proof element. @internal */
export type LeafRange = readonly [start: number, end: number];

/**
 * The ranges whose hashes make up PATH(index − lo, D[lo:hi]) (RFC 9162 §2.1.3.1), leaf to root.
 * Walks the recursion from the root down, so it collects siblings root first and reverses.
 * @internal
 */
export function inclusionRanges(index: number, lo: number, hi: number): LeafRange[] {
  const ranges: LeafRange[] = [];
  while (hi - lo > 1) {
    const mid = lo + largestPowerOfTwoBelow(hi - lo);
    if (index < mid) {
      ranges.push([mid, hi]);
      hi = mid;
    } else {
      ranges.push([lo, mid]);
      lo = mid;
    }
  }
  return ranges.reverse();
}

/**
 * The ranges whose hashes make up SUBTREE_PROOF(start, end, D_size) of
 * draft-ietf-plants-merkle-tree-certs §4.4.1, for start < end. With start = 0 this is RFC 9162
 * §2.1.4.1 PROOF(end, D_size) (the draft says so, and the recursions coincide), so one walk serves both.
 * The flag `known` is SUBPROOF's b: the verifier already holds the subtree hash only while the subtree
 * is still a node of the tree, i.e. until the walk first splits it.
 * Requires 0 ≤ start < end ≤ size; the walk keeps lo ≤ start < end ≤ hi, so it ends.
 * @internal
 */
export function consistencyRanges(start: number, end: number, size: number): LeafRange[] {
  const ranges: LeafRange[] = [];
  let lo = 0;
  let hi = size;
  let known = true;
  while (start !== lo || end !== hi) {
    const mid = lo + largestPowerOfTwoBelow(hi - lo);
    if (end <= mid) {
      ranges.push([mid, hi]);
      hi = mid;
    } else {
      // Either the subtree lies right of mid, or it straddles mid (then start = lo): prove the right part.
      if (start < mid) {
        start = mid;
        known = false;
      }
      ranges.push([lo, mid]);
      lo = mid;
    }
  }
  if (!known) ranges.push([lo, hi]);
  return ranges.reverse();
}

function checkIndex(index: number, size: number): void {
  assertCount(index, 'leaf index');
  assertCount(size, 'tree size');
  if (index >= size) throw new LogError('LOG_RANGE', `leaf index ${index} is not below tree size ${size}`);
}

function checkSizes(size1: number, size2: number): void {
  assertCount(size1, 'size1');
  assertCount(size2, 'size2');
  if (size1 > size2) throw new LogError('LOG_RANGE', `size1 ${size1} is larger than size2 ${size2}`);
  // The empty tree is consistent with every tree, so a proof from it proves nothing; like
  // transparency-dev/merkle we refuse it, and tlog-witness handles old size 0 without a proof.
  if (size1 === 0) throw new LogError('LOG_RANGE', 'a consistency proof from size 0 is meaningless');
}

/**
 * Checks that `proof` is an array of 32-byte hashes.
 * @internal
 * @throws LogError `LOG_PROOF_INVALID` if it is not an array, `LOG_BAD_HASH` for a bad element.
 */
export function assertProof(proof: unknown): asserts proof is readonly Uint8Array[] {
  if (!Array.isArray(proof)) throw new LogError('LOG_PROOF_INVALID', 'proof must be an array of hashes');
  for (const [i, h] of proof.entries()) assertHash(h, `proof[${i}]`);
}

function invalid(why: string): LogError {
  return new LogError('LOG_PROOF_INVALID', why);
}

/**
 * PATH(index, D[size]) (RFC 9162 §2.1.3.1): the inclusion proof of leaf `index` in the tree of `size`
 * leaves, leaf to root. Reads O(log size) stored subtrees, all inside [0, size). `memo` (optional)
 * keeps folded right-border ranges between calls; the hashes it holds never go stale.
 * @throws LogError `LOG_RANGE` unless 0 ≤ index < size are safe integers.
 * @throws LogError `LOG_BAD_HASH` / `LOG_NOT_FOUND` from reading the stored tree.
 */
export function buildInclusionProof(
  index: number,
  size: number,
  reader: HashReader,
  memo?: Map<string, Buffer>,
): Buffer[] {
  checkIndex(index, size);
  return inclusionRanges(index, 0, size).map(([a, b]) => memoRangeHash(a, b, reader, memo));
}

// The ranges on a proof's right border are not perfect subtrees and are folded from several nodes; the
// proofs of neighbouring leaves in one tree share them. A range's hash never changes (the log only
// appends), so a caller building many proofs may pass a memo; the caller bounds its size.
function memoRangeHash(
  a: number,
  b: number,
  reader: HashReader,
  memo: Map<string, Buffer> | undefined,
): Buffer {
  if (memo === undefined || isPowerOfTwo(b - a)) return rangeHash(a, b, reader);
  const key = `${a}:${b}`;
  let hash = memo.get(key);
  if (hash === undefined) {
    hash = rangeHash(a, b, reader);
    memo.set(key, hash);
  }
  return hash;
}

/**
 * PROOF(size1, D[size2]) (RFC 9162 §2.1.4.1): the consistency proof from the tree of `size1` leaves to
 * the tree of `size2`. Empty when the sizes are equal. Size 0 is refused, as {@link verifyConsistency}
 * refuses it. Reads O(log size2) stored subtrees, all inside [0, size2).
 * @throws LogError `LOG_RANGE` if size1 = 0, size1 > size2, or a size is not a safe integer.
 * @throws LogError `LOG_BAD_HASH` / `LOG_NOT_FOUND` from reading the stored tree.
 */
export function buildConsistencyProof(size1: number, size2: number, reader: HashReader): Buffer[] {
  checkSizes(size1, size2);
  if (size1 === size2) return [];
  return consistencyRanges(0, size1, size2).map(([a, b]) => rangeHash(a, b, reader));
}

/**
 * Recomputes the root an inclusion proof leads to (RFC 9162 §2.1.3.2, returning r instead of comparing
 * it). Also enforces what upstream verifiers add to the RFC: every hash is 32 bytes and the proof has
 * exactly the length PATH would have.
 * @throws LogError `LOG_RANGE` unless 0 ≤ index < size are safe integers.
 * @throws LogError `LOG_BAD_HASH` if the leaf hash or a proof element is not 32 bytes.
 * @throws LogError `LOG_PROOF_INVALID` if the proof has the wrong length or shape.
 */
export function rootFromInclusionProof(
  index: number,
  size: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
): Buffer {
  checkIndex(index, size);
  assertHash(leafHash, 'leaf hash');
  assertProof(proof);
  const want = inclusionRanges(index, 0, size).length;
  if (proof.length !== want) throw invalid(`inclusion proof has ${proof.length} hashes, want ${want}`);
  let fn = index;
  let sn = size - 1;
  let r: Buffer = Buffer.from(leafHash);
  for (const p of proof) {
    if (sn === 0) throw invalid('inclusion proof is too long');
    if (fn % 2 === 1 || fn === sn) {
      r = hashChildren(p, r);
      // Right edge of a ragged tree: climb past the levels where this node has no right sibling.
      while (fn % 2 === 0 && fn !== 0) [fn, sn] = [half(fn), half(sn)];
    } else {
      r = hashChildren(r, p);
    }
    [fn, sn] = [half(fn), half(sn)];
  }
  if (sn !== 0) throw invalid('inclusion proof is too short');
  return r;
}

/** fn >> 1 for numbers beyond 2^31. */
function half(n: number): number {
  return Math.floor(n / 2);
}

/**
 * Verifies that `leafHash` is leaf `index` of the tree of `size` leaves with root `root`
 * (RFC 9162 §2.1.3.2). Returns normally on success.
 * @throws LogError `LOG_RANGE` unless 0 ≤ index < size are safe integers.
 * @throws LogError `LOG_BAD_HASH` if the leaf hash, root or a proof element is not 32 bytes.
 * @throws LogError `LOG_PROOF_INVALID` if the proof does not lead to `root`.
 */
export function verifyInclusion(
  index: number,
  size: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): void {
  checkIndex(index, size);
  assertHash(root, 'root');
  if (!rootFromInclusionProof(index, size, leafHash, proof).equals(root)) {
    throw invalid('inclusion proof does not lead to the root');
  }
}

/**
 * Verifies that the tree of `size2` leaves with root `root2` extends the tree of `size1` leaves with
 * root `root1` (RFC 9162 §2.1.4.2), and that the proof has exactly the length PROOF would have.
 * Equal sizes accept only an empty proof and byte-equal roots. Returns normally on success.
 * @throws LogError `LOG_RANGE` if size1 = 0 (nothing to prove; see tlog-witness), size1 > size2, or
 *   a size is not a safe integer.
 * @throws LogError `LOG_BAD_HASH` if a root or a proof element is not 32 bytes.
 * @throws LogError `LOG_PROOF_INVALID` if the proof does not lead from `root1` to `root2`.
 */
export function verifyConsistency(
  size1: number,
  size2: number,
  root1: Uint8Array,
  root2: Uint8Array,
  proof: readonly Uint8Array[],
): void {
  checkSizes(size1, size2);
  assertProof(proof);
  // Equal sizes involve no hashing: the proof must be empty and the roots the same bytes. Like
  // transparency-dev/merkle (and its vectors), this does not insist on 32-byte roots.
  if (size1 === size2) {
    if (proof.length !== 0) throw invalid('sizes are equal but the consistency proof is not empty');
    if (
      !(root1 instanceof Uint8Array) ||
      !(root2 instanceof Uint8Array) ||
      Buffer.compare(root1, root2) !== 0
    ) {
      throw invalid('sizes are equal but the roots differ');
    }
    return;
  }
  assertHash(root1, 'root1');
  assertHash(root2, 'root2');
  const want = consistencyRanges(0, size1, size2).length;
  if (proof.length !== want) throw invalid(`consistency proof has ${proof.length} hashes, want ${want}`);
  const [fr, sr] = rootsFromConsistencyProof(size1, size2, root1, proof);
  if (!fr.equals(root1)) throw invalid('consistency proof does not lead to root1');
  if (!sr.equals(root2)) throw invalid('consistency proof does not lead to root2');
}

/** RFC 9162 §2.1.4.2 steps 2–5 for 0 < size1 < size2: the roots (fr, sr) the proof leads to. */
function rootsFromConsistencyProof(
  size1: number,
  size2: number,
  root1: Uint8Array,
  proof: readonly Uint8Array[],
): [Buffer, Buffer] {
  // A perfect old tree is itself a node of the new one, so PROOF omits its hash: the verifier supplies it.
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : proof;
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (fn % 2 === 1) [fn, sn] = [half(fn), half(sn)];
  let fr: Buffer = Buffer.from(path[0]!);
  let sr = fr;
  for (const c of path.slice(1)) {
    if (sn === 0) throw invalid('consistency proof is too long');
    if (fn % 2 === 1 || fn === sn) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      while (fn % 2 === 0 && fn !== 0) [fn, sn] = [half(fn), half(sn)];
    } else {
      sr = hashChildren(sr, c);
    }
    [fn, sn] = [half(fn), half(sn)];
  }
  if (sn !== 0) throw invalid('consistency proof is too short');
  return [fr, sr];
}
