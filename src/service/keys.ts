import type { KeyObject } from 'node:crypto';
import { type CryptoError, publicKeyFromJwk } from '../crypto/index.js';
import type { RegisteredKey, StatementStore } from '../model/index.js';
import { ServiceError } from './errors.js';

/** Resolves a JWS `kid` to the public key to verify with. The identity registry will implement this too. */
export interface KeyResolver {
  resolve(kid: string): KeyObject | undefined;
}

// DID URLs (did:web:…#key-1, did:key:…#…) and similar identifiers: printable ASCII, no spaces.
const KID = /^[\x21-\x7e]{1,512}$/;

/**
 * The temporary key registry: keys an operator added over the API, kept in the store, parsed once and
 * cached as KeyObjects (re-parsing on each verify halves the rate).
 */
export class StoredKeys implements KeyResolver {
  readonly #store: StatementStore;
  readonly #cache = new Map<string, KeyObject>();

  constructor(store: StatementStore) {
    this.#store = store;
  }

  resolve(kid: string): KeyObject | undefined {
    const cached = this.#cache.get(kid);
    if (cached) return cached;
    const key = this.#store.getKey(kid);
    if (!key) return undefined;
    const parsed = publicKeyFromJwk(key.jwk);
    this.#cache.set(kid, parsed);
    return parsed;
  }

  /** @throws ServiceError KEY_INVALID */
  add(kid: unknown, jwk: unknown, now: Date): RegisteredKey {
    if (typeof kid !== 'string' || !KID.test(kid)) {
      throw new ServiceError('KEY_INVALID', 'kid must be 1–512 printable ASCII characters without spaces');
    }
    let key: KeyObject;
    try {
      key = publicKeyFromJwk(jwk);
    } catch (cause) {
      throw new ServiceError('KEY_INVALID', (cause as CryptoError).message, { cause });
    }
    const { x } = jwk as { x: string };
    const record: RegisteredKey = { kid, jwk: { kty: 'OKP', crv: 'Ed25519', x }, added: now.toISOString() };
    this.#store.putKey(record);
    this.#cache.set(kid, key);
    return record;
  }

  list(): RegisteredKey[] {
    return this.#store.listKeys();
  }
}
