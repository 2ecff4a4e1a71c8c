/**
 * Bench: W3C Bitstring Status List decoding, the work a verifier does per fetched status list.
 * (a) decode + get: `StatusBitstring.decode(encodedList).get(i)` per second, for the 16 KB minimum list
 *     (131,072 entries) and a 1 MiB list (8,388,608 entries), each with 1% of entries set at random.
 * (b) get alone on a decoded list, and encode (what an issuer does per published version).
 * Rates are per CPU-second of the bench thread (the machine may be shared) and by the wall clock.
 */
import { MIN_STATUS_LIST_BITS, StatusBitstring } from '../src/credentials/status-list.js';
import { emit, log, rate, runIfMain, seconds } from './common.js';

const BENCH = 'status_list';

/** A list of `bits` entries with `fraction` of them set, from a fixed-seed generator (reproducible). */
function sample(bits: number, fraction: number): StatusBitstring {
  let seed = 0x2545f491;
  const next = (): number => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) % bits;
  };
  return StatusBitstring.create(bits).withAll(
    Array.from({ length: Math.round(bits * fraction) }, next),
    true,
  );
}

export async function main(): Promise<void> {
  for (const [name, bits] of [
    ['16k', MIN_STATUS_LIST_BITS],
    ['1m', 8 * 1024 * 1024],
  ] as const) {
    const list = sample(bits, 0.01);
    const encoded = list.encode();
    log(`${name}: ${bits} entries, encodedList ${encoded.length} characters`);
    emit(BENCH, `encoded_${name}_chars`, encoded.length, 'chars');
    const round = bits > MIN_STATUS_LIST_BITS ? 4 : 64;
    const decode = rate(seconds(2), round, (i) => StatusBitstring.decode(encoded).get((i * 7919) % bits));
    emit(BENCH, `decode_get_${name}`, decode.cpu, 'ops/cpu_s');
    emit(BENCH, `decode_get_${name}_wall`, decode.wall, 'ops/s');
    const encode = rate(seconds(1), round, () => list.encode());
    emit(BENCH, `encode_${name}`, encode.cpu, 'ops/cpu_s');
  }
  const list = sample(MIN_STATUS_LIST_BITS, 0.01);
  const get = rate(seconds(1), 100_000, (i) => list.get(i % MIN_STATUS_LIST_BITS));
  emit(BENCH, 'get_16k', get.cpu, 'ops/cpu_s');
}

runIfMain(import.meta, main);
