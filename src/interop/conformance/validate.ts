import { validateCredentialJsonLd } from './jsonld.js';
import { validateCredentialSchemas } from './schemas.js';

/** The outcome of {@link validateCredential}. */
export interface ConformanceResult {
  readonly ok: boolean;
  /** One line per problem, prefixed with the check that found it; empty when `ok`. */
  readonly errors: string[];
}

/**
 * Check a credential (the decoded JWS payload) the way the UNTP test suite's tiers 1–2 do, offline:
 * (a) the W3C VC 2.0 JSON Schema, (b) the UNTP 0.6.1 schema of its type (or Lodestone's schema of an
 * extension type), (c) JSON-LD expansion in safe mode over the shipped contexts only (no undefined terms,
 * no dropped properties, no protected-term redefinition, no network).
 * @throws InteropError INTEROP_ASSET_MISSING when a shipped schema cannot be read
 * @example const { ok, errors } = await validateCredential(traceabilityCredential(events, issuer));
 */
export async function validateCredential(vc: object): Promise<ConformanceResult> {
  const errors = [...validateCredentialSchemas(vc), ...(await validateCredentialJsonLd(vc))];
  return { ok: errors.length === 0, errors };
}
