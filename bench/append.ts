/**
 * Bench 3: bare log appends/s of opaque entries through the real Sequencer (leaf hash, tile writer,
 * frontier, signed checkpoint per batch) into SQLite with the product's schema and pragmas. The limits
 * measured beside it: raw SHA-256 leaf hashes/s and raw SQLite inserts/s in one transaction.
 */
import { hash } from 'node:crypto';
import Database from 'better-sqlite3';
import { hashLeaf } from '../src/log/index.js';
import { SCHEMA } from '../src/store/sqlite/schema.js';
import {
  emit,
  log,
  type Rate,
  rate,
  ratio,
  runIfMain,
  scaled,
  seconds,
  tempDir,
  threadCpuSeconds,
} from './common.js';
import { appendOpaque, BareLogStore, ENTRY_SIZE, newSequencer, opaqueEntry } from './fixtures.js';

const BENCH = 'append';
/** The Sequencer's default maxBatch. */
const BATCH = Number(process.env.BENCH_APPEND_BATCH ?? 2048);

/** SHA-256(0x00 ‖ entry) with the one-shot `crypto.hash` over a prebuilt input: the hashing limit. */
function leafHashRate(secs: number): Rate {
  const inputs = Array.from({ length: 1024 }, (_, i) => Buffer.concat([Buffer.of(0), opaqueEntry(i)]));
  return rate(secs, 1024, (i) => hash('sha256', inputs[i & 1023]!, 'buffer'));
}

/** The product's `hashLeaf` (createHash, two updates) on the same entries. */
function productLeafHashRate(secs: number): Rate {
  const entries = Array.from({ length: 1024 }, (_, i) => opaqueEntry(i));
  return rate(secs, 1024, (i) => hashLeaf(entries[i & 1023]!));
}

/** `count` INSERTs into the entries table in one transaction (committed, fsynced): inserts/s. */
function sqliteInsertRate(count: number): Rate {
  const { dir, cleanup } = tempDir(`${BENCH}-sqlite`);
  const db = new Database(`${dir}/raw.sqlite`);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec(SCHEMA);
    const insert = db.prepare('INSERT INTO entries (idx, data) VALUES (?, ?)');
    const entries = Array.from({ length: 1024 }, (_, i) => opaqueEntry(i));
    const all = db.transaction((from: number, n: number) => {
      for (let i = from; i < from + n; i++) insert.run(i, entries[i & 1023]);
    });
    all(0, Math.min(count, 10_000)); // warm-up
    const cpu0 = threadCpuSeconds();
    const t0 = performance.now();
    all(10_000, count);
    return { wall: count / ((performance.now() - t0) / 1000), cpu: count / (threadCpuSeconds() - cpu0) };
  } finally {
    db.close();
    cleanup();
  }
}

/** Appends `count` entries after a warm-up: entries/s. */
async function appendRate(count: number): Promise<Rate> {
  const { dir, cleanup } = tempDir(BENCH);
  const store = new BareLogStore(dir);
  try {
    const seq = newSequencer(store, BATCH);
    await appendOpaque(seq, scaled(20_000, BATCH), BATCH);
    const cpu0 = threadCpuSeconds();
    const t0 = performance.now();
    await appendOpaque(seq, count, BATCH);
    const result = {
      wall: count / ((performance.now() - t0) / 1000),
      cpu: count / (threadCpuSeconds() - cpu0),
    };
    await seq.close();
    return result;
  } finally {
    store.close();
    cleanup();
  }
}

export async function main(): Promise<void> {
  const count = scaled(300_000, 10_000);
  log(`append: ${count} entries of ${ENTRY_SIZE} B, Sequencer maxBatch ${BATCH}`);
  const append = await appendRate(count);
  const sha = leafHashRate(seconds(1));
  const product = productLeafHashRate(seconds(1));
  const insert = sqliteInsertRate(count);
  emit(BENCH, 'append_rate', append.wall, 'entries/s');
  emit(BENCH, 'append_per_cpu_s', append.cpu, 'entries/cpu-s');
  emit(BENCH, 'sha256_leaf_hash', sha.wall, 'hashes/s');
  emit(BENCH, 'hashLeaf_product', product.wall, 'hashes/s');
  emit(BENCH, 'sqlite_insert_one_txn', insert.wall, 'inserts/s');
  // Appending needs at least one leaf hash and one insert per entry, one after the other.
  const serial = 1 / (1 / sha.wall + 1 / insert.wall);
  emit(BENCH, 'limit_hash_then_insert', serial, 'entries/s');
  ratio(BENCH, 'append_over_sha256', append.wall, sha.wall);
  ratio(BENCH, 'append_over_sqlite_insert', append.wall, insert.wall);
  ratio(BENCH, 'append_over_hash_then_insert', append.wall, serial);
  ratio(BENCH, 'append_over_target_100k', append.wall, 100_000);
}

runIfMain(import.meta, main);
