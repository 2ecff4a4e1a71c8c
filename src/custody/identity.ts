import {
  type BoundKey,
  type IdentityRegistration,
  type KeyRevocation,
  type KeyRotation,
  ROLES,
  type Role,
} from '../model/index.js';
import { CustodyError, ensure } from './errors.js';
import { didOfKid, type IdentityRegistry, type RoleEpoch } from './registry.js';
import type { OrganizationRow } from './rows.js';
import type { Scope } from './scope.js';
import { pastInstant } from './time.js';

/** Roles only the operator grants, and whose holders only the operator administers. */
const PRIVILEGED: readonly Role[] = ['operator', 'registrar'];

/**
 * Register an organisation, or replace its registration from `validFrom`: keys it lists that are new
 * become active then, active keys it no longer lists retire then.
 * @throws CustodyError IDENTITY_NOT_AUTHORIZED, IDENTITY_BACKDATED, IDENTITY_NO_KEYS, IDENTITY_KEY_*
 */
export function applyRegistration(
  registry: IdentityRegistry,
  body: IdentityRegistration,
  scope: Scope,
): void {
  const fromMs = pastInstant(scope.clock, body.validFrom, 'validFrom');
  authorizeRegistration(registry, body, scope);
  ensureNotBackdated(registry, body.subject, fromMs, body.validFrom);
  ensure(body.keys.length > 0, 'IDENTITY_NO_KEYS', () => `registration of ${body.subject} lists no key`);
  checkNewKeys(registry, body.subject, body.keys);
  const listed = new Set(body.keys.map((k) => k.kid));
  retireKeys(
    registry,
    activeKids(registry, body.subject).filter((kid) => !listed.has(kid)),
    body.validFrom,
    fromMs,
  );
  bindKeys(registry, body.subject, body.keys, body.validFrom, fromMs);
  const roles = body.subject === registry.operator ? ROLES : [...new Set(body.roles)];
  const previous = registry.orgs.get(body.subject)?.epochs ?? [];
  registry.orgs.set(body.subject, {
    row: organizationRow(body, roles, scope),
    epochs: withEpoch(previous, { fromMs, roles: new Set(roles) }),
  });
}

/**
 * An organisation adds keys of its own and retires others, from `validFrom`.
 * @throws CustodyError IDENTITY_NOT_AUTHORIZED, IDENTITY_BACKDATED, IDENTITY_NO_KEYS, IDENTITY_KEY_*,
 * IDENTITY_UNKNOWN_KEY
 */
export function applyRotation(registry: IdentityRegistry, body: KeyRotation, scope: Scope): void {
  const fromMs = pastInstant(scope.clock, body.validFrom, 'validFrom');
  const { issuer } = scope.statement;
  ensure(
    issuer === body.subject,
    'IDENTITY_NOT_AUTHORIZED',
    () => `${issuer} cannot rotate keys of ${body.subject}`,
  );
  ensure(
    body.add.length + body.retire.length > 0,
    'IDENTITY_NO_KEYS',
    () => 'rotation adds and retires no key',
  );
  ensureNotBackdated(registry, body.subject, fromMs, body.validFrom);
  checkNewKeys(registry, body.subject, body.add);
  for (const kid of body.retire) {
    ensure(registry.keys.get(kid)?.row.did === body.subject, 'IDENTITY_UNKNOWN_KEY', () => {
      return `${kid} is not a key of ${body.subject}`;
    });
    ensure(
      !body.add.some((k) => k.kid === kid),
      'IDENTITY_KEY_CONFLICT',
      () => `${kid} is both added and retired`,
    );
  }
  retireKeys(registry, body.retire, body.validFrom, fromMs);
  bindKeys(registry, body.subject, body.add, body.validFrom, fromMs);
}

/**
 * Revoke a key: by its organisation, the operator, or a registrar (not of a registrar or the operator).
 * Revoking twice keeps the earlier time.
 * @throws CustodyError IDENTITY_NOT_AUTHORIZED, IDENTITY_UNKNOWN_ORGANIZATION, IDENTITY_UNKNOWN_KEY
 */
export function applyRevocation(registry: IdentityRegistry, body: KeyRevocation, scope: Scope): void {
  const revokedMs = pastInstant(scope.clock, body.revokedFrom, 'revokedFrom');
  const { issuer } = scope.statement;
  const allowed =
    issuer === body.subject ||
    registry.isOperator(issuer, scope.timeMs) ||
    (registry.hasRole(issuer, 'registrar', scope.timeMs) && !isPrivileged(registry, body.subject));
  ensure(allowed, 'IDENTITY_NOT_AUTHORIZED', () => `${issuer} cannot revoke keys of ${body.subject}`);
  if (!registry.isRegistered(body.subject)) {
    throw new CustodyError('IDENTITY_UNKNOWN_ORGANIZATION', `${body.subject} is not registered`);
  }
  const key = registry.keys.get(body.kid);
  if (key === undefined || key.row.did !== body.subject) {
    throw new CustodyError('IDENTITY_UNKNOWN_KEY', `${body.kid} is not a key of ${body.subject}`);
  }
  const earlier = key.row.revokedFrom;
  if (earlier !== undefined && Date.parse(earlier) <= revokedMs) return;
  registry.putKey({ ...key, row: { ...key.row, revokedFrom: body.revokedFrom } });
}

function authorizeRegistration(registry: IdentityRegistry, body: IdentityRegistration, scope: Scope): void {
  const { issuer } = scope.statement;
  const { subject } = body;
  if (registry.isOperator(issuer, scope.timeMs)) {
    // The root's identity comes from the node's configuration; nobody else may rewrite it.
    ensure(
      subject !== registry.operator || issuer === registry.operator,
      'IDENTITY_NOT_AUTHORIZED',
      () => `only ${registry.operator} registers itself`,
    );
    return;
  }
  ensure(registry.hasRole(issuer, 'registrar', scope.timeMs), 'IDENTITY_NOT_AUTHORIZED', () => {
    return `${issuer} is neither the operator nor a registrar at ${scope.statement.time}`;
  });
  ensure(!body.roles.some((r) => PRIVILEGED.includes(r)), 'IDENTITY_NOT_AUTHORIZED', () => {
    return `only the operator grants the roles ${PRIVILEGED.join(' and ')}`;
  });
  ensure(!isPrivileged(registry, subject), 'IDENTITY_NOT_AUTHORIZED', () => {
    return `only the operator re-registers ${subject}, an operator or registrar`;
  });
}

/** The root, or an organisation whose latest registration makes it an operator or registrar. */
function isPrivileged(registry: IdentityRegistry, did: string): boolean {
  if (did === registry.operator) return true;
  const roles = registry.orgs.get(did)?.epochs.at(-1)?.roles;
  return roles !== undefined && PRIVILEGED.some((r) => roles.has(r));
}

function ensureNotBackdated(registry: IdentityRegistry, subject: string, fromMs: number, from: string): void {
  // Changes in date order keep every key's life one interval and the role history a sorted list.
  ensure(fromMs >= registry.lastChange(subject), 'IDENTITY_BACKDATED', () => {
    return `${subject} changed after ${from}; identity changes are applied in date order`;
  });
}

/** Every key may be bound: a DID URL of the subject, not bound elsewhere, never revoked or retired. */
function checkNewKeys(registry: IdentityRegistry, subject: string, keys: readonly BoundKey[]): void {
  const seen = new Map<string, BoundKey>();
  for (const key of keys) {
    ensure(
      didOfKid(key.kid) === subject,
      'IDENTITY_KEY_MISMATCH',
      () => `${key.kid} is not a key of ${subject}`,
    );
    const twin = seen.get(key.kid);
    ensure(
      twin === undefined || sameJwk(twin, key),
      'IDENTITY_KEY_CONFLICT',
      () => `${key.kid} is listed twice`,
    );
    seen.set(key.kid, key);
    const known = registry.keys.get(key.kid);
    if (known === undefined) continue;
    ensure(known.row.did === subject && sameJwk(known.row, key), 'IDENTITY_KEY_CONFLICT', () => {
      return `${key.kid} is already bound to another key`;
    });
    ensure(known.row.revokedFrom === undefined, 'IDENTITY_KEY_REVOKED', () => `${key.kid} has been revoked`);
    // A key row holds one interval of activity: a retired kid cannot come back, bind a new one.
    ensure(known.retiredFromMs === Infinity, 'IDENTITY_KEY_CONFLICT', () => `${key.kid} has been retired`);
  }
}

function bindKeys(
  registry: IdentityRegistry,
  did: string,
  keys: readonly BoundKey[],
  from: string,
  fromMs: number,
): void {
  for (const { kid, jwk } of keys) {
    if (registry.keys.has(kid)) continue;
    registry.putKey({
      row: { kid, jwk, did, activeFrom: from },
      activeFromMs: fromMs,
      retiredFromMs: Infinity,
    });
  }
}

function retireKeys(registry: IdentityRegistry, kids: readonly string[], from: string, fromMs: number): void {
  for (const kid of kids) {
    const key = registry.keys.get(kid)!;
    if (key.retiredFromMs !== Infinity) continue;
    registry.putKey({ ...key, row: { ...key.row, retiredFrom: from }, retiredFromMs: fromMs });
  }
}

function activeKids(registry: IdentityRegistry, did: string): string[] {
  return (registry.kidsOf.get(did) ?? []).filter((kid) => {
    const key = registry.keys.get(kid)!;
    return key.retiredFromMs === Infinity && key.row.revokedFrom === undefined;
  });
}

function sameJwk(a: BoundKey, b: BoundKey): boolean {
  return a.jwk.kty === b.jwk.kty && a.jwk.crv === b.jwk.crv && a.jwk.x === b.jwk.x;
}

function withEpoch(epochs: readonly RoleEpoch[], epoch: RoleEpoch): readonly RoleEpoch[] {
  // Same instant: the later registration in log order wins.
  const kept = epochs.at(-1)?.fromMs === epoch.fromMs ? epochs.slice(0, -1) : epochs;
  return [...kept, epoch];
}

function organizationRow(body: IdentityRegistration, roles: readonly Role[], scope: Scope): OrganizationRow {
  return {
    did: body.subject,
    legalName: body.legalName,
    registeredId: body.registeredId,
    idScheme: body.idScheme,
    country: body.country,
    roles,
    registeredBy: scope.statement.issuer,
    statement: scope.id,
    validFrom: body.validFrom,
  };
}
