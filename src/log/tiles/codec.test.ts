import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LogError } from '../errors.js';
import { checkHashTile, decodeEntryBundle, encodeEntryBundle, splitHashTile } from './codec.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof LogError ? err.code : `not a LogError: ${String(err)}`;
  }
  return undefined;
}

const hex = (s: string): Buffer => Buffer.from(s, 'hex');

describe('encodeEntryBundle', () => {
  it('prefixes each entry with its uint16-BE length', () => {
    // The two-entry bundle tile/entries/000.p/2 of tessera testdata/log ("one", "two").
    expect(encodeEntryBundle([Buffer.from('one'), Buffer.from('two')])).toEqual(hex('00036f6e65000374776f'));
  });

  it('encodes an empty entry as a bare zero length', () => {
    expect(encodeEntryBundle([new Uint8Array(0)])).toEqual(hex('0000'));
  });

  it('accepts an entry of exactly 65,535 bytes', () => {
    const bundle = encodeEntryBundle([new Uint8Array(65_535).fill(7)]);
    expect(bundle.length).toBe(65_537);
    expect(bundle.readUInt16BE(0)).toBe(65_535);
  });

  describe('when an entry is larger than 65,535 bytes', () => {
    it('throws LOG_ENTRY_TOO_LARGE', () => {
      expect(codeOf(() => encodeEntryBundle([new Uint8Array(65_536)]))).toBe('LOG_ENTRY_TOO_LARGE');
    });
  });

  describe('when there are no entries or more than 256', () => {
    it('throws LOG_RANGE', () => {
      expect(codeOf(() => encodeEntryBundle([]))).toBe('LOG_RANGE');
      expect(codeOf(() => encodeEntryBundle(Array.from({ length: 257 }, () => new Uint8Array(1))))).toBe(
        'LOG_RANGE',
      );
    });
  });
});

describe('decodeEntryBundle', () => {
  it('returns the entries', () => {
    const entries = decodeEntryBundle(hex('00036f6e650000000374776f'));
    expect(entries.map((e) => e.toString())).toEqual(['one', '', 'two']);
  });

  it('reads a bundle that is a view into a larger buffer', () => {
    const backing = hex('ffff00036f6e65ffff');
    expect(decodeEntryBundle(backing.subarray(2, 7)).map((e) => e.toString())).toEqual(['one']);
  });

  describe('when the bundle is malformed', () => {
    it.each([
      ['empty', ''],
      ['a lone length byte', '00'],
      ['a truncated entry', '00036f6e'],
      ['a trailing half prefix', '00036f6e6500'],
      ['a length beyond the end', 'ffff00'],
    ])('throws LOG_TILE_MALFORMED for %s', (_, bytes) => {
      expect(codeOf(() => decodeEntryBundle(hex(bytes)))).toBe('LOG_TILE_MALFORMED');
    });

    it('throws LOG_TILE_MALFORMED for more than 256 entries', () => {
      expect(codeOf(() => decodeEntryBundle(new Uint8Array(2 * 257)))).toBe('LOG_TILE_MALFORMED');
      expect(decodeEntryBundle(new Uint8Array(2 * 256))).toHaveLength(256);
    });
  });

  it('round-trips arbitrary bundles (property)', () => {
    const entries = fc.array(fc.uint8Array({ maxLength: 300 }), { minLength: 1, maxLength: 256 });
    fc.assert(
      fc.property(entries, (es) => {
        const decoded = decodeEntryBundle(encodeEntryBundle(es));
        expect(decoded.map((d) => Buffer.from(d))).toEqual(es.map((e) => Buffer.from(e)));
      }),
      { numRuns: 300 },
    );
  });

  it('on hostile bytes only throws LogError, and whatever it accepts re-encodes identically (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        const code = codeOf(() => decodeEntryBundle(bytes));
        if (code !== undefined) expect(code).toBe('LOG_TILE_MALFORMED');
        else expect(encodeEntryBundle(decodeEntryBundle(bytes))).toEqual(Buffer.from(bytes));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('splitHashTile', () => {
  it('splits a tile into 32-byte hashes', () => {
    const tile = Buffer.alloc(3 * 32);
    for (let i = 0; i < 3; i++) tile.fill(i + 1, i * 32, (i + 1) * 32);
    const hashes = splitHashTile(tile, 3);
    expect(hashes.map((h) => h[0])).toEqual([1, 2, 3]);
    expect(hashes.every((h) => h.length === 32)).toBe(true);
  });

  it('accepts a full tile of 256 hashes', () => {
    expect(splitHashTile(new Uint8Array(8192))).toHaveLength(256);
  });

  describe('when the length is not 1..256 hashes or not the expected width', () => {
    it.each([0, 31, 33, 8193, 8224])('throws LOG_TILE_MALFORMED for %i bytes', (n) => {
      expect(codeOf(() => splitHashTile(new Uint8Array(n)))).toBe('LOG_TILE_MALFORMED');
      expect(codeOf(() => checkHashTile(new Uint8Array(n)))).toBe('LOG_TILE_MALFORMED');
    });

    it('throws LOG_TILE_MALFORMED for a width other than the expected one', () => {
      expect(codeOf(() => splitHashTile(new Uint8Array(64), 3))).toBe('LOG_TILE_MALFORMED');
    });
  });
});
