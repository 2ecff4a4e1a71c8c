import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concentrationBottomUp, type TracedFlow } from './bottom-up.js';
import { governanceWeightedHhi, hhi } from './measures.js';
import { seed } from './testing/seed.js';

const COUNTRIES = ['CHN', 'COD', 'AUS', 'CAN', 'USA', 'IDN', 'CHL', 'ZAF', 'DEU', 'JPN'] as const;
const country = fc.constantFrom(...COUNTRIES);

const flowArb: fc.Arbitrary<TracedFlow> = fc.record({
  element: fc.constantFrom('Co' as const, 'Ni' as const),
  stage: fc.constantFrom('mining', 'refining'),
  country,
  micrograms: fc.bigInt({ min: 0n, max: 10n ** 24n }),
  time: fc
    .integer({ min: Date.UTC(2023, 0, 1), max: Date.UTC(2026, 0, 1) - 1 })
    .map((ms) => new Date(ms).toISOString()),
});

const query = { mineral: 'cobalt', stage: 'mining' } as const;

/** Positive amounts by distinct country: a complete partition of their sum. */
const partition = fc
  .uniqueArray(fc.tuple(country, fc.double({ min: 1e-6, max: 1e12, noNaN: true })), {
    minLength: 1,
    maxLength: COUNTRIES.length,
    selector: ([c]) => c,
  })
  .map((entries) => {
    const total = entries.reduce((a, [, x]) => a + x, 0);
    return entries.map(([c, x]) => ({ country: c, share: x / total }));
  });

describe('concentration invariants', () => {
  it('HHI lies in [0, 10,000] for any partition, and is 10,000 for a monopoly', () => {
    fc.assert(
      fc.property(partition, (shares) => {
        const h = hhi(shares.map((s) => s.share));
        expect(h).toBeGreaterThanOrEqual(0);
        expect(h).toBeLessThanOrEqual(10_000);
        // Never below the equal split's 10,000 / n.
        expect(h).toBeGreaterThanOrEqual(10_000 / shares.length - 1e-6);
      }),
    );
    expect(hhi([1])).toBe(10_000);
    fc.assert(
      fc.property(country, fc.bigInt({ min: 1n, max: 10n ** 30n }), (c, m) => {
        const result = concentrationBottomUp(
          [{ element: 'Co', stage: 'mining', country: c, micrograms: m, time: '2025-01-01' }],
          query,
        );
        expect(result.hhi).toBe(10_000);
        expect(result.top1).toEqual({ country: c, share: 1 });
      }),
    );
  });

  it('bottom-up shares sum to 1 when every flow names a country', () => {
    fc.assert(
      fc.property(fc.array(flowArb, { maxLength: 40 }), (flows) => {
        const result = concentrationBottomUp(flows, query);
        const sum = result.shares.reduce((a, s) => a + s.share, 0);
        if (result.total === '0') expect(result.shares).toEqual([]);
        else expect(Math.abs(sum - 1)).toBeLessThan(1e-9);
        const mass = result.shares.reduce((a, s) => a + BigInt(s.amount), 0n);
        expect(mass.toString()).toBe(result.total);
      }),
    );
  });

  it('governance-weighted HHI is at most the largest WGI risk times the HHI', () => {
    fc.assert(
      fc.property(
        partition,
        fc.dictionary(country, fc.double({ min: 0, max: 10, noNaN: true })),
        (shares, risks) => {
          const { value, coverage } = governanceWeightedHhi(shares, (c) => risks[c]);
          const used = shares.flatMap((s) => risks[s.country] ?? []);
          const maxRisk = used.length > 0 ? Math.max(...used) : 0;
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThanOrEqual(maxRisk * hhi(shares.map((s) => s.share)) * (1 + 1e-12) + 1e-9);
          expect(coverage).toBeGreaterThanOrEqual(0);
          expect(coverage).toBeLessThanOrEqual(1);
        },
      ),
    );
  });

  it('also holds on the shipped data, with the WGI of the datasets', () => {
    fc.assert(
      fc.property(fc.array(flowArb, { minLength: 1, maxLength: 30 }), (flows) => {
        const result = concentrationBottomUp(flows, { ...query, datasets: seed() });
        expect(result.governanceWeighted.value).toBeLessThanOrEqual(10 * result.hhi + 1e-6);
      }),
      { numRuns: 50 },
    );
  });

  it('bottom-up does not depend on the order of the flows', () => {
    const arb = fc
      .array(flowArb, { maxLength: 30 })
      .chain((flows) =>
        fc.tuple(
          fc.constant(flows),
          fc.shuffledSubarray(flows, { minLength: flows.length, maxLength: flows.length }),
        ),
      );
    fc.assert(
      fc.property(arb, ([flows, shuffled]) => {
        const window = { from: '2024-01-01', to: '2025-07-01' };
        expect(concentrationBottomUp(shuffled, { ...query, window, datasets: seed() })).toEqual(
          concentrationBottomUp(flows, { ...query, window, datasets: seed() }),
        );
      }),
    );
  });
});
