import { type CryptoError, fromBase64Url, publicKeyFromJwk } from '../crypto/index.js';
import type { RegisteredKey, StatementStore } from '../model/index.js';
import { ServiceError } from './errors.js';

/**
 * Resolves a JWS `kid` to the raw 32-byte Ed25519 public key to verify with (raw bytes, so the key can
 * travel to a verification thread). The identity registry will implement this too.
 */
export interface KeyResolver {
  resolve(kid: string): Uint8Array | undefined;
}

// DID URLs (did:web:…#key-1, did:key:…#…) and similar identifiers: printable ASCII, no spaces.
const KID = /^[\x21-\x7e]{1,512}$/;

/**
 * The temporary key registry: keys an operator added over the API, kept in the store, validated once
 * (a real Ed25519 point of large order) and cached.
 */
export class StoredKeys implements KeyResolver {
  readonly #store: StatementStore;
  readonly #cache = new Map<string, Uint8Array>();

  constructor(store: StatementStore) {
    this.#store = store;
  }

  resolve(kid: string): Uint8Array | undefined {
    const cached = this.#cache.get(kid);
    if (cached) return cached;
    const key = this.#store.getKey(kid);
    if (!key) return undefined;
    publicKeyFromJwk(key.jwk);
    const raw = fromBase64Url(key.jwk.x);
    this.#cache.set(kid, raw);
    return raw;
  }

  /** @throws ServiceError KEY_INVALID */
  /**
   * Register a key. Registering the same kid and key again is a no-op returning the first record; a
   * kid already bound to another key is refused, since statements signed with the old key must keep
   * verifying (rotation comes with the identity registry, as logged statements).
   * @throws ServiceError KEY_INVALID, KEY_CONFLICT
   */
  add(kid: unknown, jwk: unknown, now: Date): RegisteredKey {
    if (typeof kid !== 'string' || !KID.test(kid)) {
      throw new ServiceError('KEY_INVALID', 'kid must be 1–512 printable ASCII characters without spaces');
    }
    try {
      publicKeyFromJwk(jwk);
    } catch (cause) {
      throw new ServiceError('KEY_INVALID', (cause as CryptoError).message, { cause });
    }
    const { x } = jwk as { x: string };
    const existing = this.#store.getKey(kid);
    if (existing) {
      if (existing.jwk.x === x) return existing;
      throw new ServiceError('KEY_CONFLICT', `kid "${kid}" is already bound to another key`);
    }
    const record: RegisteredKey = { kid, jwk: { kty: 'OKP', crv: 'Ed25519', x }, added: now.toISOString() };
    this.#store.putKey(record);
    this.#cache.set(kid, fromBase64Url(x));
    return record;
  }

  list(): RegisteredKey[] {
    return this.#store.listKeys();
  }
}
