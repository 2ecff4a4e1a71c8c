import {
  alpha2Of,
  alpha3Of,
  FACILITY_KINDS,
  type FacilityKind,
  type FacilityRecord,
} from '../../model/index.js';
import {
  at,
  invalid,
  opt,
  readArray,
  readDid,
  readEnum,
  readObject,
  readString,
  readTypes,
  readUri,
  req,
} from './check.js';
import { envelope, FACILITY_KIND } from './envelope.js';
import { pointJson, polygonJson, readPoint, readPolygon } from './geo.js';
import { gramsOf, tonnesOf } from './quantity.js';
import type { CredentialIssuerInput, CredentialJson, CredentialOptions, JsonMap } from './wire.js';

/**
 * UNTP 0.6.1 `DigitalFacilityRecord` ⇄ {@link FacilityRecord}. The subject is a UNTP `FacilityRecord`
 * whose `facility` carries the canonical fields in UNTP terms (country as UN/CEFACT alpha-2, process
 * categories as `Classification` ids, location as GeoJSON) plus Lodestone `facilityKind` and
 * `annualCapacity` {value, unit} (tonnes a year on the wire, grams a year inside).
 */

/** Most process categories one facility lists. */
export const MAX_CATEGORIES = 100;

const RECORD_KEYS: ReadonlySet<string> = new Set(['type', 'id', 'facility']);
const FACILITY_KEYS: ReadonlySet<string> = new Set([
  'type',
  'id',
  'name',
  'countryOfOperation',
  'processCategory',
  'operatedByParty',
  'locationInformation',
  'facilityKind',
  'annualCapacity',
]);
// A classification is identified by its id; its labels are accepted and not kept (they follow from the id).
const CLASSIFICATION_KEYS: ReadonlySet<string> = new Set([
  'type',
  'id',
  'name',
  'code',
  'schemeID',
  'schemeName',
]);
const PARTY_KEYS: ReadonlySet<string> = new Set(['id', 'name']);
const LOCATION_KEYS: ReadonlySet<string> = new Set(['geoLocation', 'geoBoundary']);
const MEASURE_KEYS: ReadonlySet<string> = new Set(['value', 'unit']);
const PATH = '/credentialSubject';
const FACILITY = '/credentialSubject/facility';

/** Parse the subject of a facility record; `validFrom` is the credential's. */
export function parseFacilitySubject(value: unknown, validFrom: string): FacilityRecord {
  const record = readObject(value, PATH, RECORD_KEYS);
  readTypes(req(record, 'type', PATH), at(PATH, 'type'), ['FacilityRecord']);
  const f = readObject(req(record, 'facility', PATH), FACILITY, FACILITY_KEYS);
  readTypes(req(f, 'type', FACILITY), at(FACILITY, 'type'), ['Facility']);
  const id = readUri(req(f, 'id', FACILITY), at(FACILITY, 'id'));
  const recordId = opt(record, 'id');
  if (recordId !== undefined && recordId !== id)
    invalid(at(PATH, 'id'), 'the record id must be the facility id');
  const facilityKind = readEnum<FacilityKind>(
    req(f, 'facilityKind', FACILITY),
    at(FACILITY, 'facilityKind'),
    FACILITY_KINDS,
  );
  const { location, boundary } = readLocation(req(f, 'locationInformation', FACILITY), facilityKind);
  const capacity = opt(f, 'annualCapacity');
  return {
    kind: 'facility',
    id,
    name: readString(req(f, 'name', FACILITY), at(FACILITY, 'name')),
    operator: readOperator(req(f, 'operatedByParty', FACILITY)),
    facilityKind,
    country: readAlpha2(req(f, 'countryOfOperation', FACILITY)),
    location,
    ...(boundary === undefined ? {} : { boundary }),
    processCategories: readCategories(opt(f, 'processCategory') ?? []),
    ...(capacity === undefined ? {} : { capacityGramsPerYear: readCapacity(capacity) }),
    validFrom,
  };
}

function readOperator(value: unknown): string {
  const path = at(FACILITY, 'operatedByParty');
  const party = readObject(value, path, PARTY_KEYS);
  readString(req(party, 'name', path), at(path, 'name'));
  return readDid(req(party, 'id', path), at(path, 'id'));
}

function readAlpha2(value: unknown): string {
  const alpha3 = typeof value === 'string' ? alpha3Of(value) : undefined;
  if (alpha3 === undefined)
    invalid(at(FACILITY, 'countryOfOperation'), 'expected an ISO 3166-1 alpha-2 code');
  return alpha3;
}

function readCategories(value: unknown): string[] {
  const path = at(FACILITY, 'processCategory');
  return readArray(value, path, MAX_CATEGORIES).map((item, i) => {
    const p = at(path, i);
    const c = readObject(item, p, CLASSIFICATION_KEYS);
    const type = opt(c, 'type');
    if (type !== undefined) readTypes(type, at(p, 'type'), ['Classification']);
    readString(req(c, 'name', p), at(p, 'name'));
    return readUri(req(c, 'id', p), at(p, 'id'));
  });
}

function readLocation(value: unknown, kind: FacilityKind): Pick<FacilityRecord, 'location' | 'boundary'> {
  const path = at(FACILITY, 'locationInformation');
  const loc = readObject(value, path, LOCATION_KEYS);
  const location = readPoint(req(loc, 'geoLocation', path), at(path, 'geoLocation'));
  const boundary = opt(loc, 'geoBoundary');
  if (boundary === undefined) {
    // A mine's boundary is what origin claims are checked against (DESIGN.md §5).
    if (kind === 'mine') invalid(at(path, 'geoBoundary'), 'a mine must carry its boundary polygon');
    return { location };
  }
  return { location, boundary: readPolygon(boundary, at(path, 'geoBoundary')) };
}

function readCapacity(value: unknown): number {
  const path = at(FACILITY, 'annualCapacity');
  const measure = readObject(value, path, MEASURE_KEYS);
  return gramsOf(req(measure, 'value', path), req(measure, 'unit', path), path);
}

/**
 * The `DigitalFacilityRecord` JSON of a facility, issued by its operator.
 * @throws InteropError INTEROP_INVALID (country not an assigned alpha-3 code, issuer not a DID),
 *   INTEROP_BAD_QUANTITY (capacity not whole grams)
 */
export function facilityJson(
  rec: FacilityRecord,
  issuer: CredentialIssuerInput,
  options: CredentialOptions = {},
): CredentialJson {
  const facility: JsonMap = {
    type: ['Facility'],
    id: rec.id,
    name: rec.name,
    countryOfOperation: countryJson(rec.country),
    processCategory: rec.processCategories.map((id) => ({ type: ['Classification'], id, name: labelOf(id) })),
    // The canonical record keeps the operator's DID only; its name is the issuer's when they are the same party.
    operatedByParty: { id: rec.operator, name: rec.operator === issuer.id ? issuer.name : rec.operator },
    locationInformation: {
      geoLocation: pointJson(rec.location),
      ...(rec.boundary === undefined ? {} : { geoBoundary: polygonJson(rec.boundary) }),
    },
    facilityKind: rec.facilityKind,
    ...(rec.capacityGramsPerYear === undefined
      ? {}
      : { annualCapacity: { value: tonnesOf(rec.capacityGramsPerYear), unit: 'TNE' } }),
  };
  const subject = { type: ['FacilityRecord'], id: rec.id, facility };
  return envelope(FACILITY_KIND, issuer, options, subject, rec.validFrom);
}

function countryJson(alpha3: string): string {
  const alpha2 = alpha2Of(alpha3);
  if (alpha2 === undefined)
    invalid(at(FACILITY, 'countryOfOperation'), `${alpha3} is not an ISO 3166-1 alpha-3 code`);
  return alpha2;
}

/** A classification's label when only its id is known: the id's last segment (a code such as CPC `14290`). */
function labelOf(id: string): string {
  const last = id
    .split(/[/#:]/)
    .filter((s) => s !== '')
    .pop();
  return last ?? id;
}
