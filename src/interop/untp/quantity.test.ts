import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InteropError } from '../errors.js';
import { fractionOf, gramsOf, MAX_GRAMS, ppmOf, scaleExactly, tonnesOf, wireQuantity } from './quantity.js';

describe('gramsOf', () => {
  it.each([
    [1.5, 'KGM', 1_500],
    [0.001, 'KGM', 1],
    [20, 'TNE', 20_000_000],
    [1.234567, 'TNE', 1_234_567],
    [0.1, 'TNE', 100_000],
    [999_999_999.999999, 'TNE', MAX_GRAMS],
    [42, 'GRM', 42],
    [0, 'KGM', 0],
    [1e3, 'GRM', 1_000],
  ] as const)('reads %s %s as exactly %i g', (quantity, uom, grams) => {
    expect(gramsOf(quantity, uom, '/q')).toBe(grams);
  });

  it.each([
    [1.5, 'GRM', 'a fraction of a gram'],
    [0.0005, 'KGM', 'half a gram'],
    [1.2345678, 'TNE', 'finer than a gram'],
    [-1, 'KGM', 'negative'],
    [Number.NaN, 'KGM', 'not a number'],
    [Number.POSITIVE_INFINITY, 'TNE', 'infinite'],
    [1e9, 'TNE', 'above the maximum'],
    ['5', 'KGM', 'a string'],
    [5, 'LTR', 'not a mass unit'],
    [5, undefined, 'no unit'],
    [5, 'kgm', 'a lower-case unit'],
  ] as [unknown, unknown, string][])(
    'rejects %s %s (%s) with INTEROP_BAD_QUANTITY at the path',
    (quantity, uom) => {
      expect(() => gramsOf(quantity, uom, '/q')).toThrow(
        expect.objectContaining({ code: 'INTEROP_BAD_QUANTITY', path: '/q' }),
      );
    },
  );
});

describe('wireQuantity', () => {
  it.each([
    [20_000_000, { quantity: 20, uom: 'TNE' }],
    [20_500_000, { quantity: 20_500, uom: 'KGM' }],
    [1_500, { quantity: 1_500, uom: 'GRM' }],
    [0, { quantity: 0, uom: 'TNE' }],
  ])('writes %i g as %o (the largest unit with a whole number)', (grams, wire) => {
    expect(wireQuantity(grams)).toEqual(wire);
  });

  it.each([1.5, -1, MAX_GRAMS + 1, Number.NaN])('refuses %s g', (grams) => {
    expect(() => wireQuantity(grams)).toThrow(InteropError);
  });

  it('is inverted by gramsOf for every whole number of grams up to the maximum', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_GRAMS }), (grams) => {
        const { quantity, uom } = wireQuantity(grams);
        expect(gramsOf(JSON.parse(JSON.stringify(quantity)), uom, '')).toBe(grams);
        expect(gramsOf(tonnesOf(grams), 'TNE', '')).toBe(grams);
      }),
    );
  });
});

describe('ppmOf and fractionOf', () => {
  it.each([
    [0.2093, 209_300],
    [0.000001, 1],
    [1, 1_000_000],
    [0, 0],
    [0.1 + 0.2, undefined],
  ])('reads the fraction %s as %s ppm', (fraction, ppm) => {
    if (ppm === undefined) expect(() => ppmOf(fraction, '/f', 'INTEROP_BAD_CONTENT')).toThrow(InteropError);
    else expect(ppmOf(fraction, '/f', 'INTEROP_BAD_CONTENT')).toBe(ppm);
  });

  it.each([0.0000001, 1.000001, -0.1, 2, '0.5', null])('rejects %s with the given code', (fraction) => {
    expect(() => ppmOf(fraction, '/f', 'INTEROP_BAD_CONTENT')).toThrow(
      expect.objectContaining({ code: 'INTEROP_BAD_CONTENT', path: '/f' }),
    );
  });

  it('round-trips every whole ppm exactly, through JSON text', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (ppm) => {
        const wire = JSON.parse(JSON.stringify(fractionOf(ppm, 'INTEROP_BAD_CONTENT')));
        expect(ppmOf(wire, '', 'INTEROP_BAD_CONTENT')).toBe(ppm);
      }),
    );
  });
});

describe('scaleExactly', () => {
  it('agrees with decimal arithmetic on the shortest round-trip decimal', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 12 }), fc.integer({ min: 0, max: 6 }), (n, decimals) => {
        const text =
          decimals === 0
            ? String(n)
            : `${Math.floor(n / 10 ** decimals)}.${String(n % 10 ** decimals).padStart(decimals, '0')}`;
        expect(scaleExactly(Number(text), decimals)).toBe(n);
        if (decimals > 0)
          expect(scaleExactly(Number(text), decimals - 1)).toBe(n % 10 === 0 ? n / 10 : undefined);
      }),
    );
  });
});
