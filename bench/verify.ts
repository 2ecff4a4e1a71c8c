/**
 * Bench 1: raw Ed25519 verifications/s — node:crypto `verify` with a cached KeyObject over a 1 KiB
 * message. The physical limit of a verify-everything ledger (DESIGN.md §12); the registration bench
 * measures it again in its own process and divides by it.
 */
import { generateKeyPairSync, randomBytes, sign, verify } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { emit, log, type Rate, rate, runIfMain, seconds } from './common.js';

const BENCH = 'verify';
export const MESSAGE_BYTES = 1024;

/** Ed25519 verifications/s on the calling thread over `secs` seconds. */
export function verifyRate(secs: number): Rate {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const message = randomBytes(MESSAGE_BYTES);
  const signature = sign(null, message, privateKey);
  return rate(secs, 100, () => {
    if (!verify(null, message, publicKey, signature)) throw new Error('signature does not verify');
    return true;
  });
}

function signRate(secs: number): Rate {
  const { privateKey } = generateKeyPairSync('ed25519');
  const message = randomBytes(MESSAGE_BYTES);
  return rate(secs, 100, () => sign(null, message, privateKey));
}

// Plain JavaScript, so the workers need no TypeScript loader: each reports its own rate.
const WORKER = `
const { generateKeyPairSync, randomBytes, sign, verify } = require('node:crypto');
const { parentPort, workerData } = require('node:worker_threads');
const { publicKey, privateKey } = generateKeyPairSync('ed25519');
const message = randomBytes(${MESSAGE_BYTES});
const signature = sign(null, message, privateKey);
for (let i = 0; i < 200; i++) verify(null, message, publicKey, signature);
let n = 0;
const cpu = () => Number(require('node:fs').readFileSync('/proc/thread-self/schedstat', 'ascii').split(' ')[0]) / 1e9;
const cpu0 = cpu();
const start = performance.now();
const end = start + workerData * 1000;
let now = start;
while (now < end) {
  for (let i = 0; i < 100; i++) if (!verify(null, message, publicKey, signature)) throw new Error('bad');
  n += 100;
  now = performance.now();
}
parentPort.postMessage({ wall: n / ((now - start) / 1000), cpu: n / (cpu() - cpu0) });
`;

/** Summed verifications/s of `threads` worker threads verifying at once. */
async function parallelVerifyRate(threads: number, secs: number): Promise<number> {
  const rates = await Promise.all(
    Array.from({ length: threads }, () => {
      const w = new Worker(WORKER, { eval: true, workerData: secs });
      return new Promise<Rate>((resolve, reject) => {
        w.once('message', resolve);
        w.once('error', reject);
      }).finally(() => void w.terminate());
    }),
  );
  return rates.reduce((sum, r) => sum + r.wall, 0);
}

export async function main(): Promise<void> {
  const secs = seconds(3);
  log(`verify: Ed25519 over ${MESSAGE_BYTES} B, ${secs} s per measurement`);
  const verify = verifyRate(secs);
  emit(BENCH, 'ed25519_verify_1core', verify.wall, 'verifications/s');
  emit(BENCH, 'ed25519_verify_per_cpu_s', verify.cpu, 'verifications/cpu-s');
  emit(BENCH, 'ed25519_sign_1core', signRate(secs).wall, 'signatures/s');
  emit(BENCH, 'ed25519_verify_2threads', await parallelVerifyRate(2, secs), 'verifications/s');
}

runIfMain(import.meta, main);
