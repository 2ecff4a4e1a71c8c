import {
  type AccreditationStatement,
  type AccreditationStatus,
  type AccreditationStatusStatement,
  ATOMIC_WEIGHTS,
  CONFORMITY_TOPICS,
  type ConformityTopic,
  type ElementSymbol,
  FACILITY_KINDS,
  type FacilityKind,
  isElementSymbol,
  type TrustedBody,
  type TrustListStatement,
} from '../../model/index.js';
import {
  at,
  checkDistinct,
  invalid,
  readArray,
  readDid,
  readEnum,
  readObject,
  readString,
  readText,
  readUri,
  req,
} from './check.js';
import { ACCREDITATION_KIND, ACCREDITATION_STATUS_KIND, envelope, TRUST_LIST_KIND } from './envelope.js';
import { readCountry } from './identity.js';
import type { CredentialIssuerInput, CredentialJson, CredentialOptions } from './wire.js';

/**
 * The trust registry's Lodestone extension credentials (DESIGN.md §6), which UNTP lacks: the alliance
 * `TrustList` (issued by the node operator), an `Accreditation` of a certifier or lab by an accreditation
 * body, and an `AccreditationStatusChange` (suspension, reinstatement, withdrawal). Envelope as every
 * extension: `@context` `[VC 2.0, Lodestone]`, issuer `{id, name}`, exact properties. Whether the issuer
 * may issue them, a listed country is an alliance member or an accreditation window is non-empty is the
 * trust registry's business, not the parser's.
 */

/** Most accreditation bodies one trust list names. */
export const MAX_TRUSTED_BODIES = 1000;
/** Most schemes one accreditation covers. */
export const MAX_SCHEMES = 100;

const TRUST_LIST_KEYS: ReadonlySet<string> = new Set(['accreditationBody']);
const BODY_KEYS: ReadonlySet<string> = new Set(['id', 'name', 'country']);
const ACCREDITATION_KEYS: ReadonlySet<string> = new Set([
  'id',
  'scheme',
  'conformityTopic',
  'minerals',
  'facilityKind',
]);
const STATUS_KEYS: ReadonlySet<string> = new Set(['id', 'accreditationStatus', 'reason']);
const ACCREDITATION_STATUSES: readonly AccreditationStatus[] = ['active', 'suspended', 'withdrawn'];
const ELEMENT_COUNT = Object.keys(ATOMIC_WEIGHTS).length;
const PATH = '/credentialSubject';

/** Parse the subject of a trust list: exactly `{accreditationBody: [{id: DID, name, country}]}` (1 to 1 000). */
export function parseTrustListSubject(value: unknown, validFrom: string): TrustListStatement {
  const s = readObject(value, PATH, TRUST_LIST_KEYS);
  const path = at(PATH, 'accreditationBody');
  const bodies = readArray(req(s, 'accreditationBody', PATH), path, MAX_TRUSTED_BODIES, 1).map(
    (item, i): TrustedBody => {
      const p = at(path, i);
      const body = readObject(item, p, BODY_KEYS);
      return {
        did: readDid(req(body, 'id', p), at(p, 'id')),
        name: readString(req(body, 'name', p), at(p, 'name')),
        country: readCountry(req(body, 'country', p), at(p, 'country')),
      };
    },
  );
  return { kind: 'trust-list', bodies, validFrom };
}

/**
 * Parse the subject of an accreditation: exactly `{id: holder DID, scheme: [URI] (1+), conformityTopic:
 * [topic] (1+), minerals: [element], facilityKind: [kind]}`, no list repeating an item.
 */
export function parseAccreditationSubject(
  value: unknown,
  validFrom: string,
  validUntil: string,
): AccreditationStatement {
  const s = readObject(value, PATH, ACCREDITATION_KEYS);
  const list = <T extends string>(
    key: string,
    min: number,
    max: number,
    item: (v: unknown, p: string) => T,
  ) => {
    const path = at(PATH, key);
    const items = readArray(req(s, key, PATH), path, max, min).map((v, i) => item(v, at(path, i)));
    checkDistinct(items, path);
    return items;
  };
  return {
    kind: 'accreditation',
    holder: readDid(req(s, 'id', PATH), at(PATH, 'id')),
    scope: {
      schemes: list('scheme', 1, MAX_SCHEMES, readUri),
      topics: list('conformityTopic', 1, CONFORMITY_TOPICS.length, (v, p) =>
        readEnum<ConformityTopic>(v, p, CONFORMITY_TOPICS),
      ),
      minerals: list('minerals', 0, ELEMENT_COUNT, readElement),
      facilityKinds: list('facilityKind', 0, FACILITY_KINDS.length, (v, p) =>
        readEnum<FacilityKind>(v, p, FACILITY_KINDS),
      ),
    },
    validFrom,
    validUntil,
  };
}

/** An element symbol the model knows (`Co`, `Li`, …). */
export function readElement(value: unknown, path: string): ElementSymbol {
  if (typeof value !== 'string' || !isElementSymbol(value)) invalid(path, 'expected an element symbol');
  return value;
}

/**
 * Parse the subject of a status change: exactly `{id: the accreditation's credential id, accreditationStatus,
 * reason}` (the reason may be empty).
 */
export function parseAccreditationStatusSubject(
  value: unknown,
  validFrom: string,
): AccreditationStatusStatement {
  const s = readObject(value, PATH, STATUS_KEYS);
  return {
    kind: 'accreditation-status',
    accreditation: readUri(req(s, 'id', PATH), at(PATH, 'id')),
    status: readEnum(
      req(s, 'accreditationStatus', PATH),
      at(PATH, 'accreditationStatus'),
      ACCREDITATION_STATUSES,
    ),
    reason: readText(req(s, 'reason', PATH), at(PATH, 'reason')),
    validFrom,
  };
}

/** The `TrustList` JSON of a trust list. */
export function trustListJson(
  list: TrustListStatement,
  issuer: CredentialIssuerInput,
  options: CredentialOptions = {},
): CredentialJson {
  const subject = {
    accreditationBody: list.bodies.map((b) => ({ id: b.did, name: b.name, country: b.country })),
  };
  return envelope(TRUST_LIST_KIND, issuer, options, subject, list.validFrom);
}

/** The `Accreditation` JSON of an accreditation (issued by the accreditation body). */
export function accreditationJson(
  acc: AccreditationStatement,
  issuer: CredentialIssuerInput,
  options: CredentialOptions = {},
): CredentialJson {
  const subject = {
    id: acc.holder,
    scheme: [...acc.scope.schemes],
    conformityTopic: [...acc.scope.topics],
    minerals: [...acc.scope.minerals],
    facilityKind: [...acc.scope.facilityKinds],
  };
  return envelope(ACCREDITATION_KIND, issuer, options, subject, acc.validFrom, acc.validUntil);
}

/** The `AccreditationStatusChange` JSON of a status change (issued by the accreditation body). */
export function accreditationStatusJson(
  change: AccreditationStatusStatement,
  issuer: CredentialIssuerInput,
  options: CredentialOptions = {},
): CredentialJson {
  const subject = { id: change.accreditation, accreditationStatus: change.status, reason: change.reason };
  return envelope(ACCREDITATION_STATUS_KIND, issuer, options, subject, change.validFrom);
}
