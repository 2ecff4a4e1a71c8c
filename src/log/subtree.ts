/**
 * Subtrees [start, end) of a Merkle tree and their inclusion and consistency proofs, as defined by
 * draft-ietf-plants-merkle-tree-certs §4 and used by C2SP tlog-witness sign-subtree.
 *
 * Error precedence matches ./proof.ts: `LOG_RANGE`, then `LOG_BAD_HASH`, then `LOG_PROOF_INVALID`.
 * @module log/subtree
 */
import { LogError } from './errors.js';
import type { HashReader } from './hash-reader.js';
import { assertCount, assertHash, bitCeil, EMPTY_ROOT, hashChildren, rangeHash } from './merkle.js';
import { assertProof, consistencyRanges, inclusionRanges, verifyInclusion } from './proof.js';

/**
 * Whether [start, end) is a subtree (draft §4.1): 0 ≤ start ≤ end and start is a multiple of
 * BIT_CEIL(end − start). The empty range [x, x) is one (BIT_CEIL(0) = 1). Never throws: anything that
 * is not a pair of safe non-negative integers is simply not a subtree.
 * Whether end ≤ the tree size is for the caller to check.
 */
export function isValidSubtree(start: number, end: number): boolean {
  if (!isCount(start) || !isCount(end) || start > end) return false;
  // In doubles, unlike the draft's uint64, BIT_CEIL(end − start) ≤ 2^53 cannot overflow.
  return start % bitCeil(end - start) === 0;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function checkSubtree(start: number, end: number): void {
  assertCount(start, 'subtree start');
  assertCount(end, 'subtree end');
  if (!isValidSubtree(start, end)) throw new LogError('LOG_RANGE', `[${start}, ${end}) is not a subtree`);
}

function checkSubtreeInTree(start: number, end: number, size: number): void {
  checkSubtree(start, end);
  assertCount(size, 'tree size');
  if (end > size) throw new LogError('LOG_RANGE', `subtree end ${end} is beyond tree size ${size}`);
}

function checkIndexInSubtree(index: number, start: number, end: number): void {
  assertCount(index, 'leaf index');
  checkSubtree(start, end);
  if (index < start || index >= end)
    throw new LogError('LOG_RANGE', `leaf ${index} is not in [${start}, ${end})`);
}

function invalid(why: string): LogError {
  return new LogError('LOG_PROOF_INVALID', why);
}

/**
 * The subtree inclusion proof (draft §4.3) of leaf `index` in [start, end): RFC 9162 PATH over
 * D[start:end]. Reads O(log(end − start)) stored subtrees, all inside [start, end).
 * @throws LogError `LOG_RANGE` unless [start, end) is a subtree containing `index`.
 * @throws LogError `LOG_BAD_HASH` / `LOG_NOT_FOUND` from reading the stored tree.
 */
export function buildSubtreeInclusionProof(
  index: number,
  start: number,
  end: number,
  reader: HashReader,
): Buffer[] {
  checkIndexInSubtree(index, start, end);
  return inclusionRanges(index, start, end).map(([a, b]) => rangeHash(a, b, reader));
}

/**
 * Verifies that `leafHash` is leaf `index` of the subtree [start, end) whose hash is `subtreeRoot`
 * (draft §4.3.2: RFC 9162 §2.1.3.2 on index − start in a tree of end − start leaves).
 * @throws LogError `LOG_RANGE` unless [start, end) is a subtree containing `index`.
 * @throws LogError `LOG_BAD_HASH` if the leaf hash, subtree root or a proof element is not 32 bytes.
 * @throws LogError `LOG_PROOF_INVALID` if the proof does not lead to `subtreeRoot`.
 */
export function verifySubtreeInclusion(
  index: number,
  start: number,
  end: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  subtreeRoot: Uint8Array,
): void {
  checkIndexInSubtree(index, start, end);
  verifyInclusion(index - start, end - start, leafHash, proof, subtreeRoot);
}

/**
 * SUBTREE_PROOF(start, end, D_size) (draft §4.4.1): proves [start, end) is consistent with the tree
 * of `size` leaves. Empty for an empty subtree. Reads O(log size) stored subtrees inside [0, size).
 * @throws LogError `LOG_RANGE` unless [start, end) is a subtree with end ≤ size.
 * @throws LogError `LOG_BAD_HASH` / `LOG_NOT_FOUND` from reading the stored tree.
 */
export function buildSubtreeConsistencyProof(
  start: number,
  end: number,
  size: number,
  reader: HashReader,
): Buffer[] {
  checkSubtreeInTree(start, end, size);
  if (start === end) return [];
  return consistencyRanges(start, end, size).map(([a, b]) => rangeHash(a, b, reader));
}

/**
 * Verifies that the subtree [start, end) with hash `subtreeRoot` is part of the tree of `size`
 * leaves with root `root` (draft §4.4.3), and that the proof has exactly the length SUBTREE_PROOF
 * would have. An empty subtree accepts only an empty proof and the empty-tree hash as `subtreeRoot`
 * (whatever `root` is, though it must still be 32 bytes). Returns normally on success.
 * @throws LogError `LOG_RANGE` unless [start, end) is a subtree with end ≤ size.
 * @throws LogError `LOG_BAD_HASH` if a root or a proof element is not 32 bytes.
 * @throws LogError `LOG_PROOF_INVALID` if the proof does not lead to both roots.
 */
export function verifySubtreeConsistency(
  start: number,
  end: number,
  size: number,
  subtreeRoot: Uint8Array,
  root: Uint8Array,
  proof: readonly Uint8Array[],
): void {
  checkSubtreeInTree(start, end, size);
  assertProof(proof);
  // Two cases need no hashing, and like transparency-dev/merkle (and its vectors) they compare roots as
  // bytes without insisting on 32-byte inputs: an empty subtree (the tree root is then irrelevant,
  // draft §4.4.3 step 2) and a subtree that is the whole tree.
  if (start === end) {
    if (proof.length !== 0) throw invalid('subtree is empty but the consistency proof is not');
    if (!sameBytes(EMPTY_ROOT, subtreeRoot)) throw invalid('empty subtree must hash to SHA-256("")');
    return;
  }
  if (start === 0 && end === size) {
    if (proof.length !== 0) throw invalid('subtree is the whole tree but the consistency proof is not empty');
    if (!sameBytes(subtreeRoot, root)) throw invalid('subtree is the whole tree but the roots differ');
    return;
  }
  assertHash(subtreeRoot, 'subtree root');
  assertHash(root, 'root');
  const want = consistencyRanges(start, end, size).length;
  if (proof.length !== want) throw invalid(`subtree proof has ${proof.length} hashes, want ${want}`);
  const [fr, sr] = rootsFromSubtreeProof(start, end, size, subtreeRoot, proof);
  if (!fr.equals(subtreeRoot)) throw invalid('subtree consistency proof does not lead to the subtree root');
  if (!sr.equals(root)) throw invalid('subtree consistency proof does not lead to the root');
}

/** Node coordinates while climbing: fn, sn = first and last leaf of the subtree, tn = last of the tree. */
interface Walk {
  fn: number;
  sn: number;
  tn: number;
}

function climb(w: Walk): void {
  w.fn = Math.floor(w.fn / 2);
  w.sn = Math.floor(w.sn / 2);
  w.tn = Math.floor(w.tn / 2);
}

/** Draft §4.4.3 steps 3–8 for start < end: the subtree and tree hashes (fr, sr) the proof leads to. */
function rootsFromSubtreeProof(
  start: number,
  end: number,
  size: number,
  subtreeRoot: Uint8Array,
  proof: readonly Uint8Array[],
): [Buffer, Buffer] {
  const w: Walk = { fn: start, sn: end - 1, tn: size - 1 };
  // Climb to the largest node the subtree and the tree share at the subtree's right end (steps 3–5).
  if (w.sn === w.tn) while (w.fn !== w.sn) climb(w);
  else while (w.fn !== w.sn && w.sn % 2 === 1) climb(w);
  // If that node is the whole subtree, the verifier knows its hash; otherwise the proof starts with it.
  const known = w.fn === w.sn;
  if (!known && proof.length === 0) throw invalid('subtree consistency proof is empty');
  const rest = known ? proof : proof.slice(1);
  let fr: Buffer = Buffer.from(known ? subtreeRoot : proof[0]!);
  let sr = fr;
  for (const c of rest) {
    if (w.tn === 0) throw invalid('subtree consistency proof is too long');
    if (w.sn % 2 === 1 || w.sn === w.tn) {
      if (w.fn < w.sn) fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      while (w.sn % 2 === 0 && w.sn !== 0) climb(w);
    } else {
      sr = hashChildren(sr, c);
    }
    climb(w);
  }
  if (w.tn !== 0) throw invalid('subtree consistency proof is too short');
  return [fr, sr];
}

function sameBytes(a: unknown, b: unknown): boolean {
  return a instanceof Uint8Array && b instanceof Uint8Array && Buffer.compare(a, b) === 0;
}
