import type { AccreditationScope, ElementSymbol, FacilityKind } from '../../model/index.js';
import {
  accredit,
  certifyFacility,
  changeAccreditation,
  type Issued,
  publishStatus,
  SCHEME_TOPICS,
  SCHEMES,
} from './certify.js';
import { LABS } from './flows.js';
import { registerFacility, registerOrganisations } from './registry.js';
import { CALENDAR, type World } from './state.js';
import { BODIES, CERTIFIERS, tableRows } from './world.js';

/**
 * The registry and trust side of the world: who is registered, the alliance trust list, facilities,
 * accreditations, status lists and certificates at set-up, then the trust events of the period — an
 * accreditation suspended, a certificate issued during the suspension, a revocation, a certificate
 * suspended and reinstated, one expiring and renewed, one expiring for good.
 */

/** What a certificate is expected to be at the end of the period, and the check that fails if not trusted. */
export type CertificateVerdict =
  | 'trusted'
  | 'expired'
  | 'revoked'
  | 'issued-while-suspended'
  | 'out-of-scope';

/** A facility certificate of the world, as the manifest lists it. */
export interface CertificateRecord {
  readonly id: string;
  readonly statement: string;
  readonly issuer: string;
  readonly facility: string;
  readonly subject: string;
  readonly scheme: string;
  readonly validFrom: string;
  readonly validUntil: string;
  /** Its entry on the certifier's revocation and suspension lists. */
  readonly statusIndex: number;
  verdict: CertificateVerdict;
  failingCheck?: 'validity' | 'status' | 'accreditation' | 'scope';
  note?: string;
}

const UNTIL_MS = Date.parse('2029-01-05T00:00:00.000Z');
const ACCREDITED_UNTIL_MS = Date.parse('2030-01-05T00:00:00.000Z');
const ALL_MINERALS: readonly ElementSymbol[] = [
  'Li',
  'Co',
  'Ni',
  'Mn',
  'Cu',
  'C',
  'Y',
  'La',
  'Ce',
  'Pr',
  'Nd',
  'Dy',
  'Tb',
];
const AUDITED_KINDS: readonly FacilityKind[] = ['mine', 'concentrator', 'refinery', 'smelter'];
const LAB_SLUGS: ReadonlySet<string> = new Set(LABS);

// site | certifier | scheme | minerals | valid until (default: 2029-01-05) — issued at set-up.
const CERTIFICATE_TABLE = `
  kolwezi           | rheinland-zert     | mining   | Co
  sudbury           | boreal-assurance   | mining   | Ni Co
  bahodopi          | nippon-assurance   | mining   | Ni Co       | 2026-03-31
  greenbushes       | nippon-assurance   | mining   | Li
  la-corne          | boreal-assurance   | mining   | Li
  atacama           | keystone-assurance | mining   | Li
  hombre-muerto     | keystone-assurance | mining   | Li
  balama            | boreal-assurance   | mining   | C
  lac-des-iles      | boreal-assurance   | mining   | C
  jixi-mine         | keystone-assurance | mining   | C
  escondida         | keystone-assurance | mining   | Cu
  hotazel           | rheinland-zert     | mining   | Mn
  mountain-pass     | keystone-assurance | mining   | La Ce Pr Nd
  mount-weld        | nippon-assurance   | mining   | La Ce Pr Nd
  fort-saskatchewan | boreal-assurance   | refining | Ni Co
  niihama           | nippon-assurance   | refining | Ni Co
  quzhou            | rheinland-zert     | refining | Ni Co       | 2026-04-30
  morowali-hpal     | nippon-assurance   | refining | Ni Co
  becancour-mn      | boreal-assurance   | refining | Mn
  yibin             | rheinland-zert     | refining | Li
  guben             | rheinland-zert     | refining | Li
  corpus-christi    | keystone-assurance | refining | Li
  la-negra          | keystone-assurance | refining | Li
  guemes            | certimines         | refining | Li
  mountain-pass-sep | keystone-assurance | refining | Nd Pr
  kalgoorlie        | nippon-assurance   | refining | Nd Pr
  saganoseki        | nippon-assurance   | refining | Cu
  ellesmere-port    | rheinland-zert     | refining | Nd Pr
`;

/** Everything registered on the set-up day, in order, an action per step. */
export function scheduleSetUp(
  w: World,
  certificates: CertificateRecord[],
  accreditations: Map<string, string>,
): void {
  const at = (hour: number, run: () => void): void => w.schedule.at(CALENDAR.setupMs + hour * 3_600_000, run);
  at(0, () => registerOrganisations(w));
  at(0.5, () =>
    w.emit.trustList(
      BODIES.map((b) => ({ did: w.party(b.slug).did, name: b.name, country: b.country })),
      w.nowMs,
    ),
  );
  at(1, () => {
    for (const site of w.sites.values()) registerFacility(w, site);
  });
  at(1.5, () => {
    for (const c of CERTIFIERS)
      accreditations.set(
        c.slug,
        accredit(w, bodyOf(w, c.country), w.party(c.slug), scopeOf(c.slug), ACCREDITED_UNTIL_MS),
      );
  });
  at(2, () => {
    for (const c of CERTIFIERS.filter((c) => !LAB_SLUGS.has(c.slug))) {
      publishStatus(w, w.party(c.slug), 'revocation');
      publishStatus(w, w.party(c.slug), 'suspension');
    }
  });
  at(2.5, () => {
    for (const [slug, certifier, scheme, minerals, until] of tableRows(CERTIFICATE_TABLE)) {
      const untilMs = until ? Date.parse(`${until}T00:00:00.000Z`) : UNTIL_MS;
      const audit: Audit = {
        certifier: certifier!,
        slug: slug!,
        scheme: scheme as 'mining' | 'refining',
        minerals: minerals!.split(' ') as ElementSymbol[],
      };
      certificates.push(certify(w, audit, untilMs));
    }
  });
}

/** The trust events of the period. */
export function scheduleTrustEvents(
  w: World,
  certificates: CertificateRecord[],
  accreditations: Map<string, string>,
): void {
  const on = (date: string, run: () => void): void => w.schedule.at(Date.parse(date), run);
  const find = (slug: string): CertificateRecord => certificates.find((c) => c.facility === slug)!;
  on('2026-03-02T09:00:00.000Z', () => {
    changeAccreditation(
      w,
      w.party('cfam'),
      accreditations.get('certimines')!,
      'suspended',
      'witnessed audit found major nonconformities in audit evidence',
    );
  });
  on('2026-04-06T10:00:00.000Z', () => {
    const audit: Audit = { certifier: 'certimines', slug: 'likasi', scheme: 'refining', minerals: ['Co'] };
    certificates.push({
      ...certify(w, audit, UNTIL_MS),
      verdict: 'issued-while-suspended',
      failingCheck: 'accreditation',
      note: "issued while the certifier's accreditation was suspended (from 2026-03-02)",
    });
  });
  on('2026-04-20T09:00:00.000Z', () => {
    const revoked = find('hombre-muerto');
    publishStatus(w, w.party('keystone-assurance'), 'revocation', revoked.statusIndex);
    Object.assign(revoked, {
      verdict: 'revoked',
      failingCheck: 'status',
      note: 'revoked on 2026-04-20: unresolved water-rights grievance of neighbouring communities',
    });
  });
  on('2026-05-04T09:00:00.000Z', () =>
    publishStatus(w, w.party('rheinland-zert'), 'suspension', find('kolwezi').statusIndex),
  );
  on('2026-05-18T10:00:00.000Z', () => {
    const audit: Audit = {
      certifier: 'rheinland-zert',
      slug: 'quzhou',
      scheme: 'refining',
      minerals: ['Ni', 'Co'],
    };
    certificates.push({
      ...certify(w, audit, UNTIL_MS),
      note: 'renewal: the previous certificate expired on 2026-04-30',
    });
  });
  on('2026-06-01T09:00:00.000Z', () => {
    publishStatus(w, w.party('rheinland-zert'), 'suspension', find('kolwezi').statusIndex, false);
    find('kolwezi').note =
      'suspended from 2026-05-04 to 2026-06-01 pending a tailings-incident investigation';
  });
  on('2026-07-06T09:00:00.000Z', () => {
    changeAccreditation(
      w,
      w.party('cfam'),
      accreditations.get('certimines')!,
      'active',
      'corrective actions verified',
    );
  });
}

/** An audit to certify: who certifies which site under which scheme, for which minerals. */
interface Audit {
  readonly certifier: string;
  readonly slug: string;
  readonly scheme: 'mining' | 'refining';
  readonly minerals: readonly ElementSymbol[];
}

/** Issue the certificate of `audit`, valid until `untilMs`, and say what verifying it at the end should give. */
function certify(w: World, audit: Audit, untilMs: number): CertificateRecord {
  const { certifier, slug, scheme, minerals } = audit;
  const issued: Issued = certifyFacility(w, w.party(certifier), w.site(slug), scheme, minerals, untilMs);
  const expired = untilMs < CALENDAR.endMs;
  const outside = minerals.filter((m) => !scopeOf(certifier).minerals.includes(m));
  return {
    id: issued.id,
    statement: issued.statement,
    issuer: w.party(certifier).did,
    facility: slug,
    subject: w.site(slug).id,
    scheme: SCHEMES[scheme].id,
    validFrom: w.iso(),
    validUntil: w.iso(untilMs),
    statusIndex: issued.index,
    verdict: expired ? 'expired' : outside.length > 0 ? 'out-of-scope' : 'trusted',
    ...(expired && { failingCheck: 'validity' as const, note: `expired on ${w.iso(untilMs).slice(0, 10)}` }),
    ...(outside.length > 0 && {
      failingCheck: 'scope' as const,
      note: `${outside.join(', ')} outside the certifier's accredited scope`,
    }),
  };
}

function bodyOf(w: World, country: string): ReturnType<World['party']> {
  return w.party(BODIES.find((b) => b.country === country)!.slug);
}

function scopeOf(certifier: string): AccreditationScope {
  if (LAB_SLUGS.has(certifier)) {
    return {
      schemes: [SCHEMES.analysis.id],
      topics: SCHEME_TOPICS.analysis,
      minerals: ALL_MINERALS,
      facilityKinds: AUDITED_KINDS,
    };
  }
  const topics = [...new Set([...SCHEME_TOPICS.mining, ...SCHEME_TOPICS.refining])];
  // The US audit firm is accredited for metals only: its graphite certificate is out of scope.
  const minerals = certifier === 'keystone-assurance' ? ALL_MINERALS.filter((m) => m !== 'C') : ALL_MINERALS;
  return {
    schemes: [SCHEMES.mining.id, SCHEMES.refining.id],
    topics,
    minerals,
    facilityKinds: AUDITED_KINDS,
  };
}
