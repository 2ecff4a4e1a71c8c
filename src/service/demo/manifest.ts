import type { CustodyEventType, FacilityKind, Role } from '../../model/index.js';
import { CALENDAR, type LotOrigin, type LotRecord, type World } from './state.js';
import { allOrigins } from './stock.js';
import type { CertificateRecord, CertificateVerdict } from './trust-plan.js';
import { ORGS } from './world.js';

/** An organisation of the demo world and where its private key was written. */
export interface DemoOrganization {
  readonly slug: string;
  readonly did: string;
  readonly name: string;
  readonly country: string;
  readonly roles: readonly Role[];
  /** Relative to the data directory, e.g. `demo-keys/awaji-cells.key.json`. */
  readonly keyFile: string;
}

export interface DemoFacility {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
  readonly kind: FacilityKind;
  readonly country: string;
  readonly operator: string;
  readonly town: string;
  /** `[longitude, latitude]`. */
  readonly location: readonly [number, number];
}

/** A finished product worth tracing: its upstream reaches mines in at least two countries. */
export interface DemoProduct {
  readonly batch: string;
  readonly material: string;
  readonly kind: 'cell' | 'magnet' | 'pack';
  readonly facility: string;
  /** Slug of the organisation holding it, or what was made of it, at the end (its key can read the trace). */
  readonly holder: string;
  /** Countries of the mines upstream, sorted. */
  readonly originCountries: readonly string[];
  /** Red flags upstream of it, by id. */
  readonly redFlags: readonly string[];
}

/** A facility certificate and what verifying it at the end of the period should say. */
export interface DemoCertificate {
  readonly id: string;
  readonly statement: string;
  readonly issuer: string;
  readonly facility: string;
  readonly subject: string;
  readonly scheme: string;
  readonly validFrom: string;
  readonly validUntil: string;
  readonly statusIndex: number;
  readonly verdict: CertificateVerdict;
  /** The check that fails when the verdict is not `trusted`. */
  readonly failingCheck?: 'validity' | 'status' | 'accreditation' | 'scope';
  readonly note?: string;
}

/** A planted irregularity, for the compliance rules to find. Every statement behind it was accepted. */
export interface DemoRedFlag {
  readonly id: string;
  readonly kind:
    | 'high-risk-origin-without-certificate'
    | 'conflict-affected-origin'
    | 'revoked-certificate-upstream'
    | 'near-threshold-quantities'
    | 'undeclared-origin-share'
    | 'certificate-issued-while-accreditation-suspended'
    | 'certificate-outside-accredited-scope'
    | 'supply-after-certificate-expiry';
  readonly title: string;
  readonly detail: string;
  /** The facility it is about (slug). */
  readonly facility: string;
  /** Ids of what shows it: batches, certificates. */
  readonly evidence: readonly string[];
}

export interface DemoCounts {
  readonly statements: number;
  readonly organizations: number;
  readonly facilities: number;
  readonly batches: number;
  readonly batchesBy: Readonly<Record<LotOrigin, number>>;
  readonly events: Readonly<Partial<Record<CustodyEventType, number>>>;
  readonly certificates: number;
  readonly analysisCertificates: number;
  readonly accreditations: number;
}

/** What `seedDemoWorld` created: written to `<data>/demo.json`. */
export interface DemoManifest {
  readonly version: 1;
  readonly seed: number;
  readonly scale: number;
  readonly origin: string;
  /** The node operator's DID (the registry root). */
  readonly operator: string;
  readonly period: { readonly from: string; readonly to: string };
  readonly counts: DemoCounts;
  readonly organizations: readonly DemoOrganization[];
  readonly facilities: readonly DemoFacility[];
  readonly products: readonly DemoProduct[];
  readonly certificates: readonly DemoCertificate[];
  readonly redFlags: readonly DemoRedFlag[];
}

/** The manifest's parts that follow from the plan alone. */
export function describeWorld(
  w: World,
  certificates: readonly CertificateRecord[],
  redFlags: readonly DemoRedFlag[],
  keyFiles: ReadonlyMap<string, string>,
): Omit<DemoManifest, 'version' | 'seed' | 'scale' | 'origin' | 'operator'> {
  return {
    period: { from: new Date(CALENDAR.setupMs).toISOString(), to: new Date(CALENDAR.endMs).toISOString() },
    counts: counts(w, certificates),
    organizations: ORGS.map((o) => {
      const did = w.party(o.slug).did;
      return {
        slug: o.slug,
        did,
        name: o.name,
        country: o.country,
        roles: o.roles,
        keyFile: keyFiles.get(did) ?? '',
      };
    }),
    facilities: [...w.sites.values()].map((s) => ({
      id: s.id,
      slug: s.spec.slug,
      name: s.spec.name,
      kind: s.spec.kind,
      country: s.party.country,
      operator: s.party.did,
      town: s.spec.town,
      location: s.spec.at,
    })),
    products: products(w, redFlags),
    certificates: certificates.map((c) => ({ ...c })),
    redFlags,
  };
}

function counts(w: World, certificates: readonly CertificateRecord[]): DemoCounts {
  const batchesBy: Record<LotOrigin, number> = { extracted: 0, commissioned: 0, made: 0, split: 0 };
  for (const { how } of w.lots) batchesBy[how] += 1;
  return {
    statements: w.emit.submissions.length,
    organizations: w.parties.size,
    facilities: w.sites.size,
    batches: w.lots.length,
    batchesBy,
    events: Object.fromEntries([...w.events].sort(([a], [b]) => a.localeCompare(b))),
    certificates: certificates.length,
    analysisCertificates: w.analyses,
    accreditations: ORGS.filter((o) => o.roles.includes('certifier')).length,
  };
}

const PRODUCT_KINDS: Readonly<Record<string, DemoProduct['kind']>> = {
  'battery.cell.nmc': 'cell',
  'ree.magnet.ndfeb': 'magnet',
  'battery.pack.nmc': 'pack',
};

/** Mine countries upstream of a lot (undeclared origins left out). */
export function originCountries(w: World, record: LotRecord): string[] {
  const countries = [...allOrigins(record.lot)]
    .filter((o) => !o.startsWith('undeclared:'))
    .map((o) => w.site(o).party.country);
  return [...new Set(countries)].sort();
}

/** Per product site, its lot with the most origin countries (the earliest among equals). */
function products(w: World, redFlags: readonly DemoRedFlag[]): DemoProduct[] {
  const best = new Map<string, { record: LotRecord; countries: string[] }>();
  for (const record of w.lots) {
    if (record.how !== 'made' || PRODUCT_KINDS[record.lot.material] === undefined) continue;
    const countries = originCountries(w, record);
    const current = best.get(record.site);
    if (countries.length >= 2 && (current === undefined || countries.length > current.countries.length)) {
      best.set(record.site, { record, countries });
    }
  }
  const order = (r: LotRecord): string => `${PRODUCT_KINDS[r.lot.material]} ${r.site}`;
  const chosen = [...best.values()].sort((a, b) => order(a.record).localeCompare(order(b.record)));
  return chosen.map(({ record, countries }) => {
    const lastShipment = w.shipments.findLast((s) => s.batch === record.lot.id);
    const holder = w.site(lastShipment?.to ?? record.site).party.slug;
    const origins = allOrigins(record.lot);
    return {
      batch: record.lot.id,
      material: record.lot.material,
      kind: PRODUCT_KINDS[record.lot.material]!,
      facility: record.site,
      holder,
      originCountries: countries,
      redFlags: redFlags
        .filter((f) => origins.has(f.facility) || origins.has(`undeclared:${f.facility}`))
        .map((f) => f.id),
    };
  });
}
