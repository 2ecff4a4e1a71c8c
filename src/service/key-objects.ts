import type { KeyObject } from 'node:crypto';
import { publicKeyFromJwk } from '../crypto/index.js';
import type { PublicJwk } from '../model/index.js';

// Parsed public keys by their `x`: re-parsing a key for every signature halves verify speed. Bounded,
// since registered keys are unbounded in number.
const PARSED = new Map<string, KeyObject>();
const MAX_PARSED = 4096;

/** The `KeyObject` of a registered key, parsed once. */
export function keyObjectOf(jwk: PublicJwk): KeyObject {
  let key = PARSED.get(jwk.x);
  if (!key) {
    if (PARSED.size >= MAX_PARSED) PARSED.clear();
    key = publicKeyFromJwk(jwk);
    PARSED.set(jwk.x, key);
  }
  return key;
}
