import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apportion } from './allocation.js';

describe('apportion', () => {
  it.each([
    // [weights, total, parts]: worked by hand from floor(total × w / Σw) plus largest remainders.
    [[1n, 1n, 1n], 10n, [4n, 3n, 3n]],
    [[1n, 1n, 1n], 2n, [1n, 1n, 0n]],
    [[2n, 1n], 3n, [2n, 1n]],
    [[1n, 2n], 2n, [1n, 1n]],
    [[3n, 0n, 7n], 5n, [2n, 0n, 3n]],
    [[0n, 0n], 0n, [0n, 0n]],
    [[5n], 12345n, [12345n]],
    [[], 0n, []],
    [[10n ** 30n, 1n], 10n ** 20n, [10n ** 20n, 0n]],
  ] as const)('apportion([%s], %s) = [%s]', (weights, total, parts) => {
    expect(apportion(weights, total)).toEqual(parts);
  });

  it('orders a map’s parts by key, whatever its insertion order, and breaks ties by key', () => {
    const weights = new Map([
      ['b', 1n],
      ['a', 1n],
      ['c', 1n],
    ]);
    expect(apportion(weights, 4n)).toEqual([2n, 1n, 1n]);
  });

  it('refuses negative numbers and mass over zero weights', () => {
    expect(() => apportion([-1n], 1n)).toThrow(RangeError);
    expect(() => apportion([1n], -1n)).toThrow(RangeError);
    expect(() => apportion([0n, 0n], 1n)).toThrow(RangeError);
  });

  const weights = fc.array(fc.oneof(fc.constant(0n), fc.bigInt({ min: 0n, max: 10n ** 18n })), {
    minLength: 1,
    maxLength: 12,
  });
  const total = fc.bigInt({ min: 0n, max: 10n ** 20n });

  it('sums exactly to the total; each part is within 1 of its ideal; zero weights get zero', () => {
    fc.assert(
      fc.property(weights, total, (ws, t) => {
        const sum = ws.reduce((a, b) => a + b, 0n);
        fc.pre(sum > 0n);
        const parts = apportion(ws, t);
        expect(parts.reduce((a, b) => a + b, 0n)).toBe(t);
        parts.forEach((p, i) => {
          // |p − t·w/Σw| < 1  ⇔  |p·Σw − t·w| < Σw
          const gap = p * sum - t * ws[i]!;
          expect(gap < sum && -gap < sum).toBe(true);
          if (ws[i] === 0n) expect(p).toBe(0n);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('is monotone in the weights: a larger weight never gets a smaller part', () => {
    fc.assert(
      fc.property(weights, total, (ws, t) => {
        fc.pre(ws.some((w) => w > 0n));
        const parts = apportion(ws, t);
        for (let i = 0; i < ws.length; i++) {
          for (let j = 0; j < ws.length; j++) if (ws[i]! > ws[j]!) expect(parts[i]! >= parts[j]!).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});
