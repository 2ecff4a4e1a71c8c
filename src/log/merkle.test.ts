import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LogError } from './errors.js';
import type { HashReader } from './hash-reader.js';
import {
  EMPTY_ROOT,
  HASH_SIZE,
  hashChildren,
  hashLeaf,
  MerkleFrontier,
  RFC6962_LEAF_HASH_PREFIX,
  RFC6962_NODE_HASH_PREFIX,
  rangeHash,
  rootOfLeafHashes,
} from './merkle.js';
import {
  leafHashesFor,
  MemoryHashReader,
  PaddedHashReader,
  referenceRoot,
} from './testing/memory-hash-reader.js';

/**
 * reference-tree.json: leaf inputs, node hashes and roots are upstream data from transparency-dev/merkle
 * `testonly/constants.go`, and the hasher vectors come from `rfc6962/rfc6962_test.go`, both @417fb0c
 * (Apache-2.0), re-encoded as hex (see shared/vectors/merkle/PROVENANCE.md).
 */
interface ReferenceTree {
  leaf_inputs_hex: string[];
  leaf_hashes_hex: string[];
  node_hashes_by_level: { levels: string[][] };
  roots_by_size: { size: number; root: string }[];
  empty_tree_root: string;
  hasher_vectors: {
    cases: { desc: string; want: string; leaf_hex?: string; left_hex?: string; right_hex?: string }[];
  };
}

const tree = JSON.parse(
  readFileSync(new URL('../../../shared/vectors/merkle/reference-tree.json', import.meta.url), 'utf8'),
) as ReferenceTree;
const hex = (s: string): Buffer => Buffer.from(s, 'hex');
const leafHashes = tree.leaf_hashes_hex.map(hex);

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(LogError);
    return (err as LogError).code;
  }
  return undefined;
}

describe('hashing (RFC 9162 §2.1.1)', () => {
  it('uses the RFC 6962 domain-separation bytes', () => {
    expect([RFC6962_LEAF_HASH_PREFIX, RFC6962_NODE_HASH_PREFIX, HASH_SIZE]).toEqual([0, 1, 32]);
  });

  it.each(tree.hasher_vectors.cases)('reproduces upstream hasher vector: $desc', (c) => {
    let got: Buffer;
    if (c.left_hex !== undefined && c.right_hex !== undefined)
      got = hashChildren(hex(c.left_hex), hex(c.right_hex));
    else if (c.leaf_hex !== undefined) got = hashLeaf(hex(c.leaf_hex));
    else got = EMPTY_ROOT;
    expect(got.toString('hex')).toBe(c.want);
  });

  it('hashes every reference leaf input to its upstream leaf hash', () => {
    expect(tree.leaf_inputs_hex.map((l) => hashLeaf(hex(l)).toString('hex'))).toEqual(tree.leaf_hashes_hex);
    expect(EMPTY_ROOT.toString('hex')).toBe(tree.empty_tree_root);
  });
});

describe('rootOfLeafHashes', () => {
  it.each(tree.roots_by_size)(
    'gives the upstream root for the first $size reference leaves',
    ({ size, root }) => {
      expect(rootOfLeafHashes(leafHashes.slice(0, size)).toString('hex')).toBe(root);
    },
  );

  it('rejects a leaf hash that is not 32 bytes', () => {
    expect(codeOf(() => rootOfLeafHashes([leafHashes[0]!, Buffer.alloc(31)]))).toBe('LOG_BAD_HASH');
  });
});

describe('MemoryHashReader (test fixture)', () => {
  it('holds the upstream node hash at every level of the reference tree', () => {
    const reader = new MemoryHashReader(leafHashes);
    for (const [level, row] of tree.node_hashes_by_level.levels.entries()) {
      for (const [index, want] of row.entries()) {
        expect(Buffer.from(reader.nodeHash(level, index)).toString('hex')).toBe(want);
      }
    }
  });
});

describe('MerkleFrontier', () => {
  describe('when leaves are appended one by one', () => {
    it('has the reference root at every size', () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 150 }), fc.nat(), (n, seed) => {
          const leaves = leafHashesFor(n, seed);
          const frontier = new MerkleFrontier();
          expect(frontier.root()).toEqual(EMPTY_ROOT);
          leaves.forEach((h, i) => {
            frontier.append(h);
            expect(frontier.size).toBe(i + 1);
            expect(frontier.root()).toEqual(referenceRoot(leaves.slice(0, i + 1)));
          });
        }),
        { numRuns: 15 },
      );
    });

    it('is not changed when the caller reuses its leaf buffer', () => {
      const buf = Buffer.alloc(32);
      const frontier = new MerkleFrontier();
      const copies: Buffer[] = [];
      for (let i = 0; i < 13; i += 1) {
        buf.fill(i);
        copies.push(Buffer.from(buf));
        frontier.append(buf);
      }
      buf.fill(0xff);
      expect(frontier.root()).toEqual(referenceRoot(copies));
    });

    it('rejects a leaf hash that is not 32 bytes', () => {
      const frontier = new MerkleFrontier();
      expect(codeOf(() => frontier.append(new Uint8Array(33)))).toBe('LOG_BAD_HASH');
      expect(codeOf(() => frontier.append('x' as unknown as Uint8Array))).toBe('LOG_BAD_HASH');
      expect(frontier.size).toBe(0);
    });

    it('appends 10^6 leaves and computes the root', () => {
      // Speed is measured by the append benchmark, not here: a wall-clock bound fails on a busy machine.
      const buf = Buffer.alloc(32);
      const frontier = new MerkleFrontier();
      for (let i = 0; i < 1_000_000; i += 1) {
        buf.writeUInt32BE(i);
        frontier.append(buf);
      }
      const root = frontier.root();
      expect(frontier.size).toBe(1_000_000);
      expect(root).toHaveLength(32);
    });
  });

  describe('fromHashReader', () => {
    it('rebuilds the frontier that appending produced, reading one node per set bit', () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 2000 }), fc.nat(), fc.nat(), (n, seed, cut) => {
          const leaves = leafHashesFor(n, seed);
          const reader = new MemoryHashReader(leaves);
          const size = n === 0 ? 0 : cut % (n + 1);
          const rebuilt = MerkleFrontier.fromHashReader(size, reader.view(size));
          expect(reader.reads).toBe(popcount(size));
          const appended = new MerkleFrontier();
          for (const h of leaves.slice(0, size)) appended.append(h);
          expect(rebuilt.size).toBe(size);
          expect(rebuilt.root()).toEqual(appended.root());
          // Same frontier: both keep growing to the same roots.
          for (const h of leaves.slice(size)) {
            rebuilt.append(h);
            appended.append(h);
          }
          expect(rebuilt.root()).toEqual(referenceRoot(leaves));
          expect(appended.root()).toEqual(rebuilt.root());
        }),
        { numRuns: 40 },
      );
    });

    it('handles sizes far beyond 2^32', () => {
      const tail = leafHashesFor(300, 7);
      const reader = new PaddedHashReader(52, leafHashes[1]!, tail);
      const frontier = MerkleFrontier.fromHashReader(reader.size, reader);
      expect(frontier.size).toBe(2 ** 52 + 300);
      expect(frontier.root()).toEqual(hashChildren(reader.padRoot, referenceRoot(tail)));
      frontier.append(leafHashes[2]!);
      expect(frontier.root()).toEqual(hashChildren(reader.padRoot, referenceRoot([...tail, leafHashes[2]!])));
    });

    it('rejects a bad size and a corrupt stored hash', () => {
      const reader = new MemoryHashReader(leafHashes);
      const corrupt: HashReader = { nodeHash: () => new Uint8Array(31) };
      expect(codeOf(() => MerkleFrontier.fromHashReader(-1, reader))).toBe('LOG_RANGE');
      expect(codeOf(() => MerkleFrontier.fromHashReader(1.5, reader))).toBe('LOG_RANGE');
      expect(codeOf(() => MerkleFrontier.fromHashReader(2 ** 53, reader))).toBe('LOG_RANGE');
      expect(codeOf(() => MerkleFrontier.fromHashReader(3, corrupt))).toBe('LOG_BAD_HASH');
      expect(codeOf(() => MerkleFrontier.fromHashReader(9, reader))).toBe('LOG_NOT_FOUND');
    });
  });

  describe('clone', () => {
    it('returns an independent copy', () => {
      const a = new MerkleFrontier();
      for (const h of leafHashes.slice(0, 5)) a.append(h);
      const b = a.clone();
      b.append(leafHashes[5]!);
      expect(a.size).toBe(5);
      expect(a.root().toString('hex')).toBe(tree.roots_by_size[5]!.root);
      expect(b.root().toString('hex')).toBe(tree.roots_by_size[6]!.root);
    });
  });
});

describe('rangeHash', () => {
  it('equals the naive MTH of D[start:end] for every range, aligned or not', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.nat(), fc.nat(), fc.nat(), (n, seed, a, b) => {
        const leaves = leafHashesFor(n, seed);
        const reader = new MemoryHashReader(leaves);
        const [start, end] = [a % (n + 1), b % (n + 1)].sort((x, y) => x - y) as [number, number];
        expect(rangeHash(start, end, reader.view(n))).toEqual(referenceRoot(leaves.slice(start, end)));
      }),
      { numRuns: 100 },
    );
  });

  it('reads one node for a perfect subtree and only O(log n) for a ragged prefix', () => {
    const reader = new MemoryHashReader(leafHashesFor(1000, 1));
    rangeHash(512, 768, reader);
    expect(reader.reads).toBe(1);
    reader.reads = 0;
    rangeHash(0, 999, reader);
    expect(reader.reads).toBe(popcount(999));
  });

  it('computes ranges of a tree far beyond 2^32', () => {
    const tail = leafHashesFor(100, 3);
    const reader = new PaddedHashReader(52, leafHashes[0]!, tail);
    expect(rangeHash(0, 2 ** 52 + 100, reader)).toEqual(hashChildren(reader.padRoot, referenceRoot(tail)));
    expect(rangeHash(2 ** 52 + 64, 2 ** 52 + 96, reader)).toEqual(referenceRoot(tail.slice(64, 96)));
  });

  it('rejects bad ranges with LOG_RANGE', () => {
    const reader = new MemoryHashReader(leafHashes);
    expect(rangeHash(3, 3, reader)).toEqual(EMPTY_ROOT);
    for (const [s, e] of [
      [4, 3],
      [-1, 2],
      [0, 2.5],
      [0, Number.NaN],
      [0, 2 ** 64],
    ] as const) {
      expect(codeOf(() => rangeHash(s, e, reader))).toBe('LOG_RANGE');
    }
  });
});

function popcount(n: number): number {
  let count = 0;
  for (let x = n; x > 0; x = Math.floor(x / 2)) count += x % 2;
  return count;
}
