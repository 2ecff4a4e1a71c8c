import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LogErrorCode } from './errors.js';
import { EMPTY_ROOT } from './merkle.js';
import { buildConsistencyProof, buildInclusionProof } from './proof.js';
import {
  buildSubtreeConsistencyProof,
  buildSubtreeInclusionProof,
  isValidSubtree,
  verifySubtreeConsistency,
  verifySubtreeInclusion,
} from './subtree.js';
import { leafHashesFor, MemoryHashReader, referenceRoot } from './testing/memory-hash-reader.js';
import { anyBadHash, codeOf, flipBit, hex, isCount, loadMerkleVectors, named } from './testing/probes.js';

// Vectors (see shared/vectors/merkle/PROVENANCE.md): subtreeinclusion-probes.json (204 cases) and
// subtreeconsistency-probes.json (118) are upstream transparency-dev/merkle `testdata/subtreeinclusion/**`
// and `testdata/subtreeconsistency/**` @417fb0c (Apache-2.0), re-encoded base64 → hex. They follow the
// subtrees of draft-ietf-plants-merkle-tree-certs §4. Upstream stores indices as uint64: 2^64 − 1 and
// 2^63 + 2 parse to unsafe JS numbers, which we reject as LOG_RANGE, as upstream rejects them.

interface SubtreeInclusionCase {
  source: string;
  desc: string;
  leafIdx: number;
  start: number;
  end: number;
  leafHash: string;
  root: string;
  proof: string[];
  wantErr: boolean;
}

interface SubtreeConsistencyCase {
  source: string;
  desc: string;
  start: number;
  end: number;
  size: number;
  root1: string;
  root2: string;
  proof: string[];
  wantErr: boolean;
}

const inclusionCases = loadMerkleVectors<{ cases: SubtreeInclusionCase[] }>(
  'subtreeinclusion-probes.json',
).cases;
const consistencyCases = loadMerkleVectors<{ cases: SubtreeConsistencyCase[] }>(
  'subtreeconsistency-probes.json',
).cases;

/** Draft §4.1 written out naively, as the oracle for isValidSubtree. */
function naiveIsSubtree(start: number, end: number): boolean {
  if (!isCount(start) || !isCount(end) || start > end) return false;
  let ceil = 1;
  while (ceil < end - start) ceil *= 2;
  return start % ceil === 0;
}

/** Our error precedence (see subtree.ts): range, then hash lengths, then the proof itself. */
function expectedInclusionCode(c: SubtreeInclusionCase): LogErrorCode {
  const inRange = isCount(c.leafIdx) && c.leafIdx >= c.start && c.leafIdx < c.end;
  if (!naiveIsSubtree(c.start, c.end) || !inRange) return 'LOG_RANGE';
  if (anyBadHash([c.leafHash, c.root, ...c.proof])) return 'LOG_BAD_HASH';
  return 'LOG_PROOF_INVALID';
}

function expectedConsistencyCode(c: SubtreeConsistencyCase): LogErrorCode {
  if (!naiveIsSubtree(c.start, c.end) || !isCount(c.size) || c.end > c.size) return 'LOG_RANGE';
  // Empty and whole-tree subtrees compare roots as bytes, whatever their length (as upstream does).
  const bytewise = c.start === c.end || (c.start === 0 && c.end === c.size);
  if (bytewise) return anyBadHash(c.proof) ? 'LOG_BAD_HASH' : 'LOG_PROOF_INVALID';
  if (anyBadHash([c.root1, c.root2, ...c.proof])) return 'LOG_BAD_HASH';
  return 'LOG_PROOF_INVALID';
}

/** A random subtree [start, end) of a tree of n ≥ 1 leaves: any size, at any aligned slot. */
function pickSubtree(n: number, a: number, b: number): [number, number] {
  const width = 1 + (a % n);
  let align = 1;
  while (align < width) align *= 2;
  const start = align * (b % (Math.floor((n - width) / align) + 1));
  return [start, start + width];
}

describe('isValidSubtree', () => {
  it('matches draft §4.1 for every range up to 70', () => {
    for (let start = 0; start <= 70; start += 1) {
      for (let end = 0; end <= 70; end += 1)
        expect(isValidSubtree(start, end)).toBe(naiveIsSubtree(start, end));
    }
  });

  it.each([
    [0, 2 ** 53 - 1, true],
    [2 ** 52, 2 ** 53 - 1, true],
    [2 ** 51, 2 ** 52 + 1, false],
    [7, 7, true],
    [4, 3, false],
    [-2, -1, false],
    [0.5, 1, false],
    [0, Number.NaN, false],
    [0, 2 ** 64, false],
  ])('says [%d, %d) is a subtree: %s', (start, end, want) => {
    expect(isValidSubtree(start, end)).toBe(want);
  });
});

describe('verifySubtreeInclusion', () => {
  describe('on the upstream probes', () => {
    it.each(named(inclusionCases))('%s', (_, c) => {
      const run = (): void =>
        verifySubtreeInclusion(c.leafIdx, c.start, c.end, hex(c.leafHash), c.proof.map(hex), hex(c.root));
      expect(codeOf(run)).toBe(c.wantErr ? expectedInclusionCode(c) : undefined);
    });
  });

  it('accepts built proofs and rejects tampered ones', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 600 }),
        fc.nat(),
        fc.nat(),
        fc.nat(),
        fc.nat(255),
        (n, seed, a, b, bit) => {
          const leaves = leafHashesFor(n, seed);
          const tree = new MemoryHashReader(leaves);
          const [start, end] = pickSubtree(n, a, b);
          const index = start + (seed % (end - start));
          const subtreeRoot = referenceRoot(leaves.slice(start, end));
          const proof = buildSubtreeInclusionProof(index, start, end, tree.view(end));
          verifySubtreeInclusion(index, start, end, leaves[index]!, proof, subtreeRoot);
          const rejects = (p: Uint8Array[], r: Uint8Array): void => {
            const run = (): void => verifySubtreeInclusion(index, start, end, leaves[index]!, p, r);
            expect(codeOf(run)).toBe('LOG_PROOF_INVALID');
          };
          for (const [j, p] of proof.entries()) rejects(proof.with(j, flipBit(p, bit)), subtreeRoot);
          rejects(proof, flipBit(subtreeRoot, bit));
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('verifySubtreeConsistency', () => {
  describe('on the upstream probes', () => {
    it.each(named(consistencyCases))('%s', (_, c) => {
      const run = (): void =>
        verifySubtreeConsistency(c.start, c.end, c.size, hex(c.root1), hex(c.root2), c.proof.map(hex));
      const want = c.wantErr ? expectedConsistencyCode(c) : undefined;
      expect(codeOf(run)).toBe(want);
    });
  });

  it('accepts built proofs for every subtree of every tree up to 24 leaves', () => {
    for (let n = 1; n <= 24; n += 1) {
      const leaves = leafHashesFor(n, n);
      const tree = new MemoryHashReader(leaves);
      const root = referenceRoot(leaves);
      for (let start = 0; start <= n; start += 1) {
        for (let end = start; end <= n; end += 1) {
          if (!isValidSubtree(start, end)) continue;
          const proof = buildSubtreeConsistencyProof(start, end, n, tree);
          verifySubtreeConsistency(start, end, n, referenceRoot(leaves.slice(start, end)), root, proof);
        }
      }
    }
  });

  it('accepts built proofs and rejects tampered ones', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2000 }),
        fc.nat(),
        fc.nat(),
        fc.nat(),
        fc.nat(255),
        (n, seed, a, b, bit) => {
          const leaves = leafHashesFor(n + 3, seed);
          const tree = new MemoryHashReader(leaves);
          const [start, end] = pickSubtree(n, a, b);
          const subtreeRoot = referenceRoot(leaves.slice(start, end));
          const root = referenceRoot(leaves.slice(0, n));
          const proof = buildSubtreeConsistencyProof(start, end, n, tree.view(n));
          verifySubtreeConsistency(start, end, n, subtreeRoot, root, proof);
          const rejects = (s: Uint8Array, r: Uint8Array, p: Uint8Array[]): void => {
            expect(codeOf(() => verifySubtreeConsistency(start, end, n, s, r, p))).toBe('LOG_PROOF_INVALID');
          };
          for (const [j, p] of proof.entries()) rejects(subtreeRoot, root, proof.with(j, flipBit(p, bit)));
          rejects(flipBit(subtreeRoot, bit), root, proof);
          rejects(subtreeRoot, flipBit(root, bit), proof);
          rejects(subtreeRoot, root, [...proof, root]);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('accepts an empty subtree only with an empty proof and the empty-tree hash', () => {
    const root = referenceRoot(leafHashesFor(5, 1));
    verifySubtreeConsistency(4, 4, 5, EMPTY_ROOT, root, []);
    expect(codeOf(() => verifySubtreeConsistency(4, 4, 5, root, root, []))).toBe('LOG_PROOF_INVALID');
    expect(codeOf(() => verifySubtreeConsistency(4, 4, 5, EMPTY_ROOT, root, [root]))).toBe(
      'LOG_PROOF_INVALID',
    );
    expect(codeOf(() => verifySubtreeConsistency(6, 6, 5, EMPTY_ROOT, root, []))).toBe('LOG_RANGE');
  });
});

describe('subtree proof builders', () => {
  const leaves = leafHashesFor(45, 2);
  const tree = new MemoryHashReader(leaves);

  it('give RFC 9162 PROOF(end, D_n) for subtrees that start at 0 (draft §4.4.1)', () => {
    for (let end = 1; end < 45; end += 1) {
      expect(buildSubtreeConsistencyProof(0, end, 45, tree)).toEqual(buildConsistencyProof(end, 45, tree));
    }
  });

  it('give RFC 9162 PATH(start, D_n) for single-leaf subtrees (draft §4.4.1)', () => {
    for (let start = 0; start < 45; start += 1) {
      expect(buildSubtreeConsistencyProof(start, start + 1, 45, tree)).toEqual(
        buildInclusionProof(start, 45, tree),
      );
    }
  });

  it('reproduce the draft §4.4.2 examples for a tree of 14 leaves', () => {
    const r = (s: number, e: number): Buffer => referenceRoot(leaves.slice(s, e));
    const proof = (start: number, end: number): Buffer[] =>
      buildSubtreeConsistencyProof(start, end, 14, tree);
    expect(proof(4, 8)).toEqual([r(0, 4), r(8, 14)]);
    expect(proof(8, 13)).toEqual([r(12, 13), r(13, 14), r(8, 12), r(0, 8)]);
    expect(buildSubtreeInclusionProof(10, 8, 13, tree)).toEqual([r(11, 12), r(8, 10), r(12, 13)]);
  });

  it('refuse ranges that are not subtrees of the tree', () => {
    expect(codeOf(() => buildSubtreeConsistencyProof(2, 5, 8, tree))).toBe('LOG_RANGE');
    expect(codeOf(() => buildSubtreeConsistencyProof(8, 12, 10, tree))).toBe('LOG_RANGE');
    expect(codeOf(() => buildSubtreeInclusionProof(7, 8, 12, tree))).toBe('LOG_RANGE');
    expect(buildSubtreeConsistencyProof(3, 3, 8, tree)).toEqual([]);
  });
});
