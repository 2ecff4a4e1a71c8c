/**
 * Shared by every bench: result lines on stdout, progress on stderr, sizing, timing.
 * A result line is one JSON object: {"bench", "metric", "value", "unit"}.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** BENCH_SCALE multiplies every size and duration (default 1: the 10^6-entry sizes of DESIGN.md §12). */
export const SCALE = Number(process.env.BENCH_SCALE ?? '1');
if (!(SCALE > 0)) throw new Error(`BENCH_SCALE must be a positive number, got ${process.env.BENCH_SCALE}`);

/** `n` times {@link SCALE}, rounded, at least `min`. */
export function scaled(n: number, min = 1): number {
  return Math.max(min, Math.round(n * SCALE));
}

/** Seconds for a rate measurement: scaled, but never so short the result is noise. */
export function seconds(s: number): number {
  return Math.max(0.3, s * Math.min(SCALE, 1));
}

/** One result line on stdout. */
export function emit(bench: string, metric: string, value: number, unit: string): void {
  const v = Number.isInteger(value) ? value : Number(value.toPrecision(4));
  process.stdout.write(`${JSON.stringify({ bench, metric, value: v, unit })}\n`);
}

/** A ratio line: `num / den`, where `den` is the physical limit or the target measured in the run. */
export function ratio(bench: string, metric: string, num: number, den: number): void {
  emit(bench, metric, num / den, 'ratio');
}

/** Human progress, on stderr. */
export function log(message: string): void {
  process.stderr.write(`  ${message}\n`);
}

/** True when `meta` is the module node was started with (so a bench file also runs alone). */
export function isMain(meta: ImportMeta): boolean {
  return process.argv[1] !== undefined && meta.url === pathToFileURL(process.argv[1]).href;
}

/** Runs `main` when `meta` is the entry module, exiting non-zero on failure. */
export function runIfMain(meta: ImportMeta, main: () => Promise<void>): void {
  if (!isMain(meta)) return;
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
}

/** A fresh temporary directory. */
export function tempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `lodestone-bench-${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * CPU seconds the calling thread has run (Linux /proc/thread-self/schedstat, ns resolution), else the
 * process's CPU time. The machine may be shared: a rate per CPU-second does not drop when another
 * process takes the core; a wall-clock rate does.
 */
export function threadCpuSeconds(): number {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'ascii').split(' ')[0]) / 1e9;
  } catch {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1e6;
  }
}

/** Operations/s, by the wall clock and per CPU-second of the calling thread. */
export interface Rate {
  readonly wall: number;
  readonly cpu: number;
}

/**
 * Calls `op` in rounds of `round` until `secs` have passed, after a warm-up round; the rate.
 * `op` returns something so the JIT cannot drop the call.
 */
export function rate(secs: number, round: number, op: (i: number) => unknown): Rate {
  let sink: unknown;
  for (let i = 0; i < round; i++) sink = op(i);
  let n = 0;
  const cpu0 = threadCpuSeconds();
  const start = performance.now();
  const end = start + secs * 1000;
  let now = start;
  while (now < end) {
    for (let i = 0; i < round; i++) sink = op(n + i);
    n += round;
    now = performance.now();
  }
  const cpu = threadCpuSeconds() - cpu0;
  if (sink === rate) log('unreachable');
  return { wall: n / ((now - start) / 1000), cpu: n / cpu };
}

/** Calls `fn` on every item with `concurrency` calls in flight at once (a closed loop). */
export async function closedLoop<T>(
  items: readonly T[],
  concurrency: number,
  fn: (item: T) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
}

/** Nearest-rank percentile (p in 0..1) of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number {
  const sorted = Float64Array.from(samples).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

export const MiB = 1024 * 1024;

/**
 * A worker thread running a TypeScript module. tsx's `--import` hooks do not reach worker threads on
 * Node 20, so the worker registers them itself before importing the module.
 */
export function tsWorker(module: URL, workerData: unknown): Worker {
  const api = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(api)}).then(({ register }) => { register(); return import(${JSON.stringify(module.href)}); });`;
  return new Worker(code, { eval: true, workerData });
}
