import { performance } from 'node:perf_hooks';
import {
  evaluateStatement,
  type Finding,
  type RuleSet,
  type ShipmentRecord,
} from '../../compliance/index.js';
import { TrustBook, trustView } from '../../credentials/index.js';
import { Ledger } from '../../custody/index.js';
import type { FindingQuery, LoggedStatement, SqliteStore } from '../../store/index.js';
import type { OperatorIdentity } from '../operator.js';
import { type Applied, applyLogged } from '../replay.js';
import { LedgerDirectory } from '../trust-directory.js';
import { CaseBook } from './cases.js';
import { contextOf, type FollowedState } from './context.js';
import type { ReferenceLists } from './reference.js';
import { ShipmentIndex, shipmentsOf } from './shipments.js';
import type { CaseState, FindingSource, FindingView, StoredFinding } from './types.js';

/** A statement the follower applied, with its own shipments (added to the index after evaluation). */
interface Followed extends Applied {
  readonly own: readonly ShipmentRecord[];
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
 * path, in slices, and each statement's findings are stored with the monitor's progress in one
 * transaction, then handed to subscribers (the SSE stream, webhooks).
 */
export class ComplianceMonitor implements FindingSource {
  readonly ruleSet: RuleSet;
  readonly reference: ReferenceLists;
  readonly #store: SqliteStore;
  readonly #state: FollowedState;
  readonly #directory: LedgerDirectory;
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
    const ledger = new Ledger({ operator: options.operator });
    const trust = new TrustBook();
    this.#directory = new LedgerDirectory(() => ledger, options.operator.did);
    this.#state = {
      ledger,
      trust,
      view: trustView(this.#directory, trust),
      shipments: new ShipmentIndex(),
      reference: options.reference,
      sanctionsCache: new Map(),
    };
    // Catch up silently with what was evaluated before the last stop; the rest is evaluated by wake().
    const through = this.#store.findings.evaluatedThrough();
    for (const row of this.#store.loggedStatements(0)) {
      if (row.idx > through) break;
      const followed = this.#follow(row);
      if (followed !== undefined) this.#state.shipments.add(followed.own);
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
    for (;;) {
      const page = this.#store.loggedStatementsPage(this.#next, PAGE);
      for (const row of page) {
        this.#evaluate(row);
        this.#next = row.idx + 1;
        if (performance.now() - started > SLICE_MS) {
          this.wake();
          return;
        }
      }
      if (page.length < PAGE) break;
    }
    for (const resolve of this.#idle.splice(0)) resolve();
  }

  /** Apply one statement to the follower state; undefined when it could not be applied. */
  #follow(row: LoggedStatement): Followed | undefined {
    const state = this.#state;
    let own: ShipmentRecord[] = [];
    try {
      const jws = row.jws.toString('latin1');
      const applied = applyLogged(
        state.ledger,
        row,
        (statement, registered) =>
          state.trust.apply(statement, { statement: row.id, registered, jws }, this.#directory),
        false,
        (statement) => {
          own = shipmentsOf(statement, row.id, state.ledger);
        },
      );
      return { ...applied, own };
    } catch (err) {
      this.#onProblem(row.idx, err);
      return undefined;
    }
  }

  #findings(row: LoggedStatement, followed: Followed): Finding[] {
    const { statement, registered, effects, own } = followed;
    try {
      return evaluateStatement(
        { statement, id: row.id, registered, effects },
        contextOf(this.#state, own),
        this.ruleSet,
      );
    } catch (err) {
      this.#onProblem(row.idx, err);
      return [];
    }
  }

  #evaluate(row: LoggedStatement): void {
    const followed = this.#follow(row);
    const findings = followed === undefined ? [] : this.#findings(row, followed);
    const changed = followed === undefined ? undefined : this.#fileCase(followed, row.id);
    // Only now: the statement's own shipments are not "earlier shipments" to itself.
    if (followed !== undefined) this.#state.shipments.add(followed.own);
    this.#evaluations++;
    const raisedAt = new Date(this.#now()).toISOString();
    const issuer = followed?.statement.issuer ?? '';
    const stored = findings.map((f) => ({ ...f, index: row.idx, issuer, raisedAt }));
    const seqs = this.#store.findings.record(
      stored.map((f) => ({
        id: f.id,
        index: row.idx,
        rule: f.rule,
        severity: f.severity,
        subjectKind: f.subject.kind,
        subjectId: f.subject.id,
        json: JSON.stringify(f),
      })),
      row.idx,
    );
    stored.forEach((f, i) => {
      const seq = seqs[i] ?? 0;
      if (seq === 0) return;
      const view = this.#view(f, seq);
      this.#notify(this.#listeners, view, row.idx);
    });
    if (changed !== undefined) this.#notify(this.#caseListeners, changed, row.idx);
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
