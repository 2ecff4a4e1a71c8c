import type { KeyRevocation, KeyRotation } from '../../model/index.js';
import { at, readDid, readKid, readObject, readString, req } from './check.js';
import { envelope, KEY_REVOCATION_KIND, KEY_ROTATION_KIND } from './envelope.js';
import { boundKeysJson, readBoundKeys, readKids } from './keys-json.js';
import { readTime } from './time.js';
import type { CredentialIssuerInput, CredentialJson, CredentialOptions } from './wire.js';

/**
 * Lodestone extension credentials `KeyRotation` and `KeyRevocation` (no UNTP equivalent): `@context` is
 * the VC 2.0 context and the Lodestone context only, and the issuer is `{id, name}`.
 */

const ROTATION_KEYS: ReadonlySet<string> = new Set(['id', 'addedKeys', 'retiredKeys']);
const REVOCATION_KEYS: ReadonlySet<string> = new Set(['id', 'revokedKey', 'revokedFrom', 'revocationReason']);
const PATH = '/credentialSubject';

/** Parse the subject of a key rotation: `{id: org DID, addedKeys: [{kid, jwk}], retiredKeys: [kid]}`. */
export function parseRotationSubject(value: unknown, validFrom: string): KeyRotation {
  const s = readObject(value, PATH, ROTATION_KEYS);
  const subject = readDid(req(s, 'id', PATH), at(PATH, 'id'));
  return {
    kind: 'key-rotation',
    subject,
    add: readBoundKeys(req(s, 'addedKeys', PATH), at(PATH, 'addedKeys'), subject),
    retire: readKids(req(s, 'retiredKeys', PATH), at(PATH, 'retiredKeys'), subject),
    validFrom,
  };
}

/** Parse the subject of a key revocation: `{id: org DID, revokedKey, revokedFrom, revocationReason}`. */
export function parseRevocationSubject(value: unknown): KeyRevocation {
  const s = readObject(value, PATH, REVOCATION_KEYS);
  const subject = readDid(req(s, 'id', PATH), at(PATH, 'id'));
  return {
    kind: 'key-revocation',
    subject,
    kid: readKid(req(s, 'revokedKey', PATH), at(PATH, 'revokedKey'), subject),
    revokedFrom: readTime(req(s, 'revokedFrom', PATH), at(PATH, 'revokedFrom')),
    reason: readString(req(s, 'revocationReason', PATH), at(PATH, 'revocationReason')),
  };
}

/** The `KeyRotation` JSON of a rotation; `validFrom` is the rotation's. */
export function keyRotationJson(
  rot: KeyRotation,
  issuer: CredentialIssuerInput,
  options: CredentialOptions = {},
): CredentialJson {
  const subject = { id: rot.subject, addedKeys: boundKeysJson(rot.add), retiredKeys: [...rot.retire] };
  return envelope(KEY_ROTATION_KIND, issuer, options, subject, rot.validFrom);
}

/** Options of {@link keyRevocationJson}. */
export interface KeyRevocationOptions extends CredentialOptions {
  /** The credential's `validFrom` (the statement's time); default the revocation's `revokedFrom`. */
  readonly validFrom?: string;
}

/** The `KeyRevocation` JSON of a revocation. */
export function keyRevocationJson(
  rev: KeyRevocation,
  issuer: CredentialIssuerInput,
  options: KeyRevocationOptions = {},
): CredentialJson {
  const subject = {
    id: rev.subject,
    revokedKey: rev.kid,
    revokedFrom: rev.revokedFrom,
    revocationReason: rev.reason,
  };
  return envelope(KEY_REVOCATION_KIND, issuer, options, subject, options.validFrom ?? rev.revokedFrom);
}
