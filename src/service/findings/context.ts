import type {
  AreaRisk,
  ComplianceContext,
  RevokedCertificate,
  SanctionsMatch,
  ShipmentRecord,
} from '../../compliance/index.js';
import { areaRiskAt, matchSanctions } from '../../compliance/index.js';
import { certificationOf, type TrustBook, type TrustView } from '../../credentials/index.js';
import type { Ledger } from '../../custody/index.js';
import type { ReferenceLists } from './reference.js';
import type { ShipmentIndex } from './shipments.js';

/** Lowest name score the context reports; the rule set's own threshold (higher) decides what is a finding. */
const REPORT_FLOOR = 0.5;

/** The compliance monitor's state of the log, as of the statement it evaluates. */
export interface FollowedState {
  readonly ledger: Ledger;
  readonly trust: TrustBook;
  readonly view: TrustView;
  readonly shipments: ShipmentIndex;
  readonly reference: ReferenceLists;
  /** Sanctions answers by name and country: a list scan per distinct name, not per statement. */
  readonly sanctionsCache: Map<string, SanctionsMatch | undefined>;
}

/**
 * The {@link ComplianceContext} of one statement, answered from the monitor's follower state (the log up
 * to and including the statement) and the statement's own shipments.
 */
export function contextOf(state: FollowedState, own: readonly ShipmentRecord[]): ComplianceContext {
  const { ledger, trust, view, shipments, reference } = state;
  return {
    facility: (id) => ledger.facility(id),
    batch: (id) => ledger.batch(id),
    organization: (did) => ledger.organization(did),
    areaRiskAt: (country, region, at) => areaRisk(reference, country, region, at),
    sanctionsMatch: (name, country) => sanctions(state, name, country),
    certifiedAt: (facility, topic, at) => certificationOf(facility, trust, view, at, { topic }).certified,
    revokedCertificatesAt: (facility, at) => revokedAt(trust, view, facility, at),
    lastShipment: (batch, before) => shipments.last(batch, before, own),
    recentShipments: (party, since, until) => shipments.recent(party, since, until),
  };
}

function areaRisk(
  reference: ReferenceLists,
  country: string,
  region: string | undefined,
  at: string,
): AreaRisk {
  const risk = areaRiskAt(reference.areas, country, region, at);
  const e = risk.entry;
  if (!risk.listed || e === undefined) return { listed: false };
  return {
    listed: true,
    entry: {
      id: e.region.length > 0 ? `${e.country}/${e.region[0]}` : e.country,
      country: e.country,
      ...(e.region[0] !== undefined && { region: e.region[0] }),
      ...(e.reason !== undefined && { name: e.reason }),
      source: e.source,
      ...(e.validFrom !== undefined && { validFrom: e.validFrom }),
      ...(e.validUntil !== undefined && { validUntil: e.validUntil }),
    },
  };
}

function sanctions(
  state: FollowedState,
  name: string,
  country: string | undefined,
): SanctionsMatch | undefined {
  if (state.reference.sanctions.length === 0) return undefined;
  const key = `${name}\u0000${country ?? ''}`;
  if (state.sanctionsCache.has(key)) return state.sanctionsCache.get(key);
  const best = matchSanctions(state.reference.sanctions, name, country, { threshold: REPORT_FLOOR });
  const answer =
    best === undefined
      ? undefined
      : {
          score: best.score,
          explanation: `matched "${best.matchedName}": ${best.explanation.steps.join('; ')}`,
          entry: {
            id: best.entry.id,
            name: best.matchedName,
            list: best.entry.list,
            ...(best.entry.countries[0] !== undefined && { country: best.entry.countries[0] }),
          },
        };
  state.sanctionsCache.set(key, answer);
  return answer;
}

/**
 * Certificates about `facility` registered by `at` whose issuer's revocation list has their bit set in
 * a version in force at `at`; dated by the first such version.
 */
function revokedAt(trust: TrustBook, view: TrustView, facility: string, at: string): RevokedCertificate[] {
  const atMs = Date.parse(at);
  const revoked: RevokedCertificate[] = [];
  for (const c of trust.certificatesAbout(facility)) {
    if (Date.parse(c.registered) > atMs) continue;
    for (const entry of c.credential.body.status) {
      if (entry.purpose !== 'revocation') continue;
      const list = view.statusList(entry.list);
      if (list === undefined || list.issuer !== c.credential.issuer) continue;
      const since = list.versions.find((v) => v.fromMs <= atMs && v.bits.get(entry.index));
      if (since === undefined) continue;
      revoked.push({
        certificate: c.credential.credentialId,
        statement: c.statement,
        revokedBy: since.statement,
        revokedAt: since.validFrom,
      });
      break;
    }
  }
  return revoked;
}
