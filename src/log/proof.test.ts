import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LogError, type LogErrorCode } from './errors.js';
import type { HashReader } from './hash-reader.js';
import { hashChildren, hashLeaf } from './merkle.js';
import {
  buildConsistencyProof,
  buildInclusionProof,
  rootFromInclusionProof,
  verifyConsistency,
  verifyInclusion,
} from './proof.js';
import {
  leafHashesFor,
  MemoryHashReader,
  PaddedHashReader,
  referenceRoot,
} from './testing/memory-hash-reader.js';
import { anyBadHash, codeOf, flipBit, hex, isCount, loadMerkleVectors, named } from './testing/probes.js';

// Vectors (see shared/vectors/merkle/PROVENANCE.md). All hashes are hex.
// - inclusion-probes.json, consistency-probes.json: upstream transparency-dev/merkle `testdata/inclusion/**`
//   and `testdata/consistency/**` @417fb0c (Apache-2.0), re-encoded base64 → hex, 98 cases each.
// - reference-tree.json: upstream transparency-dev/merkle `testonly/constants.go` @417fb0c.
// - derived-all-proofs-8.json: DERIVED by this project (Python, RFC 9162 PATH/SUBPROOF) — every
//   inclusion and consistency proof of the 8-leaf reference tree; not independent of RFC 9162.
// Upstream stores indices as uint64: 2^64 − 1 ("leafIdx sub @1" at 0) parses to an unsafe JS number,
// which our verifiers reject as LOG_RANGE, as upstream rejects the index.

interface InclusionCase {
  source: string;
  desc: string;
  leafIdx: number;
  treeSize: number;
  leafHash: string;
  root: string;
  proof: string[];
  wantErr: boolean;
}

interface ConsistencyCase {
  source: string;
  desc: string;
  size1: number;
  size2: number;
  root1: string;
  root2: string;
  proof: string[];
  wantErr: boolean;
}

const inclusionCases = loadMerkleVectors<{ cases: InclusionCase[] }>('inclusion-probes.json').cases;
const consistencyCases = loadMerkleVectors<{ cases: ConsistencyCase[] }>('consistency-probes.json').cases;
const derived = loadMerkleVectors<{
  inclusion: Omit<InclusionCase, 'source' | 'desc' | 'wantErr'>[];
  consistency: Omit<ConsistencyCase, 'source' | 'desc' | 'wantErr'>[];
}>('derived-all-proofs-8.json');
const reference = loadMerkleVectors<{
  leaf_hashes_hex: string[];
  node_hashes_by_level: { levels: string[][] };
}>('reference-tree.json');

const toHex = (hs: readonly Uint8Array[]): string[] => hs.map((h) => Buffer.from(h).toString('hex'));

/** Our error precedence (see proof.ts): range, then hash lengths, then the proof itself. */
function expectedInclusionCode(c: InclusionCase): LogErrorCode {
  if (!isCount(c.leafIdx) || !isCount(c.treeSize) || c.leafIdx >= c.treeSize) return 'LOG_RANGE';
  if (anyBadHash([c.leafHash, c.root, ...c.proof])) return 'LOG_BAD_HASH';
  return 'LOG_PROOF_INVALID';
}

function expectedConsistencyCode(c: ConsistencyCase): LogErrorCode {
  if (!isCount(c.size1) || !isCount(c.size2) || c.size1 > c.size2 || c.size1 === 0) return 'LOG_RANGE';
  // Equal sizes compare the roots as bytes, whatever their length (as upstream does).
  if (c.size1 === c.size2) return anyBadHash(c.proof) ? 'LOG_BAD_HASH' : 'LOG_PROOF_INVALID';
  if (anyBadHash([c.root1, c.root2, ...c.proof])) return 'LOG_BAD_HASH';
  return 'LOG_PROOF_INVALID';
}

/** A reader over the upstream node hashes themselves, so builders are checked against upstream data. */
const upstreamReader: HashReader = {
  nodeHash(level, index) {
    const h = reference.node_hashes_by_level.levels[level]?.[index];
    if (h === undefined) throw new LogError('LOG_NOT_FOUND', `${level}/${index}`);
    return hex(h);
  },
};

describe('verifyInclusion', () => {
  describe('on the upstream probes', () => {
    it.each(named(inclusionCases))('%s', (_, c) => {
      const run = (): void =>
        verifyInclusion(c.leafIdx, c.treeSize, hex(c.leafHash), c.proof.map(hex), hex(c.root));
      expect(codeOf(run)).toBe(c.wantErr ? expectedInclusionCode(c) : undefined);
    });
  });

  describe('on every derived proof of the 8-leaf tree', () => {
    it.each(derived.inclusion)('accepts leaf $leafIdx of $treeSize', (c) => {
      verifyInclusion(c.leafIdx, c.treeSize, hex(c.leafHash), c.proof.map(hex), hex(c.root));
      expect(rootFromInclusionProof(c.leafIdx, c.treeSize, hex(c.leafHash), c.proof.map(hex))).toEqual(
        hex(c.root),
      );
    });
  });

  describe('when the input is hostile', () => {
    const leaf = hex(reference.leaf_hashes_hex[0]!);
    it.each([
      ['a fractional index', () => verifyInclusion(0.5, 2, leaf, [leaf], leaf), 'LOG_RANGE'],
      ['a string size', () => verifyInclusion(0, '2' as unknown as number, leaf, [leaf], leaf), 'LOG_RANGE'],
      ['an index of 2^53', () => verifyInclusion(2 ** 53, 2 ** 53 + 2, leaf, [leaf], leaf), 'LOG_RANGE'],
      [
        'a non-array proof',
        () => verifyInclusion(0, 2, leaf, {} as unknown as Uint8Array[], leaf),
        'LOG_PROOF_INVALID',
      ],
      [
        'a null proof element',
        () => verifyInclusion(0, 2, leaf, [null as unknown as Uint8Array], leaf),
        'LOG_BAD_HASH',
      ],
      ['a string root', () => verifyInclusion(0, 1, leaf, [], 'ab' as unknown as Uint8Array), 'LOG_BAD_HASH'],
      [
        'a 64-byte leaf posing as a node',
        () => verifyInclusion(0, 1, Buffer.alloc(64), [], leaf),
        'LOG_BAD_HASH',
      ],
    ] as const)('rejects %s', (_, run, code) => {
      expect(codeOf(run)).toBe(code);
    });
  });
});

describe('verifyConsistency', () => {
  describe('on the upstream probes', () => {
    it.each(named(consistencyCases))('%s', (_, c) => {
      const run = (): void =>
        verifyConsistency(c.size1, c.size2, hex(c.root1), hex(c.root2), c.proof.map(hex));
      const want = c.wantErr ? expectedConsistencyCode(c) : undefined;
      expect(codeOf(run)).toBe(want);
    });
  });

  describe('on every derived proof of the 8-leaf tree', () => {
    it.each(derived.consistency)('accepts $size1 → $size2', (c) => {
      verifyConsistency(c.size1, c.size2, hex(c.root1), hex(c.root2), c.proof.map(hex));
    });
  });
});

describe('buildInclusionProof', () => {
  it.each(derived.inclusion)('reproduces the derived proof of leaf $leafIdx in $treeSize', (c) => {
    expect(toHex(buildInclusionProof(c.leafIdx, c.treeSize, upstreamReader))).toEqual(c.proof);
  });

  it('rejects an index outside the tree', () => {
    const reader = new MemoryHashReader(leafHashesFor(4, 0));
    expect(codeOf(() => buildInclusionProof(4, 4, reader))).toBe('LOG_RANGE');
    expect(codeOf(() => buildInclusionProof(-1, 4, reader))).toBe('LOG_RANGE');
    expect(codeOf(() => buildInclusionProof(0, 5, reader))).toBe('LOG_NOT_FOUND');
  });

  it('builds proofs that verify, and fail once anything is tampered with', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2000 }),
        fc.nat(),
        fc.nat(),
        fc.nat(255),
        (size, seed, pick, bit) => {
          // Extra leaves beyond `size` that the builder must not read (view throws if it does).
          const leaves = leafHashesFor(size + 5, seed);
          const tree = new MemoryHashReader(leaves);
          const root = referenceRoot(leaves.slice(0, size));
          const index = pick % size;
          const leaf = leaves[index]!;
          const proof = buildInclusionProof(index, size, tree.view(size));
          expect(tree.reads).toBeLessThanOrEqual(2 * Math.log2(size) + 1);
          verifyInclusion(index, size, leaf, proof, root);
          const rejects = (i: number, l: Uint8Array, p: Uint8Array[], r: Uint8Array): void => {
            expect(codeOf(() => verifyInclusion(i, size, l, p, r))).toBe('LOG_PROOF_INVALID');
          };
          for (const [j, p] of proof.entries()) rejects(index, leaf, proof.with(j, flipBit(p, bit)), root);
          rejects(index, flipBit(leaf, bit), proof, root);
          rejects(index, leaf, proof, flipBit(root, bit));
          if (size > 1) rejects((index + 1 + (pick % (size - 1))) % size, leaf, proof, root);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('builds and verifies proofs in a tree of 2^52 + 777 leaves', () => {
    const tail = leafHashesFor(777, 9);
    const tree = new PaddedHashReader(52, hashLeaf(Buffer.from('pad')), tail);
    const root = hashChildren(tree.padRoot, referenceRoot(tail));
    for (const index of [0, 2 ** 32 + 5, 2 ** 52 - 1, 2 ** 52, 2 ** 52 + 500, 2 ** 52 + 776]) {
      const leaf = tree.nodeHash(0, index);
      verifyInclusion(index, tree.size, leaf, buildInclusionProof(index, tree.size, tree), root);
    }
  });
});

describe('buildConsistencyProof', () => {
  it.each(derived.consistency)('reproduces the derived proof $size1 → $size2', (c) => {
    expect(toHex(buildConsistencyProof(c.size1, c.size2, upstreamReader))).toEqual(c.proof);
  });

  it('refuses size1 = 0 and size1 > size2, like the verifier', () => {
    const reader = new MemoryHashReader(leafHashesFor(4, 0));
    expect(codeOf(() => buildConsistencyProof(0, 4, reader))).toBe('LOG_RANGE');
    expect(codeOf(() => buildConsistencyProof(0, 0, reader))).toBe('LOG_RANGE');
    expect(codeOf(() => buildConsistencyProof(3, 2, reader))).toBe('LOG_RANGE');
    expect(buildConsistencyProof(4, 4, reader)).toEqual([]);
  });

  it('builds proofs that verify, and fail once anything is tampered with', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2000 }),
        fc.nat(),
        fc.nat(),
        fc.nat(255),
        (size2, seed, pick, bit) => {
          const leaves = leafHashesFor(size2 + 5, seed);
          const tree = new MemoryHashReader(leaves);
          const size1 = 1 + (pick % size2);
          const root1 = referenceRoot(leaves.slice(0, size1));
          const root2 = referenceRoot(leaves.slice(0, size2));
          const proof = buildConsistencyProof(size1, size2, tree.view(size2));
          expect(tree.reads).toBeLessThanOrEqual(3 * Math.log2(size2) + 2);
          verifyConsistency(size1, size2, root1, root2, proof);
          const rejects = (r1: Uint8Array, r2: Uint8Array, p: Uint8Array[]): void => {
            expect(codeOf(() => verifyConsistency(size1, size2, r1, r2, p))).toBe('LOG_PROOF_INVALID');
          };
          for (const [j, p] of proof.entries()) rejects(root1, root2, proof.with(j, flipBit(p, bit)));
          rejects(flipBit(root1, bit), root2, proof);
          rejects(root1, flipBit(root2, bit), proof);
          rejects(root1, root2, [...proof, root2]);
          if (proof.length > 0) rejects(root1, root2, proof.slice(1));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('builds and verifies proofs between sizes beyond 2^52', () => {
    const tail = leafHashesFor(400, 4);
    const tree = new PaddedHashReader(52, hashLeaf(Buffer.from('pad')), tail);
    const rootAt = (n: number): Buffer =>
      hashChildren(tree.padRoot, referenceRoot(tail.slice(0, n - 2 ** 52)));
    const pairs: [number, number][] = [
      [2 ** 52 + 1, 2 ** 52 + 400],
      [2 ** 52 + 255, 2 ** 52 + 256],
      [2 ** 52 + 3, 2 ** 52 + 7],
    ];
    for (const [size1, size2] of pairs) {
      verifyConsistency(
        size1,
        size2,
        rootAt(size1),
        rootAt(size2),
        buildConsistencyProof(size1, size2, tree),
      );
    }
    const proof = buildConsistencyProof(2 ** 52, tree.size, tree);
    verifyConsistency(2 ** 52, tree.size, tree.padRoot, rootAt(tree.size), proof);
  });
});
