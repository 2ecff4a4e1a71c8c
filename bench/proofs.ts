/**
 * Bench 4: inclusion and consistency proof latency (p50/p99/max) at 10^6 entries, over the real SQLite
 * tiles through TileHashReader. Warm: one long-lived reader, its tile cache filled (as the node's is).
 * Cold: a fresh reader (empty tile cache) per proof, so every tile is read from SQLite and expanded;
 * the OS page cache stays warm. The limit: the time of one SHA-256 node hash.
 */
import { hash } from 'node:crypto';
import {
  buildConsistencyProof,
  buildInclusionProof,
  hashChildren,
  TileHashReader,
} from '../src/log/index.js';
import { emit, log, percentile, rate, ratio, runIfMain, scaled, seconds, tempDir } from './common.js';
import { appendOpaque, BareLogStore, newSequencer } from './fixtures.js';

const BENCH = 'proofs';
const BUILD_BATCH = 16_384;
/** The Sequencer's reader cache: 4,096 expanded tiles, enough for every tile of a 10^6-entry log. */
const CACHE_TILES = 4096;

/** mulberry32: a small seeded PRNG, so every run asks for the same proofs. */
function random(seed: number): (below: number) => number {
  let a = seed;
  return (below) => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * below);
  };
}

/** Latencies in µs; `clean` leaves out samples during which the process was preempted. */
interface Latencies {
  readonly all: number[];
  readonly clean: number[];
}

/**
 * Times `op` on each of `count` inputs from `next`. The machine may be shared: a sample during which
 * the kernel switched the process out (an involuntary context switch) measures the neighbours, so those
 * are also kept apart.
 */
function latencies<T>(count: number, next: () => T, op: (input: T) => unknown): Latencies {
  const all: number[] = [];
  const clean: number[] = [];
  for (let i = 0; i < count; i++) {
    const input = next();
    const switches = process.resourceUsage().involuntaryContextSwitches;
    const t0 = performance.now();
    op(input);
    const us = (performance.now() - t0) * 1000;
    all.push(us);
    if (process.resourceUsage().involuntaryContextSwitches === switches) clean.push(us);
  }
  return { all, clean };
}

function report(name: string, samples: Latencies, nodeHashUs: number): void {
  const p99 = percentile(samples.all, 0.99);
  emit(BENCH, `${name}_p50`, percentile(samples.all, 0.5), 'us');
  emit(BENCH, `${name}_p99`, p99, 'us');
  emit(BENCH, `${name}_max`, Math.max(...samples.all), 'us');
  emit(BENCH, `${name}_p99_unpreempted`, percentile(samples.clean, 0.99), 'us');
  emit(BENCH, `${name}_preempted`, 1 - samples.clean.length / samples.all.length, 'fraction');
  ratio(BENCH, `${name}_p99_in_node_hashes`, p99, nodeHashUs);
  ratio(BENCH, `${name}_p99_over_target_1ms`, p99, 1000);
}

export async function main(): Promise<void> {
  const size = scaled(1_000_000, 4096);
  const queries = scaled(20_000, 1000);
  const coldQueries = scaled(2_000, 200);
  const { dir, cleanup } = tempDir(BENCH);
  try {
    log(`proofs: building a ${size}-entry log (Sequencer, batches of ${BUILD_BATCH})`);
    const building = new BareLogStore(dir);
    const seq = newSequencer(building, BUILD_BATCH);
    const t0 = performance.now();
    await appendOpaque(seq, size, BUILD_BATCH);
    emit(BENCH, 'build_rate', size / ((performance.now() - t0) / 1000), 'entries/s');
    await seq.close();
    building.close();

    const store = new BareLogStore(dir);
    const readTile = (level: number, index: number): Uint8Array | undefined => store.readTile(level, index);
    const left = Buffer.alloc(32, 1);
    const right = Buffer.alloc(32, 2);
    const input = Buffer.concat([Buffer.of(1), left, right]);
    const oneShot = rate(seconds(1), 1000, () => hash('sha256', input, 'buffer')).wall;
    const product = rate(seconds(1), 1000, () => hashChildren(left, right)).wall;
    const nodeHashUs = 1e6 / oneShot;
    emit(BENCH, 'sha256_node_hash', nodeHashUs, 'us');
    emit(BENCH, 'hashChildren_product', 1e6 / product, 'us');

    const rnd = random(42);
    const index = (): number => rnd(size);
    const sizes = (): [number, number] => {
      const second = 2 + rnd(size - 1);
      return [1 + rnd(second - 1), second];
    };

    log(`warm: ${queries} random proofs of each kind, reader cache ${CACHE_TILES} tiles`);
    const warm = new TileHashReader(readTile, CACHE_TILES);
    for (let i = 0; i < size; i += 256) buildInclusionProof(i, size, warm);
    report(
      'inclusion_warm',
      latencies(queries, index, (i) => buildInclusionProof(i, size, warm)),
      nodeHashUs,
    );
    const consistencyWarm = latencies(queries, sizes, ([a, b]) => buildConsistencyProof(a, b, warm));
    report('consistency_warm', consistencyWarm, nodeHashUs);

    log(`cold: ${coldQueries} random proofs of each kind, a fresh reader per proof`);
    const fresh = (): TileHashReader => new TileHashReader(readTile, CACHE_TILES);
    const inclusionCold = latencies(coldQueries, index, (i) => buildInclusionProof(i, size, fresh()));
    report('inclusion_cold', inclusionCold, nodeHashUs);
    const consistencyCold = latencies(coldQueries, sizes, ([a, b]) => buildConsistencyProof(a, b, fresh()));
    report('consistency_cold', consistencyCold, nodeHashUs);
    store.close();
  } finally {
    cleanup();
  }
}

runIfMain(import.meta, main);
