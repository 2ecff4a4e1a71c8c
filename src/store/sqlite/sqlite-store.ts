import { closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { LedgerEffects } from '../../custody/index.js';
import type { IntegrationBatch, LatestCheckpoint, LogStore } from '../../log/index.js';
import type { StatementRecord, StatementStore, StoredStatement } from '../../model/index.js';
import { StoreError } from '../errors.js';
import { AlarmStore } from './alarm-store.js';
import { DerivedTables } from './derived.js';
import { FindingsStore } from './findings-store.js';
import { SCHEMA, SCHEMA_VERSION } from './schema.js';
import { WebhookStore } from './webhook-store.js';
import { WitnessStore } from './witness-store.js';

type Db = Database.Database;
type Stmt = Database.Statement;

/** Rows as the audit reads them, raw, so that it checks exactly what is on disk. */
export interface RawRows {
  entries(): IterableIterator<{ idx: number; data: Buffer }>;
  tiles(): IterableIterator<{ level: number; idx: number; data: Buffer }>;
  checkpoints(): IterableIterator<{ size: number; note: string }>;
  statements(): IterableIterator<{ id: string; idx: number; jws: Buffer }>;
}

/** What the sequencer carries to the store for each entry: the statement and the ledger rows it produced. */
export interface LedgerRecord extends StatementRecord {
  readonly effects?: LedgerEffects;
}

/** A registered statement read back in log order, for replay. */
export interface LoggedStatement {
  readonly idx: number;
  readonly id: string;
  readonly jws: Buffer;
  readonly entry: Buffer;
}

export const DATABASE_FILE = 'lodestone.sqlite';

/**
 * The embedded store: one SQLite file in the data directory, WAL with `synchronous=FULL`, so a commit
 * is on disk (fsynced) before `integrate` returns (DESIGN.md §4, §11).
 */
export class SqliteStore implements LogStore<LedgerRecord>, StatementStore {
  readonly #db: Db;
  readonly #q: Record<string, Stmt>;
  readonly #integrate: (batch: IntegrationBatch<LedgerRecord>) => void;
  /** The registry and custody tables. */
  readonly derived: DerivedTables;
  /** The tlog-witness state of the logs this node cosigns (a read-only store never writes it). */
  readonly witness: WitnessStore;
  /** Split-view alarms raised by peering (a read-only store of an older directory has no table). */
  readonly alarms: AlarmStore;
  /** Compliance findings and the monitor's progress through the log. */
  readonly findings: FindingsStore;
  /** Webhook subscriptions to findings and their delivery cursors. */
  readonly webhooks: WebhookStore;

  private constructor(db: Db) {
    this.#db = db;
    this.#q = prepare(db);
    this.#integrate = db.transaction((batch: IntegrationBatch<LedgerRecord>) => this.#write(batch));
    this.derived = new DerivedTables(db);
    this.witness = new WitnessStore(db);
    this.alarms = new AlarmStore(db);
    this.findings = new FindingsStore(db);
    this.webhooks = new WebhookStore(db);
  }

  /** Open (creating if needed) the store in `dir`. */
  static open(dir: string, options: { readonly readonly?: boolean } = {}): SqliteStore {
    if (!options.readonly) {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      // Statements are private: create the file owner-only (SQLite gives -wal and -shm the same mode),
      // whatever the directory's own mode.
      closeSync(openSync(join(dir, DATABASE_FILE), 'a', 0o600));
    }
    const db = new Database(join(dir, DATABASE_FILE), {
      readonly: options.readonly ?? false,
      fileMustExist: options.readonly ?? false,
    });
    if (!options.readonly) {
      // DESIGN.md §4: a 2xx means durable. WAL with synchronous=FULL fsyncs the log on every commit.
      if (db.pragma('journal_mode = WAL', { simple: true }) !== 'wal') {
        throw new StoreError('STORE_SETTINGS', 'SQLite refused WAL journal mode');
      }
      db.pragma('synchronous = FULL');
      checkSchemaVersion(db);
      db.exec(SCHEMA);
      db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run(
        'schema',
        String(SCHEMA_VERSION),
      );
    }
    db.pragma('busy_timeout = 5000');
    // 64 MiB of page cache (default 2 MiB): the statement-id index is probed on every registration.
    db.pragma('cache_size = -65536');
    return new SqliteStore(db);
  }

  close(): void {
    this.#db.close();
  }

  /** The durability settings in force (journal mode, synchronous level: 2 = FULL), for tests and health. */
  durability(): { journalMode: string; synchronous: number } {
    return {
      journalMode: String(this.#db.pragma('journal_mode', { simple: true })),
      synchronous: Number(this.#db.pragma('synchronous', { simple: true })),
    };
  }

  latestCheckpoint(): LatestCheckpoint | undefined {
    return this.#q.latest!.get() as LatestCheckpoint | undefined;
  }

  readTile(level: number, index: number): Uint8Array | undefined {
    return (this.#q.tile!.get(level, index) as { data: Buffer } | undefined)?.data;
  }

  readEntries(start: number, end: number): Buffer[] {
    const rows = this.#q.entries!.all(start, end) as { idx: number; data: Buffer }[];
    if (rows.length !== end - start)
      throw new StoreError('STORE_MISSING', `entries [${start}, ${end}) incomplete`);
    return rows.map((r) => r.data);
  }

  integrate(batch: IntegrationBatch<LedgerRecord>): void {
    this.#integrate(batch);
  }

  #write(batch: IntegrationBatch<LedgerRecord>): void {
    const size = this.latestCheckpoint()?.size ?? 0;
    if (batch.fromSize !== size)
      throw new StoreError('STORE_CONFLICT', `log is at ${size}, batch starts at ${batch.fromSize}`);
    const { entry, statement, tileUpsert, checkpoint } = this.#q;
    batch.entries.forEach((data, i) => {
      const idx = batch.fromSize + i;
      entry!.run(idx, data);
      const rec = batch.records[i]!;
      statement!.run(idx, rec.id, rec.jws);
      if (rec.effects) this.derived.write(rec.effects);
    });
    for (const t of batch.tiles) tileUpsert!.run(t.level, t.index, t.data);
    checkpoint!.run(batch.checkpoint.size, batch.checkpoint.note);
  }

  getStatement(id: string): StoredStatement | undefined {
    return this.#q.statementById!.get(id) as StoredStatement | undefined;
  }

  hasStatement(id: string): boolean {
    return this.#q.statementExists!.get(id) !== undefined;
  }

  getMeta(key: string): string | undefined {
    return (this.#q.metaGet!.get(key) as { value: string } | undefined)?.value;
  }

  setMeta(key: string, value: string): void {
    this.#q.metaPut!.run(key, value);
  }

  /**
   * At most `limit` registered statements from log index `from` on, in log order, read whole: unlike
   * {@link loggedStatements}, the caller may write to the store while it works through them.
   */
  loggedStatementsPage(from: number, limit: number): LoggedStatement[] {
    return this.#db
      .prepare(
        'SELECT s.idx, s.id, s.jws, e.data AS entry FROM statements s JOIN entries e ON e.idx = s.idx WHERE s.idx >= ? ORDER BY s.idx LIMIT ?',
      )
      .all(from, limit) as LoggedStatement[];
  }

  /** Every registered statement with its entry, in log order (for replaying the ledger). */
  loggedStatements(from = 0): IterableIterator<LoggedStatement> {
    return this.#db
      .prepare(
        'SELECT s.idx, s.id, s.jws, e.data AS entry FROM statements s JOIN entries e ON e.idx = s.idx WHERE s.idx >= ? ORDER BY s.idx',
      )
      .iterate(from) as IterableIterator<LoggedStatement>;
  }

  /** Replace every derived row with `rows` in one durable transaction (`lodestone rebuild`). */
  replaceDerived(rows: Iterable<LedgerEffects>): void {
    this.#db.transaction(() => {
      this.derived.clear();
      for (const effects of rows) this.derived.write(effects);
    })();
  }

  /**
   * Run `read` in one read transaction, so every query sees the same snapshot while a live node keeps
   * writing (WAL readers do not block the writer).
   */
  snapshot<T>(read: () => T): T {
    this.#db.exec('BEGIN');
    try {
      return read();
    } finally {
      this.#db.exec('COMMIT');
    }
  }

  /** Everything on disk, row by row, in order, for `lodestone verify`. */
  raw(): RawRows {
    const db = this.#db;
    return {
      entries: () => db.prepare('SELECT idx, data FROM entries ORDER BY idx').iterate() as never,
      tiles: () => db.prepare('SELECT level, idx, data FROM tiles ORDER BY level, idx').iterate() as never,
      checkpoints: () => db.prepare('SELECT size, note FROM checkpoints ORDER BY size').iterate() as never,
      statements: () => db.prepare('SELECT id, idx, jws FROM statements ORDER BY idx').iterate() as never,
    };
  }
}

function prepare(db: Db): Record<string, Stmt> {
  return {
    latest: db.prepare('SELECT size, note FROM checkpoints ORDER BY size DESC LIMIT 1'),
    tile: db.prepare('SELECT data FROM tiles WHERE level = ? AND idx = ?'),
    entries: db.prepare('SELECT idx, data FROM entries WHERE idx >= ? AND idx < ? ORDER BY idx'),
    entry: db.prepare('INSERT INTO entries (idx, data) VALUES (?, ?)'),
    statement: db.prepare('INSERT INTO statements (idx, id, jws) VALUES (?, ?, ?)'),
    tileUpsert: db.prepare(
      'INSERT INTO tiles (level, idx, data) VALUES (?, ?, ?) ON CONFLICT (level, idx) DO UPDATE SET data = excluded.data',
    ),
    checkpoint: db.prepare('INSERT INTO checkpoints (size, note) VALUES (?, ?)'),
    statementById: db.prepare(
      'SELECT s.id, s.idx AS "index", s.jws, e.data AS entry FROM statements s JOIN entries e ON e.idx = s.idx WHERE s.id = ?',
    ),
    statementExists: db.prepare('SELECT 1 FROM statements WHERE id = ?').pluck(),
    metaGet: db.prepare('SELECT value FROM meta WHERE key = ?'),
    metaPut: db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)'),
  };
}

// A database from an earlier schema holds statements the current registry rules were not applied to:
// refuse it rather than replay it under rules it was never checked against.
function checkSchemaVersion(db: Db): void {
  const hasMeta = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get();
  if (!hasMeta) return;
  const found = db.prepare("SELECT value FROM meta WHERE key = 'schema'").pluck().get() as string | undefined;
  if (found !== undefined && found !== String(SCHEMA_VERSION)) {
    throw new StoreError(
      'STORE_SCHEMA',
      `the database has schema ${found}; this version needs ${SCHEMA_VERSION}: export the old log and start a new data directory`,
    );
  }
}
