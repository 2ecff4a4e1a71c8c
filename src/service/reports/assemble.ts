import type { RuleSet } from '../../compliance/index.js';
import {
  type BatchRow,
  type Composition,
  type ElementProvenance,
  type FacilityRow,
  provenanceOf,
} from '../../custody/index.js';
import type { CertificateQueries } from '../certificates.js';
import { ServiceError } from '../errors.js';
import type { FindingView } from '../findings/types.js';
import type { SupplyQueries } from '../supply-queries.js';
import type {
  CertificateFacts,
  CertificationFacts,
  ElementOrigins,
  FacilityFacts,
  OriginPart,
  PartyFacts,
  ReportInput,
  ReportSubject,
  UpstreamFacility,
} from './types.js';

/** What {@link assembleReport} reads: a live node's queries, findings and log position. */
export interface ReportDeps {
  readonly supply: SupplyQueries;
  readonly certificates: CertificateQueries;
  /** The stored findings about any of `subjects` (DIDs, facility URIs, batch URIs), with their cases. */
  readonly findings: (filter: { subjects: ReadonlySet<string> }) => readonly FindingView[];
  /** The log origin and the checkpoint size the report speaks for. */
  readonly origin: string;
  readonly size: number;
  readonly ruleSet: RuleSet;
  /** The wall clock for `generatedAt` (default: `Date.now`). */
  readonly now?: () => number;
}

const PAGE = 500;

/**
 * Gather a report's input from a node. An organisation's report speaks for the batches it holds now or
 * consumed (custodian, owner or recipient in transit); a batch's report for that batch. Both include
 * everything upstream of them, and the origins are those of the batches no other batch of the set was
 * made from, so nothing is counted twice.
 * @throws ServiceError REGISTRY_NOT_FOUND for an unknown organisation, BATCH_NOT_FOUND for an unknown batch
 */
export function assembleReport(deps: ReportDeps, subject: ReportSubject, at: string): ReportInput {
  const { supply } = deps;
  const scope =
    subject.kind === 'organization' ? organizationScope(supply, subject.did) : batchScope(supply, subject.id);

  // Everything upstream of the scope's batches, and the batches of the scope made from others in it.
  const upstreamIds = new Set<string>();
  const madeFromScope = new Set<string>();
  for (const b of scope.batches) {
    for (const u of supply.provenance(b.id)?.graph.batches ?? []) {
      upstreamIds.add(u.id);
      if (u.id !== b.id) madeFromScope.add(u.id);
    }
  }
  const frontier = scope.batches.filter((b) => !madeFromScope.has(b.id));
  const elements = originsOf(supply, frontier);

  const facilities = new Map<string, { elements: Set<string>; origins: Set<string> }>();
  const touch = (id: string) => {
    const entry = facilities.get(id) ?? { elements: new Set<string>(), origins: new Set<string>() };
    facilities.set(id, entry);
    return entry;
  };
  for (const id of upstreamIds) {
    const batch = supply.batch(id);
    const where = batch && createdAt(supply, batch);
    if (!batch || where === undefined) continue;
    const entry = touch(where);
    for (const [element, parts] of Object.entries(batch.composition)) {
      if (!parts || parts.length === 0) continue;
      entry.elements.add(element);
      for (const [origin] of parts) {
        const facility = originFacility(origin);
        entry.origins.add(facility);
        touch(facility);
      }
    }
  }
  const upstream: UpstreamFacility[] = [...facilities]
    .map(([id, f]) => ({
      ...facilityFacts(supply.facility(id), id),
      elements: [...f.elements].sort(),
      origins: [...f.origins].sort(),
      certification: certificationOf(deps, id, at),
    }))
    .sort((a, b) => compare(a.kind, b.kind) || compare(a.name, b.name) || compare(a.id, b.id));

  const own = [scope.organization.did, ...scope.facilities.map((f) => f.id)];
  const subjects = new Set<string>([
    ...own,
    ...scope.batches.map((b) => b.id),
    ...upstreamIds,
    ...upstream.flatMap((f) => [f.id, ...(f.operator ? [f.operator] : [])]),
  ]);
  return {
    subject,
    at,
    generatedAt: new Date((deps.now ?? Date.now)()).toISOString(),
    node: { origin: deps.origin, size: deps.size },
    ruleSet: deps.ruleSet,
    organization: scope.organization,
    ...(scope.batch && { batch: scope.batch }),
    facilities: scope.facilities,
    certificates: certificatesAbout(deps, own, at),
    batches: scope.batches.length,
    elements,
    upstream,
    findings: deps.findings({ subjects }),
  };
}

interface Scope {
  readonly organization: PartyFacts;
  readonly facilities: FacilityFacts[];
  readonly batches: BatchRow[];
  readonly batch?: ReportInput['batch'];
}

function organizationScope(supply: SupplyQueries, did: string): Scope {
  const org = supply.organization(did);
  if (!org) throw new ServiceError('REGISTRY_NOT_FOUND', `no organisation ${did}`);
  const facilities = all((after) =>
    supply.facilities({ operator: did, limit: PAGE, ...(after && { after }) }),
  );
  const batches = all((after) => supply.batches({ holder: did, limit: PAGE, ...(after && { after }) }));
  return {
    organization: { did: org.did, name: org.legalName, country: org.country, roles: org.roles },
    facilities: facilities.map((f) => facilityFacts(f, f.id)),
    batches,
  };
}

function batchScope(supply: SupplyQueries, id: string): Scope {
  const batch = supply.batch(id);
  if (!batch) throw new ServiceError('BATCH_NOT_FOUND', `no batch ${id}`);
  const owner = supply.organization(batch.owner);
  const facility = supply.facility(batch.facility);
  return {
    organization: owner
      ? { did: owner.did, name: owner.legalName, country: owner.country, roles: owner.roles }
      : { did: batch.owner, name: batch.owner, country: 'unknown', roles: [] },
    facilities: facility ? [facilityFacts(facility, facility.id)] : [],
    batches: [batch],
    batch: {
      id: batch.id,
      material: batch.material,
      createdGrams: batch.createdGrams,
      createdAt: batch.createdAt,
      facility: batch.facility,
    },
  };
}

/** Every item of a paged listing. */
function all<T>(page: (after: string | undefined) => { items: T[]; next?: string }): T[] {
  const items: T[] = [];
  let after: string | undefined;
  do {
    const p = page(after);
    items.push(...p.items);
    after = p.next;
  } while (after !== undefined);
  return items;
}

/** The element origins of the batches together: their compositions summed, then shared out exactly. */
function originsOf(supply: SupplyQueries, batches: readonly BatchRow[]): ElementOrigins[] {
  const sums = new Map<string, Map<string, bigint>>();
  for (const b of batches) {
    for (const [element, parts] of Object.entries(b.composition)) {
      const byOrigin = sums.get(element) ?? new Map<string, bigint>();
      sums.set(element, byOrigin);
      for (const [origin, micrograms] of parts ?? []) {
        byOrigin.set(origin, (byOrigin.get(origin) ?? 0n) + BigInt(micrograms));
      }
    }
  }
  const merged = Object.fromEntries(
    [...sums].map(([element, parts]) => [
      element,
      [...parts].sort(([a], [b]) => compare(a, b)).map(([o, m]) => [o, m.toString()] as const),
    ]),
  ) as Composition;
  const facts = (id: string) => {
    const f = supply.facility(id);
    return f && { country: f.country, name: f.name };
  };
  return provenanceOf(merged, facts).map(elementOrigins);
}

function elementOrigins(p: ElementProvenance): ElementOrigins {
  return {
    element: p.element,
    micrograms: p.micrograms,
    byOrigin: p.byOrigin.map((s): OriginPart => {
      const space = s.key.indexOf(' ');
      return {
        method: s.key.slice(0, space) as OriginPart['method'],
        facility: s.key.slice(space + 1),
        share: s.share,
        percent: s.percent,
      };
    }),
    byCountry: p.byCountry.map((s) => ({ country: s.key, share: s.share, percent: s.percent })),
  };
}

/** The facility where a batch was made: that of its extract, commission or transform event. */
function createdAt(supply: SupplyQueries, batch: BatchRow): string | undefined {
  for (const e of supply.history(batch.id)) {
    if (e.statement !== batch.createdBy) continue;
    const event = e.event;
    if (event.type === 'extract' || event.type === 'commission' || event.type === 'transform') {
      return event.facility;
    }
  }
  return undefined;
}

/** `"industrial <facility>"` → the facility. */
function originFacility(origin: string): string {
  return origin.slice(origin.indexOf(' ') + 1);
}

function facilityFacts(row: FacilityRow | undefined, id: string): FacilityFacts {
  return row
    ? { id: row.id, name: row.name, kind: row.facilityKind, country: row.country, operator: row.operator }
    : { id, name: id, kind: 'unknown', country: 'unknown', operator: '' };
}

/** Certified when every topic of the rule set's certificate threshold has a certificate verifying at `at`. */
function certificationOf(deps: ReportDeps, facility: string, at: string): CertificationFacts {
  const topics = deps.ruleSet.thresholds.certificate.topics;
  const statuses =
    topics.length === 0
      ? [{ topic: 'any', status: deps.certificates.certification(facility, at) }]
      : topics.map((topic) => ({ topic, status: deps.certificates.certification(facility, at, { topic }) }));
  const verified = new Set(
    statuses.flatMap((s) => s.status.certificates.filter((c) => c.result.verified).map((c) => c.id)),
  );
  const missing = statuses.filter((s) => !s.status.certified).map((s) => s.topic);
  return { certified: missing.length === 0, certificates: [...verified].sort(), missing };
}

function certificatesAbout(deps: ReportDeps, subjects: readonly string[], at: string): CertificateFacts[] {
  const seen = new Map<string, CertificateFacts>();
  for (const subject of subjects) {
    for (const c of deps.certificates.list({ subject }, at)) {
      // Only what was registered by `at` counts, as for certification "as of" a time.
      if (seen.has(c.id) || Date.parse(c.registered) > Date.parse(at)) continue;
      seen.set(c.id, {
        id: c.id,
        name: c.name,
        scheme: c.scheme.name,
        issuer: c.issuer,
        subjects: c.subjects.map((s) => s.id),
        topics: c.topics,
        validFrom: c.validFrom,
        ...(c.validUntil !== undefined && { validUntil: c.validUntil }),
        verified: c.verified,
        failed: c.failed,
      });
    }
  }
  return [...seen.values()];
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
