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
