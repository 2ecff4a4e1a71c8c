import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LogError } from '../errors.js';
import {
  entriesPath,
  entriesPathForLogIndex,
  nodeTileAddress,
  parseTilePath,
  partialTileWidth,
  tileCounts,
  tilePath,
  tilesForSize,
  tileWidth,
} from './layout.js';

// Vectors from transparency-dev/tessera api/layout/paths_test.go @1811ae1 and the C2SP tlog-tiles spec
// examples; see shared/vectors/tiles/PROVENANCE.md (tile counts other than 70000 and 256 are derived).
interface PathVectors {
  tile_path: { level: number; index: number; width: number; want: string }[];
  entries_path: { index: number; width: number; want: string }[];
  entries_path_for_log_index: { seq: number; log_size: number; want: string }[];
  parse_tile_level_index_partial: {
    path_level: string;
    path_index: string;
    want_err: boolean;
    want_level?: number;
    want_index?: number;
    want_width?: number;
  }[];
  tile_counts: {
    tree_size: number;
    per_level: { level: number; full_tiles: number; partial_width: number }[];
  }[];
}
const vectors = JSON.parse(
  readFileSync(new URL('../../../../shared/vectors/tiles/paths.json', import.meta.url), 'utf8'),
) as PathVectors;

// Tessera writes a full tile's width as 0; here a full tile is width 256.
const fullIsZero = (w: number): number => (w === 0 ? 256 : w);

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof LogError ? err.code : `not a LogError: ${String(err)}`;
  }
  return undefined;
}

describe('tilePath', () => {
  it.each(vectors.tile_path)('encodes level $level index $index width $width as $want', (v) => {
    const tile = { level: v.level, index: v.index, width: fullIsZero(v.width) };
    expect(tilePath(tile)).toBe(v.want);
    expect(parseTilePath(v.want)).toEqual({ kind: 'hash', ...tile });
  });

  describe('when the tile is out of range', () => {
    it.each([
      { level: 64, index: 0, width: 256 },
      { level: -1, index: 0, width: 256 },
      { level: 0, index: -1, width: 256 },
      { level: 0, index: 2 ** 53, width: 256 },
      { level: 0, index: 1.5, width: 256 },
      { level: 0, index: 0, width: 0 },
      { level: 0, index: 0, width: 257 },
    ])('throws LOG_RANGE for %o', (tile) => {
      expect(codeOf(() => tilePath(tile))).toBe('LOG_RANGE');
    });
  });
});

describe('entriesPath', () => {
  it.each(vectors.entries_path)('encodes bundle $index width $width as $want', (v) => {
    expect(entriesPath(v.index, fullIsZero(v.width))).toBe(v.want);
    expect(parseTilePath(v.want)).toEqual({
      kind: 'entries',
      level: 0,
      index: v.index,
      width: fullIsZero(v.width),
    });
  });

  it('defaults to a full bundle', () => {
    expect(entriesPath(1234067)).toBe('tile/entries/x001/x234/067');
  });
});

describe('entriesPathForLogIndex', () => {
  it.each(vectors.entries_path_for_log_index)('puts entry $seq of size $log_size in $want', (v) => {
    expect(entriesPathForLogIndex(v.seq, v.log_size)).toBe(v.want);
  });

  it('throws LOG_RANGE for an entry outside the tree', () => {
    expect(codeOf(() => entriesPathForLogIndex(5, 5))).toBe('LOG_RANGE');
  });
});

describe('parseTilePath', () => {
  // Tessera parses the level and index separately; the same cases here go through the whole path.
  describe.each(vectors.parse_tile_level_index_partial)('level "$path_level" index "$path_index"', (v) => {
    const path = `tile/${v.path_level}/${v.path_index}`;
    // Deliberate deviation: upstream accepts index 999999999999999999 (a uint64), which a JS number
    // cannot hold exactly; indices stop at Number.MAX_SAFE_INTEGER, so that case is rejected.
    const unsafe = !v.want_err && !Number.isSafeInteger(v.want_index);
    it(v.want_err || unsafe ? 'throws LOG_TILE_PATH' : 'parses', () => {
      if (v.want_err || unsafe) {
        expect(codeOf(() => parseTilePath(path))).toBe('LOG_TILE_PATH');
      } else {
        const want = {
          kind: 'hash',
          level: v.want_level,
          index: v.want_index,
          width: fullIsZero(v.want_width!),
        };
        expect(parseTilePath(path)).toEqual(want);
      }
    });
  });

  describe('when the path is hostile or non-canonical', () => {
    it.each([
      '',
      'tile/01/000',
      'tile/0/00',
      'tile/0/0000',
      'tile/0/000/',
      '/tile/0/000',
      'tile//000',
      'tile/0/x000/001',
      'tile/0/X001/000',
      'tile/0/x001/x002/x003/x004/x005/x006/007',
      'tile/0/x009/x007/x199/x254/x740/992',
      'tile/0/000.p/0',
      'tile/0/000.p/08',
      'tile/0/000.p/256',
      'tile/0/000.p/1/',
      'tile/0/000.P/1',
      'tile/entries/000.p/256',
      'tile/entries/000.p/-1',
      'tile/64/000',
      'tile/8/data/000',
      'tile/0/%30%30%30',
      'tile/0/../000',
      'tile/0/./000',
      'tile/0/000\n',
      'tile/0/ 000',
      'tile/0/000?x=1',
      'tile/0/000#',
      'tile/0/００0',
      'tile\\0\\000',
      `tile/0/${'x000/'.repeat(100)}001`,
    ])('throws LOG_TILE_PATH for %j', (path) => {
      expect(codeOf(() => parseTilePath(path))).toBe('LOG_TILE_PATH');
    });
  });

  it('accepts the largest safe index and level 63', () => {
    expect(parseTilePath('tile/63/x009/x007/x199/x254/x740/991.p/1')).toEqual({
      kind: 'hash',
      level: 63,
      index: Number.MAX_SAFE_INTEGER,
      width: 1,
    });
  });

  it('round-trips every tile and bundle path (property)', () => {
    const tile = fc.record({
      level: fc.integer({ min: 0, max: 63 }),
      index: fc.oneof(fc.integer({ min: 0, max: 1_000_000 }), fc.maxSafeNat()),
      width: fc.integer({ min: 1, max: 256 }),
    });
    fc.assert(
      fc.property(tile, (t) => {
        expect(parseTilePath(tilePath(t))).toEqual({ kind: 'hash', ...t });
        expect(parseTilePath(entriesPath(t.index, t.width))).toEqual({ kind: 'entries', ...t, level: 0 });
      }),
      { numRuns: 2000 },
    );
  });

  it('only ever throws LogError LOG_TILE_PATH on arbitrary strings (property)', () => {
    const pathish = fc.string({ unit: fc.constantFrom(...'tilex0123456789./p/entries%\\X-'), maxLength: 60 });
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), pathish), (s) => {
        const code = codeOf(() => parseTilePath(s));
        if (code !== undefined) expect(code).toBe('LOG_TILE_PATH');
        else expect(tilePathOf(parseTilePath(s))).toBe(s);
      }),
      { numRuns: 3000 },
    );
  });
});

function tilePathOf(t: ReturnType<typeof parseTilePath>): string {
  return t.kind === 'entries' ? entriesPath(t.index, t.width) : tilePath(t);
}

describe('tile counts', () => {
  describe.each(vectors.tile_counts)('for tree size $tree_size', (v) => {
    const want = v.per_level.map((l) => ({
      level: l.level,
      full: l.full_tiles,
      partialWidth: l.partial_width,
    }));

    it('tileCounts lists every level with a tile', () => {
      expect(tileCounts(v.tree_size)).toEqual(want);
    });

    it('tilesForSize, partialTileWidth and tileWidth agree', () => {
      for (const w of want) {
        expect(tilesForSize(w.level, v.tree_size)).toEqual(w);
        expect(partialTileWidth(w.level, v.tree_size)).toBe(w.partialWidth);
        if (w.full > 0) expect(tileWidth(w.level, w.full - 1, v.tree_size)).toBe(256);
        expect(tileWidth(w.level, w.full, v.tree_size)).toBe(w.partialWidth);
        expect(tileWidth(w.level, w.full + 1, v.tree_size)).toBe(0);
      }
    });
  });

  it('has no tiles for the empty tree', () => {
    expect(tileCounts(0)).toEqual([]);
  });

  it('handles the largest safe size', () => {
    const counts = tileCounts(Number.MAX_SAFE_INTEGER);
    expect(counts).toHaveLength(7);
    expect(counts[6]).toEqual({ level: 6, full: 0, partialWidth: 31 });
  });

  it('throws LOG_RANGE for an invalid size', () => {
    expect(codeOf(() => tileCounts(-1))).toBe('LOG_RANGE');
    expect(codeOf(() => tileCounts(2 ** 53))).toBe('LOG_RANGE');
  });
});

describe('nodeTileAddress', () => {
  it.each([
    { level: 0, index: 0, want: { tileLevel: 0, tileIndex: 0, height: 0, start: 0, count: 1 } },
    { level: 0, index: 257, want: { tileLevel: 0, tileIndex: 1, height: 0, start: 1, count: 1 } },
    { level: 3, index: 33, want: { tileLevel: 0, tileIndex: 1, height: 3, start: 8, count: 8 } },
    { level: 7, index: 3, want: { tileLevel: 0, tileIndex: 1, height: 7, start: 128, count: 128 } },
    { level: 8, index: 0, want: { tileLevel: 1, tileIndex: 0, height: 0, start: 0, count: 1 } },
    { level: 17, index: 5, want: { tileLevel: 2, tileIndex: 0, height: 1, start: 10, count: 2 } },
  ])('puts node $level/$index in tile $want.tileLevel/$want.tileIndex', ({ level, index, want }) => {
    expect(nodeTileAddress(level, index)).toEqual(want);
  });

  it('throws LOG_RANGE for a level beyond tile level 63', () => {
    expect(codeOf(() => nodeTileAddress(512, 0))).toBe('LOG_RANGE');
    expect(codeOf(() => nodeTileAddress(0, -1))).toBe('LOG_RANGE');
  });
});
