import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../crypto/index.js';
import { LogError } from '../errors.js';
import { TileHashReader, tileSubtreeHash } from './reader.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof LogError ? err.code : `not a LogError: ${String(err)}`;
  }
  return undefined;
}

// Independent model: every perfect-subtree hash of the first MAX synthetic leaves (RFC 9162 §2.1.1).
const MAX = 70_000;
const leaves: Buffer[] = Array.from({ length: MAX }, (_, i) => {
  const h = Buffer.alloc(32);
  h.writeUInt32BE(i + 1, 0);
  return h;
});
const levels: Buffer[][] = [leaves];
for (let below = leaves; below.length > 1; ) {
  const up: Buffer[] = [];
  for (let i = 0; i + 1 < below.length; i += 2) up.push(sha256(Buffer.of(1), below[i]!, below[i + 1]!));
  levels.push(up);
  below = up;
}

// The stored tiles of a tree of `size` leaves, built from the definition in tlog-tiles §Merkle Tree.
function tilesAt(size: number): Map<string, Buffer> {
  const tiles = new Map<string, Buffer>();
  for (let level = 0; Math.floor(size / 256 ** level) > 0; level++) {
    const hashes = levels[8 * level]!.slice(0, Math.floor(size / 256 ** level));
    for (let n = 0; n * 256 < hashes.length; n++) {
      tiles.set(`${level}/${n}`, Buffer.concat(hashes.slice(n * 256, n * 256 + 256)));
    }
  }
  return tiles;
}

// A store over `tiles` that counts its reads.
function countingStore(tiles: Map<string, Buffer>): {
  read: (l: number, i: number) => Buffer | undefined;
  reads: string[];
} {
  const reads: string[] = [];
  const read = (l: number, i: number): Buffer | undefined => {
    reads.push(`${l}/${i}`);
    return tiles.get(`${l}/${i}`);
  };
  return { read, reads };
}

describe('TileHashReader.nodeHash', () => {
  it('equals the naive MTH of every perfect subtree inside the tree (property)', () => {
    const query = fc.record({
      size: fc.integer({ min: 1, max: MAX }),
      level: fc.double({ min: 0, max: 1, noNaN: true }),
      index: fc.double({ min: 0, max: 1, noNaN: true }),
    });
    let tiles = new Map<string, Buffer>();
    let tilesSize = -1;
    fc.assert(
      fc.property(query, ({ size, level: lf, index: xf }) => {
        if (size !== tilesSize) [tiles, tilesSize] = [tilesAt(size), size];
        const reader = new TileHashReader(countingStore(tiles).read, 2);
        const top = Math.floor(Math.log2(size));
        const level = Math.min(top, Math.floor(lf * (top + 1)));
        const count = Math.floor(size / 2 ** level);
        const index = Math.min(count - 1, Math.floor(xf * count));
        expect(Buffer.from(reader.nodeHash(level, index)).equals(levels[level]![index]!)).toBe(true);
      }),
      { numRuns: 250 },
    );
  });

  it('reads every node of a 70,000-leaf tree correctly through one cache', () => {
    // Room for every full tile, so each is expanded once; eviction is covered below.
    const reader = new TileHashReader(countingStore(tilesAt(MAX)).read, 512);
    for (let level = 0; level < levels.length; level++) {
      const nodes = levels[level]!;
      for (let i = 0; i < nodes.length; i += 1 + (level === 0 ? 97 : 0)) {
        expect(Buffer.from(reader.nodeHash(level, i)).equals(nodes[i]!)).toBe(true);
      }
    }
  });

  describe('when a full tile is read twice', () => {
    it('reads the store once and serves the rest from the cache', () => {
      const store = countingStore(tilesAt(512));
      const reader = new TileHashReader(store.read, 4);
      for (let level = 0; level <= 8; level++) reader.nodeHash(level, 0);
      expect(store.reads).toEqual(['0/0', '1/0']);
    });

    it('evicts the least recently used tile beyond the cache size', () => {
      const store = countingStore(tilesAt(1024));
      const reader = new TileHashReader(store.read, 2);
      for (const tile of [0, 1, 0, 2, 0, 1]) reader.nodeHash(0, tile * 256);
      expect(store.reads).toEqual(['0/0', '0/1', '0/2', '0/1']);
    });

    it('re-reads after clear() and with a cache size of 0', () => {
      const store = countingStore(tilesAt(256));
      const reader = new TileHashReader(store.read, 4);
      reader.nodeHash(3, 1);
      reader.clear();
      reader.nodeHash(3, 1);
      const uncached = new TileHashReader(store.read, 0);
      uncached.nodeHash(0, 0);
      uncached.nodeHash(0, 0);
      expect(store.reads).toHaveLength(4);
    });
  });

  describe('when a partial tile grows', () => {
    it('re-reads it on every call and sees the new hashes', () => {
      const tiles = tilesAt(3);
      const store = countingStore(tiles);
      const reader = new TileHashReader(store.read, 4);
      expect(codeOf(() => reader.nodeHash(2, 0))).toBe('LOG_NOT_FOUND');
      for (const [key, data] of tilesAt(4)) tiles.set(key, data);
      expect(Buffer.from(reader.nodeHash(2, 0)).equals(levels[2]![0]!)).toBe(true);
      expect(store.reads).toEqual(['0/0', '0/0']);
    });
  });

  it('returns copies that callers may mutate', () => {
    const reader = new TileHashReader(countingStore(tilesAt(256)).read, 4);
    reader.nodeHash(1, 0).fill(0);
    expect(Buffer.from(reader.nodeHash(1, 0)).equals(levels[1]![0]!)).toBe(true);
  });

  describe('when the store cannot answer', () => {
    it('throws LOG_NOT_FOUND for a missing tile', () => {
      const reader = new TileHashReader(() => undefined);
      expect(codeOf(() => reader.nodeHash(0, 0))).toBe('LOG_NOT_FOUND');
    });

    it('throws LOG_TILE_MALFORMED for bytes that are not whole hashes', () => {
      for (const n of [0, 33, 8193]) {
        const reader = new TileHashReader(() => new Uint8Array(n));
        expect(codeOf(() => reader.nodeHash(0, 0))).toBe('LOG_TILE_MALFORMED');
      }
    });
  });

  it('throws LOG_RANGE for a node outside tile levels 0..63 or an invalid cache size', () => {
    const reader = new TileHashReader(() => undefined);
    expect(codeOf(() => reader.nodeHash(512, 0))).toBe('LOG_RANGE');
    expect(codeOf(() => reader.nodeHash(0, -1))).toBe('LOG_RANGE');
    expect(codeOf(() => reader.nodeHash(0, 0.5))).toBe('LOG_RANGE');
    expect(codeOf(() => new TileHashReader(() => undefined, -1))).toBe('LOG_RANGE');
  });
});

describe('tileSubtreeHash', () => {
  const tile = Buffer.concat(leaves.slice(0, 256));

  it('is the root of the 8-level subtree for a full tile', () => {
    expect(tileSubtreeHash(tile, 0, 256).equals(levels[8]![0]!)).toBe(true);
  });

  it('hashes any aligned power-of-two run', () => {
    expect(tileSubtreeHash(tile, 16, 16).equals(levels[4]![1]!)).toBe(true);
    expect(tileSubtreeHash(tile, 5, 1).equals(leaves[5]!)).toBe(true);
  });

  it.each([
    [0, 3],
    [0, 0],
    [250, 8],
    [-1, 1],
    [0, 512],
  ])('throws LOG_RANGE for start %i count %i', (start, count) => {
    expect(codeOf(() => tileSubtreeHash(tile, start, count))).toBe('LOG_RANGE');
  });
});
