import { useCallback, useState } from 'preact/hooks';
import { api, query } from './api';
import { type StreamState, useFindingStream } from './findings-stream';
import { type Loaded, useLoad } from './hooks';
import type { CaseState, Compliance, FindingView, Page, Severity } from './types';

/** Most severe first: the order of counts, filters and legends. */
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

/** The findings list's filters (`GET /v1/findings?rule=&severity=&subject=`); '' is "any". */
export interface FindingFilters {
  readonly rule: string;
  readonly severity: string;
  readonly subject: string;
}

export const NO_FILTERS: FindingFilters = { rule: '', severity: '', subject: '' };

const PAGE = 1000;
const MAX_PAGES = 50;

/** True when `f` passes the filters, as the node would filter it. */
export function matches(f: FindingView, filters: FindingFilters): boolean {
  return (
    (filters.rule === '' || f.rule === filters.rule) &&
    (filters.severity === '' || f.severity === filters.severity) &&
    (filters.subject === '' || f.subject.id === filters.subject)
  );
}

/** Total findings by severity, from the compliance summary's counts by rule and severity. */
export function countBySeverity(compliance: Compliance): Record<Severity, number> {
  const counts: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const c of compliance.counts) counts[c.severity] = (counts[c.severity] ?? 0) + c.count;
  return counts;
}

const total = (compliance: Compliance): number => compliance.counts.reduce((n, c) => n + c.count, 0);

/**
 * The latest `keep` findings matching `filters`, newest first. The list is in seq order with an `after`
 * cursor only, so it reads forward from `from` and keeps the tail.
 */
async function readTail(
  filters: FindingFilters,
  keep: number,
  from: number,
  signal: AbortSignal,
): Promise<FindingView[]> {
  let tail: FindingView[] = [];
  let after: string | number = from;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer: Page<FindingView> = await api<Page<FindingView>>(
      `v1/findings${query({ ...filters, after, limit: PAGE })}`,
      { auth: true, signal },
    );
    tail = [...tail, ...answer.items].slice(-keep);
    if (answer.next === undefined || answer.items.length === 0) break;
    after = answer.next;
  }
  return tail.reverse();
}

export interface LatestFindings {
  readonly compliance: Compliance;
  /** Newest first. */
  readonly items: readonly FindingView[];
  /** Where the stream resumes: the highest seq the node had stored. */
  readonly latestSeq: number;
}

/**
 * The compliance summary and the latest findings. Seqs are dense (findings are never deleted), so without
 * filters the tail starts `keep` before the total; a token that sees fewer falls back to reading it all.
 */
export async function loadLatest(
  filters: FindingFilters,
  keep: number,
  signal: AbortSignal,
): Promise<LatestFindings> {
  const compliance = await api<Compliance>('v1/compliance', { auth: true, signal });
  const count = total(compliance);
  const unfiltered = filters.rule === '' && filters.severity === '' && filters.subject === '';
  const from = unfiltered ? Math.max(0, count - keep) : 0;
  let items = await readTail(filters, keep, from, signal);
  if (items.length < keep && from > 0) items = await readTail(filters, keep, 0, signal);
  return { compliance, items, latestSeq: Math.max(count, items[0]?.seq ?? 0) };
}

export interface LiveFindings {
  readonly load: Loaded<LatestFindings>;
  /** Newest first: the loaded ones with those that arrived since in front. */
  readonly items: readonly FindingView[];
  /** Counts by severity, live (undefined until loaded). */
  readonly bySeverity: Readonly<Record<Severity, number>> | undefined;
  /** Ids of the findings that arrived over the stream. */
  readonly arrived: ReadonlySet<string>;
  readonly stream: StreamState;
}

/** What arrived over the stream since `base` was loaded. */
interface Arrivals {
  readonly base: LatestFindings | undefined;
  readonly items: readonly FindingView[];
  readonly arrived: ReadonlySet<string>;
  readonly added: Readonly<Record<Severity, number>>;
}

const fresh = (base: LatestFindings | undefined): Arrivals => ({
  base,
  items: base?.items ?? [],
  arrived: new Set(),
  added: { critical: 0, high: 0, medium: 0, low: 0, info: 0 },
});

/** Add a finding from the stream: newest first, at most `keep`, each once. */
function arrive(a: Arrivals, f: FindingView, keep: number): Arrivals {
  if (a.arrived.has(f.id) || a.items.some((x) => x.id === f.id)) return a;
  return {
    ...a,
    items: [f, ...a.items].slice(0, keep),
    arrived: new Set([...a.arrived, f.id]),
    added: { ...a.added, [f.severity]: a.added[f.severity] + 1 },
  };
}

/** The latest findings matching `filters`, kept up to date from the stream (new findings, case changes). */
export function useLiveFindings(token: string, filters: FindingFilters, keep: number): LiveFindings {
  const load = useLoad(
    (signal) => loadLatest(filters, keep, signal),
    [token, filters.rule, filters.severity, filters.subject, keep],
  );
  const base = load.state === 'done' ? load.data : undefined;
  const [live, setLive] = useState<Arrivals>(() => fresh(base));
  // A new load replaces what arrived before it: it holds it already.
  const current = live.base === base ? live : fresh(base);
  const onFinding = useCallback(
    (f: FindingView) => {
      if (matches(f, filters)) setLive((prev) => arrive(prev.base === base ? prev : fresh(base), f, keep));
    },
    [base, filters, keep],
  );
  const onCase = useCallback(
    (c: CaseState) =>
      setLive((prev) => {
        const from = prev.base === base ? prev : fresh(base);
        return { ...from, items: from.items.map((f) => (f.id === c.finding ? { ...f, case: c } : f)) };
      }),
    [base],
  );
  const stream = useFindingStream(token, base?.latestSeq, { onFinding, onCase });
  const counts = base && countBySeverity(base.compliance);
  if (counts) for (const s of SEVERITIES) counts[s] += current.added[s];
  return { load, items: current.items, bySeverity: counts, arrived: current.arrived, stream };
}
