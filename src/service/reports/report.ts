import { RULES, SEVERITIES, type Severity } from '../../compliance/index.js';
import type { CaseOutcome, CaseStatus, FindingView } from '../findings/types.js';
import type {
  CaseEntry,
  DueDiligenceReport,
  MineEntry,
  ReportInput,
  RuleFindings,
  SeverityCounts,
  SmelterEntry,
} from './types.js';

/** Facility kinds that are smelters or refiners: the OECD DDG "choke point" audited in Step 4. */
export const SMELTER_KINDS: readonly string[] = ['smelter', 'refinery'];

const CASE_STATUSES: readonly CaseStatus[] = ['open', 'acknowledged', 'assigned', 'resolved'];
const CASE_OUTCOMES: readonly CaseOutcome[] = ['false-positive', 'mitigated', 'suspended', 'disengaged'];

/**
 * A due-diligence report after the five steps of the OECD Due Diligence Guidance (3rd ed., 2016):
 * management systems, risk identification, risk response, independent audit, reporting. Pure: the same
 * input gives the same report.
 */
export function dueDiligenceReport(input: ReportInput): DueDiligenceReport {
  const name =
    input.subject.kind === 'organization' ? input.organization.name : (input.batch?.id ?? input.subject.id);
  const mines = minesOf(input);
  const smelters = smeltersOf(input);
  const cases = input.findings.map(caseOf).sort(byUpdatedThenId);
  const findings = findingsByRule(input.findings);
  const countries = [...new Set(input.elements.flatMap((e) => e.byCountry.map((c) => c.country)))].sort();
  const byStatus = countBy(CASE_STATUSES, cases, (c) => c.status);
  return {
    title: `Supply-chain due-diligence report: ${name}`,
    subject: { ...input.subject, name },
    at: input.at,
    generatedAt: input.generatedAt,
    step1: {
      organization: input.organization,
      ...(input.batch && { batch: input.batch }),
      facilities: input.facilities,
      certificates: input.certificates,
      ruleSet: {
        version: input.ruleSet.version,
        thresholds: input.ruleSet.thresholds,
        rules: RULES.map((r) => ({
          id: r.id,
          title: r.title,
          severity: r.severity,
          source: r.source,
          reference: r.reference,
          enabled: !input.ruleSet.disabled?.includes(r.id),
        })),
      },
    },
    step2: {
      elements: input.elements,
      countries,
      mines,
      facilities: input.upstream,
      findings,
      bySeverity: severityCounts(input.findings),
    },
    step3: {
      cases,
      byStatus,
      byOutcome: countBy(
        CASE_OUTCOMES,
        cases.filter((c) => c.outcome !== undefined),
        (c) => c.outcome as CaseOutcome,
      ),
    },
    step4: { topics: input.ruleSet.thresholds.certificate.topics, smelters },
    step5: {
      origin: input.node.origin,
      size: input.node.size,
      at: input.at,
      generatedAt: input.generatedAt,
      summary: {
        batches: input.batches,
        facilitiesUpstream: input.upstream.length,
        mines: mines.length,
        countries: countries.filter((c) => c !== 'undeclared' && c !== 'unknown').length,
        smelters: smelters.length,
        smeltersCertified: smelters.filter((s) => s.certified).length,
        findings: input.findings.length,
        openCases: cases.length - byStatus.resolved,
        resolvedCases: byStatus.resolved,
      },
    },
  };
}

/** Mines among the declared origins, with their share of each element, largest first. */
function minesOf(input: ReportInput): MineEntry[] {
  const facilities = new Map(input.upstream.map((f) => [f.id, f]));
  const mines = new Map<
    string,
    { methods: Set<'industrial' | 'artisanal'>; elements: MineEntry['elements'][number][] }
  >();
  for (const e of input.elements) {
    for (const o of e.byOrigin) {
      if (o.method === 'undeclared') continue;
      const mine = mines.get(o.facility) ?? { methods: new Set(), elements: [] };
      mine.methods.add(o.method);
      const same = mine.elements.findIndex((x) => x.element === e.element);
      // Industrial and artisanal parts of one mine add up (exact fractions).
      const part = { element: e.element, share: o.share, percent: o.percent };
      if (same < 0) mine.elements.push(part);
      else mine.elements[same] = addParts(mine.elements[same]!, part);
      mines.set(o.facility, mine);
    }
  }
  const smelters = input.upstream.filter((f) => SMELTER_KINDS.includes(f.kind));
  return [...mines]
    .map(([id, m]) => {
      const f = facilities.get(id);
      return {
        id,
        name: f?.name ?? id,
        country: f?.country ?? 'unknown',
        operator: f?.operator ?? '',
        methods: [...m.methods].sort(),
        elements: m.elements,
        smelters: smelters
          .filter((s) => s.origins.includes(id))
          .map((s) => s.name)
          .sort(),
      };
    })
    .sort((a, b) => compare(a.country, b.country) || compare(a.name, b.name) || compare(a.id, b.id));
}

function smeltersOf(input: ReportInput): SmelterEntry[] {
  return input.upstream
    .filter((f) => SMELTER_KINDS.includes(f.kind))
    .map((f) => ({ ...f, certified: f.certification?.certified ?? false }))
    .sort((a, b) => compare(a.name, b.name) || compare(a.id, b.id));
}

function findingsByRule(findings: readonly FindingView[]): RuleFindings[] {
  const groups = new Map<string, FindingView[]>();
  for (const f of findings) groups.set(f.rule, [...(groups.get(f.rule) ?? []), f]);
  const order = (rule: string) => {
    const i = RULES.findIndex((r) => r.id === rule);
    return i < 0 ? RULES.length : i;
  };
  return [...groups]
    .sort(([a], [b]) => order(a) - order(b) || compare(a, b))
    .map(([rule, list]) => {
      const known = RULES.find((r) => r.id === rule);
      return {
        rule,
        title: known?.title ?? list[0]!.title,
        source: known?.source ?? '',
        count: list.length,
        bySeverity: severityCounts(list),
        open: list.filter((f) => f.case.status !== 'resolved').length,
      };
    });
}

function caseOf(f: FindingView): CaseEntry {
  const last = f.case.history.at(-1);
  const justification = [...f.case.history].reverse().find((e) => e.justification)?.justification;
  return {
    finding: f.id,
    rule: f.rule,
    severity: f.severity,
    subject: f.subject.id,
    title: f.title,
    status: f.case.status,
    ...(f.case.assignee !== undefined && { assignee: f.case.assignee }),
    ...(f.case.outcome !== undefined && { outcome: f.case.outcome }),
    ...(justification !== undefined && { justification }),
    updated: last?.at ?? f.raisedAt,
  };
}

function severityCounts(findings: readonly FindingView[]): SeverityCounts {
  return countBy(SEVERITIES, findings, (f) => f.severity) as Record<Severity, number>;
}

function countBy<K extends string, T>(
  keys: readonly K[],
  items: readonly T[],
  key: (t: T) => K,
): Record<K, number> {
  const counts = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

/** Sum two exact shares `"n/d"` of the same element, reduced. */
function addParts(
  a: { element: string; share: string; percent: number },
  b: { share: string; percent: number },
): { element: string; share: string; percent: number } {
  const [an, ad] = a.share.split('/').map(BigInt) as [bigint, bigint];
  const [bn, bd] = b.share.split('/').map(BigInt) as [bigint, bigint];
  const n = an * bd + bn * ad;
  const d = ad * bd;
  const g = gcd(n, d);
  const tenThousandths = (n * 2_000_000n + d) / (2n * d);
  return { element: a.element, share: `${n / g}/${d / g}`, percent: Number(tenThousandths) / 10_000 };
}

function gcd(a: bigint, b: bigint): bigint {
  let [x, y] = [a, b];
  while (y !== 0n) [x, y] = [y, x % y];
  return x === 0n ? 1n : x;
}

function byUpdatedThenId(a: CaseEntry, b: CaseEntry): number {
  return compare(b.updated, a.updated) || compare(a.finding, b.finding);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
