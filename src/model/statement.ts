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

/**
 * Storage of statements, implemented in `store/`.
 * Statements are written only by the log's integration transaction; this port reads them.
 */
export interface StatementStore {
  getStatement(id: string): StoredStatement | undefined;
  /** Cheaper than {@link getStatement} when only existence matters (the registration hot path). */
  hasStatement(id: string): boolean;
}
