/**
 * A statement as the node stores it: content-addressed by its id, with the log index of its entry.
 * The JWS bytes are kept exactly as received, because the id is their digest.
 */
export interface StoredStatement {
  readonly id: string;
  readonly index: number;
  readonly jws: Buffer;
  /** The leaf bytes of its log entry. */
  readonly entry: Buffer;
}

/** What the sequencer carries through to storage next to each new entry. */
export interface StatementRecord {
  readonly id: string;
  readonly jws: Buffer;
}

/** A public key the node accepts statement signatures from. The identity registry replaces its source. */
export interface RegisteredKey {
  /** The JWS `kid` that names it: a DID URL such as `did:web:example.com#key-1`. */
  readonly kid: string;
  /** RFC 8037 OKP JWK, Ed25519. */
  readonly jwk: { readonly kty: 'OKP'; readonly crv: 'Ed25519'; readonly x: string };
  /** RFC 3339 time the key was registered with this node. */
  readonly added: string;
}

/**
 * Storage of statements and keys, implemented in `store/`.
 * Statements are written only by the log's integration transaction; this port reads them.
 */
export interface StatementStore {
  getStatement(id: string): StoredStatement | undefined;
  /** Cheaper than {@link getStatement} when only existence matters (the registration hot path). */
  hasStatement(id: string): boolean;
  putKey(key: RegisteredKey): void;
  getKey(kid: string): RegisteredKey | undefined;
  listKeys(): RegisteredKey[];
}
