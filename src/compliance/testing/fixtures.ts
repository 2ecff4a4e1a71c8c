/** Hand-built statements, rows and a table-driven context for the rule tests. */
import type {
  BatchRow,
  Composition,
  FacilityRow,
  LedgerEffects,
  OrganizationRow,
} from '../../custody/index.js';
import type {
  ConformityTopic,
  CustodyEvent,
  ElementContent,
  FacilityKind,
  SupplyStatement,
  SupplyStatementBody,
} from '../../model/index.js';
import type { ComplianceContext, RevokedCertificate, SanctionsMatch, ShipmentRecord } from '../context.js';
import type { EvaluationInput } from '../types.js';

export const ACME = 'did:web:acme.example';
export const BUYER = 'did:web:buyer.example';
export const COD_MINE = 'https://acme.example/kolwezi';
export const AUS_MINE = 'https://acme.example/greenbushes';
export const CAN_MINE = 'https://acme.example/thompson';
export const CHN_REFINERY = 'https://acme.example/ganzhou';
export const CAN_REFINERY = 'https://acme.example/sudbury';
export const JPN_PLANT = 'https://acme.example/osaka';
export const STATEMENT = 'a'.repeat(64);
export const T0 = '2026-03-01T00:00:00.000Z';

function facility(
  id: string,
  name: string,
  kind: FacilityKind,
  country: string,
  lonLat: [number, number],
): FacilityRow {
  return {
    id,
    name,
    operator: ACME,
    facilityKind: kind,
    country,
    location: { type: 'Point', coordinates: lonLat },
    processCategories: [],
    validFrom: '2025-01-01T00:00:00Z',
    statement: 'f'.repeat(64),
  };
}

export const FACILITIES: readonly FacilityRow[] = [
  facility(COD_MINE, 'Kolwezi', 'mine', 'COD', [25.47, -10.72]),
  facility(AUS_MINE, 'Greenbushes', 'mine', 'AUS', [116.06, -33.86]),
  facility(CAN_MINE, 'Thompson', 'mine', 'CAN', [-97.86, 55.74]),
  facility(CHN_REFINERY, 'Ganzhou', 'refinery', 'CHN', [114.93, 25.83]),
  facility(CAN_REFINERY, 'Sudbury', 'refinery', 'CAN', [-80.99, 46.49]),
  facility(JPN_PLANT, 'Osaka', 'cathode', 'JPN', [135.5, 34.69]),
];

export function org(did: string, legalName: string, country = 'CAN'): OrganizationRow {
  return {
    did,
    legalName,
    registeredId: '1',
    idScheme: { id: 'https://example/reg', name: 'register' },
    country,
    roles: ['producer'],
    registeredBy: 'did:web:operator.example',
    statement: 'e'.repeat(64),
    validFrom: '2025-01-01T00:00:00Z',
  };
}

export function batch(
  id: string,
  material: string,
  grams: number,
  content: ElementContent,
  over: Partial<BatchRow> = {},
): BatchRow {
  return {
    id,
    material,
    createdGrams: grams,
    remainingGrams: grams,
    content,
    status: 'active',
    custodian: ACME,
    owner: ACME,
    facility: CAN_REFINERY,
    custodyModel: 'controlled-blending',
    createdBy: 'b'.repeat(64),
    createdAt: T0,
    composition: {},
    ...over,
  };
}

/** A composition from element → [origin key, micrograms] pairs. */
export function composition(parts: Composition): Composition {
  return parts;
}

export const NO_EFFECTS: LedgerEffects = {
  organizations: [],
  keys: [],
  facilities: [],
  batches: [],
  events: [],
  edges: [],
};

export function input(
  body: SupplyStatementBody,
  effects: Partial<LedgerEffects> = {},
  over: Partial<SupplyStatement> = {},
): EvaluationInput {
  return {
    statement: { issuer: ACME, kid: `${ACME}#k1`, credentialId: 'urn:uuid:1', time: T0, body, ...over },
    id: STATEMENT,
    registered: T0,
    effects: { ...NO_EFFECTS, ...effects },
  };
}

export function custody(
  events: readonly CustodyEvent[],
  effects: Partial<LedgerEffects> = {},
): EvaluationInput {
  return input({ kind: 'custody', events }, effects, { time: events[0]?.time ?? T0 });
}

/** What the test context knows; every answer defaults to "clean". */
export interface World {
  readonly facilities?: readonly FacilityRow[];
  readonly batches?: readonly BatchRow[];
  readonly organizations?: readonly OrganizationRow[];
  /** Listed areas: country, optional region, validity window. */
  readonly areas?: readonly { country: string; region?: string; from?: string; until?: string }[];
  readonly regions?: Readonly<Record<string, string>>;
  readonly sanctions?: Readonly<Record<string, number>>;
  /** Facility → topics it is NOT certified for. */
  readonly uncertified?: Readonly<Record<string, readonly ConformityTopic[]>>;
  readonly revoked?: Readonly<Record<string, readonly RevokedCertificate[]>>;
  readonly shipments?: readonly ShipmentRecord[];
}

export function contextOf(world: World = {}): ComplianceContext {
  const facilities = new Map((world.facilities ?? FACILITIES).map((f) => [f.id, f]));
  const batches = new Map((world.batches ?? []).map((b) => [b.id, b]));
  const orgs = new Map(
    (world.organizations ?? [org(ACME, 'Acme Mining Ltd'), org(BUYER, 'Buyer GmbH', 'DEU')]).map((o) => [
      o.did,
      o,
    ]),
  );
  const t = (s: string) => Date.parse(s);
  return {
    facility: (id) => facilities.get(id),
    batch: (id) => batches.get(id),
    organization: (did) => orgs.get(did),
    regionOf: (f) => world.regions?.[f.id],
    areaRiskAt(country, region, at) {
      const entry = (world.areas ?? []).find(
        (a) =>
          a.country === country &&
          (a.region === undefined || a.region === region) &&
          (a.from === undefined || t(a.from) <= t(at)) &&
          (a.until === undefined || t(at) < t(a.until)),
      );
      return entry === undefined
        ? { listed: false }
        : {
            listed: true,
            entry: {
              id: `${entry.country}${entry.region ? `-${entry.region}` : ''}`,
              country,
              source: 'test',
            },
          };
    },
    sanctionsMatch(name): SanctionsMatch | undefined {
      const score = world.sanctions?.[name];
      return score === undefined
        ? undefined
        : {
            score,
            explanation: `tokens of "${name}" matched`,
            entry: { id: 'ofac-1', name: name.toUpperCase(), list: 'OFAC SDN' },
          };
    },
    certifiedAt: (facility, topic) => !(world.uncertified?.[facility] ?? []).includes(topic),
    revokedCertificatesAt: (facility, at) =>
      (world.revoked?.[facility] ?? []).filter((r) => t(r.revokedAt) <= t(at)),
    lastShipment: (b, before) =>
      (world.shipments ?? [])
        .filter((s) => s.batch === b && t(s.time) <= t(before))
        .sort((x, y) => t(y.time) - t(x.time))[0],
    recentShipments: (party, since, until) =>
      (world.shipments ?? []).filter(
        (s) => s.shipper === party && t(s.time) >= t(since) && t(s.time) <= t(until),
      ),
  };
}
