/**
 * A load-generator worker thread for the registration bench: POSTs its statements to the server over
 * keep-alive loopback connections, `connections` requests in flight. Protocol with the parent:
 * it warms up, posts {type: 'warmed'}, waits for any message, runs, posts {type: 'done', …}.
 */
import { Agent, request } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import { closedLoop, threadCpuSeconds } from './common.js';

export interface ClientJob {
  readonly port: number;
  readonly connections: number;
  readonly warm: readonly string[];
  readonly run: readonly string[];
}

export interface ClientResult {
  readonly type: 'done';
  /** Responses by HTTP status. */
  readonly statuses: Record<string, number>;
  /** CPU seconds this client thread used during the run. */
  readonly cpu: number;
}

const job = workerData as ClientJob;
const port = parentPort!;
const agent = new Agent({ keepAlive: true, maxSockets: job.connections });

function post(body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: job.port,
        path: '/v1/statements',
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/jose', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.once('end', () => resolve(res.statusCode ?? 0));
        res.once('error', reject);
      },
    );
    req.once('error', reject);
    req.end(body);
  });
}

async function send(items: readonly string[]): Promise<Record<string, number>> {
  const statuses: Record<string, number> = {};
  await closedLoop(items, job.connections, async (jws) => {
    const status = await post(jws);
    statuses[status] = (statuses[status] ?? 0) + 1;
  });
  return statuses;
}

await send(job.warm);
port.postMessage({ type: 'warmed' });
port.once('message', async () => {
  const cpu0 = threadCpuSeconds();
  const statuses = await send(job.run);
  const result: ClientResult = { type: 'done', statuses, cpu: threadCpuSeconds() - cpu0 };
  port.postMessage(result);
  agent.destroy();
});
