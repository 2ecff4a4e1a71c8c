import type {
  AccreditationStatement,
  AccreditationStatusStatement,
  AssayEvent,
  CertificateStatement,
  CommissionEvent,
  CustodyEvent,
  CustodyEventType,
  ExtractEvent,
  FacilityRecord,
  IdentityRegistration,
  KeyRevocation,
  KeyRotation,
  ReceiveEvent,
  ShipEvent,
  StatusListStatement,
  TradeEvent,
  TransformEvent,
  TrustListStatement,
} from '../../model/index.js';
import {
  facilityCredential,
  identityCredential,
  keyRevocationCredential,
  keyRotationCredential,
  traceabilityCredential,
} from './build.js';
import type { ConformityOptions } from './conformity-build.js';
import {
  accreditationCredential,
  accreditationStatusCredential,
  conformityCredential,
  statusListCredential,
  trustListCredential,
} from './trust-build.js';
import type { CredentialIssuerInput, CredentialJson } from './wire.js';

/**
 * One canonical statement of every kind, along a small lithium chain (a Canadian mine ships spodumene
 * concentrate to a German refinery that makes lithium hydroxide), plus the trust registry and two
 * certificates: a responsible-sourcing certificate of a cobalt mine and a lab's assay of a lithium lot.
 * Deterministic: used by the tests and to write the examples in docs/statements.md. Organisations,
 * facilities, schemes and keys are made up; the JWKs are the Ed25519 public keys of seeds 0x01…, 0x02…,
 * 0x03… (32 repeated bytes).
 */

/** The registrar that registers organisations, and the two organisations of the chain. */
export const REGISTRAR: CredentialIssuerInput = {
  id: 'did:web:registry.lodestone.example',
  name: 'Lodestone Registry (CAN)',
};
export const MINE_CO: CredentialIssuerInput = { id: 'did:web:mine.example', name: 'Northern Spodumene Ltd' };
export const REFINER_CO: CredentialIssuerInput = {
  id: 'did:web:refinery.example',
  name: 'Lausitz Lithium GmbH',
};

const MINE = 'https://id.mine.example/facility/whabouchi-north';
const CONCENTRATOR = 'https://id.mine.example/facility/whabouchi-mill';
const REFINERY = 'https://id.refinery.example/facility/guben';

/** The mining company's registration. */
export const IDENTITY: IdentityRegistration = {
  kind: 'identity',
  subject: MINE_CO.id,
  legalName: MINE_CO.name,
  registeredId: '123456789',
  idScheme: { id: 'https://ised-isde.canada.ca/cc/lgcy/fdrlCrpSrch.html', name: 'Corporations Canada' },
  country: 'CAN',
  roles: ['producer'],
  keys: [
    {
      kid: `${MINE_CO.id}#key-1`,
      jwk: { kty: 'OKP', crv: 'Ed25519', x: 'iojj3XQJ8ZX9UtstPLpdcspnCb8dlBIb83SIAbQPb1w' },
    },
  ],
  validFrom: '2026-01-05T09:00:00Z',
};

/** The mine, with its boundary. */
export const FACILITY: FacilityRecord = {
  kind: 'facility',
  id: MINE,
  name: 'Whabouchi North open pit',
  operator: MINE_CO.id,
  facilityKind: 'mine',
  country: 'CAN',
  location: { type: 'Point', coordinates: [-75.83, 51.68] },
  boundary: {
    type: 'Polygon',
    coordinates: [
      [
        [-75.85, 51.67],
        [-75.81, 51.67],
        [-75.81, 51.69],
        [-75.85, 51.69],
        [-75.85, 51.67],
      ],
    ],
  },
  processCategories: ['https://unstats.un.org/unsd/classifications/Econ/cpc/14290'],
  capacityGramsPerYear: 215_000_000_000,
  validFrom: '2026-01-06T09:00:00Z',
};

const EXTRACT: ExtractEvent = {
  type: 'extract',
  id: 'https://id.mine.example/event/2026-0001',
  time: '2026-02-01T06:00:00Z',
  facility: MINE,
  method: 'industrial',
  batch: {
    id: 'https://id.mine.example/lot/ore-2026-0001',
    material: 'li.ore.spodumene-pegmatite',
    grams: 1_200_000_000,
    content: { Li: 6_500 },
  },
  custodyModel: 'segregated',
};

const COMMISSION: CommissionEvent = {
  type: 'commission',
  id: 'https://id.refinery.example/event/opening-stock-li2co3',
  time: '2026-01-31T23:59:59Z',
  facility: REFINERY,
  batch: {
    id: 'https://id.refinery.example/lot/stock-0001',
    material: 'li.carbonate.battery',
    grams: 2_500_500,
    content: { Li: 187_900 },
  },
  custodyModel: 'mass-balance',
};

const TRANSFORM: TransformEvent = {
  type: 'transform',
  id: 'https://id.mine.example/event/2026-0002',
  time: '2026-02-03T14:30:00+01:00',
  facility: CONCENTRATOR,
  process: 'concentrate',
  inputs: [{ batch: 'https://id.mine.example/lot/ore-2026-0001', grams: 1_200_000_000 }],
  outputs: [
    {
      id: 'https://id.mine.example/lot/sc6-2026-0001',
      material: 'li.concentrate.spodumene-sc6',
      grams: 150_000_000,
      content: { Li: 27_900, Fe: 6_000 },
    },
  ],
  tolerancePpm: 5_000,
  custodyModel: 'segregated',
};

const SHIP: ShipEvent = {
  type: 'ship',
  id: 'https://id.mine.example/event/2026-0003',
  time: '2026-02-10T08:00:00-05:00',
  batch: 'https://id.mine.example/lot/sc6-2026-0001',
  grams: 100_000_000,
  splitInto: 'https://id.mine.example/lot/sc6-2026-0001-a',
  to: REFINER_CO.id,
  toFacility: REFINERY,
  transportMode: 'sea',
  expectedArrival: '2026-03-01T12:00:00Z',
};

const RECEIVE: ReceiveEvent = {
  type: 'receive',
  id: 'https://id.refinery.example/event/2026-0107',
  time: '2026-03-02T10:15:00+01:00',
  batch: 'https://id.mine.example/lot/sc6-2026-0001-a',
  facility: REFINERY,
  grams: 99_950_500,
};

const ASSAY: AssayEvent = {
  type: 'assay',
  id: 'https://id.refinery.example/event/2026-0108',
  time: '2026-03-03T09:00:00+01:00',
  batch: 'https://id.mine.example/lot/sc6-2026-0001-a',
  content: { Li: 27_850, Fe: 5_900, Al: 130_000 },
  certificate: 'https://lab.example/certificates/2026-0042',
};

const TRADE: TradeEvent = {
  type: 'trade',
  id: 'https://id.mine.example/event/2026-0004',
  time: '2026-02-10T08:00:00-05:00',
  batch: 'https://id.mine.example/lot/sc6-2026-0001-a',
  buyer: REFINER_CO.id,
  price: { amount: '87500.00', currency: 'USD' },
  incoterm: 'CIF',
};

/** One custody event of every kind. */
export const EVENTS: { readonly [K in CustodyEventType]: Extract<CustodyEvent, { type: K }> } = {
  extract: EXTRACT,
  commission: COMMISSION,
  ship: SHIP,
  receive: RECEIVE,
  transform: TRANSFORM,
  assay: ASSAY,
  trade: TRADE,
};

/** The mining company adds a key and retires its first. */
export const ROTATION: KeyRotation = {
  kind: 'key-rotation',
  subject: MINE_CO.id,
  add: [
    {
      kid: `${MINE_CO.id}#key-2`,
      jwk: { kty: 'OKP', crv: 'Ed25519', x: 'gTl3Dqh9F19Wo1Rmw0x-zMuNipG07jeiXfYPW4_Js5Q' },
    },
  ],
  retire: [`${MINE_CO.id}#key-1`],
  validFrom: '2026-06-01T00:00:00Z',
};

/** The first key is revoked after a backup leak. */
export const REVOCATION: KeyRevocation = {
  kind: 'key-revocation',
  subject: MINE_CO.id,
  kid: `${MINE_CO.id}#key-1`,
  revokedFrom: '2026-05-20T00:00:00Z',
  reason: 'key material exposed in a backup',
};

/** The node operator (issues the trust list), an accreditation body, a certifier, a lab and a cobalt miner. */
export const OPERATOR: CredentialIssuerInput = {
  id: 'did:web:operator.lodestone.example',
  name: 'Lodestone Alliance Node Operator (CAN)',
};
export const ACCREDITOR: CredentialIssuerInput = {
  id: 'did:web:accreditation.example',
  name: 'Canadian Accreditation Council',
};
export const CERTIFIER: CredentialIssuerInput = {
  id: 'did:web:certifier.example',
  name: 'Responsible Minerals Assurance Services',
};
export const LAB: CredentialIssuerInput = { id: 'did:web:lab.example', name: 'Lausitz Assay Laboratory' };
export const COBALT_CO: CredentialIssuerInput = {
  id: 'did:web:cobalt-mine.example',
  name: 'Nord Cobalt Mining Corp',
};

const COBALT_MINE = 'https://id.cobalt-mine.example/facility/nord-pit';
const RMAP_COBALT = 'https://schemes.example/rmap-cobalt';
/** The credential ids of the accreditation and of the certifier's two status lists. */
export const ACCREDITATION_ID = 'urn:uuid:4e5f6a7b-8c9d-4e0f-9a1b-2c3d4e5f6a7b';
export const REVOCATION_LIST = 'https://certifier.example/status/revocation/1';
export const SUSPENSION_LIST = 'https://certifier.example/status/suspension/1';
/** A GZIP-compressed 16 KB bitstring of zeros (131 072 entries, none set), multibase base64url. */
export const EMPTY_STATUS_LIST = 'uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA';

/** The alliance trust list: a Canadian and a German accreditation body. */
export const TRUST_LIST: TrustListStatement = {
  kind: 'trust-list',
  bodies: [
    { did: ACCREDITOR.id, name: ACCREDITOR.name, country: 'CAN' },
    {
      did: 'did:web:akkreditierung.example',
      name: 'Deutsche Akkreditierungsstelle (example)',
      country: 'DEU',
    },
  ],
  validFrom: '2026-01-02T00:00:00Z',
};

/** The Canadian body accredits the certifier for responsible cobalt and copper mining audits. */
export const ACCREDITATION: AccreditationStatement = {
  kind: 'accreditation',
  holder: CERTIFIER.id,
  scope: {
    schemes: [RMAP_COBALT],
    topics: ['social.labour', 'social.rights', 'governance.ethics'],
    minerals: ['Co', 'Cu'],
    facilityKinds: ['mine', 'concentrator'],
  },
  validFrom: '2026-01-10T00:00:00Z',
  validUntil: '2029-01-09T23:59:59Z',
};

/** Later, the accreditation is suspended. */
export const ACCREDITATION_STATUS: AccreditationStatusStatement = {
  kind: 'accreditation-status',
  accreditation: ACCREDITATION_ID,
  status: 'suspended',
  reason: 'surveillance audit overdue',
  validFrom: '2026-11-01T00:00:00Z',
};

/** The certifier's responsible-sourcing certificate of the cobalt mine (labour practices). */
export const CERTIFICATE: CertificateStatement = {
  kind: 'certificate',
  attestation: 'https://certifier.example/certificates/RS-2026-0117',
  name: 'Responsible cobalt sourcing: Nord pit',
  attestationType: 'certification',
  scheme: { id: RMAP_COBALT, name: 'Responsible Cobalt Mining Assurance' },
  issuedTo: COBALT_CO.id,
  assessments: [
    {
      id: 'https://certifier.example/certificates/RS-2026-0117#labour',
      topic: 'social.labour',
      conformance: true,
      criteria: [`${RMAP_COBALT}/criteria/child-labour`, `${RMAP_COBALT}/criteria/forced-labour`],
      subjects: [{ kind: 'facility', id: COBALT_MINE }],
      minerals: ['Co'],
      metrics: [],
    },
  ],
  validFrom: '2026-02-01T00:00:00Z',
  validUntil: '2027-01-31T23:59:59Z',
  status: [
    { purpose: 'revocation', list: REVOCATION_LIST, index: 94567 },
    { purpose: 'suspension', list: SUSPENSION_LIST, index: 94567 },
  ],
};

/** What the certifier's builder options say beyond the canonical certificate: labels and scheme details. */
const CERTIFICATE_OPTIONS: ConformityOptions = {
  id: 'urn:uuid:7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d',
  scheme: {
    description: 'Third-party audit of mine sites against responsible cobalt sourcing criteria',
    version: '2.1',
    validFrom: '2025-07-01',
    owner: { id: 'did:web:schemes.example', name: 'Responsible Minerals Schemes' },
  },
  nameOf: (id) =>
    new Map([
      [COBALT_CO.id, COBALT_CO.name],
      [COBALT_MINE, 'Nord open pit'],
      [`${RMAP_COBALT}/criteria/child-labour`, 'No worst forms of child labour'],
      [`${RMAP_COBALT}/criteria/forced-labour`, 'No forced or compulsory labour'],
    ]).get(id),
};

/** The lab's assay of the spodumene lot the refinery received (the assay event names it as its certificate). */
export const ASSAY_CERTIFICATE: CertificateStatement = {
  kind: 'certificate',
  attestation: 'https://lab.example/certificates/2026-0042',
  name: '',
  attestationType: 'testing',
  scheme: { id: 'https://schemes.example/iso-17025-assay', name: 'Accredited assay (ISO/IEC 17025)' },
  issuedTo: REFINER_CO.id,
  assessments: [
    {
      id: 'https://lab.example/certificates/2026-0042#composition',
      topic: 'governance.compliance',
      conformance: true,
      criteria: [],
      subjects: [{ kind: 'batch', id: 'https://id.mine.example/lot/sc6-2026-0001-a' }],
      minerals: ['Li'],
      metrics: [
        { name: 'Li mass fraction', value: 2.785, unit: 'P1' },
        { name: 'Fe mass fraction', value: 0.59, unit: 'P1' },
        { name: 'Al mass fraction', value: 13, unit: 'P1' },
      ],
    },
  ],
  validFrom: '2026-03-03T12:00:00+01:00',
  status: [],
};

/** A version of the certifier's revocation list: nothing revoked. */
export const STATUS_LIST: StatusListStatement = {
  kind: 'status-list',
  purpose: 'revocation',
  encodedList: EMPTY_STATUS_LIST,
  validFrom: '2026-02-01T00:00:00Z',
};

/** Names of the materials of the batches the events above refer to (the `productName` builder option). */
const PRODUCT_NAMES: ReadonlyMap<string, string> = new Map([
  ['https://id.mine.example/lot/ore-2026-0001', 'Spodumene pegmatite ore'],
  ['https://id.mine.example/lot/sc6-2026-0001', 'Spodumene concentrate SC6 (6 % Li2O)'],
  ['https://id.mine.example/lot/sc6-2026-0001-a', 'Spodumene concentrate SC6 (6 % Li2O)'],
]);

/**
 * The credential of every example statement, with fixed ids: `identity`, `facility`, `key-rotation`,
 * `key-revocation`, `trust-list`, `accreditation`, `accreditation-status`, `certificate`,
 * `assay-certificate`, `status-list`, and one traceability credential per custody event kind (keyed by
 * the kind).
 */
export function exampleCredentials(): Record<string, CredentialJson> {
  const productName = (batch: string): string | undefined => PRODUCT_NAMES.get(batch);
  const credentials: Record<string, CredentialJson> = {
    identity: identityCredential(IDENTITY, REGISTRAR, {
      id: 'urn:uuid:8f6e2a52-3a3e-4f7e-9d51-6f0c1d2e3a41',
    }),
    facility: facilityCredential(FACILITY, MINE_CO, { id: 'urn:uuid:0c9a1f3e-5b7d-4e2a-8c6f-1a2b3c4d5e6f' }),
    'key-rotation': keyRotationCredential(ROTATION, MINE_CO, {
      id: 'urn:uuid:b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e',
    }),
    'key-revocation': keyRevocationCredential(REVOCATION, MINE_CO, {
      id: 'urn:uuid:c2d3e4f5-a6b7-4c8d-9e0f-1a2b3c4d5e6f',
      validFrom: '2026-05-21T08:00:00Z',
    }),
    'trust-list': trustListCredential(TRUST_LIST, OPERATOR, {
      id: 'urn:uuid:1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
    }),
    accreditation: accreditationCredential(ACCREDITATION, ACCREDITOR, { id: ACCREDITATION_ID }),
    'accreditation-status': accreditationStatusCredential(ACCREDITATION_STATUS, ACCREDITOR, {
      id: 'urn:uuid:9f0e1d2c-3b4a-4c5d-8e6f-7a8b9c0d1e2f',
    }),
    certificate: conformityCredential(CERTIFICATE, CERTIFIER, CERTIFICATE_OPTIONS),
    'assay-certificate': conformityCredential(ASSAY_CERTIFICATE, LAB, {
      id: 'urn:uuid:3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f',
      nameOf: (id) => (id === REFINER_CO.id ? REFINER_CO.name : PRODUCT_NAMES.get(id)),
    }),
    'status-list': statusListCredential(STATUS_LIST, CERTIFIER, { id: REVOCATION_LIST }),
  };
  Object.values(EVENTS).forEach((event, i) => {
    const issuer = event.id.startsWith('https://id.refinery.example/') ? REFINER_CO : MINE_CO;
    const id = `urn:uuid:5d7c0e1a-2b3c-4d5e-8f60-71829304a5b${i}`;
    credentials[event.type] = traceabilityCredential([event], issuer, { id, productName });
  });
  return credentials;
}
