import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { didKeyFromEd25519, ed25519FromDidKey, fromBase58btc, toBase58btc } from './base58.js';

describe('toBase58btc', () => {
  // draft-msporny-base58-03 §5 test vectors.
  it.each([
    ['Hello World!', '2NEpo7TZRRrLZSi2U'],
    [
      'The quick brown fox jumps over the lazy dog.',
      'USm3fpXnKG5EUBx2ndxBDMPVciP5hGey2Jh4NDv6gmeo1LkMeiKrLJUUBk6Z',
    ],
  ])('encodes %j', (text, want) => {
    expect(toBase58btc(Buffer.from(text))).toBe(want);
  });

  it('keeps each leading zero byte as a "1"', () => {
    // 0x287fb4cd = 679457997 = 1·58^5 + … ; the two zero bytes add two leading "1"s.
    expect(toBase58btc(Buffer.from('0000287fb4cd', 'hex'))).toBe(
      `11${toBase58btc(Buffer.from('287fb4cd', 'hex'))}`,
    );
    expect(toBase58btc(Buffer.from('287fb4cd', 'hex'))).toBe('233QC4');
  });
});

describe('didKeyFromEd25519', () => {
  it('reproduces the did:key of the W3C vc-di-eddsa test key pair', () => {
    // ../shared/vectors/vc-di-eddsa (w3c/vc-di-eddsa TestVectors @abb673e): public key and its Multikey form.
    const pub = Buffer.from('b00d8d938e7f773d51565aad36a623f5344f7f5d1960f9cf3e8e12620ea2810f', 'hex');
    expect(didKeyFromEd25519(pub)).toBe('did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2');
  });
});

describe('base58btc decoding and did:key', () => {
  it('inverts toBase58btc for any bytes, leading zeros included', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 60 }), (bytes) => {
        expect(fromBase58btc(toBase58btc(bytes))).toEqual(Uint8Array.from(bytes));
      }),
    );
  });

  it('reads the Ed25519 key back from a did:key and refuses what is not one', () => {
    const raw = Uint8Array.from({ length: 32 }, (_, i) => i * 7);
    expect(ed25519FromDidKey(didKeyFromEd25519(raw))).toEqual(raw);
    expect(ed25519FromDidKey('did:web:example.com')).toBeUndefined();
    expect(ed25519FromDidKey('did:key:z0OIl')).toBeUndefined();
    expect(ed25519FromDidKey(`did:key:z${toBase58btc(Uint8Array.of(0xec, 0x01, ...raw))}`)).toBeUndefined();
  });
});
