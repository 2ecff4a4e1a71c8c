import { type CryptoError, type ParsedJws, parseCompactJws } from '../crypto/index.js';
import { parseCredential } from '../interop/index.js';
import type { SupplyStatement } from '../model/index.js';
import { ServiceError } from './errors.js';

/** A statement parsed at the edge: the JWS parts to verify, and the canonical statement. */
export interface ParsedStatement {
  readonly jws: ParsedJws;
  readonly statement: SupplyStatement;
}

/**
 * Parse a compact JWS and its credential payload into Lodestone's canonical statement (DESIGN.md §3:
 * parsers at the edge). A credential without a time of its own (`validFrom`) speaks for its
 * registration time, `registered`.
 * @throws ServiceError STATEMENT_MALFORMED, STATEMENT_UNSUPPORTED, STATEMENT_BAD_PAYLOAD; InteropError
 */
export function parseStatement(jws: string, registered: string): ParsedStatement {
  const parsed = parseJws(jws);
  const payload = parsePayload(parsed.payload);
  const statement = parseCredential(payload, { kid: parsed.header.kid });
  return {
    jws: parsed,
    statement: statement.time === '' ? { ...statement, time: registered } : statement,
  };
}

function parseJws(jws: string): ParsedJws {
  try {
    return parseCompactJws(jws);
  } catch (cause) {
    const e = cause as CryptoError;
    const code = e.code === 'CRYPTO_JWS_UNSUPPORTED' ? 'STATEMENT_UNSUPPORTED' : 'STATEMENT_MALFORMED';
    throw new ServiceError(code, e.message, { cause });
  }
}

function parsePayload(payload: Buffer): object {
  // Only `{` can start an object; skip the parse for anything else.
  if (payload[0] === 0x7b) {
    try {
      const value: unknown = JSON.parse(payload.toString('utf8'));
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value;
    } catch {
      // reported below
    }
  }
  throw new ServiceError('STATEMENT_BAD_PAYLOAD', 'JWS payload must be a JSON object');
}
