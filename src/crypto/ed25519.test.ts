import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ED25519_KEY_LENGTH,
  ED25519_SIGNATURE_LENGTH,
  ed25519Sign,
  ed25519Verify,
  generateEd25519,
  jwkFromPublicKey,
  keyPairFromSeed,
  publicKeyFromJwk,
  publicKeyFromRaw,
  rawPublicKey,
} from './ed25519.js';
import { toBase64Url } from './encoding.js';
import { CryptoError } from './errors.js';

const hex = (s: string): Buffer => Buffer.from(s, 'hex');

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

// RFC 8032 §7.1 "Test Vectors for Ed25519", TEST 1, 2 and 3 (https://www.rfc-editor.org/rfc/rfc8032#section-7.1):
// SECRET KEY is the 32-byte seed, PUBLIC KEY its encoded point, SIGNATURE the 64-byte R || S.
const RFC8032 = [
  {
    name: 'TEST 1 (empty message)',
    seed: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
    publicKey: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    message: '',
    signature:
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  },
  {
    name: 'TEST 2 (one byte)',
    seed: '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
    publicKey: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
    message: '72',
    signature:
      '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
  },
  {
    name: 'TEST 3 (two bytes)',
    seed: 'c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7',
    publicKey: 'fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025',
    message: 'af82',
    signature:
      '6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a',
  },
];

describe('Ed25519: RFC 8032 §7.1 test vectors', () => {
  it.each(RFC8032)('$name: seed -> public key', (v) => {
    const pair = keyPairFromSeed(hex(v.seed));
    expect(pair.publicRaw.toString('hex')).toBe(v.publicKey);
    expect(pair.seed.toString('hex')).toBe(v.seed);
    expect(rawPublicKey(pair.publicKey).toString('hex')).toBe(v.publicKey);
    expect(rawPublicKey(pair.privateKey).toString('hex')).toBe(v.publicKey);
  });

  it.each(RFC8032)('$name: signature is reproduced byte for byte', (v) => {
    const { privateKey } = keyPairFromSeed(hex(v.seed));
    expect(ed25519Sign(privateKey, hex(v.message)).toString('hex')).toBe(v.signature);
  });

  it.each(RFC8032)('$name: verifies with the raw public key, and nothing else does', (v) => {
    const key = publicKeyFromRaw(hex(v.publicKey));
    const [msg, sig] = [hex(v.message), hex(v.signature)];
    expect(ed25519Verify(key, msg, sig)).toBe(true);
    expect(ed25519Verify(key, Buffer.concat([msg, Buffer.from([0])]), sig)).toBe(false);
    for (const i of [0, 31, 32, 63]) {
      const bad = Buffer.from(sig);
      bad[i] = bad[i]! ^ 0x01;
      expect(ed25519Verify(key, msg, bad)).toBe(false);
    }
    const other = RFC8032.find((w) => w !== v)!;
    expect(ed25519Verify(publicKeyFromRaw(hex(other.publicKey)), msg, sig)).toBe(false);
  });

  it('never throws on a signature of the wrong length', () => {
    const v = RFC8032[0]!;
    const key = publicKeyFromRaw(hex(v.publicKey));
    for (const len of [0, 1, 63, 65, 128]) {
      const sig = Buffer.alloc(len, 0x5a);
      hex(v.signature).copy(sig);
      expect(ed25519Verify(key, hex(v.message), sig)).toBe(false);
    }
  });
});

describe('Ed25519 keys', () => {
  it('generates 32-byte seeds and public keys that re-derive from the seed', () => {
    const pair = generateEd25519();
    expect(pair.seed).toHaveLength(ED25519_KEY_LENGTH);
    expect(pair.publicRaw).toHaveLength(ED25519_KEY_LENGTH);
    expect(keyPairFromSeed(pair.seed).publicRaw.equals(pair.publicRaw)).toBe(true);
    const sig = ed25519Sign(pair.privateKey, Buffer.from('hello'));
    expect(sig).toHaveLength(ED25519_SIGNATURE_LENGTH);
    expect(ed25519Verify(pair.publicKey, Buffer.from('hello'), sig)).toBe(true);
  });

  it('refuses seeds that are not 32 bytes with CRYPTO_BAD_KEY', () => {
    for (const len of [0, 31, 33, 64]) {
      expect(codeOf(() => keyPairFromSeed(new Uint8Array(len)))).toBe('CRYPTO_BAD_KEY');
    }
  });

  it('refuses raw public keys that are not 32 bytes with CRYPTO_BAD_KEY', () => {
    for (const len of [0, 31, 33]) {
      expect(codeOf(() => publicKeyFromRaw(new Uint8Array(len).fill(7)))).toBe('CRYPTO_BAD_KEY');
    }
  });

  it('sign then verify holds for any seed and message (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ maxLength: 300 }),
        (seed, message) => {
          const pair = keyPairFromSeed(seed);
          const sig = ed25519Sign(pair.privateKey, message);
          expect(ed25519Verify(publicKeyFromRaw(pair.publicRaw), message, sig)).toBe(true);
          const tampered = Buffer.from(message.length > 0 ? message : [0]);
          tampered[0] = tampered[0]! ^ 0x80;
          expect(ed25519Verify(pair.publicKey, tampered, sig)).toBe(false);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('Ed25519 JWKs (RFC 8037 §2)', () => {
  // RFC 8037 Appendix A.2: the public JWK of the RFC 8032 TEST 1 key.
  const A2 = { kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' };
  // RFC 8037 Appendix A.1: the same key with its private part.
  const A1 = { ...A2, d: 'nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A' };

  it('produces the RFC 8037 A.2 public JWK for the RFC 8032 TEST 1 key', () => {
    const pair = keyPairFromSeed(hex(RFC8032[0]!.seed));
    expect(jwkFromPublicKey(pair.publicKey)).toEqual(A2);
    expect(jwkFromPublicKey(pair.privateKey)).toEqual(A2);
    expect(toBase64Url(pair.seed)).toBe(A1.d);
    expect(rawPublicKey(publicKeyFromJwk(A2)).toString('hex')).toBe(RFC8032[0]!.publicKey);
  });

  it('round-trips through JSON for any key (fast-check)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (seed) => {
        const pair = keyPairFromSeed(seed);
        const jwk = JSON.parse(JSON.stringify(jwkFromPublicKey(pair.publicKey)));
        expect(Object.keys(jwk).sort()).toEqual(['crv', 'kty', 'x']);
        const key = publicKeyFromJwk(jwk);
        expect(rawPublicKey(key).equals(pair.publicRaw)).toBe(true);
        expect(jwkFromPublicKey(key)).toEqual(jwk);
        const sig = ed25519Sign(pair.privateKey, seed);
        expect(ed25519Verify(key, seed, sig)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('agrees with node:crypto JWK export', () => {
    const { publicKey } = generateKeyPairSync('ed25519');
    const exported = publicKey.export({ format: 'jwk' });
    expect(jwkFromPublicKey(publicKey)).toEqual({ kty: exported.kty, crv: exported.crv, x: exported.x });
  });

  const x32 = (bytes: Buffer): string => toBase64Url(bytes);
  const goodX = A2.x;
  const hostile: [string, unknown][] = [
    ['null', null],
    ['undefined', undefined],
    ['a string', JSON.stringify(A2)],
    ['a number', 42],
    ['an array', [A2]],
    ['an empty object', {}],
    ['kty EC', { ...A2, kty: 'EC' }],
    ['kty oct', { kty: 'oct', k: goodX }],
    ['crv X25519', { ...A2, crv: 'X25519' }],
    ['crv Ed448', { ...A2, crv: 'Ed448' }],
    ['lower-case crv', { ...A2, crv: 'ed25519' }],
    ['no kty', { crv: 'Ed25519', x: goodX }],
    ['a private key (RFC 8037 A.1)', A1],
    ['an empty d', { ...A2, d: '' }],
    ['no x', { kty: 'OKP', crv: 'Ed25519' }],
    ['x a number', { ...A2, x: 1234 }],
    ['x an array of bytes', { ...A2, x: [...hex(RFC8032[0]!.publicKey)] }],
    ['x empty', { ...A2, x: '' }],
    ['x with padding', { ...A2, x: `${goodX}=` }],
    ['x in standard base64', { ...A2, x: hex(RFC8032[0]!.publicKey).toString('base64') }],
    ['x with a space', { ...A2, x: ` ${goodX}` }],
    ['x with non-zero trailing bits', { ...A2, x: `${goodX.slice(0, -1)}p` }],
    ['x of 31 bytes', { ...A2, x: x32(hex(RFC8032[0]!.publicKey).subarray(1)) }],
    ['x of 33 bytes', { ...A2, x: x32(Buffer.concat([hex(RFC8032[0]!.publicKey), Buffer.from([0])])) }],
    ['x of 64 bytes', { ...A2, x: x32(Buffer.alloc(64, 1)) }],
  ];

  it.each(hostile)('refuses %s with CRYPTO_BAD_KEY', (_, jwk) => {
    expect(codeOf(() => publicKeyFromJwk(jwk))).toBe('CRYPTO_BAD_KEY');
  });

  // The encodings of the 8 points of order dividing 8 (libsodium's has_small_order list), with either sign
  // bit. Order-8 y values: roots of d·y⁴ + 2y² − 1 = 0 (y(2P) = 0 on −x² + y² = 1 + d·x²·y²).
  const SMALL_ORDER_Y = [
    '0000000000000000000000000000000000000000000000000000000000000000', // y = 0: order 4
    '0100000000000000000000000000000000000000000000000000000000000000', // y = 1: the identity
    '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05', // order 8
    'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a', // order 8
    'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f', // y = p - 1: order 2
    'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f', // y = p (non-canonical 0)
    'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f', // y = p + 1 (non-canonical 1)
  ];

  it('derives the two order-8 y values independently', () => {
    const p = 2n ** 255n - 19n;
    const mod = (a: bigint): bigint => ((a % p) + p) % p;
    const pow = (b: bigint, e: bigint): bigint => {
      let r = 1n;
      for (let x = mod(b); e > 0n; e >>= 1n, x = (x * x) % p) if (e & 1n) r = (r * x) % p;
      return r;
    };
    const d = mod(-121665n * pow(121666n, p - 2n));
    const le = (n: bigint): string =>
      Buffer.from(n.toString(16).padStart(64, '0'), 'hex').reverse().toString('hex');
    for (const y of [SMALL_ORDER_Y[2]!, SMALL_ORDER_Y[3]!]) {
      const v = BigInt(`0x${Buffer.from(y, 'hex').reverse().toString('hex')}`);
      expect(le(v)).toBe(y);
      const y2 = (v * v) % p;
      expect(mod(d * y2 * y2 + 2n * y2 - 1n)).toBe(0n);
    }
  });

  it('why: node:crypto alone accepts a forged signature under the identity key, for any message', () => {
    const spki = Buffer.concat([hex('302a300506032b6570032100'), hex(SMALL_ORDER_Y[1]!)]);
    const identity = createPublicKey({ key: spki, format: 'der', type: 'spki' });
    const forged = Buffer.concat([hex(SMALL_ORDER_Y[1]!), Buffer.alloc(32)]); // R = identity, S = 0
    for (const m of ['any message', 'another one']) {
      expect(verify(null, Buffer.from(m), identity, forged)).toBe(true);
    }
  });

  it('refuses every small-order public key, which would verify signatures anyone can forge', () => {
    for (const y of SMALL_ORDER_Y) {
      for (const sign of [0, 0x80]) {
        const raw = hex(y);
        raw[31] = raw[31]! | sign;
        expect(
          codeOf(() => publicKeyFromRaw(raw)),
          y,
        ).toBe('CRYPTO_BAD_KEY');
        expect(codeOf(() => publicKeyFromJwk({ kty: 'OKP', crv: 'Ed25519', x: toBase64Url(raw) }))).toBe(
          'CRYPTO_BAD_KEY',
        );
      }
    }
  });

  it('a point that is not on the curve never verifies anything', () => {
    // y = 2 has no x on edwards25519; the key parses (OpenSSL decodes lazily) but every verify fails.
    const key = publicKeyFromRaw(hex(`02${'00'.repeat(31)}`));
    expect(ed25519Verify(key, Buffer.from('m'), Buffer.alloc(64))).toBe(false);
  });
});
