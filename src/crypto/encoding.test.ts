import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromBase64, fromBase64Url, fromHex, toBase64, toBase64Url, toHex } from './encoding.js';
import { CryptoError } from './errors.js';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** The error code `fn` throws (asserting it is a CryptoError), or undefined when it returns. */
function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(CryptoError);
    return (err as CryptoError).code;
  }
  return undefined;
}

interface Codec {
  readonly name: string;
  readonly encode: (bytes: Uint8Array) => string;
  readonly decode: (text: string) => Buffer;
  /** Characters that random strings are drawn from: the alphabet plus near misses. */
  readonly noise: string[];
}

const codecs: Codec[] = [
  {
    name: 'base64',
    encode: toBase64,
    decode: fromBase64,
    noise: [...'AQgw/+9zYR=', '-', '_', ' ', '\n', '.', 'é'],
  },
  {
    name: 'base64url',
    encode: toBase64Url,
    decode: fromBase64Url,
    noise: [...'AQgw_-9zYR', '=', '+', '/', ' ', '\n', '.', 'é'],
  },
  { name: 'hex', encode: toHex, decode: fromHex, noise: [...'0123456789abcdef', 'A', 'F', 'g', ' ', 'x'] },
];

describe.each(codecs)('$name', ({ encode, decode, noise }) => {
  it('round-trips every byte string (fast-check)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const text = encode(bytes);
        expect(decode(text).equals(Buffer.from(bytes))).toBe(true);
        expect(encode(decode(text))).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('encodes a view into a larger buffer by its own bytes only', () => {
    const big = Buffer.from('000102030405060708090a0b', 'hex');
    const view = big.subarray(3, 8);
    expect(decode(encode(view)).equals(Buffer.from('0304050607', 'hex'))).toBe(true);
  });

  it('random strings either fail with CRYPTO_BAD_ENCODING or round-trip exactly (fast-check)', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...noise), maxLength: 24 }), (text) => {
        const code = codeOf(() => decode(text));
        if (code === undefined) {
          accepted++;
          expect(encode(decode(text))).toBe(text);
        } else expect(code).toBe('CRYPTO_BAD_ENCODING');
      }),
      { numRuns: 2000 },
    );
    expect(accepted).toBeGreaterThan(0);
  });

  it('accepts the empty string as zero bytes', () => {
    expect(decode('')).toHaveLength(0);
    expect(encode(new Uint8Array(0))).toBe('');
  });
});

describe('base64 (RFC 4648 §4) strictness', () => {
  it('matches the RFC 4648 §10 test vectors', () => {
    const vectors = [
      ['', ''],
      ['f', 'Zg=='],
      ['fo', 'Zm8='],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg=='],
      ['fooba', 'Zm9vYmE='],
      ['foobar', 'Zm9vYmFy'],
    ] as const;
    for (const [text, b64] of vectors) {
      expect(toBase64(Buffer.from(text))).toBe(b64);
      expect(fromBase64(b64).toString()).toBe(text);
      expect(toBase64Url(Buffer.from(text))).toBe(b64.replace(/=+$/, ''));
      expect(fromBase64Url(b64.replace(/=+$/, '')).toString()).toBe(text);
    }
  });

  it.each([
    ['missing padding', 'Zg'],
    ['short padding', 'Zg='],
    ['too much padding', 'Zg==='],
    ['padding only', '===='],
    ['padding in the middle', 'Zg==Zm8='],
    ['a lone character', 'Z'],
    ['whitespace', 'Zm9v Yg=='],
    ['a newline', 'Zm9v\n'],
    ['base64url alphabet', 'ab-_'],
    ['non-ASCII', 'Zm9é'],
  ])('rejects %s', (_, text) => {
    expect(codeOf(() => fromBase64(text))).toBe('CRYPTO_BAD_ENCODING');
  });

  it.each([
    ['padding', 'Zg=='],
    ['standard alphabet', 'ab+/'],
    ['a length of 4n+1', 'Zm9vY'],
    ['whitespace', 'Zm9v Yg'],
    ['non-ASCII', 'Zm9é'],
  ])('base64url rejects %s', (_, text) => {
    expect(codeOf(() => fromBase64Url(text))).toBe('CRYPTO_BAD_ENCODING');
  });

  // The last character before the padding carries 2 (one pad) or 4 (two pads) bits that are not data;
  // a canonical encoding has them zero. Any other value names the same bytes and must be refused.
  it('rejects non-zero padding bits in base64 and base64url (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 40 }).filter((b) => b.length % 3 !== 0),
        fc.integer({ min: 1, max: 15 }),
        fc.boolean(),
        (bytes, junk, url) => {
          const [alphabet, encode, decode] = url
            ? [B64URL, toBase64Url, fromBase64Url]
            : [B64, toBase64, fromBase64];
          const text = encode(bytes);
          const unused = bytes.length % 3 === 1 ? 4 : 2; // bits of the last data character that are padding
          const pos = text.replace(/=+$/, '').length - 1;
          const value = alphabet.indexOf(text[pos]!);
          expect(value % (1 << unused)).toBe(0);
          const altered = value | (junk % (1 << unused) || 1);
          const bad = text.slice(0, pos) + alphabet[altered] + text.slice(pos + 1);
          expect(Buffer.from(bad, url ? 'base64url' : 'base64').equals(Buffer.from(bytes))).toBe(true);
          expect(codeOf(() => decode(bad))).toBe('CRYPTO_BAD_ENCODING');
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('hex strictness', () => {
  it.each([
    ['upper case', 'AB'],
    ['mixed case', 'aB'],
    ['odd length', 'abc'],
    ['a non-hex digit', '0g'],
    ['a 0x prefix', '0x00'],
    ['whitespace', 'ab cd'],
    ['a trailing newline', 'abcd\n'],
  ])('rejects %s', (_, text) => {
    expect(codeOf(() => fromHex(text))).toBe('CRYPTO_BAD_ENCODING');
  });

  it('encodes lowercase', () => {
    expect(toHex(Uint8Array.of(0, 0xab, 0xff))).toBe('00abff');
    expect(fromHex('00abff').equals(Buffer.from([0, 0xab, 0xff]))).toBe(true);
  });
});
