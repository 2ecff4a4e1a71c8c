import { performance } from 'node:perf_hooks';
import type { RuleSet } from '../../compliance/index.js';
import type { FindingQuery, LoggedStatement, SqliteStore } from '../../store/index.js';
import type { OperatorIdentity } from '../operator.js';
import { CaseBook } from './cases.js';
import { type Followed, LogFollower } from './follower.js';
import type { ReferenceLists } from './reference.js';
import type { CaseState, FindingSource, FindingView, StoredFinding } from './types.js';

/** What one drain evaluated, committed together. */
class Slice {
  readonly findings: Omit<StoredFinding, 'seq'>[] = [];
  readonly cases: { readonly state: CaseState; readonly index: number }[] = [];
  /** The last log index evaluated (−1: none). */
  through = -1;
}

/** Longest the monitor evaluates before letting the event loop serve requests again. */
const SLICE_MS = 15;
/** Statements read from the store at a time. */
const PAGE = 64;

export interface MonitorOptions {
  readonly store: SqliteStore;
  readonly operator: Pick<OperatorIdentity, 'did' | 'keys'>;
  readonly ruleSet: RuleSet;
  readonly reference: ReferenceLists;
  /** Wall clock for `raisedAt`. */
  readonly now?: () => number;
  /** A statement the follower could not apply or evaluate (a bug, never an input error: the log accepted it). */
  readonly onProblem?: (index: number, error: unknown) => void;
}

/**
 * Continuous compliance audit (DESIGN.md §7, issue 5 part 3): follows the log in order, right after
 * commit, with its own ledger and trust book, so each statement is evaluated against exactly the state
 * the log held once it was applied: what a replay of the log sees too. Work happens off the registration
 * path, in slices of at most 15 ms; each slice's findings are stored with the monitor's progress in one
 * transaction, then handed to subscribers (the SSE stream, webhooks).
 */
export class ComplianceMonitor implements FindingSource {
  readonly ruleSet: RuleSet;
  readonly reference: ReferenceLists;
  readonly #store: SqliteStore;
  readonly #follower: LogFollower;
  readonly #now: () => number;
  readonly #onProblem: (index: number, error: unknown) => void;
  readonly #listeners = new Set<(finding: FindingView) => void>();
  readonly #caseListeners = new Set<(state: CaseState) => void>();
  readonly #cases = new CaseBook();
  #idle: (() => void)[] = [];
  /** The next log index to follow. */
  #next = 0;
  #scheduled = false;
  #closed = false;
  #evaluations = 0;

  constructor(options: MonitorOptions) {
    this.ruleSet = options.ruleSet;
    this.reference = options.reference;
    this.#store = options.store;
    this.#now = options.now ?? Date.now;
    this.#onProblem = options.onProblem ?? (() => {});
    this.#follower = new LogFollower(options.operator, options.ruleSet, options.reference, this.#onProblem);
    // Catch up silently with what was evaluated before the last stop; the rest is evaluated by wake().
    const through = this.#store.findings.evaluatedThrough();
    for (const row of this.#store.loggedStatements(0)) {
      if (row.idx > through) break;
      const { followed } = this.#follower.step(row, false);
      if (followed !== undefined) this.#fileCase(followed, row.id);
      this.#next = row.idx + 1;
    }
  }

  /** Statements evaluated since open. */
  get evaluations(): number {
    return this.#evaluations;
  }

  /** The highest log index evaluated (−1: none). */
  get evaluatedThrough(): number {
    return this.#next - 1;
  }

  /** New statements were committed: evaluate them soon, never on the caller's stack. */
  wake(): void {
    if (this.#scheduled || this.#closed) return;
    this.#scheduled = true;
    setImmediate(() => this.#drain());
  }

  /** Resolves once every statement committed so far is evaluated (tests, the CLI, shutdown). */
  idle(): Promise<void> {
    this.wake();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  close(): void {
    this.#closed = true;
    this.#listeners.clear();
    this.#caseListeners.clear();
    for (const resolve of this.#idle.splice(0)) resolve();
  }

  subscribe(listener: (finding: FindingView) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Called with a case each time a logged action changes it, once the action is evaluated in order. */
  subscribeCases(listener: (state: CaseState) => void): () => void {
    this.#caseListeners.add(listener);
    return () => this.#caseListeners.delete(listener);
  }

  /** The case of a finding (open and empty when nobody acted). */
  caseOf(finding: string): CaseState {
    return this.#cases.get(finding);
  }

  /** Every case someone acted on. */
  cases(): CaseState[] {
    return this.#cases.all();
  }

  since(seq: number, limit: number): FindingView[] {
    return this.query({ after: seq, limit });
  }

  latestSeq(): number {
    return this.#store.findings.latestSeq();
  }

  query(query: FindingQuery): FindingView[] {
    return this.#store.findings.query(query).map((row) => this.#view(JSON.parse(row.json), row.seq));
  }

  get(id: string): FindingView | undefined {
    const row = this.#store.findings.get(id);
    return row && this.#view(JSON.parse(row.json), row.seq);
  }

  #view(stored: Omit<StoredFinding, 'seq'>, seq: number): FindingView {
    return { ...stored, seq, case: this.#cases.get(stored.id) };
  }

  #drain(): void {
    this.#scheduled = false;
    if (this.#closed) return;
    const started = performance.now();
    const slice = new Slice();
    let more = true;
    while (more) {
      const page = this.#store.loggedStatementsPage(this.#next, PAGE);
      for (const row of page) {
        this.#evaluate(row, slice);
        this.#next = row.idx + 1;
        if (performance.now() - started > SLICE_MS) break;
      }
      more = page.length === PAGE && performance.now() - started <= SLICE_MS;
    }
    this.#commit(slice);
    if (this.#store.loggedStatementsPage(this.#next, 1).length > 0) {
      this.wake();
      return;
    }
    for (const resolve of this.#idle.splice(0)) resolve();
  }

  #evaluate(row: LoggedStatement, slice: Slice): void {
    const { followed, findings } = this.#follower.step(row);
    const changed = followed === undefined ? undefined : this.#fileCase(followed, row.id);
    this.#evaluations++;
    const raisedAt = new Date(this.#now()).toISOString();
    const issuer = followed?.statement.issuer ?? '';
    for (const f of findings) slice.findings.push({ ...f, index: row.idx, issuer, raisedAt });
    if (changed !== undefined) slice.cases.push({ state: changed, index: row.idx });
    slice.through = row.idx;
  }

  /**
   * One transaction per slice: its findings and the progress past its last statement, so a crash
   * neither loses nor repeats a finding, and the disk syncs once per slice, not once per statement.
   * Subscribers hear only of what is durable.
   */
  #commit(slice: Slice): void {
    if (slice.through < 0) return;
    const seqs = this.#store.findings.record(
      slice.findings.map((f) => ({
        id: f.id,
        index: f.index,
        rule: f.rule,
        severity: f.severity,
        subjectKind: f.subject.kind,
        subjectId: f.subject.id,
        json: JSON.stringify(f),
      })),
      slice.through,
    );
    slice.findings.forEach((f, i) => {
      const seq = seqs[i] ?? 0;
      if (seq !== 0) this.#notify(this.#listeners, this.#view(f, seq), f.index);
    });
    for (const c of slice.cases) this.#notify(this.#caseListeners, c.state, c.index);
  }

  /** Fold a case action into the case book; the case after it, or undefined for other statements. */
  #fileCase(followed: Followed, id: string): CaseState | undefined {
    const { statement } = followed;
    if (statement.body.kind !== 'case-action') return undefined;
    return this.#cases.apply({ ...statement, body: statement.body }, id);
  }

  #notify<T>(listeners: ReadonlySet<(value: T) => void>, value: T, index: number): void {
    for (const listener of listeners) {
      try {
        listener(value);
      } catch (err) {
        // A subscriber's failure is its own; the finding is stored and the others still hear of it.
        this.#onProblem(index, err);
      }
    }
  }
}
