import { type CryptoError, parseCompactJws, verifyParsedJws } from '../crypto/index.js';
import type { Ledger } from '../custody/index.js';
import type { Role, SupplyStatement } from '../model/index.js';
import { ServiceError } from './errors.js';
import { keyObjectOf } from './key-objects.js';

/** Who is asking: the operator, a registered organisation, or nobody in particular. */
export type Viewer =
  | { readonly kind: 'operator' }
  | { readonly kind: 'organization'; readonly did: string; readonly roles: readonly Role[] }
  | { readonly kind: 'anonymous' };

/** The JWS `typ` of an access token, so a statement can never pass for one (nor one for a statement). */
export const ACCESS_TOKEN_TYPE = 'lodestone-access+jwt';
/** Longest lifetime of an access token. */
export const MAX_ACCESS_TOKEN_SECONDS = 3600;

/**
 * Check an organisation's access token: a compact JWS (`typ: lodestone-access+jwt`) signed with one of
 * its registered keys, payload `{ iss: <DID>, aud: <log origin>, iat, exp }`, valid now and for at most
 * an hour. Self-issued, so the node stores no per-organisation secrets: the registry already says which
 * keys speak for whom (`lodestone token` makes one).
 * @throws ServiceError ACCESS_TOKEN_INVALID
 */
export function authenticate(token: string, ledger: Ledger, audience: string, nowMs: number): Viewer {
  const fail = (why: string, cause?: unknown): never => {
    throw new ServiceError('ACCESS_TOKEN_INVALID', `access token refused: ${why}`, { cause });
  };
  let parsed: ReturnType<typeof parseCompactJws>;
  try {
    parsed = parseCompactJws(token);
  } catch (cause) {
    return fail((cause as CryptoError).message, cause);
  }
  if (parsed.header.typ !== ACCESS_TOKEN_TYPE) return fail(`typ must be ${ACCESS_TOKEN_TYPE}`);
  const claims = parseClaims(parsed.payload) ?? fail('payload must be {iss, aud, iat, exp}');
  if (claims.aud !== audience) return fail(`aud must be this log's origin, ${audience}`);
  const now = nowMs / 1000;
  if (claims.exp <= now || claims.iat > now + 60) return fail('expired or not yet valid');
  if (claims.exp - claims.iat > MAX_ACCESS_TOKEN_SECONDS) return fail('lifetime above one hour');
  let jwk: ReturnType<Ledger['signingKey']>;
  try {
    jwk = ledger.signingKey(parsed.header.kid, claims.iss, new Date(nowMs).toISOString());
  } catch (cause) {
    return fail((cause as Error).message, cause);
  }
  if (!verifyParsedJws(parsed, keyObjectOf(jwk))) return fail('signature does not verify');
  return { kind: 'organization', did: claims.iss, roles: ledger.organization(claims.iss)?.roles ?? [] };
}

interface Claims {
  readonly iss: string;
  readonly aud: string;
  readonly iat: number;
  readonly exp: number;
}

function parseClaims(payload: Buffer): Claims | undefined {
  try {
    const c = JSON.parse(payload.toString('utf8')) as Record<string, unknown>;
    const ok =
      typeof c.iss === 'string' &&
      typeof c.aud === 'string' &&
      Number.isSafeInteger(c.iat) &&
      Number.isSafeInteger(c.exp);
    return ok ? (c as unknown as Claims) : undefined;
  } catch {
    return undefined;
  }
}

/** Auditors, regulators and the operator read everything confidential (DESIGN.md §3 roles). */
export function seesEverything(viewer: Viewer): boolean {
  return (
    viewer.kind === 'operator' ||
    (viewer.kind === 'organization' && viewer.roles.some((r) => r === 'auditor' || r === 'regulator'))
  );
}

/**
 * The registries are public: anyone may check who may sign what, and who is accredited, certified,
 * revoked (certificates are made to be shown). Custody statements, compliance case actions and opaque
 * ones are confidential.
 */
export function isPublicStatement(statement: SupplyStatement): boolean {
  return PUBLIC_KINDS.has(statement.body.kind);
}

const PUBLIC_KINDS: ReadonlySet<string> = new Set([
  'identity',
  'key-rotation',
  'key-revocation',
  'facility',
  'trust-list',
  'accreditation',
  'accreditation-status',
  'certificate',
  'status-list',
]);

/** The parties a statement names besides its issuer: who it concerns, who receives, who buys. */
export function counterparties(statement: SupplyStatement): Set<string> {
  const body = statement.body;
  const named = new Set<string>();
  if (body.kind !== 'custody') return named;
  for (const e of body.events) {
    if (e.type === 'ship') named.add(e.to);
    if (e.type === 'trade') named.add(e.buyer);
  }
  return named;
}

/** Issue 3 item 10: a statement is readable by its issuer, the parties it names, and auditors. */
export function canReadStatement(viewer: Viewer, statement: SupplyStatement): boolean {
  if (isPublicStatement(statement) || seesEverything(viewer)) return true;
  if (viewer.kind !== 'organization') return false;
  return statement.issuer === viewer.did || counterparties(statement).has(viewer.did);
}
