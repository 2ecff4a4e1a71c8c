import { canonicalBytes, parseJson, sha256Hex } from '../crypto/index.js';
import { ModelError } from './errors.js';

/**
 * The public registration record a log entry holds (DESIGN.md §4): the statement's digest and the time
 * it was registered — never the statement itself, so tiles can be public without leaking business data.
 * The leaf bytes are its RFC 8785 canonical JSON. Fields may be added in later versions, never removed.
 */
export interface RegistrationEntry {
  readonly v: 1;
  /** Lowercase hex SHA-256 of the statement's JWS bytes: the statement id. */
  readonly statement: string;
  /** RFC 3339 UTC with milliseconds, e.g. `2026-11-27T10:24:28.123Z`. */
  readonly registered: string;
}

const STATEMENT_ID = /^[0-9a-f]{64}$/;
const RFC3339_UTC_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** The id of a statement: lowercase hex SHA-256 of its exact JWS bytes. */
export function statementId(jws: Uint8Array | string): string {
  return sha256Hex(jws);
}

export function isStatementId(text: string): boolean {
  return STATEMENT_ID.test(text);
}

/** An RFC 3339 UTC timestamp with millisecond precision. */
export function formatRegistered(ms: number): string {
  return new Date(ms).toISOString();
}

export function createEntry(statement: string, registeredMs: number): RegistrationEntry {
  if (!isStatementId(statement))
    throw new ModelError('MODEL_BAD_STATEMENT_ID', 'statement id must be 64 hex digits');
  return { v: 1, statement, registered: formatRegistered(registeredMs) };
}

/** The leaf bytes of an entry: RFC 8785 canonical JSON. */
export function encodeEntry(entry: RegistrationEntry): Buffer {
  return canonicalBytes(entry);
}

/**
 * Parse and check leaf bytes read back from a log (which may have been tampered with): the bytes must be
 * exactly the canonical encoding of a valid v1 record.
 * @throws ModelError MODEL_BAD_ENTRY
 */
export function decodeEntry(bytes: Uint8Array): RegistrationEntry {
  let value: unknown;
  try {
    value = parseJson(Buffer.from(bytes).toString('utf8'));
  } catch (cause) {
    throw new ModelError('MODEL_BAD_ENTRY', 'entry is not JSON', { cause });
  }
  const e = value as Partial<RegistrationEntry> | null;
  if (typeof e !== 'object' || e === null || e.v !== 1)
    throw new ModelError('MODEL_BAD_ENTRY', 'entry must be a v1 object');
  if (typeof e.statement !== 'string' || !isStatementId(e.statement)) {
    throw new ModelError('MODEL_BAD_ENTRY', 'entry statement must be a lowercase hex SHA-256');
  }
  if (
    typeof e.registered !== 'string' ||
    !RFC3339_UTC_MS.test(e.registered) ||
    Number.isNaN(Date.parse(e.registered))
  ) {
    throw new ModelError('MODEL_BAD_ENTRY', 'entry registered must be RFC 3339 UTC with milliseconds');
  }
  if (!encodeEntry(e as RegistrationEntry).equals(bytes)) {
    throw new ModelError('MODEL_BAD_ENTRY', 'entry bytes are not canonical JSON');
  }
  return e as RegistrationEntry;
}
