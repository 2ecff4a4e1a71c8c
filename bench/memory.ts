/**
 * Bench 5: resident memory while appending 10^6 opaque entries through the Sequencer into SQLite, in
 * the Sequencer's default batches of 2,048. RSS is sampled after every batch and reported at a quarter,
 * half and all of the run, beside the baseline after start-up: bounded memory means a flat line.
 */
import { emit, log, MiB, ratio, runIfMain, scaled, tempDir, threadCpuSeconds } from './common.js';
import { appendOpaque, BareLogStore, newSequencer } from './fixtures.js';

const BENCH = 'memory';
const BATCH = 2048;

/** 250000 → "250k", 1000000 → "1M". */
function label(n: number): string {
  if (n >= 1e6 && n % 1e5 === 0) return `${n / 1e6}M`;
  if (n >= 1e3 && n % 100 === 0) return `${n / 1e3}k`;
  return String(n);
}

export async function main(): Promise<void> {
  const count = scaled(1_000_000, 4 * BATCH);
  const { dir, cleanup } = tempDir(BENCH);
  try {
    const store = new BareLogStore(dir);
    const seq = newSequencer(store, BATCH);
    const baseline = process.memoryUsage().rss;
    emit(BENCH, 'rss_baseline', baseline / MiB, 'MiB');
    log(`memory: appending ${count} entries, baseline RSS ${(baseline / MiB).toFixed(1)} MiB`);

    const marks = [count / 4, count / 2, count].map(Math.round);
    let peak = baseline;
    let nextMark = 0;
    const cpu0 = threadCpuSeconds();
    const t0 = performance.now();
    await appendOpaque(seq, count, BATCH, (size) => {
      const rss = process.memoryUsage().rss;
      peak = Math.max(peak, rss);
      while (nextMark < marks.length && size >= marks[nextMark]!) {
        emit(BENCH, `rss_at_${label(marks[nextMark]!)}`, rss / MiB, 'MiB');
        nextMark++;
      }
    });
    const secs = (performance.now() - t0) / 1000;
    const cpu = threadCpuSeconds() - cpu0;
    const end = process.memoryUsage();
    await seq.close();
    store.close();

    emit(BENCH, 'rss_peak_sampled', peak / MiB, 'MiB');
    // resourceUsage().maxRSS is in KiB and covers the whole process lifetime.
    emit(BENCH, 'max_rss', process.resourceUsage().maxRSS / 1024, 'MiB');
    emit(BENCH, 'heap_used_at_end', end.heapUsed / MiB, 'MiB');
    ratio(BENCH, 'rss_peak_over_baseline', peak, baseline);
    emit(BENCH, 'append_rate', count / secs, 'entries/s');
    emit(BENCH, 'append_per_cpu_s', count / cpu, 'entries/cpu-s');
  } finally {
    cleanup();
  }
}

runIfMain(import.meta, main);
