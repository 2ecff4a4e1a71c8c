import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { TrustBook } from '../credentials/index.js';
import type { LedgerEffects } from '../custody/index.js';
import { DATABASE_FILE, SqliteStore } from '../store/index.js';
import { compareDerived, DerivedCollector } from './audit-derived.js';
import { ServiceError } from './errors.js';
import { lockDataDirectory } from './lock.js';
import { loadOperator, type OperatorIdentity } from './operator.js';
import { type ReplayProblem, replayLedger } from './replay.js';

export interface RebuildOptions {
  /** Compare only; leave the stored tables as they are. */
  readonly check?: boolean;
  /** Verify every statement's signature on the way (as the audit does). */
  readonly verify?: boolean;
  readonly progress?: (done: number) => void;
}

export interface RebuildReport {
  readonly statements: number;
  /** True when the stored derived tables equal the replay of the log, row for row. */
  readonly identical: boolean;
  /** Rows that differed before the rebuild (at most 100 listed). */
  readonly differences: readonly { readonly where: string; readonly detail: string }[];
  /** Logged statements the rules refuse on replay (none on an honest log). */
  readonly problems: readonly ReplayProblem[];
  /** Whether the stored tables were replaced by the replay. */
  readonly rewritten: boolean;
}

/**
 * `lodestone rebuild`: replay the log alone into the registry and custody state, compare it with the
 * stored derived tables, and (unless `check`) replace them with it in one transaction. The node must
 * not be running on the directory (it holds the directory lock).
 */
export function rebuildDataDirectory(dataDir: string, options: RebuildOptions = {}): RebuildReport {
  if (!existsSync(join(dataDir, DATABASE_FILE))) {
    throw new ServiceError('BAD_QUERY', `${dataDir} holds no Lodestone database (${DATABASE_FILE})`);
  }
  // Before anything is opened: a missing key is reported as such, not as a half-opened store.
  const operator = loadOperator(dataDir);
  const unlock = lockDataDirectory(dataDir);
  try {
    return rebuild(dataDir, operator, options);
  } finally {
    unlock();
  }
}

function rebuild(dataDir: string, operator: OperatorIdentity, options: RebuildOptions): RebuildReport {
  const store = SqliteStore.open(dataDir);
  try {
    const collected = new DerivedCollector();
    const all: LedgerEffects[] = [];
    const problems: ReplayProblem[] = [];
    let statements = 0;
    replayLedger(store.loggedStatements(), {
      operator,
      trust: new TrustBook(),
      verify: options.verify ?? false,
      onEffects: (effects) => {
        statements++;
        collected.add(effects);
        all.push(effects);
      },
      onProblem: (p) => {
        statements++;
        problems.push(p);
      },
      ...(options.progress && { progress: options.progress }),
    });
    const differences: { where: string; detail: string }[] = [];
    const count = compareDerived(store.derived, collected, (d) => {
      if (differences.length < 100) differences.push({ where: d.where, detail: d.detail });
    });
    const rewrite = !options.check && count > 0;
    if (rewrite) store.replaceDerived(all);
    return { statements, identical: count === 0, differences, problems, rewritten: rewrite };
  } finally {
    store.close();
  }
}
