import { TrustBook } from '../credentials/index.js';
import { sha256Hex } from '../crypto/index.js';
import {
  type Checkpoint,
  HASH_SIZE,
  hashLeaf,
  MerkleFrontier,
  type NoteVerifier,
  openCheckpoint,
  TILE_WIDTH,
  TileWriter,
} from '../log/index.js';
import { decodeEntry, encodeEntry, type RegistrationEntry } from '../model/index.js';
import type { LoggedStatement, RawRows, SqliteStore } from '../store/index.js';
import { compareDerived, DerivedCollector } from './audit-derived.js';
import type { OperatorIdentity } from './operator.js';
import { replayLedger } from './replay.js';

/** One discrepancy found by the audit, with where it is. */
export interface AuditProblem {
  readonly code:
    | 'AUDIT_ENTRY'
    | 'AUDIT_TILE'
    | 'AUDIT_CHECKPOINT'
    | 'AUDIT_STATEMENT'
    | 'AUDIT_DERIVED'
    | 'AUDIT_DATABASE';
  /**
   * Where: e.g. `entries[41]`, `tiles[level=0,index=3]`, `checkpoints[size=17]`, `statements[<id>]`,
   * `batches[<id>]`.
   */
  readonly where: string;
  readonly detail: string;
}

export interface AuditReport {
  readonly ok: boolean;
  readonly size: number;
  readonly counts: { entries: number; tiles: number; checkpoints: number; statements: number };
  /** In the order found; the first is the first discrepancy in log order. */
  readonly problems: readonly AuditProblem[];
}

export interface AuditOptions {
  /** Verifier of the log's checkpoint signatures (from the vkey). */
  readonly verifier: NoteVerifier;
  readonly origin: string;
  /** The node operator, root of the identity registry that says which key signs what, when. */
  readonly operator: Pick<OperatorIdentity, 'did' | 'keys'>;
  /** Called now and then with entries checked so far. */
  readonly progress?: (done: number) => void;
  /** Stop collecting after this many problems. */
  readonly maxProblems?: number;
}

/**
 * The full audit of DESIGN.md §4: replays every stored entry into fresh tiles and roots and compares them
 * with what is stored; checks every checkpoint's signature and root (so consecutive checkpoints are
 * consistent); checks every statement against its entry's digest and its signature. Nothing on disk is
 * trusted: every row is read raw and re-derived.
 */
export function auditStore(store: SqliteStore, options: AuditOptions): AuditReport {
  const problems: AuditProblem[] = [];
  const max = options.maxProblems ?? 100;
  const report = (p: AuditProblem): void => void (problems.length < max && problems.push(p));
  const rows = store.raw();
  const checkpoints = readCheckpoints(rows, options, report);
  const replay = replayEntries(rows, checkpoints, options, report);
  const tileCount = compareTiles(rows, replay.tiles, report);
  const derived = new DerivedCollector();
  const statementCount = checkStatements(rows, replay.entries, options, report, derived);
  compareDerived(store.derived, derived, report);
  const latest = checkpoints.at(-1)?.checkpoint.size ?? 0;
  if (latest !== replay.entries.length) {
    // Name the first entry in question: the first missing one, or the first no signed checkpoint covers.
    report({
      code: 'AUDIT_CHECKPOINT',
      where: `entries[${Math.min(latest, replay.entries.length)}]`,
      detail: `latest checkpoint size ${latest} but ${replay.entries.length} entries stored`,
    });
  }
  return {
    ok: problems.length === 0,
    size: replay.entries.length,
    counts: {
      entries: replay.entries.length,
      tiles: tileCount,
      checkpoints: checkpoints.length,
      statements: statementCount,
    },
    problems,
  };
}

type Report = (p: AuditProblem) => void;

interface VerifiedCheckpoint {
  readonly checkpoint: Checkpoint;
  readonly where: string;
}

function readCheckpoints(rows: RawRows, options: AuditOptions, report: Report): VerifiedCheckpoint[] {
  const out: VerifiedCheckpoint[] = [];
  for (const row of rows.checkpoints()) {
    const where = `checkpoints[size=${row.size}]`;
    try {
      const { checkpoint } = openCheckpoint(row.note, options.verifier);
      if (checkpoint.origin !== options.origin)
        throw new Error(`origin "${checkpoint.origin}" is not "${options.origin}"`);
      if (checkpoint.size !== row.size) throw new Error(`note says size ${checkpoint.size}`);
      out.push({ checkpoint, where });
    } catch (err) {
      report({ code: 'AUDIT_CHECKPOINT', where, detail: `signature or format: ${(err as Error).message}` });
    }
  }
  return out;
}

interface Replay {
  readonly entries: RegistrationEntry[];
  /** The tiles the entries imply, by `level/index`. */
  readonly tiles: Map<string, Buffer>;
}

function replayEntries(
  rows: RawRows,
  checkpoints: VerifiedCheckpoint[],
  options: AuditOptions,
  report: Report,
): Replay {
  const entries: RegistrationEntry[] = [];
  const tiles = new Map<string, Buffer>();
  const writer = TileWriter.empty();
  const frontier = new MerkleFrontier();
  // Tiles are rebuilt in chunks: each append copies the current partial tile, so per-leaf appends cost O(n·256).
  let chunk: Buffer[] = [];
  const flush = (): void => {
    for (const t of writer.append(chunk)) tiles.set(`${t.level}/${t.index}`, t.data);
    chunk = [];
  };
  // Entries whose leaf hash differs from the stored level-0 tile. When the next signed root does not match
  // the entries, they are the ones that changed (a changed tile alone leaves the roots matching).
  const stored = storedLeafHashes(rows);
  let suspects: number[] = [];
  let next = 0;
  let verifiedSize = 0;
  const checkRoots = (): void => {
    while (next < checkpoints.length && checkpoints[next]!.checkpoint.size <= frontier.size) {
      const { checkpoint, where } = checkpoints[next++]!;
      if (checkpoint.size !== frontier.size) continue;
      if (!checkpoint.rootHash.equals(frontier.root())) {
        for (const i of suspects) {
          report({
            code: 'AUDIT_ENTRY',
            where: `entries[${i}]`,
            detail: `leaf hash matches neither the stored tile nor the root signed at size ${checkpoint.size}`,
          });
        }
        report({
          code: 'AUDIT_CHECKPOINT',
          where,
          detail: `root hash differs from the root recomputed from the entries (changed in [${verifiedSize}, ${checkpoint.size}))`,
        });
      } else verifiedSize = checkpoint.size;
      suspects = [];
    }
  };
  checkRoots();
  try {
    for (const row of rows.entries()) {
      const where = `entries[${row.idx}]`;
      if (row.idx !== entries.length) {
        report({ code: 'AUDIT_ENTRY', where, detail: `expected index ${entries.length}` });
      }
      let decoded = true;
      try {
        entries.push(decodeEntry(row.data));
      } catch (err) {
        report({ code: 'AUDIT_ENTRY', where, detail: (err as Error).message });
        entries.push({ v: 1, statement: '', registered: '' });
        decoded = false;
      }
      const hash = hashLeaf(row.data);
      if (decoded && !stored.hash(frontier.size)?.equals(hash)) suspects.push(frontier.size);
      frontier.append(hash);
      chunk.push(hash);
      if (chunk.length === 256) flush();
      checkRoots();
      if (entries.length % 65_536 === 0) options.progress?.(entries.length);
    }
  } finally {
    stored.close();
  }
  flush();
  return { entries, tiles };
}

function compareTiles(rows: RawRows, expected: Map<string, Buffer>, report: Report): number {
  let count = 0;
  const seen = new Set<string>();
  for (const row of rows.tiles()) {
    count++;
    const key = `${row.level}/${row.idx}`;
    seen.add(key);
    const want = expected.get(key);
    if (!want)
      report({
        code: 'AUDIT_TILE',
        where: `tiles[level=${row.level},index=${row.idx}]`,
        detail: 'tile not implied by the entries',
      });
    else if (!want.equals(row.data)) {
      report({
        code: 'AUDIT_TILE',
        where: `tiles[level=${row.level},index=${row.idx}]`,
        detail: `differs at byte ${firstDifference(want, row.data)}`,
      });
    }
  }
  for (const key of expected.keys()) {
    if (!seen.has(key)) {
      const [level, index] = key.split('/');
      report({ code: 'AUDIT_TILE', where: `tiles[level=${level},index=${index}]`, detail: 'tile missing' });
    }
  }
  return count;
}

/**
 * Each statement against its entry (digest, index), then the whole log replayed through the ledger in
 * order: each signature verified with the key the registry held at the statement's time, each statement
 * re-checked by the rules, and its rows collected for comparison with the stored derived tables.
 */
function checkStatements(
  rows: RawRows,
  entries: RegistrationEntry[],
  options: AuditOptions,
  report: Report,
  derived: DerivedCollector,
): number {
  let count = 0;
  const covered = new Set<number>();
  function* logged(): IterableIterator<LoggedStatement> {
    for (const row of rows.statements()) {
      count++;
      const where = `statements[${row.id}]`;
      const digest = sha256Hex(row.jws);
      if (digest !== row.id) report({ code: 'AUDIT_STATEMENT', where, detail: `JWS digest is ${digest}` });
      const entry = entries[row.idx];
      if (entry?.statement !== row.id) {
        report({ code: 'AUDIT_STATEMENT', where, detail: `entry ${row.idx} names another statement` });
        continue;
      }
      covered.add(row.idx);
      yield { ...row, entry: Buffer.from(encodeEntry(entry)) };
    }
  }
  replayLedger(logged(), {
    operator: options.operator,
    // The trust registry's rules too: a logged trust statement they refuse is a discrepancy.
    trust: new TrustBook(),
    verify: true,
    onEffects: (effects) => derived.add(effects),
    onProblem: (p) => report({ code: 'AUDIT_STATEMENT', where: `statements[${p.id}]`, detail: p.detail }),
  });
  entries.forEach((_, i) => {
    if (!covered.has(i))
      report({
        code: 'AUDIT_STATEMENT',
        where: `entries[${i}]`,
        detail: 'no stored statement for this entry',
      });
  });
  return count;
}

/** The leaf hashes in the stored level-0 tiles, read forward alongside the entries (tiles come level by level). */
function storedLeafHashes(rows: RawRows): { hash(index: number): Buffer | undefined; close(): void } {
  const tiles = rows.tiles();
  let tile: { level: number; idx: number; data: Buffer } | undefined;
  let done = false;
  return {
    hash(index) {
      const want = Math.floor(index / TILE_WIDTH);
      while (!done && (tile === undefined || tile.level < 0 || (tile.level === 0 && tile.idx < want))) {
        const next = tiles.next();
        if (next.done) done = true;
        else tile = next.value;
      }
      if (tile?.level !== 0 || tile.idx !== want) return undefined;
      const at = (index % TILE_WIDTH) * HASH_SIZE;
      return tile.data.length >= at + HASH_SIZE ? tile.data.subarray(at, at + HASH_SIZE) : undefined;
    },
    close: () => void tiles.return?.(),
  };
}

function firstDifference(a: Buffer, b: Buffer): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return n;
}
