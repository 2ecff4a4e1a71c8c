import type { KeyObject } from 'node:crypto';
import { publicKeyFromJwk } from '../crypto/index.js';
import type { PublicJwk } from '../model/index.js';

const MAX_CACHED = 10_000;
const cache = new Map<string, KeyObject>();

/** The KeyObject of a registered JWK, parsed once: parsing per verification halves the verify rate. */
export function keyObjectOf(jwk: PublicJwk): KeyObject {
  let key = cache.get(jwk.x);
  if (key === undefined) {
    if (cache.size >= MAX_CACHED) cache.clear();
    key = publicKeyFromJwk(jwk);
    cache.set(jwk.x, key);
  }
  return key;
}
