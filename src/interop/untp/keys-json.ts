import { publicKeyFromJwk } from '../../crypto/index.js';
import type { BoundKey, PublicJwk } from '../../model/index.js';
import { at, invalid, opt, readArray, readKid, readObject, readString, req } from './check.js';
import type { JsonMap } from './wire.js';

/** Most keys one statement may bind or retire. */
export const MAX_KEYS = 100;

const KEY_KEYS: ReadonlySet<string> = new Set(['kid', 'jwk']);
const JWK_KEYS: ReadonlySet<string> = new Set(['kty', 'crv', 'x']);

/**
 * A list of bound keys `[{kid, jwk}]`, each named under `owner`'s DID, each an Ed25519 public JWK (RFC 8037)
 * with exactly `kty`, `crv`, `x` — no private part, no extra members.
 * @throws InteropError INTEROP_INVALID
 */
export function readBoundKeys(value: unknown, path: string, owner: string): BoundKey[] {
  return readArray(value, path, MAX_KEYS).map((item, i) => {
    const p = at(path, i);
    const key = readObject(item, p, KEY_KEYS);
    return {
      kid: readKid(req(key, 'kid', p), at(p, 'kid'), owner),
      jwk: readJwk(req(key, 'jwk', p), at(p, 'jwk')),
    };
  });
}

function readJwk(value: unknown, path: string): PublicJwk {
  const jwk = readObject(value, path, JWK_KEYS);
  if (opt(jwk, 'kty') !== 'OKP' || opt(jwk, 'crv') !== 'Ed25519')
    invalid(path, 'expected kty OKP, crv Ed25519');
  const x = readString(req(jwk, 'x', path), at(path, 'x'));
  try {
    // Decodes x and rejects points of small order: a key the registry could never verify with.
    publicKeyFromJwk({ kty: 'OKP', crv: 'Ed25519', x });
  } catch {
    invalid(at(path, 'x'), 'not an Ed25519 public key');
  }
  return { kty: 'OKP', crv: 'Ed25519', x };
}

/** Key ids, each a DID URL under `owner`. */
export function readKids(value: unknown, path: string, owner: string): string[] {
  return readArray(value, path, MAX_KEYS).map((kid, i) => readKid(kid, at(path, i), owner));
}

/** Bound keys as wire JSON. */
export function boundKeysJson(keys: readonly BoundKey[]): JsonMap[] {
  return keys.map((k) => ({ kid: k.kid, jwk: { kty: k.jwk.kty, crv: k.jwk.crv, x: k.jwk.x } }));
}
