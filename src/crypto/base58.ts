// base58btc (the Bitcoin alphabet), as multibase prefix "z" uses it for did:key and Multikey
// (W3C Controlled Identifiers §2.2.2; draft-msporny-base58). Small inputs only: O(n²).
const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

export function toBase58btc(bytes: Uint8Array): string {
  const digits: number[] = [];
  for (const byte of bytes) {
    let carry = byte;
    for (let i = 0; i < digits.length; i++) {
      carry += digits[i]! * 256;
      digits[i] = carry % 58;
      carry = Math.floor(carry / 58);
    }
    while (carry > 0) {
      digits.push(carry % 58);
      carry = Math.floor(carry / 58);
    }
  }
  let out = '';
  for (const byte of bytes) {
    if (byte !== 0) break;
    out += '1';
  }
  for (let i = digits.length - 1; i >= 0; i--) out += ALPHABET[digits[i]!];
  return out;
}

// Multicodec varint for ed25519-pub (0xed), as did:key uses it.
const ED25519_PUB_MULTICODEC = Uint8Array.of(0xed, 0x01);

/** The did:key DID of an Ed25519 public key (did:key method, W3C CCG): `did:key:z6Mk…`. */
export function didKeyFromEd25519(publicRaw: Uint8Array): string {
  return `did:key:z${toBase58btc(Buffer.concat([ED25519_PUB_MULTICODEC, publicRaw]))}`;
}

/**
 * Decode base58btc; undefined for a character outside the alphabet or an input over 128 characters
 * (did:key values are about 48).
 */
export function fromBase58btc(text: string): Uint8Array | undefined {
  if (text.length > 128) return undefined;
  const bytes: number[] = [];
  for (const ch of text) {
    let carry = ALPHABET.indexOf(ch);
    if (carry < 0) return undefined;
    for (let i = 0; i < bytes.length; i++) {
      carry += bytes[i]! * 58;
      bytes[i] = carry & 0xff;
      carry >>= 8;
    }
    while (carry > 0) {
      bytes.push(carry & 0xff);
      carry >>= 8;
    }
  }
  for (const ch of text) {
    if (ch !== '1') break;
    bytes.push(0);
  }
  return Uint8Array.from(bytes.reverse());
}

/** The raw Ed25519 public key of a `did:key:z6Mk…` DID, or undefined when it is not one. */
export function ed25519FromDidKey(did: string): Uint8Array | undefined {
  if (!did.startsWith('did:key:z')) return undefined;
  const bytes = fromBase58btc(did.slice('did:key:z'.length));
  if (bytes?.length !== 34 || bytes[0] !== 0xed || bytes[1] !== 0x01) return undefined;
  return bytes.subarray(2);
}
