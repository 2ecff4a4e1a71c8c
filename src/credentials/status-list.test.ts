import { Buffer } from 'node:buffer';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { CredentialsError } from './errors.js';
import {
  MAX_ENCODED_LIST_LENGTH,
  MAX_STATUS_LIST_BYTES,
  MIN_STATUS_LIST_BITS,
  StatusBitstring,
} from './status-list.js';

/** The encodedList of the spec's examples: the all-clear 16 KB list. */
const SPEC_EXAMPLE = 'uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA';

/** The parts of @digitalbazaar/vc-bitstring-status-list used here (the package ships no types). */
interface ReferenceList {
  setStatus(index: number, status: boolean): void;
  getStatus(index: number): boolean;
  encode(): Promise<string>;
}
interface ReferenceListClass {
  new (options: { length: number }): ReferenceList;
  decode(options: { encodedList: string }): Promise<ReferenceList>;
}

let Reference: ReferenceListClass;
beforeAll(async () => {
  // A non-literal specifier: tsc does not look for the (absent) declarations, Node resolves it as usual.
  const specifier: string = '@digitalbazaar/vc-bitstring-status-list';
  ({ BitstringStatusList: Reference } = (await import(specifier)) as {
    BitstringStatusList: ReferenceListClass;
  });
});

const b64u = (bytes: Uint8Array): string => 'u' + Buffer.from(bytes).toString('base64url');

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(CredentialsError);
    return (err as CredentialsError).code;
  }
  throw new Error('expected a throw');
}

function fromIndices(indices: readonly number[], length = MIN_STATUS_LIST_BITS): StatusBitstring {
  return StatusBitstring.create(length).withAll(indices, true);
}

const sortedUnique = (xs: readonly number[]): number[] => [...new Set(xs)].sort((a, b) => a - b);
const indexSet = fc.array(fc.nat({ max: MIN_STATUS_LIST_BITS - 1 }), { maxLength: 64 });

describe('StatusBitstring bit order (index 0 is the most significant bit of the first byte)', () => {
  it.each([
    [0, 0, 0x80],
    [1, 0, 0x40],
    [7, 0, 0x01],
    [8, 1, 0x80],
    [15, 1, 0x01],
    [MIN_STATUS_LIST_BITS - 1, MIN_STATUS_LIST_BITS / 8 - 1, 0x01],
  ])('index %i sets byte %i to %i', (index, byte, value) => {
    const bytes = StatusBitstring.create().with(index, true).toBytes();
    expect(bytes[byte]).toBe(value);
    expect(bytes.reduce((n, b) => n + (b === 0 ? 0 : 1), 0)).toBe(1);
  });

  it('reads bits from raw bytes in the same order', () => {
    const raw = new Uint8Array(MIN_STATUS_LIST_BITS / 8);
    raw[0] = 0b1010_0001;
    raw[1] = 0x80;
    const list = StatusBitstring.fromBytes(raw);
    expect(list.setIndices()).toEqual([0, 2, 7, 8]);
    expect(list.get(0)).toBe(true);
    expect(list.get(1)).toBe(false);
  });
});

describe('StatusBitstring size', () => {
  it('defaults to the 131,072-bit (16 KB) minimum', () => {
    expect(MIN_STATUS_LIST_BITS).toBe(131_072);
    const list = StatusBitstring.create();
    expect(list.length).toBe(MIN_STATUS_LIST_BITS);
    expect(list.toBytes().length).toBe(16_384);
    expect(list.setIndices()).toEqual([]);
  });

  it.each([0, -8, 8, MIN_STATUS_LIST_BITS - 8, MIN_STATUS_LIST_BITS + 1, 1.5 * 8, Number.NaN])(
    'create(%d) is a RangeError',
    (length) => {
      expect(() => StatusBitstring.create(length)).toThrow(RangeError);
    },
  );

  it('create refuses a list decode would refuse as too large', () => {
    expect(() => StatusBitstring.create(MAX_STATUS_LIST_BYTES * 8 + 8)).toThrow(RangeError);
  });

  it('decode refuses a short list with STATUS_LIST_TOO_SMALL', () => {
    const short = b64u(gzipSync(new Uint8Array(MIN_STATUS_LIST_BITS / 8 - 1)));
    expect(codeOf(() => StatusBitstring.decode(short))).toBe('STATUS_LIST_TOO_SMALL');
    expect(codeOf(() => StatusBitstring.decode(b64u(gzipSync(new Uint8Array(0)))))).toBe(
      'STATUS_LIST_TOO_SMALL',
    );
    expect(codeOf(() => StatusBitstring.fromBytes(new Uint8Array(100)))).toBe('STATUS_LIST_TOO_SMALL');
  });

  it('decode accepts a larger list that is a whole number of bytes', () => {
    const list = StatusBitstring.decode(b64u(gzipSync(new Uint8Array(MIN_STATUS_LIST_BITS / 8 + 1).fill(1))));
    expect(list.length).toBe(MIN_STATUS_LIST_BITS + 8);
    expect(list.get(MIN_STATUS_LIST_BITS + 7)).toBe(true);
  });
});

describe('StatusBitstring access', () => {
  it.each([-1, MIN_STATUS_LIST_BITS, 0.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])(
    'get/with(%d) throw STATUS_INDEX_OUT_OF_RANGE',
    (index) => {
      const list = StatusBitstring.create();
      expect(codeOf(() => list.get(index))).toBe('STATUS_INDEX_OUT_OF_RANGE');
      expect(codeOf(() => list.with(index, true))).toBe('STATUS_INDEX_OUT_OF_RANGE');
      expect(codeOf(() => list.withAll([1, index], true))).toBe('STATUS_INDEX_OUT_OF_RANGE');
    },
  );

  it('with is copy-on-write', () => {
    const empty = StatusBitstring.create();
    const one = empty.with(42, true);
    expect(empty.get(42)).toBe(false);
    expect(one.get(42)).toBe(true);
    expect(one.with(42, true)).toBe(one);
    const cleared = one.with(42, false);
    expect(cleared.get(42)).toBe(false);
    expect(one.get(42)).toBe(true);
    const bytes = one.toBytes();
    bytes[5] = 0xff;
    expect(one.setIndices()).toEqual([42]);
  });

  it('fromBytes copies its input', () => {
    const raw = new Uint8Array(MIN_STATUS_LIST_BITS / 8);
    const list = StatusBitstring.fromBytes(raw);
    raw[0] = 0xff;
    expect(list.get(0)).toBe(false);
  });

  it('setIndices lists exactly the set bits, ascending (property)', () => {
    fc.assert(
      fc.property(indexSet, (indices) => {
        const list = fromIndices(indices);
        expect(list.setIndices()).toEqual(sortedUnique(indices));
        for (const i of indices) expect(list.get(i)).toBe(true);
      }),
      { numRuns: 50 },
    );
  });
});

describe('StatusBitstring encode/decode', () => {
  it('matches the spec example for the all-clear 16 KB list', () => {
    expect(StatusBitstring.create().encode()).toBe(SPEC_EXAMPLE);
    const list = StatusBitstring.decode(SPEC_EXAMPLE);
    expect(list.length).toBe(MIN_STATUS_LIST_BITS);
    expect(list.setIndices()).toEqual([]);
  });

  it('round-trips any set of indices (property)', () => {
    fc.assert(
      fc.property(indexSet, (indices) => {
        const list = fromIndices(indices);
        const encoded = list.encode();
        expect(encoded).toMatch(/^u[A-Za-z0-9_-]+$/);
        const back = StatusBitstring.decode(encoded);
        expect(back.length).toBe(MIN_STATUS_LIST_BITS);
        expect(back.setIndices()).toEqual(sortedUnique(indices));
        // Buffer#equals: toEqual on a 16 KB typed array walks it element by element, slowly.
        expect(Buffer.from(back.toBytes()).equals(list.toBytes())).toBe(true);
      }),
      { numRuns: 50 },
    );
  });

  it('accepts a multi-member GZIP stream (RFC 1952 §2.2)', () => {
    const half = new Uint8Array(MIN_STATUS_LIST_BITS / 16);
    half[0] = 0x80;
    const list = StatusBitstring.decode(b64u(Buffer.concat([gzipSync(half), gzipSync(half)])));
    expect(list.setIndices()).toEqual([0, MIN_STATUS_LIST_BITS / 2]);
  });
});

describe('StatusBitstring interop with @digitalbazaar/vc-bitstring-status-list', () => {
  it('decodes what the reference encodes (property)', async () => {
    await fc.assert(
      fc.asyncProperty(indexSet, async (indices) => {
        const theirs = new Reference({ length: MIN_STATUS_LIST_BITS });
        for (const i of indices) theirs.setStatus(i, true);
        const ours = StatusBitstring.decode(await theirs.encode());
        expect(ours.length).toBe(MIN_STATUS_LIST_BITS);
        expect(ours.setIndices()).toEqual(sortedUnique(indices));
      }),
      { numRuns: 30 },
    );
  });

  it('the reference decodes what we encode (property)', async () => {
    await fc.assert(
      fc.asyncProperty(indexSet, async (indices) => {
        const theirs = await Reference.decode({ encodedList: fromIndices(indices).encode() });
        const set: number[] = [];
        for (let i = 0; i < MIN_STATUS_LIST_BITS; i++) if (theirs.getStatus(i)) set.push(i);
        expect(set).toEqual(sortedUnique(indices));
      }),
      { numRuns: 15 },
    );
  });

  it('agrees on the spec example', async () => {
    const theirs = await Reference.decode({ encodedList: SPEC_EXAMPLE });
    expect(theirs.getStatus(0)).toBe(false);
    expect(await new Reference({ length: MIN_STATUS_LIST_BITS }).encode()).toMatch(/^uH4sI/);
  });
});

describe('StatusBitstring decode of hostile input', () => {
  it('refuses a GZIP bomb (64 MiB of zeros) with STATUS_LIST_TOO_LARGE, quickly', () => {
    const bomb = b64u(gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 1 }));
    const start = performance.now();
    expect(codeOf(() => StatusBitstring.decode(bomb))).toBe('STATUS_LIST_TOO_LARGE');
    expect(performance.now() - start).toBeLessThan(2000);
  });

  it('accepts exactly the maximum and refuses one byte more', () => {
    const max = StatusBitstring.decode(b64u(gzipSync(Buffer.alloc(MAX_STATUS_LIST_BYTES), { level: 1 })));
    expect(max.length).toBe(MAX_STATUS_LIST_BYTES * 8);
    const over = b64u(gzipSync(Buffer.alloc(MAX_STATUS_LIST_BYTES + 1), { level: 1 }));
    expect(codeOf(() => StatusBitstring.decode(over))).toBe('STATUS_LIST_TOO_LARGE');
  });

  it('refuses an overlong string before decoding it', () => {
    expect(codeOf(() => StatusBitstring.decode('u'.padEnd(MAX_ENCODED_LIST_LENGTH + 1, 'A')))).toBe(
      'STATUS_LIST_TOO_LARGE',
    );
  });

  const valid = StatusBitstring.create().with(3, true).encode();
  const gz = Buffer.from(valid.slice(1), 'base64url');
  it.each([
    ['empty string', ''],
    ['prefix only', 'u'],
    ['no multibase prefix', valid.slice(1)],
    ['base64pad multibase prefix', 'U' + valid.slice(1)],
    ['base58btc multibase prefix', 'z' + valid.slice(1)],
    ['padding', b64u(gzipSync(new Uint8Array(16_385))) + '='],
    ['double padding', `${valid}==`],
    ['standard base64 characters', valid.replace(/-/g, '+').replace(/_/g, '/') + '+/'],
    ['whitespace', `${valid.slice(0, 10)} ${valid.slice(10)}`],
    ['trailing newline', `${valid}\n`],
    ['length 1 mod 4', valid.slice(0, 1 + 4 * Math.floor((valid.length - 2) / 4) + 1)],
    ['non-canonical trailing bits', 'uAB'],
    ['not GZIP', b64u(new Uint8Array(16_384))],
    ['raw deflate, no GZIP header', b64u(gzipSync(new Uint8Array(16_384)).subarray(10))],
    ['truncated GZIP', b64u(gz.subarray(0, gz.length - 1))],
    ['GZIP without its trailer', b64u(gz.subarray(0, gz.length - 8))],
    ['header only', b64u(gz.subarray(0, 10))],
    ['bad CRC', b64u(Buffer.concat([gz.subarray(0, gz.length - 8), Buffer.alloc(4, 0xee), gz.subarray(-4)]))],
    ['bad ISIZE', b64u(Buffer.concat([gz.subarray(0, gz.length - 4), Buffer.alloc(4, 0x01)]))],
    ['trailing zero bytes', b64u(Buffer.concat([gz, Buffer.alloc(3)]))],
    ['trailing garbage', b64u(Buffer.concat([gz, Buffer.from([1, 2, 3])]))],
    ['trailing partial member', b64u(Buffer.concat([gz, gz.subarray(0, 2)]))],
  ])('%s is STATUS_LIST_MALFORMED', (_, input) => {
    expect(codeOf(() => StatusBitstring.decode(input))).toBe('STATUS_LIST_MALFORMED');
  });

  it('refuses a non-string at run time', () => {
    expect(codeOf(() => StatusBitstring.decode(42 as unknown as string))).toBe('STATUS_LIST_MALFORMED');
    expect(codeOf(() => StatusBitstring.decode(null as unknown as string))).toBe('STATUS_LIST_MALFORMED');
  });

  const anyCode = /^STATUS_LIST_(MALFORMED|TOO_SMALL|TOO_LARGE)$/;
  const onlyCredentialsErrors = (input: string): void => {
    try {
      StatusBitstring.decode(input);
    } catch (err) {
      expect(err).toBeInstanceOf(CredentialsError);
      expect((err as CredentialsError).code).toMatch(anyCode);
    }
  };

  it('only ever throws CredentialsError STATUS_LIST_* on arbitrary strings (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 200 }),
          fc.string({ maxLength: 200 }).map((s) => 'u' + s),
          fc.base64String({ maxLength: 200 }).map((s) => 'u' + s),
          fc.uint8Array({ maxLength: 300 }).map(b64u),
        ),
        onlyCredentialsErrors,
      ),
      { numRuns: 300 },
    );
  });

  it('only ever throws CredentialsError STATUS_LIST_* on mutated valid lists (property)', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: gz.length - 1 }),
        fc.integer({ min: 1, max: 255 }),
        fc.nat({ max: gz.length }),
        (at, xor, cut) => {
          const bytes = Buffer.from(gz);
          bytes[at] = bytes[at]! ^ xor;
          onlyCredentialsErrors(b64u(bytes));
          onlyCredentialsErrors(b64u(bytes.subarray(0, cut)));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('StatusBitstring.clearedFrom', () => {
  it('lists the bits set before and clear now (property)', () => {
    fc.assert(
      fc.property(indexSet, indexSet, (before, after) => {
        const previous = fromIndices(before);
        const next = fromIndices(after);
        const expected = sortedUnique(before).filter((i) => !after.includes(i));
        expect(next.clearedFrom(previous)).toEqual(expected);
        expect(next.clearedFrom(next)).toEqual([]);
        // A superset (revoking more) clears nothing.
        expect(fromIndices([...before, ...after]).clearedFrom(previous)).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  it('finds a single un-revoked entry', () => {
    const revoked = StatusBitstring.create().withAll([3, 9, 100_000], true);
    expect(revoked.with(9, false).clearedFrom(revoked)).toEqual([9]);
    expect(revoked.with(9, false).with(4, true).clearedFrom(revoked)).toEqual([9]);
  });

  it('counts bits beyond a shorter new list as cleared, and ignores bits past a shorter previous list', () => {
    const long = StatusBitstring.create(MIN_STATUS_LIST_BITS + 16).withAll(
      [5, MIN_STATUS_LIST_BITS + 9],
      true,
    );
    const short = StatusBitstring.create().with(5, true);
    expect(short.clearedFrom(long)).toEqual([MIN_STATUS_LIST_BITS + 9]);
    expect(long.clearedFrom(short)).toEqual([]);
  });
});
