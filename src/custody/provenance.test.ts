import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ElementProvenance, type OriginFacts, percentOf, provenanceOf } from './provenance.js';
import type { Composition } from './rows.js';

const FACTS: Record<string, OriginFacts> = {
  'https://cod.example/mine': { country: 'COD', name: 'Kamoto' },
  'https://can.example/mine': { country: 'CAN' },
  'https://cod.example/pit': { country: 'COD' },
};
const facts = (id: string) => FACTS[id];

describe('provenanceOf', () => {
  const composition: Composition = {
    Co: [
      ['artisanal https://cod.example/pit', '100'],
      ['industrial https://can.example/mine', '300'],
      ['industrial https://cod.example/mine', '500'],
      ['undeclared https://refinery.example', '100'],
    ],
    Mn: [],
  };

  it('gives exact shares per origin, country, alliance, extraction and certification', () => {
    const certified = (facility: string) => (facility === 'https://cod.example/mine' ? true : undefined);
    const [co, ...rest] = provenanceOf(composition, facts, certified);
    expect(rest).toEqual([]);
    expect(co!.micrograms).toBe('1000');
    const table = (d: Exclude<keyof ElementProvenance, 'element' | 'micrograms'>) =>
      co![d].map((s) => [s.key, s.share, s.percent]);
    expect(table('byOrigin')).toEqual([
      ['industrial https://cod.example/mine', '1/2', 50],
      ['industrial https://can.example/mine', '3/10', 30],
      ['artisanal https://cod.example/pit', '1/10', 10],
      ['undeclared https://refinery.example', '1/10', 10],
    ]);
    expect(table('byCountry')).toEqual([
      ['COD', '3/5', 60],
      ['CAN', '3/10', 30],
      ['undeclared', '1/10', 10],
    ]);
    expect(table('byAlliance')).toEqual([
      ['non-member', '3/5', 60],
      ['member', '3/10', 30],
      ['undeclared', '1/10', 10],
    ]);
    expect(table('byExtraction')).toEqual([
      ['industrial', '4/5', 80],
      ['artisanal', '1/10', 10],
      ['undeclared', '1/10', 10],
    ]);
    expect(table('byCertification')).toEqual([
      ['certified', '1/2', 50],
      ['unknown', '1/2', 50],
    ]);
  });

  it('puts everything under unknown certification without a certification source', () => {
    const [co] = provenanceOf(composition, facts);
    expect(co!.byCertification).toEqual([{ key: 'unknown', micrograms: '1000', share: '1/1', percent: 100 }]);
  });

  it('marks a facility without facts as of unknown country, undeclared alliance', () => {
    const [co] = provenanceOf({ Co: [['industrial https://x.example', '7']] }, () => undefined);
    expect(co!.byCountry[0]!.key).toBe('unknown');
    expect(co!.byAlliance[0]!.key).toBe('undeclared');
  });

  it('rounds display percentages half up to 4 decimals', () => {
    expect(percentOf(1n, 3n)).toBe(33.3333);
    expect(percentOf(2n, 3n)).toBe(66.6667);
    expect(percentOf(1n, 200_000_0n)).toBe(0.0001);
    expect(percentOf(1n, 400_000_0n)).toBe(0);
  });

  const origins = fc.uniqueArray(
    fc.record({
      method: fc.constantFrom('industrial', 'artisanal', 'undeclared'),
      facility: fc.constantFrom(...Object.keys(FACTS), 'https://other.example'),
    }),
    { minLength: 1, maxLength: 8, selector: (o) => `${o.method} ${o.facility}` },
  );

  it('has shares that sum to exactly 1 in every dimension', () => {
    fc.assert(
      fc.property(
        origins,
        fc.array(fc.bigInt({ min: 1n, max: 10n ** 24n }), { minLength: 8, maxLength: 8 }),
        (os, ms) => {
          const parts = os.map((o, i) => [`${o.method} ${o.facility}`, ms[i]!.toString()] as const);
          const [ni] = provenanceOf({ Ni: parts }, facts, (f) => f.length % 2 === 0);
          for (const d of [
            'byOrigin',
            'byCountry',
            'byAlliance',
            'byExtraction',
            'byCertification',
          ] as const) {
            expect(sumOfFractions(ni![d].map((s) => s.share)), d).toEqual([1n, 1n]);
            expect(ni![d].reduce((a, s) => a + BigInt(s.micrograms), 0n)).toBe(BigInt(ni!.micrograms));
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

/** Σ n/d as a reduced [numerator, denominator]. */
function sumOfFractions(fractions: readonly string[]): [bigint, bigint] {
  let [n, d] = [0n, 1n];
  for (const f of fractions) {
    const [a, b] = f.split('/').map(BigInt) as [bigint, bigint];
    [n, d] = [n * b + a * d, d * b];
    const g = gcd(n, d);
    [n, d] = [n / g, d / g];
  }
  return [n, d];
}

function gcd(a: bigint, b: bigint): bigint {
  return b === 0n ? a : gcd(b, a % b);
}
