import {
  evaluateStatement,
  type Finding,
  type RuleSet,
  type ShipmentRecord,
} from '../../compliance/index.js';
import { TrustBook, trustView } from '../../credentials/index.js';
import { Ledger } from '../../custody/index.js';
import type { LoggedStatement } from '../../store/index.js';
import type { OperatorIdentity } from '../operator.js';
import { type Applied, applyLogged } from '../replay.js';
import { LedgerDirectory } from '../trust-directory.js';
import { contextOf, type FollowedState } from './context.js';
import type { ReferenceLists } from './reference.js';
import { ShipmentIndex, shipmentsOf } from './shipments.js';

/** A statement the follower applied, with its own shipments. */
export interface Followed extends Applied {
  readonly own: readonly ShipmentRecord[];
}

/** What one step of the log gave: the statement as applied (unless it failed) and its findings. */
export interface Step {
  readonly followed?: Followed;
  readonly findings: readonly Finding[];
}

/**
 * Follows a log statement by statement with its own ledger, trust book and shipment index, and
 * evaluates each statement against the state right after it: the live monitor and `audit replay` both
 * step through the log with this, which is why they agree.
 */
export class LogFollower {
  readonly #state: FollowedState;
  readonly #directory: LedgerDirectory;
  readonly #ruleSet: RuleSet;
  readonly #onProblem: (index: number, error: unknown) => void;

  constructor(
    operator: Pick<OperatorIdentity, 'did' | 'keys'>,
    ruleSet: RuleSet,
    reference: ReferenceLists,
    onProblem: (index: number, error: unknown) => void,
  ) {
    const ledger = new Ledger({ operator });
    const trust = new TrustBook();
    this.#directory = new LedgerDirectory(() => ledger, operator.did);
    this.#ruleSet = ruleSet;
    this.#onProblem = onProblem;
    this.#state = {
      ledger,
      trust,
      view: trustView(this.#directory, trust),
      shipments: new ShipmentIndex(),
      reference,
      sanctionsCache: new Map(),
    };
  }

  /** Apply one logged statement, evaluating it unless `evaluate` is false (catching up). */
  step(row: LoggedStatement, evaluate = true): Step {
    const followed = this.#follow(row);
    if (followed === undefined) return { findings: [] };
    const findings = evaluate ? this.#evaluate(row, followed) : [];
    // Only now: the statement's own shipments are not "earlier shipments" to itself.
    this.#state.shipments.add(followed.own);
    return { followed, findings };
  }

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
      // The live ledger accepted it, so this is a bug (or a log from another version), never input.
      this.#onProblem(row.idx, err);
      return undefined;
    }
  }

  #evaluate(row: LoggedStatement, followed: Followed): Finding[] {
    const { statement, registered, effects, own } = followed;
    try {
      return evaluateStatement(
        { statement, id: row.id, registered, effects },
        contextOf(this.#state, own),
        this.#ruleSet,
      );
    } catch (err) {
      this.#onProblem(row.idx, err);
      return [];
    }
  }
}
