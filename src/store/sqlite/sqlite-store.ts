import { closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { IntegrationBatch, LatestCheckpoint, LogStore } from '../../log/index.js';
import type { RegisteredKey, StatementRecord, StatementStore, StoredStatement } from '../../model/index.js';
import { StoreError } from '../errors.js';
import { SCHEMA, SCHEMA_VERSION } from './schema.js';

type Db = Database.Database;
type Stmt = Database.Statement;

/** Rows as the audit reads them, raw, so that it checks exactly what is on disk. */
export interface RawRows {
  entries(): IterableIterator<{ idx: number; data: Buffer }>;
  tiles(): IterableIterator<{ level: number; idx: number; data: Buffer }>;
  checkpoints(): IterableIterator<{ size: number; note: string }>;
  statements(): IterableIterator<{ id: string; idx: number; jws: Buffer }>;
  /** Registered keys with their JWK as the stored JSON text (which a tampered row may not be). */
  keys(): IterableIterator<{ kid: string; jwk: string }>;
}

export const DATABASE_FILE = 'lodestone.sqlite';

/**
 * The embedded store: one SQLite file in the data directory, WAL with `synchronous=FULL`, so a commit
 * is on disk (fsynced) before `integrate` returns (DESIGN.md §4, §11).
 */
export class SqliteStore implements LogStore<StatementRecord>, StatementStore {
  readonly #db: Db;
  readonly #q: Record<string, Stmt>;
  readonly #integrate: (batch: IntegrationBatch<StatementRecord>) => void;

  private constructor(db: Db) {
    this.#db = db;
    this.#q = prepare(db);
    this.#integrate = db.transaction((batch: IntegrationBatch<StatementRecord>) => this.#write(batch));
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

  integrate(batch: IntegrationBatch<StatementRecord>): void {
    this.#integrate(batch);
  }

  #write(batch: IntegrationBatch<StatementRecord>): void {
    const size = this.latestCheckpoint()?.size ?? 0;
    if (batch.fromSize !== size)
      throw new StoreError('STORE_CONFLICT', `log is at ${size}, batch starts at ${batch.fromSize}`);
    const { entry, statement, tileUpsert, checkpoint } = this.#q;
    batch.entries.forEach((data, i) => {
      const idx = batch.fromSize + i;
      entry!.run(idx, data);
      const rec = batch.records[i]!;
      statement!.run(idx, rec.id, rec.jws);
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

  putKey(key: RegisteredKey): void {
    this.#q.keyPut!.run(key.kid, JSON.stringify(key.jwk), key.added);
  }

  getKey(kid: string): RegisteredKey | undefined {
    const row = this.#q.keyGet!.get(kid) as { kid: string; jwk: string; added: string } | undefined;
    return row && { kid: row.kid, jwk: JSON.parse(row.jwk), added: row.added };
  }

  listKeys(): RegisteredKey[] {
    const rows = this.#q.keyList!.all() as { kid: string; jwk: string; added: string }[];
    return rows.map((r) => ({ kid: r.kid, jwk: JSON.parse(r.jwk), added: r.added }));
  }

  getMeta(key: string): string | undefined {
    return (this.#q.metaGet!.get(key) as { value: string } | undefined)?.value;
  }

  setMeta(key: string, value: string): void {
    this.#q.metaPut!.run(key, value);
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
      keys: () => db.prepare('SELECT kid, jwk FROM keys ORDER BY kid').iterate() as never,
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
    keyPut: db.prepare('INSERT INTO keys (kid, jwk, added) VALUES (?, ?, ?)'),
    keyGet: db.prepare('SELECT kid, jwk, added FROM keys WHERE kid = ?'),
    keyList: db.prepare('SELECT kid, jwk, added FROM keys ORDER BY added, kid'),
    metaGet: db.prepare('SELECT value FROM meta WHERE key = ?'),
    metaPut: db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)'),
  };
}
