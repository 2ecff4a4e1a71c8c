import { RULES, type Rule, type RuleSet } from '../../compliance/index.js';
import type { Ledger } from '../../custody/index.js';
import { caseActionCredential } from '../../interop/index.js';
import type { CaseActionStatement, SupplyStatement } from '../../model/index.js';
import type { FindingQuery } from '../../store/index.js';
import { seesEverything, type Viewer } from '../access.js';
import { ServiceError } from '../errors.js';
import type { Receipt } from '../receipt.js';
import { canSeeFinding } from './access.js';
import { transitionRefusal } from './cases.js';
import type { ComplianceMonitor } from './monitor.js';
import type { CaseState, CaseStatus, FindingView, StoredFinding } from './types.js';

/** Findings read from the store per page when a viewer's filter is applied after the read. */
const PAGE = 500;

/** `GET /v1/compliance`. */
export interface ComplianceSummary {
  readonly ruleSet: RuleSet;
  readonly rules: readonly Rule[];
  readonly reference: readonly { readonly file: string; readonly kind: string; readonly entries: number }[];
  /** The highest log index evaluated (−1: none); equal to size − 1 once the monitor caught up. */
  readonly evaluatedThrough: number;
  readonly size: number;
  readonly counts: readonly { readonly rule: string; readonly severity: string; readonly count: number }[];
  readonly cases: Readonly<Record<CaseStatus, number>>;
}

/** What the node lends the compliance use-cases. */
export interface ComplianceHost {
  readonly monitor: ComplianceMonitor;
  readonly operator: { readonly did: string; sign(payload: unknown): string };
  /** The ledger as of now (in-flight statements included), for roles and holders. */
  ledger(): Ledger;
  counts(): readonly { readonly rule: string; readonly severity: string; readonly count: number }[];
  size(): number;
  now(): string;
  register(jws: string): Promise<{ readonly receipt: Receipt }>;
}

/**
 * The compliance use-cases of a node (issue 5 parts 3, 4, 7): who sees which finding, cases and who may
 * act on them, and the summary of the audit in force.
 */
export class ComplianceQueries {
  readonly #host: ComplianceHost;

  constructor(host: ComplianceHost) {
    this.#host = host;
  }

  /**
   * Findings the viewer may see (see {@link canSeeFinding}), in seq order.
   * @throws ServiceError ACCESS_REQUIRED for an anonymous caller
   */
  findingsFor(viewer: Viewer, query: FindingQuery): FindingView[] {
    requireViewer(viewer);
    const { monitor } = this.#host;
    if (seesEverything(viewer)) return monitor.query(query);
    // Filtered after the read, so read on until the page is full or the findings run out.
    const found: FindingView[] = [];
    let after = query.after ?? 0;
    for (;;) {
      const page = monitor.query({ ...query, after, limit: PAGE });
      for (const f of page) if (found.length < query.limit && this.canSee(viewer, f)) found.push(f);
      const last = page[page.length - 1];
      if (found.length >= query.limit || page.length < PAGE || last === undefined) return found;
      after = last.seq;
    }
  }

  /**
   * One finding, if the viewer may see it.
   * @throws ServiceError ACCESS_REQUIRED, FINDING_NOT_FOUND
   */
  findingFor(viewer: Viewer, id: string): FindingView {
    requireViewer(viewer);
    const finding = this.#host.monitor.get(id);
    if (finding === undefined || !this.canSee(viewer, finding)) {
      throw new ServiceError('FINDING_NOT_FOUND', `no finding ${id} here, or not one you may see`);
    }
    return finding;
  }

  /**
   * Findings whose case is in `status` (default: every case someone acted on), in seq order.
   * @throws ServiceError ACCESS_REQUIRED
   */
  casesFor(viewer: Viewer, query: { status?: CaseStatus; after: number; limit: number }): FindingView[] {
    if (query.status === 'open') {
      return this.findingsFor(viewer, { after: query.after, limit: Number.MAX_SAFE_INTEGER })
        .filter((f) => f.case.status === 'open')
        .slice(0, query.limit);
    }
    requireViewer(viewer);
    const { monitor } = this.#host;
    return monitor
      .cases()
      .filter((c) => query.status === undefined || c.status === query.status)
      .flatMap((c) => monitor.get(c.finding) ?? [])
      .filter((f) => f.seq > query.after && this.canSee(viewer, f))
      .sort((a, b) => a.seq - b.seq)
      .slice(0, query.limit);
  }

  canSee(viewer: Viewer, finding: StoredFinding): boolean {
    return canSeeFinding(viewer, finding, this.#host.ledger());
  }

  /** `GET /v1/compliance`: the rule set in force, the catalogue, reference lists, progress and counts. */
  summary(): ComplianceSummary {
    const { monitor } = this.#host;
    const counts = this.#host.counts();
    const total = counts.reduce((n, c) => n + c.count, 0);
    const cases = { open: total, acknowledged: 0, assigned: 0, resolved: 0 };
    for (const c of monitor.cases()) {
      cases.open--;
      cases[c.status]++;
    }
    return {
      ruleSet: monitor.ruleSet,
      rules: RULES,
      // File names only: where the node keeps its files is nobody else's business.
      reference: monitor.reference.sources.map((s) => ({
        ...s,
        file: s.file.split(/[\\/]/).pop() ?? s.file,
      })),
      evaluatedThrough: monitor.evaluatedThrough,
      size: this.#host.size(),
      counts,
      cases,
    };
  }

  /**
   * Who may act on a case, on which finding, in which order (issue 5 part 4). Checked at registration
   * against the cases as evaluated so far: two actions in flight at once are both logged, and the case
   * follows the later.
   * @throws ServiceError CASE_ACTION_FORBIDDEN, FINDING_NOT_FOUND, CASE_TRANSITION_INVALID
   */
  checkCaseAction(statement: SupplyStatement, action: CaseActionStatement): void {
    const { issuer, time } = statement;
    const ledger = this.#host.ledger();
    const may =
      issuer === this.#host.operator.did ||
      ledger.hasRole(issuer, 'auditor', time) ||
      ledger.hasRole(issuer, 'regulator', time);
    if (!may) {
      throw new ServiceError(
        'CASE_ACTION_FORBIDDEN',
        `${issuer} is neither the operator nor an auditor or regulator`,
      );
    }
    const { monitor } = this.#host;
    if (monitor.get(action.finding) === undefined) {
      throw new ServiceError('FINDING_NOT_FOUND', `no finding ${action.finding} here`);
    }
    const refusal = transitionRefusal(monitor.caseOf(action.finding).status, action.action);
    if (refusal !== undefined) throw new ServiceError('CASE_TRANSITION_INVALID', refusal);
  }

  /**
   * The operator acts on a case: the node signs a `ComplianceCaseAction` with the operator key and
   * registers it; resolves with the receipt and the case once the action is evaluated in log order.
   */
  async actOnCase(action: Omit<CaseActionStatement, 'kind'>): Promise<{ receipt: Receipt; case: CaseState }> {
    const { operator, monitor } = this.#host;
    const credential = caseActionCredential(
      { kind: 'case-action', ...action },
      { id: operator.did, name: 'Node operator' },
      { validFrom: this.#host.now() },
    );
    const { receipt } = await this.#host.register(operator.sign(credential));
    await monitor.idle();
    return { receipt, case: monitor.caseOf(action.finding) };
  }
}

function requireViewer(viewer: Viewer): void {
  if (viewer.kind === 'anonymous') throw new ServiceError('ACCESS_REQUIRED', 'findings need a token');
}
