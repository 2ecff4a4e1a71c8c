import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding, RuleSet } from '../../compliance/index.js';
import { DATABASE_FILE, SqliteStore } from '../../store/index.js';
import { ServiceError } from '../errors.js';
import { loadOperator } from '../operator.js';
import { LogFollower } from './follower.js';
import { loadReferenceLists, referenceFolderOf } from './reference.js';

/** Most findings listed per side of a diff (the counts are always complete). */
const LISTED = 1000;

export interface ReplayOptions {
  /** Reference lists to replay against (default: the node's, `<data>/compliance-data`). */
  readonly referenceFolder?: string;
  readonly progress?: (done: number) => void;
}

/** One rule's side of the diff. */
export interface RuleDiff {
  readonly rule: string;
  readonly stored: number;
  readonly replayed: number;
  readonly added: number;
  readonly removed: number;
}

/** A finding in a diff: enough to find it again and read why. */
export interface DiffEntry {
  readonly id: string;
  readonly rule: string;
  readonly subject: Finding['subject'];
  readonly statement: string;
  readonly message: string;
}

/** `lodestone audit replay --rules`: what the log raises under a rule set, against what the node stored. */
export interface FindingsDiff {
  readonly ruleSet: string;
  /** The rule set versions the stored findings were raised under. */
  readonly storedRuleSets: readonly string[];
  /** Statements compared: every one the node had evaluated (log indexes 0 to `through`). */
  readonly statements: number;
  readonly through: number;
  readonly stored: number;
  readonly replayed: number;
  readonly unchanged: number;
  /** Raised by the replay, not stored (at most 1 000 listed). */
  readonly added: readonly DiffEntry[];
  /** Stored, not raised by the replay (at most 1 000 listed). */
  readonly removed: readonly DiffEntry[];
  readonly byRule: readonly RuleDiff[];
}

/**
 * Continuous audit (issue 5 part 5): replay the whole log of a data directory under `ruleSet` with the
 * same follower the live monitor uses, and compare with the findings the node stored. Reads only: it
 * may run beside a running node.
 * @throws ServiceError BAD_QUERY when the directory holds no database
 */
export function replayFindings(dataDir: string, ruleSet: RuleSet, options: ReplayOptions = {}): FindingsDiff {
  if (!existsSync(join(dataDir, DATABASE_FILE))) {
    throw new ServiceError('BAD_QUERY', `${dataDir} holds no Lodestone database (${DATABASE_FILE})`);
  }
  const operator = loadOperator(dataDir);
  const reference = loadReferenceLists(options.referenceFolder ?? referenceFolderOf(dataDir));
  const store = SqliteStore.open(dataDir, { readonly: true });
  try {
    const through = store.findings.evaluatedThrough();
    const stored = new Map(
      store.findings.query({ limit: Number.MAX_SAFE_INTEGER }).map((r) => {
        const f = JSON.parse(r.json) as Finding;
        return [f.id, f] as const;
      }),
    );
    const follower = new LogFollower(operator, ruleSet, reference, () => {});
    const replayed = new Map<string, Finding>();
    let statements = 0;
    for (const row of store.loggedStatements(0)) {
      if (row.idx > through) break;
      for (const f of follower.step(row).findings) replayed.set(f.id, f);
      if (++statements % 10_000 === 0) options.progress?.(statements);
    }
    return diff(ruleSet.version, stored, replayed, statements, through);
  } finally {
    store.close();
  }
}

function diff(
  version: string,
  stored: ReadonlyMap<string, Finding>,
  replayed: ReadonlyMap<string, Finding>,
  statements: number,
  through: number,
): FindingsDiff {
  const added = [...replayed.values()].filter((f) => !stored.has(f.id));
  const removed = [...stored.values()].filter((f) => !replayed.has(f.id));
  const rules = new Map<string, { stored: number; replayed: number; added: number; removed: number }>();
  const count = (rule: string, key: 'stored' | 'replayed' | 'added' | 'removed'): void => {
    const entry = rules.get(rule) ?? { stored: 0, replayed: 0, added: 0, removed: 0 };
    entry[key]++;
    rules.set(rule, entry);
  };
  for (const f of stored.values()) count(f.rule, 'stored');
  for (const f of replayed.values()) count(f.rule, 'replayed');
  for (const f of added) count(f.rule, 'added');
  for (const f of removed) count(f.rule, 'removed');
  return {
    ruleSet: version,
    storedRuleSets: [...new Set([...stored.values()].map((f) => f.ruleSet))].sort(),
    statements,
    through,
    stored: stored.size,
    replayed: replayed.size,
    unchanged: replayed.size - added.length,
    added: added.slice(0, LISTED).map(entry),
    removed: removed.slice(0, LISTED).map(entry),
    byRule: [...rules.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([rule, c]) => ({ rule, ...c })),
  };
}

function entry(f: Finding): DiffEntry {
  return { id: f.id, rule: f.rule, subject: f.subject, statement: f.statement, message: f.message };
}
