import { facilityCredential } from '../../interop/index.js';
import type { FacilityKind, GeoPolygon } from '../../model/index.js';
import { Random } from './random.js';
import type { Site, World } from './state.js';
import { ORGS } from './world.js';

/**
 * The registry side of set-up: the operator registers every organisation (a UNTP `DigitalIdentityAnchor`
 * each, signed by the node), and each operator of a facility registers it (a `DigitalFacilityRecord`).
 */

/** The operator registers every organisation with its roles and its one key, valid from now. */
export function registerOrganisations(w: World): void {
  const ids = Random.of(w.seed, 'business registers');
  for (const org of ORGS) {
    const party = w.party(org.slug);
    w.emit.name(party.did, party.name);
    w.emit.identity(
      {
        subject: party.did,
        legalName: org.name,
        registeredId: `${org.country}-${ids.int(10_000_000, 99_999_999)}`,
        idScheme: {
          id: `https://registers.alliance-minerals.example/${org.country.toLowerCase()}`,
          name: `Business register (${org.country})`,
        },
        country: org.country,
        roles: org.roles,
        keys: [{ kid: party.signer.kid, jwk: party.signer.publicJwk }],
        validFrom: w.iso(),
      },
      w.nowMs,
    );
  }
}

/** ISIC Rev. 4 classes of the work done at each kind of facility. */
const ISIC: Readonly<Partial<Record<FacilityKind, string>>> = {
  mine: '0729',
  refinery: '2420',
  smelter: '2420',
  precursor: '2011',
  cathode: '2011',
  anode: '2399',
  magnet: '2790',
  cell: '2720',
  oem: '2910',
  trader: '4662',
};

/** The operator of `site` registers it: kind, country, location (and a boundary for a mine), capacity. */
export function registerFacility(w: World, site: Site): void {
  const { spec } = site;
  w.emit.name(site.id, spec.name);
  const record = {
    kind: 'facility' as const,
    id: site.id,
    name: spec.name,
    operator: site.party.did,
    facilityKind: spec.kind,
    country: site.party.country,
    location: { type: 'Point' as const, coordinates: spec.at },
    ...(spec.kind === 'mine' && { boundary: boundaryAround(spec.at) }),
    processCategories: [`https://unstats.un.org/isic/4/${ISIC[spec.kind] ?? '0729'}`],
    ...(spec.capacityTonnes > 0 && { capacityGramsPerYear: spec.capacityTonnes * 1_000_000 }),
    validFrom: w.iso(),
  };
  const credential = facilityCredential(record, site.party.issuer, {
    id: w.emit.nextId(site.party, 'credentials'),
  });
  w.emit.signed(site.party, credential, w.nowMs);
}

/** A mine's licence area: an irregular hexagon of a few kilometres around its point. */
function boundaryAround([lon, lat]: readonly [number, number]): GeoPolygon {
  const radii = [0.03, 0.022, 0.028, 0.035, 0.02, 0.026];
  const ring = radii.map((r, i): [number, number] => {
    const angle = (Math.PI / 3) * i;
    return [round4(lon + r * Math.cos(angle)), round4(lat + r * Math.sin(angle))];
  });
  return { type: 'Polygon', coordinates: [[...ring, ring[0]!]] };
}

function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
