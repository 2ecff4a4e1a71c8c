import {
  type Assessment,
  ATOMIC_WEIGHTS,
  ATTESTATION_TYPES,
  type AttestationType,
  type CertificateStatement,
  type CertificateSubject,
  CONFORMITY_TOPICS,
  type ConformityTopic,
  type Metric,
  type StatusEntry,
} from '../../model/index.js';
import {
  asPlainObject,
  at,
  invalid,
  type JsonObject,
  opt,
  readArray,
  readBoolean,
  readConst,
  readDid,
  readEnum,
  readNumber,
  readObject,
  readString,
  readText,
  readTypes,
  readUri,
  req,
} from './check.js';
import { LODESTONE_CONTEXT, UNTP_CONTEXTS, VC_V2_CONTEXT } from './contexts.js';
import { rejectOtherUntpVersions } from './envelope.js';
import { readStatusPurpose, readTypeName } from './status-list.js';
import { readTime } from './time.js';
import { readElement } from './trust.js';

/**
 * UNTP 0.6.1 `DigitalConformityCredential` → {@link CertificateStatement}. Unlike the other modelled kinds
 * this reader is tolerant: UNTP's root and its attestation, scheme and assessment objects are open
 * (`additionalProperties: true`) and a real certificate carries much Lodestone does not model (evidence
 * links, auditors, reference standards, trustmarks), so unknown properties are accepted and not kept —
 * the whole credential stays in the log. What Lodestone does model is read strictly.
 */

/** Most assessments one certificate carries. */
export const MAX_ASSESSMENTS = 100;
/** Most criteria, assessed facilities, assessed products and declared values per assessment. */
export const MAX_ASSESSMENT_ITEMS = 100;
/** Most `BitstringStatusListEntry` objects in `credentialStatus` (one per purpose is all that is useful). */
export const MAX_STATUS_ENTRIES = 4;
/** Status list indexes are below 2^31 (the spec's minimum list is 131 072 entries; this bounds hostile ones). */
export const MAX_STATUS_INDEX = 2 ** 31 - 1;

/** UNTP 0.6.1 `assessorLevel` codes (who assessed). */
export const ASSESSOR_LEVELS = [
  'Self',
  'Commercial',
  'Buyer',
  'Membership',
  'Unspecified',
  '3rdParty',
] as const;
export type AssessorLevel = (typeof ASSESSOR_LEVELS)[number];
/** UNTP 0.6.1 `assessmentLevel` codes (what stands behind the assessment). */
export const ASSESSMENT_LEVELS = [
  'GovtApproval',
  'GlobalMRA',
  'Accredited',
  'Verified',
  'Validated',
  'Unspecified',
] as const;
export type AssessmentLevel = (typeof ASSESSMENT_LEVELS)[number];

/** Most `issuerAlsoKnownAs` entries read. */
const MAX_ALIASES = 16;
const ISSUER_KEYS: ReadonlySet<string> = new Set(['type', 'id', 'name', 'issuerAlsoKnownAs']);
const STATUS_ENTRY_KEYS: ReadonlySet<string> = new Set([
  'id',
  'type',
  'statusPurpose',
  'statusListIndex',
  'statusListCredential',
]);
const STATUS_INDEX = /^(0|[1-9]\d{0,9})$/;
/** A UNECE Recommendation 20 unit code (`KGM`, `P1`, `59`): two or three upper-case letters or digits. */
const REC20_UNIT = /^[A-Z0-9]{2,3}$/;
const ELEMENT_COUNT = Object.keys(ATOMIC_WEIGHTS).length;
const PATH = '/credentialSubject';
const STATUS = '/credentialStatus';

/** A parsed certificate. */
export interface ParsedCertificate {
  readonly id: string;
  readonly issuer: string;
  readonly body: CertificateStatement;
}

/**
 * Read a conformity credential that passed `readEnvelope` and whose `type` includes
 * `DigitalConformityCredential`. `@context` is `[VC 2.0, UNTP dcc 0.6.1]`, optionally then the Lodestone
 * context (the one that defines `minerals`); `type` may list other types; the issuer is a UNTP
 * `CredentialIssuer` (a closed object).
 * @throws InteropError INTEROP_INVALID; INTEROP_UNSUPPORTED (another UNTP version, a status purpose
 *   Lodestone does not use)
 */
export function parseConformityCredential(vc: JsonObject): ParsedCertificate {
  // `type` needs no more reading: readEnvelope checked it is a list of strings holding both types.
  const lodestone = readDccContexts(opt(vc, '@context'));
  const id = readUri(req(vc, 'id', ''), '/id');
  const issuer = readIssuer(req(vc, 'issuer', ''));
  const validFrom = readTime(req(vc, 'validFrom', ''), '/validFrom');
  const until = opt(vc, 'validUntil');
  const status = readCredentialStatus(opt(vc, 'credentialStatus'));
  const s = asPlainObject(req(vc, 'credentialSubject', ''), PATH);
  readEnum<AssessorLevel>(req(s, 'assessorLevel', PATH), at(PATH, 'assessorLevel'), ASSESSOR_LEVELS);
  readEnum<AssessmentLevel>(req(s, 'assessmentLevel', PATH), at(PATH, 'assessmentLevel'), ASSESSMENT_LEVELS);
  const name = opt(s, 'name');
  const assessments = at(PATH, 'assessment');
  const body: CertificateStatement = {
    kind: 'certificate',
    attestation: readUri(req(s, 'id', PATH), at(PATH, 'id')),
    name: name === undefined ? '' : readText(name, at(PATH, 'name')),
    attestationType: readEnum<AttestationType>(
      req(s, 'attestationType', PATH),
      at(PATH, 'attestationType'),
      ATTESTATION_TYPES,
    ),
    scheme: readNamed(req(s, 'scope', PATH), at(PATH, 'scope')),
    issuedTo: readNamed(req(s, 'issuedToParty', PATH), at(PATH, 'issuedToParty')).id,
    assessments: readArray(req(s, 'assessment', PATH), assessments, MAX_ASSESSMENTS, 1).map((a, i) =>
      readAssessment(a, at(assessments, i), lodestone),
    ),
    validFrom,
    ...(until === undefined ? {} : { validUntil: readTime(until, '/validUntil') }),
    status,
  };
  return { id, issuer, body };
}

/** Check the contexts; true when the Lodestone context follows the UNTP one. */
function readDccContexts(value: unknown): boolean {
  rejectOtherUntpVersions(value);
  const list = readArray(value, '/@context', 3, 2);
  readConst(list[0], '/@context/0', VC_V2_CONTEXT);
  readConst(list[1], '/@context/1', UNTP_CONTEXTS.DigitalConformityCredential);
  if (list.length === 3) readConst(list[2], '/@context/2', LODESTONE_CONTEXT);
  return list.length === 3;
}

function readIssuer(value: unknown): string {
  const issuer = readObject(value, '/issuer', ISSUER_KEYS);
  const type = opt(issuer, 'type');
  if (type !== undefined) readTypes(type, '/issuer/type', ['CredentialIssuer']);
  readString(req(issuer, 'name', '/issuer'), '/issuer/name');
  const aliases = opt(issuer, 'issuerAlsoKnownAs');
  if (aliases !== undefined) {
    readArray(aliases, '/issuer/issuerAlsoKnownAs', MAX_ALIASES).forEach((alias, i) => {
      readNamed(alias, at('/issuer/issuerAlsoKnownAs', i));
    });
  }
  return readDid(req(issuer, 'id', '/issuer'), '/issuer/id');
}

/** An identified, named object `{id: URI, name, …}` (a party or a scheme); other properties are not read. */
function readNamed(value: unknown, path: string): { id: string; name: string } {
  const object = asPlainObject(value, path);
  return {
    id: readUri(req(object, 'id', path), at(path, 'id')),
    name: readString(req(object, 'name', path), at(path, 'name')),
  };
}

/** The `id` (a URI) of an identified object; other properties are not read. */
export function readId(value: unknown, path: string): string {
  return readUri(req(asPlainObject(value, path), 'id', path), at(path, 'id'));
}

function readAssessment(value: unknown, path: string, lodestone: boolean): Assessment {
  const a = asPlainObject(value, path);
  const list = <T>(key: string, max: number, item: (v: unknown, p: string) => T): T[] => {
    const v = opt(a, key);
    const p = at(path, key);
    return v === undefined ? [] : readArray(v, p, max).map((x, i) => item(x, at(p, i)));
  };
  const id = readUri(req(a, 'id', path), at(path, 'id'));
  const topic = readEnum<ConformityTopic>(
    req(a, 'conformityTopic', path),
    at(path, 'conformityTopic'),
    CONFORMITY_TOPICS,
  );
  const conformance = readBoolean(req(a, 'conformance', path), at(path, 'conformance'));
  const criteria = list('assessmentCriteria', MAX_ASSESSMENT_ITEMS, readId);
  const organisation = opt(a, 'assessedOrganisation');
  const subjects: CertificateSubject[] = [
    ...list('assessedFacility', MAX_ASSESSMENT_ITEMS, (v, p) => subject('facility', v, p, 'facility')),
    ...list('assessedProduct', MAX_ASSESSMENT_ITEMS, (v, p) => subject('batch', v, p, 'product')),
    ...(organisation === undefined
      ? []
      : [{ kind: 'organization' as const, id: readId(organisation, at(path, 'assessedOrganisation')) }]),
  ];
  // A certificate about nothing cannot be matched to a facility, batch or organisation: it proves nothing.
  if (subjects.length === 0) {
    invalid(
      path,
      'an assessment names what it assessed: assessedFacility, assessedProduct or assessedOrganisation',
    );
  }
  if (!lodestone && opt(a, 'minerals') !== undefined) {
    // Without the context the term would be dropped by JSON-LD processors: the signed meaning would differ.
    invalid(
      at(path, 'minerals'),
      `minerals is a Lodestone term: @context must end with ${LODESTONE_CONTEXT}`,
    );
  }
  return {
    id,
    topic,
    conformance,
    criteria,
    subjects,
    minerals: list('minerals', ELEMENT_COUNT, readElement),
    metrics: list('declaredValue', MAX_ASSESSMENT_ITEMS, readMetric),
  };
}

/** `{<key>: {id, …}, …}`: UNTP wraps an assessed facility or product in a verification object. */
function subject(
  kind: CertificateSubject['kind'],
  value: unknown,
  path: string,
  key: string,
): CertificateSubject {
  return { kind, id: readId(req(asPlainObject(value, path), key, path), at(path, key)) };
}

function readMetric(value: unknown, path: string): Metric {
  const metric = asPlainObject(value, path);
  const measurePath = at(path, 'metricValue');
  const measure = asPlainObject(req(metric, 'metricValue', path), measurePath);
  const unit = req(measure, 'unit', measurePath);
  if (typeof unit !== 'string' || !REC20_UNIT.test(unit)) {
    invalid(at(measurePath, 'unit'), 'expected a UNECE Recommendation 20 unit code');
  }
  return {
    name: readString(req(metric, 'metricName', path), at(path, 'metricName')),
    value: readNumber(req(measure, 'value', measurePath), at(measurePath, 'value')),
    unit,
  };
}

/** `credentialStatus`: absent, one `BitstringStatusListEntry` or an array of them, one per purpose. */
function readCredentialStatus(value: unknown): StatusEntry[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return [readStatusEntry(value, STATUS)];
  const entries = readArray(value, STATUS, MAX_STATUS_ENTRIES, 1).map((e, i) =>
    readStatusEntry(e, at(STATUS, i)),
  );
  entries.forEach((entry, i) => {
    if (entries.findIndex((e) => e.purpose === entry.purpose) !== i) {
      invalid(at(at(STATUS, i), 'statusPurpose'), `a second ${entry.purpose} entry`);
    }
  });
  return entries;
}

function readStatusEntry(value: unknown, path: string): StatusEntry {
  // The purpose first: an entry for a purpose Lodestone does not use is unsupported, whatever it carries.
  const purpose = readStatusPurpose(
    req(asPlainObject(value, path), 'statusPurpose', path),
    at(path, 'statusPurpose'),
  );
  const entry = readObject(value, path, STATUS_ENTRY_KEYS);
  const id = opt(entry, 'id');
  if (id !== undefined) readUri(id, at(path, 'id'));
  readTypeName(req(entry, 'type', path), at(path, 'type'), 'BitstringStatusListEntry');
  return {
    purpose,
    list: readUri(req(entry, 'statusListCredential', path), at(path, 'statusListCredential')),
    index: readStatusIndex(req(entry, 'statusListIndex', path), at(path, 'statusListIndex')),
  };
}

/** The spec writes the index as a string: a decimal non-negative integer, no sign or leading zero. */
function readStatusIndex(value: unknown, path: string): number {
  const index = typeof value === 'string' && STATUS_INDEX.test(value) ? Number(value) : Number.NaN;
  if (!(index <= MAX_STATUS_INDEX)) {
    invalid(path, `expected a decimal string of an integer from 0 to ${MAX_STATUS_INDEX}`);
  }
  return index;
}
