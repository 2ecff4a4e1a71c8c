import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalBytes, canonicalize, parseJson } from './canonical.js';
import { CryptoError } from './errors.js';

// RFC 8785 (JCS) vectors from ../shared/vectors/jcs (see its PROVENANCE.md): cyberphone/json-canonicalization
// @19d51d7fe467d4706a3ff08adf8a748f29fc21e0 (Apache-2.0). jcs-structures.json holds the upstream
// testdata/input, testdata/output and testdata/outhex files verbatim; jcs-numbers.json the first 1,000 lines
// of the deterministic ES6 number file (testdata/numgen.js), whose SHA-256 equals the upstream README value.
const REPO_ROOT = new URL('../../', import.meta.url);
const JCS_DIR = new URL('../shared/vectors/jcs/', REPO_ROOT);
const load = <T>(name: string): T => JSON.parse(readFileSync(fileURLToPath(new URL(name, JCS_DIR)), 'utf8'));

interface StructureCase {
  readonly name: string;
  readonly input: string;
  readonly expected: string;
  readonly expected_hex: string;
}
interface NumberVectors {
  readonly file_hashes_sha256: Record<string, string>;
  readonly readme_samples: [string, string][];
  readonly must_reject: { ieee_hex: string; expected: string }[];
  readonly numbers: [string, string][];
}

const structures = load<{ cases: StructureCase[] }>('jcs-structures.json').cases;
const numbers = load<NumberVectors>('jcs-numbers.json');

/** The IEEE-754 double with this hex bit pattern (upstream omits leading zeros: "1" is 5e-324). */
function doubleFromHex(hex: string): number {
  return Buffer.from(hex.padStart(16, '0'), 'hex').readDoubleBE(0);
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(CryptoError);
    return (err as CryptoError).code;
  }
  return undefined;
}

describe('canonicalize: RFC 8785 structure vectors', () => {
  it('has the six upstream cases', () => {
    expect(structures.map((c) => c.name)).toEqual([
      'arrays',
      'french',
      'structures',
      'unicode',
      'values',
      'weird',
    ]);
  });

  it.each(structures.map((c) => [c.name, c] as const))('%s: output equals expected byte for byte', (_, c) => {
    const out = canonicalize(JSON.parse(c.input));
    expect(out).toBe(c.expected);
    expect(Buffer.from(out, 'utf8').toString('hex')).toBe(c.expected_hex);
    expect(canonicalBytes(JSON.parse(c.input)).equals(Buffer.from(c.expected_hex, 'hex'))).toBe(true);
  });

  it.each(structures.map((c) => [c.name, c] as const))('%s: canonical output is a fixed point', (_, c) => {
    expect(canonicalize(parseJson(c.expected))).toBe(c.expected);
  });
});

describe('canonicalize: RFC 8785 number vectors (ECMAScript serialization)', () => {
  it('the vector file is the upstream one (SHA-256 of its 1,000 lines)', () => {
    expect(numbers.numbers).toHaveLength(1000);
    const text = numbers.numbers.map(([hex, want]) => `${hex},${want}\n`).join('');
    expect(createHash('sha256').update(text).digest('hex')).toBe(numbers.file_hashes_sha256['1000']);
  });

  it('serializes every one of the 1,000 doubles exactly', () => {
    const wrong: string[] = [];
    for (const [hex, want] of numbers.numbers) {
      const got = canonicalize(doubleFromHex(hex));
      if (got !== want) wrong.push(`${hex}: ${got} != ${want}`);
      // Inside a structure too: the number serializer is the same at any depth.
      if (canonicalize({ n: [doubleFromHex(hex)] }) !== `{"n":[${want}]}`) wrong.push(`${hex} nested`);
    }
    expect(wrong).toEqual([]);
  });

  it.each(numbers.readme_samples)('README sample %s -> %s', (hex, want) => {
    expect(canonicalize(doubleFromHex(hex))).toBe(want);
  });

  it.each(numbers.must_reject.map((r) => r.ieee_hex))(
    'rejects %s (NaN / Infinity) with CRYPTO_BAD_JSON',
    (hex) => {
      expect(codeOf(() => canonicalize(doubleFromHex(hex)))).toBe('CRYPTO_BAD_JSON');
      expect(codeOf(() => canonicalize({ a: [doubleFromHex(hex)] }))).toBe('CRYPTO_BAD_JSON');
    },
  );

  it('rejects -Infinity too', () => {
    expect(codeOf(() => canonicalize(Number.NEGATIVE_INFINITY))).toBe('CRYPTO_BAD_JSON');
  });
});

describe('canonicalize: properties and edges', () => {
  it('orders keys by UTF-16 code units, not code points or locale', () => {
    // U+1F600 is the surrogate pair D83D DE00, which sorts before U+FFFF in UTF-16 (but after it by code point).
    expect(canonicalize({ '\uffff': 1, '\u{1f600}': 2, é: 3, z: 4, Z: 5 })).toBe(
      '{"Z":5,"z":4,"é":3,"😀":2,"\uffff":1}',
    );
  });

  it('is a fixed point and preserves the JSON value (fast-check)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalize(value);
        expect(canonicalize(parseJson(text))).toBe(text);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
        expect(canonicalBytes(value).equals(Buffer.from(text, 'utf8'))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('does not depend on property insertion order (fast-check)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ unit: 'binary' }), fc.jsonValue({ maxDepth: 2 })), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(canonicalize(reversed)).toBe(canonicalize(obj));
      }),
      { numRuns: 200 },
    );
  });

  it('has no whitespace and serializes -0 as 0', () => {
    expect(canonicalize({ b: [1, { c: null }], a: -0 })).toBe('{"a":0,"b":[1,{"c":null}]}');
  });

  it('refuses what JSON cannot represent with CRYPTO_BAD_JSON', () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    for (const bad of [
      undefined,
      () => 1,
      Symbol('s'),
      1n,
      cycle,
      '\ud800',
      { k: '\udc00' },
      { '\ud800': 1 },
    ]) {
      expect(codeOf(() => canonicalize(bad))).toBe('CRYPTO_BAD_JSON');
    }
  });

  it('parseJson turns a syntax error into CRYPTO_BAD_JSON', () => {
    for (const bad of ['', '{', '{"a":1,}', "{'a':1}", 'NaN', '[1 2]']) {
      expect(codeOf(() => parseJson(bad))).toBe('CRYPTO_BAD_JSON');
    }
    expect(parseJson('{"a":[1,"x",null]}')).toEqual({ a: [1, 'x', null] });
  });
});
