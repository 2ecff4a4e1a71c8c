/**
 * `npm run bench [-- name…]`: runs each bench in its own process (so memory and JIT state do not leak
 * from one to the next), passes its result lines through to stdout, then prints a summary against the
 * DESIGN.md §12 targets on stderr.
 */
import { spawn } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { emit, SCALE } from './common.js';

const BENCHES = [
  'verify',
  'registration',
  'custody',
  'certificates',
  'status-list',
  'compliance',
  'append',
  'proofs',
  'memory',
] as const;

interface Result {
  bench: string;
  metric: string;
  value: number;
  unit: string;
}

/** Targets from DESIGN.md §12, checked in the summary (benchmarks, not tests: a miss does not fail). */
const TARGETS: { bench: string; metric: string; op: '>=' | '<'; target: number }[] = [
  ...['service_1thread', 'http_1thread', 'service', 'http'].map((path) => ({
    bench: 'registration',
    metric: `${path}_over_verify`,
    op: '>=' as const,
    target: 0.5,
  })),
  { bench: 'custody', metric: 'custody_1thread_over_verify', op: '>=', target: 0.5 },
  { bench: 'custody', metric: 'provenance_10k_p99', op: '<', target: 50 },
  { bench: 'certificates', metric: 'presented_over_verify', op: '>=', target: 0.5 },
  { bench: 'append', metric: 'append_rate', op: '>=', target: 100_000 },
  ...['inclusion', 'consistency'].flatMap((kind) =>
    ['warm', 'cold'].map((cache) => ({
      bench: 'proofs',
      metric: `${kind}_${cache}_p99`,
      op: '<' as const,
      target: 1000,
    })),
  ),
];

function runBench(name: string, results: Result[]): Promise<number> {
  process.stderr.write(`\n== ${name}\n`);
  const file = fileURLToPath(new URL(`./${name}.ts`, import.meta.url));
  // process.execArgv carries the TypeScript loader (`--import tsx`) and any profiling flags.
  const child = spawn(process.execPath, [...process.execArgv, file], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  createInterface({ input: child.stdout }).on('line', (line) => {
    process.stdout.write(`${line}\n`);
    try {
      results.push(JSON.parse(line) as Result);
    } catch {
      process.stderr.write(`  (not a result line: ${line})\n`);
    }
  });
  return new Promise((resolve) => child.once('close', (code) => resolve(code ?? 1)));
}

function summary(results: Result[]): void {
  process.stderr.write('\n== summary against DESIGN.md §12\n');
  for (const t of TARGETS) {
    const r = results.find((x) => x.bench === t.bench && x.metric === t.metric);
    if (!r) continue;
    const ok = t.op === '>=' ? r.value >= t.target : r.value < t.target;
    process.stderr.write(
      `  ${ok ? 'MET ' : 'MISS'}  ${t.bench}.${t.metric} = ${r.value} ${r.unit} (target ${t.op} ${t.target})\n`,
    );
  }
  const rss = results.filter((x) => x.bench === 'memory' && x.metric.startsWith('rss_at_'));
  if (rss.length > 0) {
    const line = rss.map((x) => `${x.metric.slice(7)} ${x.value.toFixed(0)} MiB`).join(', ');
    process.stderr.write(`  RSS while appending: ${line} (bounded if flat)\n`);
  }
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((w) => !(BENCHES as readonly string[]).includes(w));
  if (unknown.length > 0) {
    process.stderr.write(`unknown bench ${unknown.join(', ')}; choose from ${BENCHES.join(', ')}\n`);
    process.exit(2);
  }
  const selected = wanted.length > 0 ? wanted : [...BENCHES];
  emit('run', 'cpus', cpus().length, 'cores');
  emit('run', 'loadavg_1m_at_start', loadavg()[0]!, 'load');
  emit('run', 'scale', SCALE, 'x');
  const results: Result[] = [];
  const failed: string[] = [];
  const t0 = performance.now();
  for (const name of selected) if ((await runBench(name, results)) !== 0) failed.push(name);
  emit('run', 'loadavg_1m_at_end', loadavg()[0]!, 'load');
  emit('run', 'wall_time', (performance.now() - t0) / 1000, 's');
  summary(results);
  if (failed.length > 0) {
    process.stderr.write(`\nfailed: ${failed.join(', ')}\n`);
    process.exit(1);
  }
}

await main();
