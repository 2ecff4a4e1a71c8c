import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { ed25519Verify, publicKeyFromRaw } from './ed25519.js';
import { CryptoError } from './errors.js';

/** One signature to check: the raw 32-byte Ed25519 public key, the signed bytes, the signature. */
export interface VerifyJob {
  readonly publicKey: Uint8Array;
  readonly message: Uint8Array;
  readonly signature: Uint8Array;
}

/**
 * Ed25519 verification, on worker threads when there are spare cores (DESIGN.md §12: verification is the
 * physical limit of a verify-everything ledger, and the event loop has the rest of the registration to
 * do). With `threads = 0` it verifies inline.
 */
export interface SignatureVerifier {
  verify(job: VerifyJob): Promise<boolean>;
  close(): Promise<void>;
}

/** Worker threads worth using here: every core but the one running the event loop. */
export function defaultVerifyThreads(): number {
  return Math.max(0, availableParallelism() - 1);
}

export function createSignatureVerifier(threads: number = defaultVerifyThreads()): SignatureVerifier {
  return threads > 0 ? new PooledVerifier(threads) : new InlineVerifier();
}

class InlineVerifier implements SignatureVerifier {
  readonly #keys = new KeyCache();
  #closed = false;

  async verify(job: VerifyJob): Promise<boolean> {
    if (this.#closed) throw new CryptoError('CRYPTO_VERIFIER_CLOSED', 'signature verifier is closed');
    return ed25519Verify(this.#keys.get(job.publicKey), job.message, job.signature);
  }

  async close(): Promise<void> {
    this.#closed = true;
  }
}

/** Parsed keys by their raw bytes; bounded, since keys come from a registry that may grow. */
class KeyCache {
  readonly #map = new Map<string, ReturnType<typeof publicKeyFromRaw>>();

  get(raw: Uint8Array): ReturnType<typeof publicKeyFromRaw> {
    const hex = Buffer.from(raw).toString('hex');
    let key = this.#map.get(hex);
    if (!key) {
      if (this.#map.size >= 10_000) this.#map.clear();
      key = publicKeyFromRaw(raw);
      this.#map.set(hex, key);
    }
    return key;
  }
}

// The worker is plain JavaScript evaluated from a string, so it runs the same under tsc output, tsx and
// Vitest. It receives batches of jobs (amortising the message cost) and answers one byte per job.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createPublicKey, verify } = require('node:crypto');
const SPKI = Buffer.from('302a300506032b6570032100', 'hex');
const keys = new Map();
function key(raw) {
  const hex = Buffer.from(raw).toString('hex');
  let k = keys.get(hex);
  if (!k) {
    if (keys.size >= 10000) keys.clear();
    k = createPublicKey({ key: Buffer.concat([SPKI, raw]), format: 'der', type: 'spki' });
    keys.set(hex, k);
  }
  return k;
}
parentPort.on('message', ({ id, jobs }) => {
  const results = new Uint8Array(jobs.length);
  jobs.forEach((j, i) => {
    try { results[i] = j.signature.length === 64 && verify(null, j.message, key(j.publicKey), j.signature) ? 1 : 0; }
    catch { results[i] = 0; }
  });
  parentPort.postMessage({ id, results }, [results.buffer]);
});
`;

const JOBS_PER_MESSAGE = 16;

interface Pending {
  readonly resolve: (ok: boolean) => void;
  readonly reject: (err: unknown) => void;
}

/**
 * Round-robin over worker threads; jobs queued in one tick travel to a worker as one message. A worker
 * that dies fails only its own batches and is replaced, so no promise is left hanging.
 */
class PooledVerifier implements SignatureVerifier {
  readonly #workers: Worker[];
  readonly #batches = new Map<number, { worker: Worker; pending: Pending[] }>();
  #closed = false;
  #queue: { job: VerifyJob; pending: Pending }[] = [];
  #next = 0;
  #batchId = 0;
  #scheduled = false;

  constructor(threads: number) {
    this.#workers = Array.from({ length: threads }, () => this.#spawn());
  }

  verify(job: VerifyJob): Promise<boolean> {
    if (this.#closed)
      return Promise.reject(new CryptoError('CRYPTO_VERIFIER_CLOSED', 'signature verifier is closed'));
    return new Promise((resolve, reject) => {
      this.#queue.push({ job, pending: { resolve, reject } });
      if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => this.#flush());
      }
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all(this.#workers.map((w) => w.terminate()));
  }

  #flush(): void {
    this.#scheduled = false;
    const queue = this.#queue;
    this.#queue = [];
    // Small messages, spread over the workers: results flow back while the rest is still being checked,
    // so the event loop works on earlier registrations instead of waiting for one big batch.
    for (let i = 0; i < queue.length; i += JOBS_PER_MESSAGE) {
      const slice = queue.slice(i, i + JOBS_PER_MESSAGE);
      const id = this.#batchId++;
      const worker = this.#workers[this.#next++ % this.#workers.length]!;
      this.#batches.set(id, { worker, pending: slice.map((q) => q.pending) });
      worker.postMessage({ id, jobs: slice.map((q) => q.job) });
    }
  }

  #spawn(): Worker {
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    worker.unref();
    worker.on('message', ({ id, results }: { id: number; results: Uint8Array }) => {
      const batch = this.#batches.get(id);
      this.#batches.delete(id);
      for (const [i, p] of (batch?.pending ?? []).entries()) p.resolve(results[i] === 1);
    });
    worker.on('exit', () => this.#lost(worker, new Error('signature worker exited')));
    worker.on('error', (err) => this.#lost(worker, err));
    return worker;
  }

  #lost(worker: Worker, err: unknown): void {
    for (const [id, batch] of this.#batches) {
      if (batch.worker !== worker) continue;
      this.#batches.delete(id);
      for (const p of batch.pending) p.reject(err);
    }
    const at = this.#workers.indexOf(worker);
    if (at >= 0 && !this.#closed) this.#workers[at] = this.#spawn();
  }
}
