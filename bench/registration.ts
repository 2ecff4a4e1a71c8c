/**
 * Bench 2: end-to-end registrations/s of ~1 KiB signed statements (parse, verify, key lookup, dedup,
 * entry, durable commit, receipt with inclusion proof), (a) through the service API and (b) through the
 * HTTP API over loopback, with the load generated in worker threads so it does not share the server's
 * core. The limit, raw Ed25519 verify/s on one core, is measured in this process before and after.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { buildApp } from '../src/api/index.js';
import { LodestoneNode } from '../src/service/index.js';
import { DATABASE_FILE } from '../src/store/index.js';
import {
  closedLoop,
  emit,
  log,
  type Rate,
  ratio,
  runIfMain,
  scaled,
  seconds,
  tempDir,
  threadCpuSeconds,
  tsWorker,
} from './common.js';
import { ORIGIN, registerSignerOrganisation, type StatementSigner, statementSigner } from './fixtures.js';
import type { ClientJob, ClientResult } from './http-client.js';
import { verifyRate } from './verify.js';

const BENCH = 'registration';
/** Registrations in flight through the service API (the sequencer batches up to 2,048). */
const SERVICE_IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 1024);
/** Client worker threads and keep-alive connections (requests in flight) over all of them. */
const HTTP_CLIENTS = Number(process.env.BENCH_HTTP_CLIENTS ?? 1);
const HTTP_CONNECTIONS = Number(process.env.BENCH_HTTP_CONNECTIONS ?? 256);

interface Run {
  readonly rate: Rate;
  /** Event-loop utilisation of the server's (main) thread during the run, 0..1. */
  readonly elu: number;
}

/** Times `work` (which registers `count` statements): wall rate, main-thread CPU rate, ELU. */
async function timed(count: number, work: () => Promise<void>): Promise<Run> {
  const elu0 = performance.eventLoopUtilization();
  const cpu0 = threadCpuSeconds();
  const t0 = performance.now();
  await work();
  const secs = (performance.now() - t0) / 1000;
  const cpu = threadCpuSeconds() - cpu0;
  const elu = performance.eventLoopUtilization(elu0).utilization;
  return { rate: { wall: count / secs, cpu: count / cpu }, elu };
}

/**
 * The paths measured: the service API and HTTP, each with signature verification inline (everything on
 * one core: the ratio DESIGN.md §12 asks for) and on the node's default worker thread (cores − 1).
 * For the `_1thread` paths the per-CPU rate counts all the work; for the others it counts only the
 * main thread's share.
 */
const PATHS = { service_1thread: 0, service: undefined, http_1thread: 0, http: undefined } as const;
type PathName = keyof typeof PATHS;

/**
 * A node in a temp dir with the signer's organisation registered (its first entry); `cleanup` closes it,
 * reports its mean batch (entries per checkpoint), deletes it.
 */
async function openNode(
  signer: StatementSigner,
  path: PathName,
): Promise<{ node: LodestoneNode; cleanup: () => Promise<void> }> {
  const { dir, cleanup } = tempDir(BENCH);
  const threads = PATHS[path];
  const node = LodestoneNode.open({
    dataDir: dir,
    origin: ORIGIN,
    ...(threads !== undefined && { verifyThreads: threads }),
  });
  await registerSignerOrganisation(node, signer);
  return {
    node,
    cleanup: async () => {
      await node.close();
      const db = new Database(join(dir, DATABASE_FILE), { readonly: true });
      const { n, size } = db.prepare('SELECT count(*) AS n, max(size) AS size FROM checkpoints').get() as {
        n: number;
        size: number;
      };
      db.close();
      // One checkpoint per integrated batch, plus the empty tree's and the registration's (one entry).
      emit(BENCH, `${path}_mean_batch`, (size - 1) / Math.max(1, n - 2), 'entries/checkpoint');
      cleanup();
    },
  };
}

async function viaService(
  signer: StatementSigner,
  warm: string[],
  run: string[],
  path: PathName,
): Promise<Run> {
  const { node, cleanup } = await openNode(signer, path);
  try {
    const register = async (jws: string): Promise<void> => {
      if (!(await node.register(jws)).created) throw new Error('statement was not new');
    };
    await closedLoop(warm, SERVICE_IN_FLIGHT, register);
    return await timed(run.length, () => closedLoop(run, SERVICE_IN_FLIGHT, register));
  } finally {
    await cleanup();
  }
}

async function viaHttp(signer: StatementSigner, warm: string[], run: string[], path: PathName): Promise<Run> {
  const { node, cleanup } = await openNode(signer, path);
  const app = await buildApp({ node, operatorToken: 'bench-operator-token', logLevel: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (typeof address !== 'object' || address === null) throw new Error('no server address');
  const slice = (items: string[], w: number): string[] => items.filter((_, i) => i % HTTP_CLIENTS === w);
  const workers = Array.from({ length: HTTP_CLIENTS }, (_, w) => {
    const job: ClientJob = {
      port: address.port,
      connections: Math.ceil(HTTP_CONNECTIONS / HTTP_CLIENTS),
      warm: slice(warm, w),
      run: slice(run, w),
    };
    return tsWorker(new URL('./http-client.ts', import.meta.url), job);
  });
  const next = (w: (typeof workers)[number]): Promise<unknown> =>
    new Promise((resolve, reject) => {
      w.once('message', resolve);
      w.once('error', reject);
    });
  try {
    await Promise.all(workers.map(next));
    let results: ClientResult[] = [];
    const result = await timed(run.length, async () => {
      const done = workers.map(next);
      for (const w of workers) w.postMessage('go');
      results = (await Promise.all(done)) as ClientResult[];
    });
    const statuses: Record<string, number> = {};
    for (const r of results)
      for (const [s, n] of Object.entries(r.statuses)) statuses[s] = (statuses[s] ?? 0) + n;
    if (statuses['201'] !== run.length) throw new Error(`unexpected responses ${JSON.stringify(statuses)}`);
    const clientCpu = results.reduce((sum, r) => sum + r.cpu, 0);
    emit(BENCH, `${path}_client_cpu_per_request`, (clientCpu / run.length) * 1e6, 'us');
    return result;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
    await app.close();
    await cleanup();
  }
}

/** `paths`: which of {@link PATHS} to run (all by default; e.g. one alone for profiling). */
export async function main(paths: readonly string[] = Object.keys(PATHS)): Promise<void> {
  const warmCount = scaled(5_000, 200);
  const runCount = scaled(60_000, 1_000);
  const signer = statementSigner();
  log(`registration: signing ${warmCount + runCount} statements`);
  const statements = Array.from({ length: warmCount + runCount }, (_, i) => signer.statement(i));
  const warm = statements.slice(0, warmCount);
  const run = statements.slice(warmCount);
  const bytes = statements.reduce((sum, s) => sum + s.length, 0) / statements.length;
  emit(BENCH, 'jws_bytes', bytes, 'bytes');

  const before = verifyRate(seconds(2));
  const runs: [string, Run][] = [];
  for (const path of Object.keys(PATHS) as PathName[]) {
    if (!paths.includes(path)) continue;
    if (path.startsWith('service')) {
      log(`${path}: ${runCount} registrations, ${SERVICE_IN_FLIGHT} in flight`);
      runs.push([path, await viaService(signer, warm, run, path)]);
    } else {
      log(`${path}: ${runCount} POSTs, ${HTTP_CLIENTS} client thread(s), ${HTTP_CONNECTIONS} connections`);
      runs.push([path, await viaHttp(signer, warm, run, path)]);
    }
  }
  const after = verifyRate(seconds(2));
  // The limit is the better of the two measurements, so a busy machine never flatters the ratio.
  const limit = { wall: Math.max(before.wall, after.wall), cpu: Math.max(before.cpu, after.cpu) };

  emit(BENCH, 'ed25519_verify_1core', limit.wall, 'verifications/s');
  emit(BENCH, 'ed25519_verify_per_cpu_s', limit.cpu, 'verifications/cpu-s');
  for (const [name, r] of runs) {
    emit(BENCH, `${name}_rate`, r.rate.wall, 'registrations/s');
    emit(BENCH, `${name}_per_cpu_s`, r.rate.cpu, 'registrations/cpu-s');
    emit(BENCH, `${name}_server_elu`, r.elu, 'fraction');
    ratio(BENCH, `${name}_over_verify`, r.rate.wall, limit.wall);
    ratio(BENCH, `${name}_over_verify_cpu`, r.rate.cpu, limit.cpu);
  }
}

runIfMain(import.meta, () => main(process.argv.length > 2 ? process.argv.slice(2) : undefined));
