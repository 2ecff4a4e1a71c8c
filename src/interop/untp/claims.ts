import {
  type CertificateSubject,
  CONFORMITY_TOPICS,
  type ConformityClaim,
  type ConformityTopic,
} from '../../model/index.js';
import { InteropError } from '../errors.js';
import {
  asPlainObject,
  at,
  invalid,
  type JsonObject,
  opt,
  readArray,
  readBoolean,
  readEnum,
  readUri,
  req,
  unsupported,
} from './check.js';
import { MAX_ASSESSMENT_ITEMS, readId } from './conformity.js';
import { rejectOtherUntpVersions } from './envelope.js';

/**
 * The conformity claims of a UNTP 0.6.1 `DigitalProductPassport` or `DigitalFacilityRecord`, for the claims
 * check (a claim counts as verified only when a trusted certificate backs it). Lenient, unlike
 * `parseCredential`: passports and facility records from anywhere are read, so only what the check needs is
 * looked at — the claims and their subject — and everything else is ignored.
 */

/** Most claims read from one credential. */
export const MAX_CLAIMS = 100;

const PASSPORT = 'DigitalProductPassport';
const FACILITY_RECORD = 'DigitalFacilityRecord';
const PATH = '/credentialSubject';

/**
 * The claims of a passport (about its `credentialSubject.product`, a batch) or a facility record (about
 * `credentialSubject.facility`, else the subject `id`): each `conformityClaim` `{id, conformityTopic,
 * conformance, assessmentCriteria?: [{id, …}]}`. No `conformityClaim`: no claims.
 * @throws InteropError INTEROP_NOT_A_CREDENTIAL (not an object), INTEROP_UNSUPPORTED (another credential
 *   type, another UNTP version), INTEROP_INVALID with `path` (a malformed subject or claim)
 */
export function readClaims(credential: unknown): ConformityClaim[] {
  try {
    return readUnchecked(credential);
  } catch (cause) {
    if (cause instanceof InteropError) throw cause;
    throw new InteropError('INTEROP_INVALID', 'malformed credential', { cause, path: '' });
  }
}

function readUnchecked(credential: unknown): ConformityClaim[] {
  if (typeof credential !== 'object' || credential === null || Array.isArray(credential)) {
    throw new InteropError('INTEROP_NOT_A_CREDENTIAL', 'not a verifiable credential: not a JSON object', {
      path: '',
    });
  }
  const vc = asPlainObject(credential, '');
  const type = opt(vc, 'type');
  const types: unknown[] = Array.isArray(type) ? type : [type];
  const passport = types.includes(PASSPORT);
  const facilityRecord = types.includes(FACILITY_RECORD);
  if (passport === facilityRecord) {
    if (passport) invalid('/type', `a credential is a ${PASSPORT} or a ${FACILITY_RECORD}, not both`);
    unsupported('/type', `claims are read from a ${PASSPORT} or a ${FACILITY_RECORD} only`);
  }
  rejectOtherUntpVersions(opt(vc, '@context'));
  const s = asPlainObject(req(vc, 'credentialSubject', ''), PATH);
  const subject = passport ? passportSubject(s) : facilitySubject(s);
  const claims = opt(s, 'conformityClaim');
  if (claims === undefined) return [];
  const path = at(PATH, 'conformityClaim');
  return readArray(claims, path, MAX_CLAIMS).map((c, i) => readClaim(c, at(path, i), subject));
}

function passportSubject(s: JsonObject): CertificateSubject {
  return { kind: 'batch', id: readId(req(s, 'product', PATH), at(PATH, 'product')) };
}

function facilitySubject(s: JsonObject): CertificateSubject {
  const facility = opt(s, 'facility');
  const id =
    facility === undefined
      ? readUri(req(s, 'id', PATH), at(PATH, 'id'))
      : readId(facility, at(PATH, 'facility'));
  return { kind: 'facility', id };
}

function readClaim(value: unknown, path: string, subject: CertificateSubject): ConformityClaim {
  const claim = asPlainObject(value, path);
  const criteria = opt(claim, 'assessmentCriteria');
  const criteriaPath = at(path, 'assessmentCriteria');
  return {
    id: readUri(req(claim, 'id', path), at(path, 'id')),
    subject,
    topic: readEnum<ConformityTopic>(
      req(claim, 'conformityTopic', path),
      at(path, 'conformityTopic'),
      CONFORMITY_TOPICS,
    ),
    conformance: readBoolean(req(claim, 'conformance', path), at(path, 'conformance')),
    criteria:
      criteria === undefined
        ? []
        : readArray(criteria, criteriaPath, MAX_ASSESSMENT_ITEMS).map((c, i) =>
            readId(c, at(criteriaPath, i)),
          ),
  };
}
