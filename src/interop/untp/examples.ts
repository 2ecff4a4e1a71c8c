import type {
  AssayEvent,
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
  TradeEvent,
  TransformEvent,
} from '../../model/index.js';
import {
  facilityCredential,
  identityCredential,
  keyRevocationCredential,
  keyRotationCredential,
  traceabilityCredential,
} from './build.js';
import type { CredentialIssuerInput, CredentialJson } from './wire.js';

/**
 * One canonical statement of every kind, along a small lithium chain (a Canadian mine ships spodumene
 * concentrate to a German refinery that makes lithium hydroxide). Deterministic: used by the tests and to
 * write the examples in docs/statements.md. Organisations, facilities and keys are made up; the JWKs are
 * the Ed25519 public keys of seeds 0x01…, 0x02…, 0x03… (32 repeated bytes).
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

/** Names of the materials of the batches the events above refer to (the `productName` builder option). */
const PRODUCT_NAMES: ReadonlyMap<string, string> = new Map([
  ['https://id.mine.example/lot/ore-2026-0001', 'Spodumene pegmatite ore'],
  ['https://id.mine.example/lot/sc6-2026-0001', 'Spodumene concentrate SC6 (6 % Li2O)'],
  ['https://id.mine.example/lot/sc6-2026-0001-a', 'Spodumene concentrate SC6 (6 % Li2O)'],
]);

/**
 * The credential of every example statement, with fixed ids: `identity`, `facility`, `key-rotation`,
 * `key-revocation`, and one traceability credential per custody event kind (keyed by the kind).
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
  };
  Object.values(EVENTS).forEach((event, i) => {
    const issuer = event.id.startsWith('https://id.refinery.example/') ? REFINER_CO : MINE_CO;
    const id = `urn:uuid:5d7c0e1a-2b3c-4d5e-8f60-71829304a5b${i}`;
    credentials[event.type] = traceabilityCredential([event], issuer, { id, productName });
  });
  return credentials;
}
