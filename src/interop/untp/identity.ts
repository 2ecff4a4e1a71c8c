import { alpha2Of, type IdentityRegistration, ROLES, type Role } from '../../model/index.js';
import {
  at,
  invalid,
  opt,
  readArray,
  readConst,
  readDid,
  readEnum,
  readObject,
  readString,
  readTypes,
  readUri,
  req,
} from './check.js';
import { envelope, IDENTITY_KIND } from './envelope.js';
import { boundKeysJson, readBoundKeys } from './keys-json.js';
import type { CredentialIssuerInput, CredentialJson, CredentialOptions } from './wire.js';

/**
 * UNTP 0.6.1 `DigitalIdentityAnchor` ⇄ {@link IdentityRegistration}. The subject is a UNTP
 * `RegisteredIdentity` (register type `Business`) plus Lodestone `roles`, `country` (ISO 3166-1 alpha-3)
 * and `keys` ([{kid, jwk}]), which UNTP's anchor lacks.
 */

const SUBJECT_KEYS: ReadonlySet<string> = new Set([
  'type',
  'id',
  'name',
  'registeredId',
  'idScheme',
  'registerType',
  'roles',
  'country',
  'keys',
]);
const SCHEME_KEYS: ReadonlySet<string> = new Set(['type', 'id', 'name']);
const PATH = '/credentialSubject';

/** Parse the subject of an identity anchor; `validFrom` is the credential's. */
export function parseIdentitySubject(value: unknown, validFrom: string): IdentityRegistration {
  const s = readObject(value, PATH, SUBJECT_KEYS);
  readTypes(req(s, 'type', PATH), at(PATH, 'type'), ['RegisteredIdentity']);
  readConst(req(s, 'registerType', PATH), at(PATH, 'registerType'), 'Business');
  const subject = readDid(req(s, 'id', PATH), at(PATH, 'id'));
  return {
    kind: 'identity',
    subject,
    legalName: readString(req(s, 'name', PATH), at(PATH, 'name')),
    registeredId: readString(req(s, 'registeredId', PATH), at(PATH, 'registeredId')),
    idScheme: readScheme(req(s, 'idScheme', PATH), at(PATH, 'idScheme')),
    country: readCountry(req(s, 'country', PATH), at(PATH, 'country')),
    roles: readArray(req(s, 'roles', PATH), at(PATH, 'roles'), ROLES.length).map((r, i) =>
      readEnum<Role>(r, at(at(PATH, 'roles'), i), ROLES),
    ),
    keys: readBoundKeys(req(s, 'keys', PATH), at(PATH, 'keys'), subject),
    validFrom,
  };
}

function readScheme(value: unknown, path: string): IdentityRegistration['idScheme'] {
  const scheme = readObject(value, path, SCHEME_KEYS);
  const type = opt(scheme, 'type');
  if (type !== undefined) readTypes(type, at(path, 'type'), ['IdentifierScheme']);
  return {
    id: readUri(req(scheme, 'id', path), at(path, 'id')),
    name: readString(req(scheme, 'name', path), at(path, 'name')),
  };
}

/** An assigned ISO 3166-1 alpha-3 code. */
export function readCountry(value: unknown, path: string): string {
  if (typeof value !== 'string' || alpha2Of(value) === undefined)
    invalid(path, 'expected an ISO 3166-1 alpha-3 code');
  return value;
}

/**
 * The `DigitalIdentityAnchor` JSON of a registration, issued by a registrar or the node operator.
 * @throws InteropError INTEROP_INVALID when the issuer id is not a DID
 */
export function identityJson(
  reg: IdentityRegistration,
  issuer: CredentialIssuerInput,
  options: CredentialOptions = {},
): CredentialJson {
  const subject = {
    type: ['RegisteredIdentity'],
    id: reg.subject,
    name: reg.legalName,
    registeredId: reg.registeredId,
    idScheme: { type: ['IdentifierScheme'], id: reg.idScheme.id, name: reg.idScheme.name },
    registerType: 'Business',
    roles: [...reg.roles],
    country: reg.country,
    keys: boundKeysJson(reg.keys),
  };
  return envelope(IDENTITY_KIND, issuer, options, subject, reg.validFrom);
}
