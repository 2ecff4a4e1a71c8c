/**
 * Helpers shared by the tests that run the transparency-dev/merkle probe vectors
 * (../shared/vectors/merkle, see its PROVENANCE.md). Test support only: not exported from the module.
 */
import { readFileSync } from 'node:fs';
import { LogError, type LogErrorCode } from '../errors.js';

/** A file of ../shared/vectors/merkle, parsed. */
export function loadMerkleVectors<T>(name: string): T {
  return JSON.parse(
    readFileSync(new URL(`../../../../shared/vectors/merkle/${name}`, import.meta.url), 'utf8'),
  ) as T;
}

/** Cases as [name, case] rows: `%s` prints the whole upstream path, where `$source` would cut it short. */
export const named = <C extends { source: string; desc: string }>(cases: C[]): [string, C][] =>
  cases.map((c) => [`${c.source} (${c.desc})`, c]);
export const hex = (s: string): Buffer => Buffer.from(s, 'hex');
export const isCount = (n: number): boolean => Number.isSafeInteger(n) && n >= 0;
export const anyBadHash = (hs: string[]): boolean => hs.some((h) => h.length !== 64);

/** The LogError code `fn` throws, or undefined; fails the test on any other exception. */
export function codeOf(fn: () => unknown): LogErrorCode | undefined {
  try {
    fn();
  } catch (err) {
    if (!(err instanceof LogError)) throw err;
    return err.code;
  }
  return undefined;
}

export function flipBit(h: Uint8Array, bit: number): Buffer {
  const out = Buffer.from(h);
  out[bit >> 3]! ^= 1 << (bit & 7);
  return out;
}
