import type { TrustBook } from '../credentials/index.js';
import { verifyParsedJws } from '../crypto/index.js';
import { Ledger, type LedgerEffects } from '../custody/index.js';
import { decodeEntry, type SupplyStatement } from '../model/index.js';
import type { LoggedStatement } from '../store/index.js';
import { importedFromLogged } from './cross-border.js';
import { keyObjectOf } from './key-objects.js';
import type { OperatorIdentity } from './operator.js';
import { parseStatement } from './parse.js';
import { LedgerDirectory } from './trust-directory.js';

/** A logged statement the ledger refuses on replay: the log and the rules disagree. */
export interface ReplayProblem {
  readonly index: number;
  readonly id: string;
  readonly detail: string;
}

export interface ReplayOptions {
  readonly operator: Pick<OperatorIdentity, 'did' | 'keys'>;
  /** The trust book to rebuild beside the ledger (trust lists, accreditations, certificates, status lists). */
  readonly trust?: TrustBook;
  /** Verify every signature with the key the registry held at the statement's time (the audit does). */
  readonly verify?: boolean;
  /** Each statement's rows, in log order. */
  readonly onEffects?: (effects: LedgerEffects, statement: LoggedStatement) => void;
  /** Each statement as parsed and applied, in log order. */
  readonly onApplied?: (applied: Applied) => void;
  /** A statement that fails; without this handler replay throws instead. */
  readonly onProblem?: (problem: ReplayProblem) => void;
  readonly progress?: (done: number) => void;
}

/**
 * Rebuild the ledger by applying every logged statement in log order, each at its registration time,
 * exactly as the live node did (DESIGN.md §11: derived state is a function of the log).
 */
export function replayLedger(statements: Iterable<LoggedStatement>, options: ReplayOptions): Ledger {
  const ledger = new Ledger({ operator: options.operator });
  const directory = new LedgerDirectory(() => ledger, options.operator.did);
  let done = 0;
  for (const row of statements) {
    try {
      const applied = applyLogged(
        ledger,
        row,
        (statement, registered) =>
          options.trust?.apply(statement, { statement: row.id, registered, jws: jwsOf(row) }, directory),
        options.verify === true,
      );
      options.onEffects?.(applied.effects, row);
      options.onApplied?.(applied);
    } catch (err) {
      const problem = { index: row.idx, id: row.id, detail: (err as Error).message };
      if (!options.onProblem) throw err;
      options.onProblem(problem);
    }
    if (++done % 10_000 === 0) options.progress?.(done);
  }
  return ledger;
}

/** One logged statement as a replay applied it. */
export interface Applied {
  readonly statement: SupplyStatement;
  readonly registered: string;
  readonly effects: LedgerEffects;
}

/**
 * Apply one logged statement to `ledger` (and, through `trust`, to a trust book), at its registration
 * time, as the live node did. Followers of the log (the compliance monitor) step through it with this;
 * `before` sees the parsed statement while the ledger is still as it was before it.
 * @throws whatever the ledger or the trust book refuses
 */
export function applyLogged(
  ledger: Ledger,
  row: LoggedStatement,
  trust: (statement: SupplyStatement, registered: string) => void,
  verify = false,
  before?: (statement: SupplyStatement) => void,
): Applied {
  const { registered } = decodeEntry(row.entry);
  const { jws, statement } = parseStatement(jwsOf(row), registered);
  before?.(statement);
  if (verify) {
    const jwk = ledger.signingKey(statement.kid, statement.issuer, statement.time);
    if (!verifyParsedJws(jws, keyObjectOf(jwk))) throw new Error('JWS signature does not verify');
  }
  // A cross-border receipt's foreign proofs were checked when it was registered; the batch it brought
  // in is read back from the summary it carries.
  const imported =
    statement.body.kind === 'cross-border-receipt' ? importedFromLogged(statement.body) : undefined;
  const effects = ledger.apply(statement, { id: row.id, registered, ...(imported && { imported }) });
  // Trust statements change the ledger not at all, so one the trust book refuses leaves both unchanged.
  trust(statement, registered);
  return { statement, registered, effects };
}

function jwsOf(row: LoggedStatement): string {
  return row.jws.toString('latin1');
}
