/**
 * Acceptance (DESIGN.md §4, §13): "flipping any single byte of any stored record is detected by
 * `lodestone verify`", and the report names the row (`entries[41]`, `tiles[level=0,index=1]`,
 * `checkpoints[size=44]`, `statements[<id>]`, `organizations[<did>]`).
 *
 * A node writes a small realistic log (300 entries: the identity registrations of two organisations, then
 * their statements, integrated in batches of varying size: a full level-0 tile, a partial level-0 and a
 * partial level-1 tile, ~30 checkpoints) and closes, which checkpoints its WAL into the database file. Each
 * case then copies that file, changes it the way an attacker with disk access would (better-sqlite3
 * straight on the file, bypassing the node), closes the connection so the change lands in the file itself,
 * and audits the copy.
 *
 * What must be caught, and what is out of scope:
 * - entries (idx, data), tiles (level, idx, data), checkpoints (size, note), statements (idx, id, jws):
 *   the log's evidence. Every byte and every key column is in scope.
 * - the derived tables (organizations, org_keys, facilities, batches, …): the ledger's state, which the
 *   audit recomputes by replaying the log. A row the replay does not produce, a missing row, or a row whose
 *   JSON (`row`) differs is reported as `AUDIT_DERIVED` at `<table>[<key>]`. Keys no longer come from a
 *   table: a statement's signature is checked with the key the logged registrations bound at its time.
 *   The columns beside `row` that copy a field of it for filtering (organizations.country, org_keys.did,
 *   batches.custodian, …) are not compared by the audit: a known gap, not covered here.
 * - meta: out of scope. It holds the schema version the node migrates by, not a claim of the log; a
 *   changed value changes no entry, tile, root or statement the audit checks.
 * - Deleting an intermediate checkpoint (or the size-0 one): out of scope, and a known gap. Checkpoints
 *   are not chained, so the remaining ones still form a consistent log that merely proves less; a withdrawn
 *   checkpoint is caught by whoever holds it (receipts, witnesses' cosignatures), not by the data
 *   directory. Deleting the latest checkpoint is caught (the entries after the new latest are uncovered).
 * - Bytes of the SQLite file outside the rows (page headers, free space) are not records.
 * - log.key and operator.key: the in-process audits here take the vkey from the node that signed (as
 *   `--vkey` does); the operator key, root of the identity registry, is read from the data directory (a
 *   replaced one makes every logged registration fail). The CLI runs derive the vkey from log.key, as by
 *   default.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateEd25519, jwkFromPublicKey, parseCompactJws } from '../src/crypto/index.js';
import {
  hashLeaf,
  newEd25519Signer,
  rootOfLeafHashes,
  signCheckpoint,
  splitHashTile,
} from '../src/log/index.js';
import { createEntry, encodeEntry, statementId } from '../src/model/index.js';
import { type AuditReport, auditDataDirectory, OPERATOR_KEY_FILE } from '../src/service/index.js';
import { DATABASE_FILE } from '../src/store/index.js';
import {
  didOf,
  openTestNode,
  registerSigner,
  samplePayload,
  type TestSigner,
  tempDir,
  testSigner,
} from './helpers/node.js';

type Db = Database.Database;

/** Entries in the log, and rows in the statements table. */
const STATEMENTS = 300;
/** The first entries: the two organisations' identity registrations. */
const REGISTRATIONS = 2;
const OTHER_KID = 'did:web:mine.example#key-7';
// Sizes of the groups submitted together: each group is integrated as one batch with one checkpoint.
const GROUPS = [1, 1, 2, 7, 40, 3, 64, 5, 13, 1, 29, 50, 8, 2, 17, 3, 1, 4, 9, 11, 6, 2, 1, 5, 3, 12];
const BIN = fileURLToPath(new URL('../bin/lodestone.js', import.meta.url));
const DIST_MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));

// Random rows and byte positions, reproducible: TAMPER_SEED=<n> npx vitest run test/tamper
const SEED = Number(process.env.TAMPER_SEED ?? Math.floor(Math.random() * 2 ** 31));
let state = SEED >>> 0;
/** mulberry32: a uniform integer in [0, n). */
function rnd(n: number): number {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return Math.floor((((t ^ (t >>> 14)) >>> 0) / 2 ** 32) * n);
}
const mask = (): number => 1 + rnd(255);
const pick = <T>(xs: readonly T[]): T => xs[rnd(xs.length)]!;
/** `k` distinct random members of `xs`, plus `always`. */
function sample<T>(xs: readonly T[], k: number, always: readonly T[] = []): T[] {
  const out = new Set<T>(always);
  while (out.size < Math.min(xs.length, always.length + k)) out.add(pick(xs));
  return [...out];
}

interface Fixture {
  readonly source: string; // the pristine data directory, closed
  readonly work: string; // where each case's tampered copy goes
  readonly vkey: string;
  readonly origin: string;
  readonly entries: { idx: number; data: Buffer }[];
  readonly tiles: { level: number; idx: number; data: Buffer }[];
  readonly checkpoints: { size: number; note: string }[];
  readonly statements: { idx: number; id: string; jws: Buffer }[];
  readonly organizations: { did: string; row: string }[];
  readonly orgKeys: { kid: string; row: string }[];
}

let fx: Fixture;
const cleanups: (() => void | Promise<void>)[] = [];

beforeAll(async () => {
  const t = await openTestNode({ maxBatch: 64 });
  cleanups.push(t.close);
  const other = testSigner(OTHER_KID);
  await registerSigner(t.node, other, ['producer'], 'COD');
  expect(t.node.size).toBe(REGISTRATIONS);
  const signerOf = (n: number): TestSigner => (n % 3 === 0 ? other : t.signer);
  const payload = (n: number) => ({ ...samplePayload(n), issuer: didOf(signerOf(n)) });
  for (let n = REGISTRATIONS, g = 0; n < STATEMENTS; g++) {
    const k = Math.min(GROUPS[g % GROUPS.length]!, STATEMENTS - n);
    await Promise.all(
      Array.from({ length: k }, (_, i) => t.node.register(signerOf(n + i).sign(payload(n + i)))),
    );
    n += k;
  }
  const { vkey, origin } = t.node.info;
  await t.node.close();
  const source = t.dir;
  expect(existsSync(join(source, `${DATABASE_FILE}-wal`))).toBe(false); // checkpointed into the file
  const work = tempDir('lodestone-tamper-');
  cleanups.push(work.cleanup);
  for (const file of ['log.key', OPERATOR_KEY_FILE]) copyFileSync(join(source, file), join(work.dir, file));
  const db = new Database(join(source, DATABASE_FILE), { readonly: true });
  try {
    const all = <T>(sql: string): T[] => db.prepare(sql).all() as T[];
    fx = {
      source,
      work: work.dir,
      vkey,
      origin,
      entries: all('SELECT idx, data FROM entries ORDER BY idx'),
      tiles: all('SELECT level, idx, data FROM tiles ORDER BY level, idx'),
      checkpoints: all('SELECT size, note FROM checkpoints ORDER BY size'),
      statements: all('SELECT idx, id, jws FROM statements ORDER BY idx'),
      organizations: all('SELECT did, row FROM organizations ORDER BY did'),
      orgKeys: all('SELECT kid, row FROM org_keys ORDER BY kid'),
    };
  } finally {
    db.close();
  }
  // The readonly open above leaves empty -wal/-shm files; the pristine copy is the main file alone.
  for (const ext of ['-wal', '-shm']) rmSync(join(source, DATABASE_FILE + ext), { force: true });
}, 60_000);

afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

/** Copy the pristine database into the work directory, apply `mutation` to the file, and audit it. */
function tamper(mutation: (db: Db) => void): AuditReport {
  const file = join(fx.work, DATABASE_FILE);
  for (const ext of ['-wal', '-shm']) rmSync(file + ext, { force: true });
  copyFileSync(join(fx.source, DATABASE_FILE), file);
  const db = new Database(file);
  try {
    db.transaction(() => mutation(db))();
  } finally {
    db.close();
  }
  // Closing the only connection checkpointed the change into the database file and removed the WAL.
  if (existsSync(`${file}-wal`)) throw new Error('the change is still in the WAL, not in the file');
  return auditDataDirectory(fx.work, { vkey: fx.vkey });
}

/** `bytes` with byte `at` XORed with a nonzero `m`. */
function flipped(bytes: Buffer | string, at: number, m: number): Buffer {
  const out = Buffer.from(bytes);
  expect(m & 0xff).not.toBe(0);
  out[at] = out[at]! ^ m;
  return out;
}

interface Case {
  readonly label: string;
  readonly want: string;
  /** The first problem reported must be at `want` (the first discrepancy, precisely). */
  readonly first?: boolean;
  readonly mutation: (db: Db) => void;
}

/**
 * Run the cases and return the ones the audit got wrong (not detected, or not at `want`), so a failure
 * lists every miss at once.
 */
function misses(cases: readonly Case[]): string[] {
  const out: string[] = [];
  for (const c of cases) {
    const report = tamper(c.mutation);
    const wheres = report.problems.map((p) => p.where);
    const found = c.first ? wheres[0] === c.want : wheres.includes(c.want);
    if (report.ok || !found) {
      const got = report.problems.slice(0, 3).map((p) => `${p.where}: ${p.detail}`);
      out.push(`${c.label} (seed ${SEED}): want ${c.want}, got ${report.ok ? 'ok' : got.join(' | ')}`);
    }
  }
  return out;
}

/** Flip one byte of a BLOB column. */
const flipBlob =
  (table: string, column: string, where: string, key: readonly number[], at: number, m: number) =>
  (db: Db): void => {
    const row = db.prepare(`SELECT ${column} AS v FROM ${table} WHERE ${where}`).get(...key) as { v: Buffer };
    const changed = db
      .prepare(`UPDATE ${table} SET ${column} = ? WHERE ${where}`)
      .run(flipped(row.v, at, m), ...key).changes;
    expect(changed).toBe(1);
  };

/**
 * Flip one byte of a TEXT column's stored (UTF-8) bytes. CAST(blob AS TEXT) stores the bytes as they are,
 * valid UTF-8 or not, as a disk editor would.
 */
const flipText =
  (table: string, column: string, where: string, key: readonly (number | string)[], at: number, m: number) =>
  (db: Db): void => {
    const row = db
      .prepare(`SELECT CAST(${column} AS BLOB) AS v FROM ${table} WHERE ${where}`)
      .get(...key) as {
      v: Buffer;
    };
    const changed = db
      .prepare(`UPDATE ${table} SET ${column} = CAST(? AS TEXT) WHERE ${where}`)
      .run(flipped(row.v, at, m), ...key).changes;
    expect(changed).toBe(1);
  };

/** The smallest mask that turns a lowercase hex digit into another one. */
function hexPreservingMask(c: number): number {
  const hex = (b: number): boolean => (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x66);
  for (let m = 1; m < 16; m++) if (hex(c ^ m)) return m;
  throw new Error(`${c} is not a hex digit`);
}

/** All of `mutations`, in order. */
const both =
  (...mutations: ((db: Db) => void)[]) =>
  (db: Db): void => {
    for (const m of mutations) m(db);
  };

const tileWhere = (level: number, index: number): string => `tiles[level=${level},index=${index}]`;
const stmtWhere = (idx: number): string => `statements[${fx.statements[idx]!.id}]`;
/** Index of the first statement (after the registrations) signed with `kid`. */
const firstSignedBy = (kid: string): number =>
  fx.statements.find(
    (s) => s.idx >= REGISTRATIONS && parseCompactJws(s.jws.toString('ascii')).header.kid === kid,
  )!.idx;

/** The three sweeps below run over a hundred audits each: on a loaded two-core CI machine they need more than the default. */
const HEAVY_MS = 120_000;

describe(`tampering with the data directory is detected and located (seed ${SEED})`, () => {
  it('the fixture is the log the cases assume, and it audits clean', () => {
    expect(fx.entries).toHaveLength(STATEMENTS);
    expect(fx.statements).toHaveLength(STATEMENTS);
    expect(fx.tiles.map((t) => [t.level, t.idx, t.data.length / 32])).toEqual([
      [0, 0, 256],
      [0, 1, STATEMENTS - 256],
      [1, 0, 1],
    ]);
    expect(fx.checkpoints.length).toBeGreaterThanOrEqual(25);
    expect(fx.checkpoints.at(-1)!.size).toBe(STATEMENTS);
    expect(fx.organizations.map((o) => o.did)).toEqual(['did:web:mine.example', 'did:web:refiner.example']);
    expect(fx.orgKeys.map((k) => k.kid)).toEqual([OTHER_KID, 'did:web:refiner.example#key-1']);
    const report = tamper(() => {});
    expect(report).toMatchObject({ ok: true, size: STATEMENTS, problems: [] });
    expect(report.counts).toEqual({
      entries: STATEMENTS,
      tiles: 3,
      checkpoints: fx.checkpoints.length,
      statements: STATEMENTS,
    });
  });

  it(
    'entries.data: a flipped byte anywhere, including flips that leave a valid entry',
    () => {
      const cases: Case[] = [];
      const rows = sample(fx.entries, 24, [
        fx.entries[0]!,
        fx.entries[41]!,
        fx.entries[255]!,
        fx.entries[256]!,
      ]);
      for (const { idx, data } of [...rows, fx.entries.at(-1)!]) {
        const text = data.toString('latin1');
        const hex = text.indexOf('"statement":"') + 13;
        const time = text.indexOf('"registered":"') + 14;
        const positions = [rnd(data.length), pick([0, data.length - 1, hex + rnd(64)])];
        for (const at of positions) {
          cases.push({
            label: `entries[${idx}] byte ${at}`,
            want: `entries[${idx}]`,
            first: true,
            mutation: flipBlob('entries', 'data', 'idx = ?', [idx], at, mask()),
          });
        }
        // Still canonical JSON of a valid v1 entry: only the signed roots and the stored tiles tell.
        const ms = time + 20 + rnd(3); // a millisecond digit: d ^ 1 is a digit
        cases.push({
          label: `entries[${idx}] registered ms digit ${ms}`,
          want: `entries[${idx}]`,
          first: true,
          mutation: flipBlob('entries', 'data', 'idx = ?', [idx], ms, 1),
        });
        const at = hex + rnd(64);
        const toHex = hexPreservingMask(data[at]!);
        cases.push({
          label: `entries[${idx}] statement hex digit ${at}`,
          want: `entries[${idx}]`,
          first: true,
          mutation: flipBlob('entries', 'data', 'idx = ?', [idx], at, toHex),
        });
      }
      expect(cases.length).toBeGreaterThanOrEqual(110);
      expect(misses(cases)).toEqual([]);
    },
    HEAVY_MS,
  );

  it('tiles.data: every tile, first and last byte, hash boundaries and random bytes', () => {
    const cases: Case[] = [];
    for (const { level, idx, data } of fx.tiles) {
      const bounds = [0, data.length - 1, 31, 32].filter((b) => b < data.length);
      const positions = [...new Set([...bounds, ...Array.from({ length: 6 }, () => rnd(data.length))])];
      for (const at of positions) {
        cases.push({
          label: `tiles[${level}/${idx}] byte ${at}`,
          want: tileWhere(level, idx),
          first: true,
          mutation: flipBlob('tiles', 'data', 'level = ? AND idx = ?', [level, idx], at, mask()),
        });
      }
    }
    expect(misses(cases)).toEqual([]);
  });

  it(
    'checkpoints.note: every checkpoint, in its body, root hash and signature',
    () => {
      const cases: Case[] = [];
      for (const { size, note } of fx.checkpoints) {
        const bytes = Buffer.from(note, 'utf8');
        const lines = note.split('\n'); // origin, size, root, '', signature line, ''
        const root = Buffer.byteLength(`${lines[0]}\n${lines[1]}\n`);
        const sig = bytes.lastIndexOf(' ') + 1;
        const positions = new Set([
          root + rnd(44), // inside the root hash
          sig + rnd(bytes.length - 1 - sig), // inside the signature
          pick([0, bytes.length - 1, rnd(bytes.length)]),
        ]);
        for (const at of positions) {
          cases.push({
            label: `checkpoints[${size}] byte ${at}`,
            want: `checkpoints[size=${size}]`,
            first: true,
            mutation: flipText('checkpoints', 'note', 'size = ?', [size], at, mask()),
          });
        }
      }
      expect(cases.length).toBeGreaterThanOrEqual(2 * fx.checkpoints.length);
      expect(misses(cases)).toEqual([]);
    },
    HEAVY_MS,
  );

  it(
    'statements.jws and statements.id: header, payload, signature, first and last byte',
    () => {
      const cases: Case[] = [];
      for (const { idx, jws } of sample(fx.statements, 16, [fx.statements[0]!, fx.statements.at(-1)!])) {
        const dots = [jws.indexOf(0x2e), jws.lastIndexOf(0x2e)] as const;
        const positions = new Set([
          rnd(dots[0]), // header
          dots[0] + 1 + rnd(dots[1] - dots[0] - 1), // payload
          dots[1] + 1 + rnd(jws.length - dots[1] - 1), // signature
          pick([0, jws.length - 1, dots[0], dots[1]]),
        ]);
        for (const at of positions) {
          cases.push({
            label: `statements[${idx}].jws byte ${at}`,
            want: stmtWhere(idx),
            first: true,
            mutation: flipBlob('statements', 'jws', 'idx = ?', [idx], at, mask()),
          });
        }
      }
      for (const { idx } of sample(fx.statements, 10)) {
        const at = pick([0, 63, rnd(64)]);
        const m = mask();
        // The where names the id as stored, so the operator finds the row; compute it as SQLite returns it.
        let stored = '';
        cases.push({
          label: `statements[${idx}].id byte ${at}`,
          get want() {
            return `statements[${stored}]`;
          },
          first: true,
          mutation: (db) => {
            flipText('statements', 'id', 'idx = ?', [idx], at, m)(db);
            stored = (db.prepare('SELECT id FROM statements WHERE idx = ?').get(idx) as { id: string }).id;
          },
        });
      }
      expect(misses(cases)).toEqual([]);
    },
    HEAVY_MS,
  );

  it('organizations and org_keys: a changed byte of a row or its key is reported as AUDIT_DERIVED there', () => {
    const cases: Case[] = [];
    const derived = (table: string, keyColumn: string, rows: { key: string; row: string }[]): void => {
      for (const { key, row } of rows) {
        const want = `${table}[${key}]`;
        const x = row.indexOf('"x":"') + 5;
        const positions = new Set([0, row.length - 1, rnd(row.length), ...(x > 4 ? [x + rnd(43)] : [])]);
        for (const at of positions) {
          cases.push({
            label: `${table}[${key}].row byte ${at}`,
            want,
            first: true,
            mutation: flipText(table, 'row', `${keyColumn} = ?`, [key], at, mask()),
          });
        }
        // A renamed row: the replay's row is missing, and the stored one is produced by no statement.
        for (const at of [rnd(key.length)]) {
          cases.push({
            label: `${table}[${key}].${keyColumn} byte ${at}`,
            want,
            mutation: flipText(table, keyColumn, `${keyColumn} = ?`, [key], at, mask()),
          });
        }
      }
    };
    derived(
      'organizations',
      'did',
      fx.organizations.map((o) => ({ key: o.did, row: o.row })),
    );
    derived(
      'org_keys',
      'kid',
      fx.orgKeys.map((k) => ({ key: k.kid, row: k.row })),
    );
    // The same keys and roles, another binding: a row the log does say something about, rewritten whole.
    const [mine] = fx.orgKeys;
    const rebound = { ...JSON.parse(mine!.row), jwk: jwkFromPublicKey(generateEd25519().publicKey) };
    cases.push({
      label: `org_keys[${mine!.kid}] bound to the attacker's key`,
      want: `org_keys[${mine!.kid}]`,
      first: true,
      mutation: (db) =>
        void db.prepare('UPDATE org_keys SET row = ? WHERE kid = ?').run(JSON.stringify(rebound), mine!.kid),
    });
    const [refiner] = fx.organizations.filter((o) => o.did === 'did:web:refiner.example');
    const promoted = { ...JSON.parse(refiner!.row), roles: ['producer', 'auditor'] };
    cases.push({
      label: 'organizations[refiner] made an auditor',
      want: 'organizations[did:web:refiner.example]',
      first: true,
      mutation: (db) =>
        void db
          .prepare('UPDATE organizations SET row = ? WHERE did = ?')
          .run(JSON.stringify(promoted), refiner!.did),
    });
    expect(misses(cases)).toEqual([]);
  });

  it('integer columns: changed idx, level and size values', () => {
    const swap =
      (table: string, a: number, b: number) =>
      (db: Db): void => {
        const set = db.prepare(`UPDATE ${table} SET idx = ? WHERE idx = ?`);
        set.run(-1, a);
        set.run(a, b);
        set.run(b, -1);
      };
    const set =
      (sql: string, ...params: number[]) =>
      (db: Db) =>
        void expect(db.prepare(sql).run(...params).changes).toBe(1);
    const sizes = new Set(fx.checkpoints.map((c) => c.size));
    // A checkpoint whose size - 1 is free, so moving it there breaks no primary key.
    const movable = fx.checkpoints.find((c) => c.size > 1 && !sizes.has(c.size - 1));
    const cases: Case[] = [
      // Row 41 moved away: the row found where 41 belongs is 42.
      {
        label: 'entries idx 41 → 1000',
        want: 'entries[42]',
        first: true,
        mutation: set('UPDATE entries SET idx = 1000 WHERE idx = 41'),
      },
      {
        label: 'entries idx 299 → 300',
        want: 'entries[300]',
        first: true,
        mutation: set('UPDATE entries SET idx = 300 WHERE idx = 299'),
      },
      { label: 'entries 41 ↔ 42', want: 'entries[41]', first: true, mutation: swap('entries', 41, 42) },
      { label: 'entries 0 ↔ 256', want: 'entries[0]', first: true, mutation: swap('entries', 0, 256) },
      {
        label: 'tiles (0,1) → (0,2)',
        want: tileWhere(0, 2),
        first: true,
        mutation: set('UPDATE tiles SET idx = 2 WHERE level = 0 AND idx = 1'),
      },
      {
        label: 'tiles (0,1) → (0,2), missing',
        want: tileWhere(0, 1),
        mutation: set('UPDATE tiles SET idx = 2 WHERE level = 0 AND idx = 1'),
      },
      {
        label: 'tiles (1,0) → (2,0)',
        want: tileWhere(2, 0),
        first: true,
        mutation: set('UPDATE tiles SET level = 2 WHERE level = 1 AND idx = 0'),
      },
      {
        label: 'tiles (0,1) → (1,1)',
        want: tileWhere(0, 1),
        mutation: set('UPDATE tiles SET level = 1 WHERE level = 0 AND idx = 1'),
      },
      {
        label: `checkpoints size ${movable!.size} → ${movable!.size - 1}`,
        want: `checkpoints[size=${movable!.size - 1}]`,
        first: true,
        mutation: set('UPDATE checkpoints SET size = ? WHERE size = ?', movable!.size - 1, movable!.size),
      },
      {
        label: 'checkpoints size 300 → 301',
        want: 'checkpoints[size=301]',
        first: true,
        mutation: set('UPDATE checkpoints SET size = 301 WHERE size = 300'),
      },
      {
        label: 'statements idx 41 → 1000',
        want: stmtWhere(41),
        first: true,
        mutation: set('UPDATE statements SET idx = 1000 WHERE idx = 41'),
      },
      {
        label: 'statements idx 41 → 1000, entry uncovered',
        want: 'entries[41]',
        mutation: set('UPDATE statements SET idx = 1000 WHERE idx = 41'),
      },
      // Row idx 41 now holds the statement of entry 42.
      { label: 'statements 41 ↔ 42', want: stmtWhere(42), first: true, mutation: swap('statements', 41, 42) },
    ];
    expect(misses(cases)).toEqual([]);
  });

  it('deleted rows', () => {
    const del =
      (sql: string, ...params: number[]) =>
      (db: Db) =>
        void expect(db.prepare(sql).run(...params).changes).toBe(1);
    const latest = fx.checkpoints.at(-1)!.size;
    const previous = fx.checkpoints.at(-2)!.size;
    const cases: Case[] = [
      {
        label: 'entry 41',
        want: 'entries[42]',
        first: true,
        mutation: del('DELETE FROM entries WHERE idx = 41'),
      },
      {
        label: 'entry 0',
        want: 'entries[1]',
        first: true,
        mutation: del('DELETE FROM entries WHERE idx = 0'),
      },
      { label: 'the last entry', want: 'entries[299]', mutation: del('DELETE FROM entries WHERE idx = 299') },
      {
        label: 'tile (0,1)',
        want: tileWhere(0, 1),
        first: true,
        mutation: del('DELETE FROM tiles WHERE level = 0 AND idx = 1'),
      },
      {
        label: 'tile (0,0)',
        want: tileWhere(0, 0),
        first: true,
        mutation: del('DELETE FROM tiles WHERE level = 0 AND idx = 0'),
      },
      {
        label: 'tile (1,0)',
        want: tileWhere(1, 0),
        first: true,
        mutation: del('DELETE FROM tiles WHERE level = 1 AND idx = 0'),
      },
      // The entries after the new latest checkpoint are covered by none.
      {
        label: 'the latest checkpoint',
        want: `entries[${previous}]`,
        first: true,
        mutation: del('DELETE FROM checkpoints WHERE size = ?', latest),
      },
      {
        label: 'statement 41',
        want: 'entries[41]',
        first: true,
        mutation: del('DELETE FROM statements WHERE idx = 41'),
      },
      {
        label: 'statement 299',
        want: 'entries[299]',
        first: true,
        mutation: del('DELETE FROM statements WHERE idx = 299'),
      },
      // Without its registration, the organisation's key signs nothing: its first statement is refused.
      {
        label: 'the identity registration of an organisation',
        want: stmtWhere(firstSignedBy(OTHER_KID)),
        first: true,
        mutation: del('DELETE FROM statements WHERE idx = 1'),
      },
      {
        label: 'the identity registration of an organisation, entry uncovered',
        want: 'entries[1]',
        mutation: del('DELETE FROM statements WHERE idx = 1'),
      },
      {
        label: `org key ${OTHER_KID}`,
        want: `org_keys[${OTHER_KID}]`,
        first: true,
        mutation: (db) => void db.prepare('DELETE FROM org_keys WHERE kid = ?').run(OTHER_KID),
      },
      {
        label: 'organization did:web:refiner.example',
        want: 'organizations[did:web:refiner.example]',
        first: true,
        mutation: (db) =>
          void db.prepare('DELETE FROM organizations WHERE did = ?').run('did:web:refiner.example'),
      },
    ];
    expect(misses(cases)).toEqual([]);
  });

  it('forged rows, up to a whole consistent registration that only the log key could have signed', () => {
    // A statement signed by the attacker's key, whose organisation and key the attacker also writes into
    // the registry tables (no logged registration binds them: only the operator key could sign one).
    const attacker = testSigner('did:web:attacker.example#key-1');
    const jws = attacker.sign({ ...samplePayload(9999), issuer: didOf(attacker) });
    const id = statementId(jws);
    const entry = encodeEntry(createEntry(id, Date.parse('2026-11-27T12:00:00.000Z')));
    const partial = fx.tiles.find((t) => t.level === 0 && t.idx === 1)!;
    const leafHashes = [...splitHashTile(fx.tiles[0]!.data), ...splitHashTile(partial.data), hashLeaf(entry)];
    expect(leafHashes).toHaveLength(STATEMENTS + 1);
    const insertEntry = (db: Db): void =>
      void db.prepare('INSERT INTO entries (idx, data) VALUES (300, ?)').run(entry);
    const insertStatement = (db: Db): void =>
      void db.prepare('INSERT INTO statements (idx, id, jws) VALUES (300, ?, ?)').run(id, Buffer.from(jws));
    const [refiner] = fx.organizations.filter((o) => o.did === 'did:web:refiner.example');
    const insertKey = (db: Db): void => {
      const did = didOf(attacker);
      const org = { ...JSON.parse(refiner!.row), did, legalName: 'Attacker Ltd', registeredId: did };
      db.prepare('INSERT INTO organizations (did, country, row) VALUES (?, ?, ?)').run(
        did,
        org.country,
        JSON.stringify(org),
      );
      const key = {
        kid: attacker.kid,
        jwk: jwkFromPublicKey(attacker.keys.publicKey),
        did,
        activeFrom: '2020-01-01T00:00:00.000Z',
      };
      db.prepare('INSERT INTO org_keys (kid, did, row) VALUES (?, ?, ?)').run(
        attacker.kid,
        did,
        JSON.stringify(key),
      );
    };
    const extendTile = (db: Db): void =>
      void db
        .prepare('UPDATE tiles SET data = ? WHERE level = 0 AND idx = 1')
        .run(Buffer.concat([partial.data, hashLeaf(entry)]));
    // A checkpoint for 301 with the right root, signed by a key of the same name that is not the log's.
    const forgedNote = signCheckpoint(
      { origin: fx.origin, size: 301, rootHash: rootOfLeafHashes(leafHashes), extensions: [] },
      newEd25519Signer(fx.origin, generateEd25519()),
    );
    const note300 = fx.checkpoints.at(-1)!.note;
    const cases: Case[] = [
      { label: 'entry 300', want: 'entries[300]', mutation: insertEntry },
      // The replay refuses the statement: no logged registration bound its key.
      {
        label: 'entry, statement, registry rows and tile of a consistent registration',
        want: `statements[${id}]`,
        first: true,
        mutation: both(insertKey, insertStatement, insertEntry, extendTile),
      },
      {
        label: '… whose entry no checkpoint covers',
        want: 'entries[300]',
        mutation: both(insertKey, insertStatement, insertEntry, extendTile),
      },
      {
        label: '… and whose registry rows no statement produced',
        want: 'organizations[did:web:attacker.example]',
        mutation: both(insertKey, insertStatement, insertEntry, extendTile),
      },
      {
        label: '… and whose key row no statement produced',
        want: `org_keys[${attacker.kid}]`,
        mutation: both(insertKey, insertStatement, insertEntry, extendTile),
      },
      {
        label: 'registry rows alone',
        want: 'organizations[did:web:attacker.example]',
        first: true,
        mutation: insertKey,
      },
      {
        label: 'a batch no statement created',
        want: 'batches[https://attacker.example/lots/1]',
        first: true,
        mutation: (db) =>
          void db
            .prepare(
              'INSERT INTO batches (id, material, status, custodian, owner, facility, row) VALUES (?, ?, ?, ?, ?, ?, ?)',
            )
            .run(
              'https://attacker.example/lots/1',
              'co.hydroxide',
              'active',
              'did:web:refiner.example',
              'did:web:refiner.example',
              'https://refiner.example/facilities/kokkola',
              '{}',
            ),
      },
      {
        label: 'a facility no statement registered',
        want: 'facilities[https://attacker.example/mine]',
        first: true,
        mutation: (db) =>
          void db
            .prepare('INSERT INTO facilities (id, operator, kind, country, row) VALUES (?, ?, ?, ?, ?)')
            .run('https://attacker.example/mine', 'did:web:mine.example', 'mine', 'COD', '{}'),
      },
      {
        label: '… and a checkpoint for it signed by another key',
        want: 'checkpoints[size=301]',
        first: true,
        mutation: (db) => {
          both(insertKey, insertStatement, insertEntry, extendTile)(db);
          db.prepare('INSERT INTO checkpoints (size, note) VALUES (301, ?)').run(forgedNote);
        },
      },
      {
        label: 'a genuine note filed under another size',
        want: 'checkpoints[size=150]',
        first: true,
        mutation: (db) =>
          void db.prepare('INSERT INTO checkpoints (size, note) VALUES (150, ?)').run(note300),
      },
      {
        label: 'a statement without an entry',
        want: `statements[${id}]`,
        first: true,
        mutation: both(insertKey, insertStatement),
      },
      {
        label: 'a tile no entries imply',
        want: tileWhere(0, 5),
        first: true,
        mutation: (db) =>
          void db.prepare('INSERT INTO tiles (level, idx, data) VALUES (0, 5, ?)').run(partial.data),
      },
      {
        label: 'a level-2 tile',
        want: tileWhere(2, 0),
        first: true,
        mutation: (db) =>
          void db.prepare('INSERT INTO tiles (level, idx, data) VALUES (2, 0, ?)').run(Buffer.alloc(32)),
      },
    ];
    expect(misses(cases)).toEqual([]);
  });
});

/** Run `node bin/lodestone.js verify --data <dir> [args]` and capture its exit code and output. */
function verifyCli(dir: string, args: string[] = []): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'verify', '--data', dir, ...args], {
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const collect = (d: string): void => {
      out += d;
    };
    child.stdout.setEncoding('utf8').on('data', collect);
    child.stderr.setEncoding('utf8').on('data', collect);
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

describe('`lodestone verify --data` (the built CLI) on tampered copies', () => {
  beforeAll(() => {
    if (!existsSync(DIST_MAIN)) throw new Error(`${DIST_MAIN} is missing: run \`npm run build\` first`);
  });

  it('exits 0 on the untouched copy', async () => {
    expect(tamper(() => {}).ok).toBe(true);
    const { code, out } = await verifyCli(fx.work);
    expect(out).toMatch(/^verified: 300 entries, 3 tiles, \d+ checkpoints, 300 statements/);
    expect(code).toBe(0);
  });

  const cli: [string, () => string, (db: Db) => void][] = [
    ['an entry', () => 'entries[41]', (db) => flipBlob('entries', 'data', 'idx = ?', [41], 10, 0x01)(db)],
    [
      'a tile',
      () => tileWhere(0, 1),
      (db) => flipBlob('tiles', 'data', 'level = ? AND idx = ?', [0, 1], 100, 0x80)(db),
    ],
    [
      'a checkpoint',
      () => `checkpoints[size=${fx.checkpoints[5]!.size}]`,
      (db) => flipText('checkpoints', 'note', 'size = ?', [fx.checkpoints[5]!.size], 40, 0x04)(db),
    ],
    ['a statement', () => stmtWhere(7), (db) => flipBlob('statements', 'jws', 'idx = ?', [7], 300, 0x20)(db)],
    // A key row that no longer parses as JSON: reported, not a crash.
    [
      'an organisation key',
      () => `org_keys[${OTHER_KID}]`,
      (db) => flipText('org_keys', 'row', 'kid = ?', [OTHER_KID], 0, 0x40)(db),
    ],
    // The identity registration of the organisation that signed most statements.
    [
      'a registration',
      () => stmtWhere(0),
      (db) => flipBlob('statements', 'jws', 'idx = ?', [0], 40, 0x02)(db),
    ],
  ];
  it.each(cli)('exits 1 and names the row when %s changed', async (_what, where, mutation) => {
    expect(tamper(mutation).ok).toBe(false);
    const { code, out } = await verifyCli(fx.work);
    expect(out).toMatch(/^FAILED: \d+ discrepancies/);
    expect(out).toContain(` ${where()}: `);
    expect(code).toBe(1);
  });

  it('reports the same problems with --json', async () => {
    const report = tamper((db) => flipBlob('entries', 'data', 'idx = ?', [299], 0, 0x01)(db));
    const { code, out } = await verifyCli(fx.work, ['--json']);
    expect(code).toBe(1);
    expect(JSON.parse(out)).toEqual(JSON.parse(JSON.stringify(report)));
    expect(report.problems[0]!.where).toBe('entries[299]');
  });
});
