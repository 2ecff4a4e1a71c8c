import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../crypto/index.js';
import { LogError } from '../errors.js';
import { hashLeaf, rangeHash } from '../merkle.js';
import { encodeEntryBundle } from './codec.js';
import { entriesPath, tilePath } from './layout.js';
import { TileHashReader } from './reader.js';
import { type TileUpdate, TileWriter } from './writer.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof LogError ? err.code : `not a LogError: ${String(err)}`;
  }
  return undefined;
}

// The latest bytes of every tile, as a store that applies each TileUpdate would hold them.
class TileStore {
  readonly tiles = new Map<string, Buffer>();
  apply(updates: readonly TileUpdate[]): void {
    for (const u of updates) this.tiles.set(`${u.level}/${u.index}`, Buffer.from(u.data));
  }
  readonly read = (level: number, index: number): Buffer | undefined => this.tiles.get(`${level}/${index}`);
}

describe('TileWriter against tessera testdata/log', () => {
  // A complete 15-entry log written by Tessera, byte-exact: transparency-dev/tessera testdata/log @1811ae1,
  // see shared/vectors/tiles/PROVENANCE.md.
  const log = JSON.parse(
    readFileSync(
      new URL('../../../../shared/vectors/tiles/tessera-testdata-log.json', import.meta.url),
      'utf8',
    ),
  ) as {
    entries_ascii: string[];
    states: { size: number; checkpoint: string; root_hex: string; files: Record<string, string> }[];
  };
  const entries = log.entries_ascii.map((e) => Buffer.from(e));
  const leafHashes = entries.map((e) => hashLeaf(e));

  // What this project serves at `size`: the tiles the writer reported plus the size's entry bundle.
  function served(updates: readonly TileUpdate[], size: number): Record<string, string> {
    const files: Record<string, string> = {};
    for (const u of updates) files[tilePath(u)] = u.data.toString('hex');
    if (size > 0) files[entriesPath(0, size)] = encodeEntryBundle(entries.slice(0, size)).toString('hex');
    return files;
  }

  it('writes every partial tile and entry bundle byte for byte, one entry at a time', () => {
    const writer = TileWriter.empty();
    for (const state of log.states.slice(1)) {
      const updates = writer.append([leafHashes[state.size - 1]!]);
      expect(served(updates, state.size)).toEqual(state.files);
      expect(writer.size).toBe(state.size);
    }
  });

  it('writes the same tiles for any split of the entries into batches (property)', () => {
    const splits = fc.array(fc.integer({ min: 1, max: 15 }), { minLength: 1, maxLength: 15 });
    fc.assert(
      fc.property(splits, (batches) => {
        const writer = TileWriter.empty();
        for (let i = 0; writer.size < entries.length; i++) {
          const end = Math.min(entries.length, writer.size + batches[i % batches.length]!);
          const updates = writer.append(leafHashes.slice(writer.size, end));
          expect(served(updates, end)).toEqual(log.states[end]!.files);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('serves tiles from which TileHashReader reproduces every checkpoint root', () => {
    const store = new TileStore();
    const writer = TileWriter.empty();
    for (const state of log.states) {
      if (state.size > 0) store.apply(writer.append([leafHashes[state.size - 1]!]));
      const reader = new TileHashReader(store.read, 4);
      expect(rangeHash(0, state.size, reader).toString('hex')).toBe(state.root_hex);
      // The checkpoint's third line is the same root, base64 (tlog-checkpoint).
      expect(Buffer.from(state.checkpoint.split('\n')[2]!, 'base64').toString('hex')).toBe(state.root_hex);
    }
  });
});

// Independent model: every perfect-subtree hash of the first MAX leaves, level by level (RFC 9162 §2.1.1).
const MAX = 70_000;
const leaves: Buffer[] = Array.from({ length: MAX }, (_, i) => {
  const h = Buffer.alloc(32);
  h.writeUInt32BE(i, 28);
  return h;
});
const levels: Buffer[][] = [leaves];
for (let below = leaves; below.length > 1; ) {
  const up: Buffer[] = [];
  for (let i = 0; i + 1 < below.length; i += 2) up.push(sha256(Buffer.of(1), below[i]!, below[i + 1]!));
  levels.push(up);
  below = up;
}

// Tile (level, index) at `size`, straight from the definition in tlog-tiles §Merkle Tree.
function naiveTile(level: number, index: number, size: number): Buffer {
  const hashes = Math.floor(size / 256 ** level);
  const width = Math.min(256, hashes - index * 256);
  return Buffer.concat(levels[8 * level]!.slice(index * 256, index * 256 + width));
}

function naiveTiles(size: number): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (let level = 0; Math.floor(size / 256 ** level) > 0; level++) {
    const hashes = Math.floor(size / 256 ** level);
    for (let index = 0; index * 256 < hashes; index++)
      out.set(`${level}/${index}`, naiveTile(level, index, size));
  }
  return out;
}

// Deep equality on Buffers walks them byte by byte through the matcher; Buffer.equals is memcmp.
function expectSameTiles(got: Map<string, Buffer>, want: Map<string, Buffer>): void {
  expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
  for (const [key, data] of want) expect(got.get(key)!.equals(data), key).toBe(true);
}

function expectUpdatesCorrect(updates: readonly TileUpdate[], size: number): void {
  for (const u of updates) {
    expect(u.data.length).toBe(u.width * 32);
    expect(u.data.equals(naiveTile(u.level, u.index, size))).toBe(true);
  }
  const order = updates.map((u) => u.level * 2 ** 40 + u.index);
  expect(order).toEqual([...order].sort((a, b) => a - b));
}

// Appends leaves [from, to) in batches cycling through `batches`, checking every update against the model.
function appendAll(writer: TileWriter, store: TileStore, to: number, batches: readonly number[]): void {
  for (let i = 0; writer.size < to; i++) {
    const end = Math.min(to, writer.size + batches[i % batches.length]!);
    const updates = writer.append(leaves.slice(writer.size, end));
    expectUpdatesCorrect(updates, end);
    store.apply(updates);
  }
}

describe('TileWriter', () => {
  describe.each([0, 1, 255, 256, 257, 511, 512, 65_535, 65_536, 65_537])('for size %i', (size) => {
    it('in one batch, leaves exactly the tiles tlog-tiles serves', () => {
      const store = new TileStore();
      appendAll(TileWriter.empty(), store, size, [size || 1]);
      expectSameTiles(store.tiles, naiveTiles(size));
    });
  });

  it('for random sizes, batch splits and restarts, writes exactly the naive tiles (property)', () => {
    const scenario = fc.record({
      size: fc.integer({ min: 0, max: MAX }),
      cut: fc.double({ min: 0, max: 1, noNaN: true }),
      batches: fc.array(fc.oneof(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 5000 })), {
        minLength: 1,
        maxLength: 8,
      }),
    });
    fc.assert(
      fc.property(scenario, ({ size, cut, batches }) => {
        const store = new TileStore();
        const restartAt = Math.floor(size * cut);
        appendAll(TileWriter.empty(), store, restartAt, batches);
        const restored = TileWriter.fromStore(restartAt, store.read);
        expect(restored.size).toBe(restartAt);
        appendAll(restored, store, size, batches);
        expectSameTiles(store.tiles, naiveTiles(size));
      }),
      { numRuns: 25 },
    );
  });

  it('reports nothing for an empty append', () => {
    expect(TileWriter.empty().append([])).toEqual([]);
  });

  it('hands out tile bytes that callers may mutate', () => {
    const writer = TileWriter.empty();
    const [first] = writer.append(leaves.slice(0, 2));
    first!.data.fill(0);
    const [second] = writer.append(leaves.slice(2, 3));
    expect(second!.data.equals(naiveTile(0, 0, 3))).toBe(true);
  });

  describe('when a leaf hash is not 32 bytes', () => {
    it('throws LOG_BAD_HASH and appends nothing', () => {
      const writer = TileWriter.empty();
      expect(codeOf(() => writer.append([leaves[0]!, Buffer.alloc(31)]))).toBe('LOG_BAD_HASH');
      expect(writer.size).toBe(0);
      expect(writer.append([leaves[0]!])[0]!.data.equals(leaves[0]!)).toBe(true);
    });
  });
});

describe('TileWriter.fromStore', () => {
  const store = new TileStore();
  appendAll(TileWriter.empty(), store, 70_000, [70_000]);

  it('cuts a stored tile that ran ahead of the size back to the size', () => {
    const writer = TileWriter.fromStore(300, store.read);
    const updates = writer.append(leaves.slice(300, 301));
    expect(updates.map((u) => [u.level, u.index, u.width])).toEqual([[0, 1, 45]]);
    expectUpdatesCorrect(updates, 301);
  });

  it('throws LOG_NOT_FOUND when a partial tile is missing or too narrow', () => {
    expect(codeOf(() => TileWriter.fromStore(70_001, store.read))).toBe('LOG_NOT_FOUND');
    expect(codeOf(() => TileWriter.fromStore(5, () => Buffer.alloc(4 * 32)))).toBe('LOG_NOT_FOUND');
  });

  it('throws LOG_TILE_MALFORMED for stored bytes that are not whole hashes', () => {
    expect(codeOf(() => TileWriter.fromStore(1, () => Buffer.alloc(33)))).toBe('LOG_TILE_MALFORMED');
  });

  it('throws LOG_RANGE for an invalid size', () => {
    expect(codeOf(() => TileWriter.fromStore(-1, store.read))).toBe('LOG_RANGE');
    expect(codeOf(() => TileWriter.fromStore(0.5, store.read))).toBe('LOG_RANGE');
  });
});
