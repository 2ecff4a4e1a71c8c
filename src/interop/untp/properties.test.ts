import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jwkFromPublicKey, keyPairFromSeed } from '../../crypto/index.js';
import type { SupplyStatementBody } from '../../model/index.js';
import {
  type AccreditationStatement,
  type AccreditationStatusStatement,
  ALPHA3_CODES,
  type Assessment,
  ATOMIC_WEIGHTS,
  ATTESTATION_TYPES,
  type BoundKey,
  type CertificateStatement,
  type CertificateSubject,
  CONFORMITY_TOPICS,
  type CustodyEvent,
  type ElementContent,
  FACILITY_KINDS,
  type FacilityRecord,
  type IdentityRegistration,
  type KeyRevocation,
  type KeyRotation,
  listMaterials,
  type NewBatch,
  type PublicJwk,
  ROLES,
  type StatusListStatement,
  type TrustListStatement,
} from '../../model/index.js';
import { validateCredential } from '../conformance/index.js';
import { InteropError } from '../errors.js';
import {
  facilityCredential,
  identityCredential,
  keyRevocationCredential,
  keyRotationCredential,
  traceabilityCredential,
} from './build.js';
import { CUSTODY_MODELS, EXTRACTION_METHODS, PROCESS_KINDS } from './dte-spec.js';
import { parseCredential } from './parse.js';
import { MAX_GRAMS } from './quantity.js';
import { earliest } from './time.js';
import {
  accreditationCredential,
  accreditationStatusCredential,
  conformityCredential,
  statusListCredential,
  trustListCredential,
} from './trust-build.js';
import type { CredentialIssuerInput, CredentialJson } from './wire.js';

/**
 * Property tests of the UNTP mapping over random valid canonical statements of every kind: the builders
 * and the parser are inverse, every built credential conforms (schemas and safe JSON-LD), and no mutation
 * of a credential makes the parser throw anything but an InteropError. The arbitraries live here, in a test
 * file, so that fast-check never reaches the built package.
 */

const segment = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,11}$/);

/** An absolute URI: https, urn:uuid or a GS1 Digital Link lot. */
const uri: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(segment, segment, segment).map(([host, a, b]) => `https://${host}.example/${a}/${b}`),
  fc.uuid().map((u) => `urn:uuid:${u}`),
  fc
    .tuple(fc.stringMatching(/^\d{14}$/), segment)
    .map(([gtin, lot]) => `https://id.gs1.org/01/${gtin}/10/${lot}`),
);

/** A DID (did:web or did:key). */
const did: fc.Arbitrary<string> = fc.oneof(
  segment.map((host) => `did:web:${host}.example`),
  fc.stringMatching(/^z6Mk[1-9A-HJ-NP-Za-km-z]{8,20}$/).map((id) => `did:key:${id}`),
);

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** An RFC 3339 date-time with `Z` or a numeric offset, sometimes with a fraction. */
const time: fc.Arbitrary<string> = fc
  .record({
    year: fc.integer({ min: 1990, max: 2099 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
    second: fc.integer({ min: 0, max: 59 }),
    fraction: fc.option(fc.stringMatching(/^\d{1,9}$/), { nil: undefined }),
    offset: fc.oneof(
      fc.constant('Z'),
      fc
        .tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 14 }))
        .map(([s, h]) => `${s}${pad(h)}:00`),
    ),
  })
  .map(
    (t) =>
      `${t.year}-${pad(t.month)}-${pad(t.day)}T${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}` +
      `${t.fraction === undefined ? '' : `.${t.fraction}`}${t.offset}`,
  );

/** Non-empty free text. */
const text: fc.Arbitrary<string> = fc.string({ minLength: 1, maxLength: 24 });

/** Whole grams, often a whole number of kilograms or tonnes (the builders then write KGM or TNE). */
const grams: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: 0, max: MAX_GRAMS }),
  fc.integer({ min: 0, max: Math.floor(MAX_GRAMS / 1_000) }).map((kg) => kg * 1_000),
  fc.integer({ min: 0, max: Math.floor(MAX_GRAMS / 1_000_000) }).map((t) => t * 1_000_000),
);

const elements = Object.keys(ATOMIC_WEIGHTS);

/** Element content: a few elements, each 0 to 10^6 ppm. */
const content: fc.Arbitrary<ElementContent> = fc.dictionary(
  fc.constantFrom(...elements),
  fc.integer({ min: 0, max: 1_000_000 }),
  { maxKeys: 5 },
) as fc.Arbitrary<ElementContent>;

/** A material code: mostly from the vocabulary, sometimes unknown (the parser does not judge codes). */
const material: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...listMaterials().map((m) => m.code)),
  fc.stringMatching(/^[a-z]{1,6}(\.[a-z]{1,6}){0,2}$/),
);

const newBatch: fc.Arbitrary<NewBatch> = fc.record({ id: uri, material, grams, content });

const custodyModel = fc.constantFrom(...CUSTODY_MODELS);
const amount = fc.stringMatching(/^(0|[1-9]\d{0,8})(\.\d{1,6})?$/);
const base = { id: uri, time };

/** A custody event of any kind. */
const custodyEvent: fc.Arbitrary<CustodyEvent> = fc.oneof(
  fc.record({
    type: fc.constant('extract' as const),
    ...base,
    facility: uri,
    method: fc.constantFrom(...EXTRACTION_METHODS),
    batch: newBatch,
    custodyModel,
  }),
  fc.record({
    type: fc.constant('commission' as const),
    ...base,
    facility: uri,
    batch: newBatch,
    custodyModel,
  }),
  fc.record(
    {
      type: fc.constant('ship' as const),
      ...base,
      batch: uri,
      grams,
      splitInto: uri,
      to: did,
      toFacility: uri,
      transportMode: text,
      expectedArrival: time,
    },
    { requiredKeys: ['type', 'id', 'time', 'batch', 'grams', 'to', 'toFacility'] },
  ),
  fc.record({ type: fc.constant('receive' as const), ...base, batch: uri, facility: uri, grams }),
  fc.record({
    type: fc.constant('transform' as const),
    ...base,
    facility: uri,
    process: fc.constantFrom(...PROCESS_KINDS),
    inputs: fc.array(fc.record({ batch: uri, grams }), { minLength: 1, maxLength: 4 }),
    outputs: fc.uniqueArray(newBatch, { selector: (b) => b.id, minLength: 1, maxLength: 4 }),
    tolerancePpm: fc.integer({ min: 0, max: 1_000_000 }),
    custodyModel,
  }),
  fc.record(
    { type: fc.constant('assay' as const), ...base, batch: uri, content, certificate: text },
    { requiredKeys: ['type', 'id', 'time', 'batch', 'content'] },
  ),
  fc.record(
    {
      type: fc.constant('trade' as const),
      ...base,
      batch: uri,
      buyer: did,
      price: fc.record({ amount, currency: fc.stringMatching(/^[A-Z]{3}$/) }),
      incoterm: text,
    },
    { requiredKeys: ['type', 'id', 'time', 'batch', 'buyer'] },
  ),
);

/** 1 to 6 events with distinct ids (one credential may not repeat an event id). */
const custodyEvents: fc.Arbitrary<CustodyEvent[]> = fc.uniqueArray(custodyEvent, {
  selector: (e) => e.id,
  minLength: 1,
  maxLength: 6,
});

/** Valid Ed25519 public JWKs (seeds 1…8). */
const JWKS: readonly PublicJwk[] = [1, 2, 3, 4, 5, 6, 7, 8].map(
  (b) => jwkFromPublicKey(keyPairFromSeed(new Uint8Array(32).fill(b)).publicKey) as PublicJwk,
);

function boundKeys(owner: string): fc.Arbitrary<BoundKey[]> {
  return fc.array(fc.record({ kid: segment.map((s) => `${owner}#${s}`), jwk: fc.constantFrom(...JWKS) }), {
    maxLength: 3,
  });
}

const identity: fc.Arbitrary<IdentityRegistration> = did.chain((subject) =>
  fc.record({
    kind: fc.constant('identity' as const),
    subject: fc.constant(subject),
    legalName: text,
    registeredId: text,
    idScheme: fc.record({ id: uri, name: text }),
    country: fc.constantFrom(...ALPHA3_CODES),
    roles: fc.subarray([...ROLES]),
    keys: boundKeys(subject),
    validFrom: time,
  }),
);

const coordinate = (limit: number): fc.Arbitrary<number> =>
  fc.integer({ min: -limit * 10_000, max: limit * 10_000 }).map((i) => i / 10_000);
const position = fc.tuple(coordinate(180), coordinate(90));
const ring = fc.array(position, { minLength: 3, maxLength: 8 }).map((ps) => [...ps, ps[0]!]);

const facility: fc.Arbitrary<FacilityRecord> = fc
  .record(
    {
      kind: fc.constant('facility' as const),
      id: uri,
      name: text,
      operator: did,
      facilityKind: fc.constantFrom(...FACILITY_KINDS),
      country: fc.constantFrom(...ALPHA3_CODES),
      location: position.map((coordinates) => ({ type: 'Point' as const, coordinates })),
      boundary: fc
        .array(ring, { minLength: 1, maxLength: 3 })
        .map((coordinates) => ({ type: 'Polygon' as const, coordinates })),
      processCategories: fc.array(uri, { maxLength: 3 }),
      capacityGramsPerYear: grams,
      validFrom: time,
    },
    {
      requiredKeys: [
        'kind',
        'id',
        'name',
        'operator',
        'facilityKind',
        'country',
        'location',
        'processCategories',
        'validFrom',
      ],
    },
  )
  // A mine must carry its boundary.
  .filter((f) => f.facilityKind !== 'mine' || f.boundary !== undefined);

const rotation: fc.Arbitrary<KeyRotation> = did.chain((subject) =>
  fc.record({
    kind: fc.constant('key-rotation' as const),
    subject: fc.constant(subject),
    add: boundKeys(subject),
    retire: fc.array(
      segment.map((s) => `${subject}#${s}`),
      { maxLength: 3 },
    ),
    validFrom: time,
  }),
);

const revocation: fc.Arbitrary<KeyRevocation> = did.chain((subject) =>
  fc.record({
    kind: fc.constant('key-revocation' as const),
    subject: fc.constant(subject),
    kid: segment.map((s) => `${subject}#${s}`),
    revokedFrom: time,
    reason: text,
  }),
);

const issuer: fc.Arbitrary<CredentialIssuerInput> = fc.record({ id: did, name: text });

const trustList: fc.Arbitrary<TrustListStatement> = fc.record({
  kind: fc.constant('trust-list' as const),
  bodies: fc.array(fc.record({ did, name: text, country: fc.constantFrom(...ALPHA3_CODES) }), {
    minLength: 1,
    maxLength: 4,
  }),
  validFrom: time,
});

const symbols = elements as AccreditationStatement['scope']['minerals'][number][];

const accreditation: fc.Arbitrary<AccreditationStatement> = fc.record({
  kind: fc.constant('accreditation' as const),
  holder: did,
  scope: fc.record({
    schemes: fc.uniqueArray(uri, { minLength: 1, maxLength: 3 }),
    topics: fc.shuffledSubarray([...CONFORMITY_TOPICS], { minLength: 1, maxLength: 4 }),
    minerals: fc.shuffledSubarray(symbols, { maxLength: 4 }),
    facilityKinds: fc.shuffledSubarray([...FACILITY_KINDS], { maxLength: 3 }),
  }),
  validFrom: time,
  validUntil: time,
});

const accreditationStatus: fc.Arbitrary<AccreditationStatusStatement> = fc.record({
  kind: fc.constant('accreditation-status' as const),
  accreditation: uri,
  status: fc.constantFrom('active' as const, 'suspended' as const, 'withdrawn' as const),
  reason: fc.string({ maxLength: 24 }),
  validFrom: time,
});

const purpose = fc.constantFrom('revocation' as const, 'suspension' as const);

const statusList: fc.Arbitrary<StatusListStatement> = fc.record({
  kind: fc.constant('status-list' as const),
  purpose,
  encodedList: fc
    .uint8Array({ minLength: 1, maxLength: 64 })
    .map((b) => `u${Buffer.from(b).toString('base64url')}`),
  validFrom: time,
});

/** Subjects in the order a parsed certificate lists them: facilities, batches, then one organisation. */
const certificateSubjects: fc.Arbitrary<CertificateSubject[]> = fc
  .tuple(
    fc.array(uri, { maxLength: 2 }),
    fc.array(uri, { maxLength: 2 }),
    fc.option(fc.oneof(uri, did), { nil: undefined }),
  )
  .filter(([f, b, o]) => f.length + b.length > 0 || o !== undefined)
  .map(([f, b, o]) => [
    ...f.map((id) => ({ kind: 'facility' as const, id })),
    ...b.map((id) => ({ kind: 'batch' as const, id })),
    ...(o === undefined ? [] : [{ kind: 'organization' as const, id: o }]),
  ]);

const assessment: fc.Arbitrary<Assessment> = fc.record({
  id: uri,
  topic: fc.constantFrom(...CONFORMITY_TOPICS),
  conformance: fc.boolean(),
  criteria: fc.array(uri, { maxLength: 3 }),
  subjects: certificateSubjects,
  minerals: fc.array(fc.constantFrom(...symbols), { maxLength: 3 }),
  metrics: fc.array(
    fc.record({
      name: text,
      // -0 is written as 0 by JSON: compare what the wire can carry.
      value: fc.double({ noNaN: true, noDefaultInfinity: true }).map((v) => (v === 0 ? 0 : v)),
      unit: fc.stringMatching(/^[A-Z0-9]{2,3}$/),
    }),
    { maxLength: 2 },
  ),
});

const certificate: fc.Arbitrary<CertificateStatement> = fc.record(
  {
    kind: fc.constant('certificate' as const),
    attestation: uri,
    name: fc.oneof(fc.constant(''), text),
    attestationType: fc.constantFrom(...ATTESTATION_TYPES),
    scheme: fc.record({ id: uri, name: text }),
    issuedTo: fc.oneof(uri, did),
    assessments: fc.array(assessment, { minLength: 1, maxLength: 3 }),
    validFrom: time,
    validUntil: time,
    status: fc.uniqueArray(
      fc.record({ purpose, list: uri, index: fc.integer({ min: 0, max: 2 ** 31 - 1 }) }),
      { selector: (e) => e.purpose, maxLength: 2 },
    ),
  },
  {
    requiredKeys: [
      'kind',
      'attestation',
      'name',
      'attestationType',
      'scheme',
      'issuedTo',
      'assessments',
      'validFrom',
      'status',
    ],
  },
);

/** A canonical statement of some kind, how to build its credential, and what parsing it must give back. */
interface Sample {
  readonly issuer: CredentialIssuerInput;
  readonly build: (id: string) => CredentialJson;
  readonly body: SupplyStatementBody;
  readonly time: string;
}

const sample: fc.Arbitrary<Sample> = fc.oneof(
  fc.tuple(identity, issuer).map(
    ([x, iss]): Sample => ({
      issuer: iss,
      build: (id) => identityCredential(x, iss, { id }),
      body: x,
      time: x.validFrom,
    }),
  ),
  fc.tuple(facility, issuer).map(
    ([x, iss]): Sample => ({
      issuer: iss,
      build: (id) => facilityCredential(x, iss, { id }),
      body: x,
      time: x.validFrom,
    }),
  ),
  fc.tuple(custodyEvents, issuer).map(
    ([events, iss]): Sample => ({
      issuer: iss,
      build: (id) => traceabilityCredential(events, iss, { id }),
      body: { kind: 'custody', events },
      time: earliest(events.map((e) => e.time)),
    }),
  ),
  fc.tuple(rotation, issuer).map(
    ([x, iss]): Sample => ({
      issuer: iss,
      build: (id) => keyRotationCredential(x, iss, { id }),
      body: x,
      time: x.validFrom,
    }),
  ),
  fc.tuple(revocation, issuer).map(
    ([x, iss]): Sample => ({
      issuer: iss,
      build: (id) => keyRevocationCredential(x, iss, { id }),
      body: x,
      time: x.revokedFrom,
    }),
  ),
  fc.tuple(trustList, issuer).map(
    ([x, iss]): Sample => ({
      issuer: iss,
      build: (id) => trustListCredential(x, iss, { id }),
      body: x,
      time: x.validFrom,
    }),
  ),
  fc.tuple(accreditation, issuer).map(
    ([x, iss]): Sample => ({
      issuer: iss,
      build: (id) => accreditationCredential(x, iss, { id }),
      body: x,
      time: x.validFrom,
    }),
  ),
  fc.tuple(accreditationStatus, issuer).map(
    ([x, iss]): Sample => ({
      issuer: iss,
      build: (id) => accreditationStatusCredential(x, iss, { id }),
      body: x,
      time: x.validFrom,
    }),
  ),
  fc.tuple(statusList, issuer).map(
    ([x, iss]): Sample => ({
      issuer: iss,
      build: (id) => statusListCredential(x, iss, { id }),
      body: x,
      time: x.validFrom,
    }),
  ),
  fc.tuple(certificate, issuer).map(
    ([x, iss]): Sample => ({
      issuer: iss,
      build: (id) => conformityCredential(x, iss, { id }),
      body: x,
      time: x.validFrom,
    }),
  ),
);

const credentialId = fc.uuid().map((u) => `urn:uuid:${u}`);

/** The credential as a verifier receives it: through JSON text. */
function wire(vc: CredentialJson): unknown {
  return JSON.parse(JSON.stringify(vc));
}

describe('parseCredential ∘ builders', () => {
  it('gives back the canonical statement of every kind', () => {
    fc.assert(
      fc.property(sample, credentialId, (s, id) => {
        const kid = `${s.issuer.id}#key-1`;
        expect(parseCredential(wire(s.build(id)), { kid })).toEqual({
          issuer: s.issuer.id,
          kid,
          credentialId: id,
          time: s.time,
          body: s.body,
        });
      }),
      { numRuns: 300 },
    );
  });
});

describe('validateCredential of built credentials', () => {
  it('passes the VC 2.0 schema, the schema of the type and safe-mode JSON-LD expansion', async () => {
    await fc.assert(
      fc.asyncProperty(sample, credentialId, async (s, id) => {
        expect(await validateCredential(s.build(id))).toEqual({ ok: true, errors: [] });
      }),
      { numRuns: 120 },
    );
  });
});

type Path = readonly (string | number)[];

/** Every path to a value inside `value`, the root included. */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  const here: Path[] = [prefix];
  if (Array.isArray(value)) return here.concat(...value.map((v, i) => pathsOf(v, [...prefix, i])));
  if (typeof value === 'object' && value !== null) {
    return here.concat(...Object.entries(value).map(([k, v]) => pathsOf(v, [...prefix, k])));
  }
  return here;
}

const MUTATIONS = ['delete', 'replace', 'retype', 'inject', 'proto', 'empty'] as const;
type Mutation = (typeof MUTATIONS)[number];

function retyped(value: unknown): unknown {
  if (typeof value === 'string') return 42;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return { 0: value[0] ?? null };
  if (typeof value === 'object' && value !== null) return [value];
  return 'x';
}

/** `doc` with one mutation at `path` (own `__proto__` keys are defined, never assigned). */
function mutate(doc: unknown, path: Path, op: Mutation, value: unknown): unknown {
  const root = { doc: structuredClone(doc) } as Record<string | number, unknown>;
  const full: Path = ['doc', ...path];
  let parent = root;
  for (const key of full.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const key = full.at(-1) as string | number;
  const target = parent[key];
  const define = (object: object, k: string, v: unknown): void => {
    Object.defineProperty(object, k, { value: v, enumerable: true, writable: true, configurable: true });
  };
  if (op === 'delete' && Array.isArray(parent)) parent.splice(key as number, 1);
  else if (op === 'delete') delete parent[key];
  else if (op === 'replace') parent[key] = value;
  else if (op === 'retype') parent[key] = retyped(target);
  else if (op === 'empty') parent[key] = Array.isArray(target) ? [] : typeof target === 'string' ? '' : {};
  else if (typeof target === 'object' && target !== null && !Array.isArray(target)) {
    define(target, op === 'proto' ? '__proto__' : 'unexpected', value);
  } else if (Array.isArray(target)) target.push(value);
  else parent[key] = value;
  return root['doc'];
}

describe('parseCredential on mutated credentials', () => {
  it('returns a statement or throws InteropError, never another error', () => {
    fc.assert(
      fc.property(
        sample,
        fc.nat(),
        fc.constantFrom(...MUTATIONS),
        fc.jsonValue({ maxDepth: 2 }),
        (s, pick, op, value) => {
          const doc = wire(s.build('urn:uuid:00000000-0000-4000-8000-000000000000'));
          const paths = pathsOf(doc);
          const mutated = mutate(doc, paths[pick % paths.length] ?? [], op, value);
          try {
            parseCredential(mutated, { kid: `${s.issuer.id}#key-1` });
          } catch (error) {
            expect(error).toBeInstanceOf(InteropError);
            // A cause means the safety net caught something the readers missed (a TypeError, say).
            expect((error as InteropError).cause).toBeUndefined();
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('throws only InteropError for arbitrary values and headers', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (payload, header) => {
        try {
          parseCredential(payload, header as { kid: string });
        } catch (error) {
          expect(error).toBeInstanceOf(InteropError);
        }
      }),
    );
  });
});
