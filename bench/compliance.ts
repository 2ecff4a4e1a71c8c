/**
 * Bench (issue 5): continuous compliance audit.
 * (a) Rule evaluation: the demo world (seed 1, scale 1) is seeded into a temp dir; a copy with its
 *     findings wiped is handed to a fresh `ComplianceMonitor`, and the time to evaluate the whole log
 *     (follow, evaluate every rule, store findings) gives statements/s and findings/s, per CPU-second of
 *     the thread and as a ratio to raw Ed25519 verifies/s on one core measured in the same run.
 * (b) Live latency: a real server on loopback, one SSE client on /v1/findings/stream, and N registrations
 *     over POST /v1/statements with 32 in flight, each an extraction at a mine in the DRC that raises
 *     LS-CAHRA-ORIGIN. For each statement: registration response time, and the time from its response to
 *     the first of its findings arriving on the stream. The clients share the server's event loop (one
 *     process), so these latencies include the client's own work.
 */
import { cpSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startServer } from '../src/api/index.js';
import { RULE_SETS } from '../src/compliance/index.js';
import { loadReferenceLists, referenceFolderOf } from '../src/service/findings/index.js';
import { ComplianceMonitor, LodestoneNode, loadOperator, seedDemoWorld } from '../src/service/index.js';
import { SqliteStore } from '../src/store/index.js';
import { DATABASE_FILE } from '../src/store/sqlite/sqlite-store.js';
import { batch, SupplyWorld } from '../test/helpers/supply.js';
import {
  closedLoop,
  emit,
  log,
  percentile,
  ratio,
  runIfMain,
  scaled,
  seconds,
  tempDir,
  threadCpuSeconds,
} from './common.js';
import { verifyRate } from './verify.js';

const BENCH = 'compliance';
const TOKEN = 'bench-compliance-operator-token';
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? '32');

export async function main(): Promise<void> {
  const before = verifyRate(seconds(2));
  const evaluation = await evaluationRate();
  const live = await liveLatency(scaled(2000, 200));
  const after = verifyRate(seconds(2));
  const raw = before.cpu > after.cpu ? before : after;
  emit(BENCH, 'raw_verify_1core', raw.cpu, 'verifies/cpu_s');

  emit(BENCH, 'evaluated_statements', evaluation.statements, 'statements');
  emit(BENCH, 'evaluated_findings', evaluation.findings, 'findings');
  emit(BENCH, 'evaluation_rate', evaluation.statements / evaluation.wall, 'statements/s');
  emit(BENCH, 'evaluation_rate_per_cpu_s', evaluation.statements / evaluation.cpu, 'statements/cpu_s');
  emit(BENCH, 'findings_rate', evaluation.findings / evaluation.wall, 'findings/s');
  ratio(BENCH, 'evaluation_over_verify_cpu', evaluation.statements / evaluation.cpu, raw.cpu);

  emit(BENCH, 'live_registrations', live.count, 'registrations');
  emit(BENCH, 'live_registration_rate', live.rate, 'registrations/s');
  ratio(BENCH, 'live_registration_over_verify', live.rate, raw.wall);
  for (const [name, samples] of [
    ['register_response', live.response],
    ['response_to_finding', live.toFinding],
  ] as const) {
    emit(BENCH, `${name}_p50`, percentile(samples, 0.5), 'ms');
    emit(BENCH, `${name}_p99`, percentile(samples, 0.99), 'ms');
    emit(BENCH, `${name}_max`, Math.max(...samples), 'ms');
  }
}

/** The monitor evaluating the demo world's whole log, from scratch. */
async function evaluationRate(): Promise<{
  statements: number;
  findings: number;
  wall: number;
  cpu: number;
}> {
  const seeded = tempDir('compliance-demo');
  const copy = tempDir('compliance-eval');
  try {
    log('seeding the demo world (seed 1, scale 1)…');
    const t0 = performance.now();
    await seedDemoWorld(seeded.dir, { seed: 1, scale: 1 });
    log(`seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    cpSync(seeded.dir, copy.dir, { recursive: true });
    // Forget what the seeding node evaluated: the monitor then evaluates every statement once more.
    const db = new Database(join(copy.dir, DATABASE_FILE));
    db.exec('DELETE FROM compliance_findings; DELETE FROM compliance_state;');
    db.close();

    const store = SqliteStore.open(copy.dir);
    try {
      const ruleSet = RULE_SETS[RULE_SETS.length - 1];
      if (ruleSet === undefined) throw new Error('no rule set shipped');
      const cpu0 = threadCpuSeconds();
      const start = performance.now();
      const monitor = new ComplianceMonitor({
        store,
        operator: loadOperator(copy.dir),
        ruleSet,
        reference: loadReferenceLists(referenceFolderOf(copy.dir)),
        onProblem: (index, err) => log(`statement ${index}: ${(err as Error).message}`),
      });
      await monitor.idle();
      const wall = (performance.now() - start) / 1000;
      const cpu = threadCpuSeconds() - cpu0;
      monitor.close();
      const statements = monitor.evaluations;
      const findings = monitor.latestSeq();
      log(`evaluated ${statements} statements, ${findings} findings in ${wall.toFixed(2)} s`);
      return { statements, findings, wall, cpu };
    } finally {
      store.close();
    }
  } finally {
    copy.cleanup();
    seeded.cleanup();
  }
}

interface Live {
  readonly count: number;
  /** Registrations/s over the whole run. */
  readonly rate: number;
  /** POST sent to response read, ms. */
  readonly response: number[];
  /** Response read to the statement's first finding read off the stream, ms. */
  readonly toFinding: number[];
}

async function liveLatency(count: number): Promise<Live> {
  const { dir, cleanup } = tempDir('compliance-live');
  const node = LodestoneNode.open({ dataDir: dir, origin: 'bench.lodestone.example/log' });
  const server = await startServer({ node, operatorToken: TOKEN, port: 0, host: '127.0.0.1' });
  const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
  try {
    const w = SupplyWorld.on(node, dir);
    const miner = await w.org('katanga', 'COD');
    const mine = await w.facility(miner, 'kamoto', { kind: 'mine', country: 'COD', at: [25.47, -10.72] });
    log(`signing ${count} extractions…`);
    const statements = Array.from({ length: count }, (_, i) =>
      w.sign(miner, [w.extract(mine, batch(`urn:lot:bench-${i}`, 'co.hydroxide', 10_000, { Co: 300_000 }))]),
    );
    const arrived = new Map<string, number>();
    const stream = await openStream(`${server.url}/v1/findings/stream`, (statement) => {
      if (!arrived.has(statement)) arrived.set(statement, performance.now());
    });
    const answered = new Map<string, number>();
    const response: number[] = [];
    log(`registering ${count} with ${IN_FLIGHT} in flight…`);
    const start = performance.now();
    await closedLoop(statements, IN_FLIGHT, async (jws) => {
      const sent = performance.now();
      const id = await post(`${server.url}/v1/statements`, jws, agent);
      const at = performance.now();
      answered.set(id, at);
      response.push(at - sent);
    });
    const rate = count / ((performance.now() - start) / 1000);
    await node.compliance.idle();
    const deadline = performance.now() + 30_000;
    while (arrived.size < count && performance.now() < deadline) await sleep(10);
    stream.destroy();
    const toFinding = [...answered].map(([id, at]) => {
      const seen = arrived.get(id);
      if (seen === undefined) throw new Error(`no finding arrived for statement ${id}`);
      return seen - at;
    });
    return { count, rate, response, toFinding };
  } finally {
    agent.destroy();
    await server.close();
    cleanup();
  }
}

/** POST a compact JWS; the statement id of the 201 receipt. */
function post(url: string, jws: string, agent: Agent): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/jose' } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode !== 201) reject(new Error(`POST answered ${res.statusCode}: ${body}`));
          else resolve((JSON.parse(body) as { statement: string }).statement);
        });
      },
    );
    req.on('error', reject);
    req.end(jws);
  });
}

/** An SSE client as the operator: calls `onFinding` with each finding's raising statement as it is read. */
function openStream(url: string, onFinding: (statement: string) => void): Promise<{ destroy: () => void }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { authorization: `Bearer ${TOKEN}` } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`stream answered ${res.statusCode}`));
      res.setEncoding('utf8');
      let buffered = '';
      res.on('data', (text: string) => {
        buffered += text;
        for (let end = buffered.indexOf('\n\n'); end >= 0; end = buffered.indexOf('\n\n')) {
          const block = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          const data = block.split('\n').find((line) => line.startsWith('data: '));
          if (block.includes('\nevent: finding\n') && data !== undefined) {
            onFinding((JSON.parse(data.slice(6)) as { statement: string }).statement);
          }
        }
      });
      res.on('error', () => {});
      resolve({ destroy: () => req.destroy() });
    });
    req.on('error', reject);
    req.end();
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

runIfMain(import.meta, main);
