import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exactQuotient, scaleToInteger } from './decimal.js';

describe('scaleToInteger', () => {
  it('scales the printed decimal exactly, where float multiplication would not', () => {
    expect(1.005 * 1000).not.toBe(1005);
    expect(scaleToInteger(1.005, 3)).toBe(1005);
    expect(8.2 * 1e6).not.toBe(8200000);
    expect(scaleToInteger(8.2, 6)).toBe(8200000);
    expect(scaleToInteger(1234.567, 3)).toBe(1234567);
    expect(scaleToInteger(0.1, 6)).toBe(100000);
    expect(scaleToInteger(200.5, 3)).toBe(200500);
    expect(scaleToInteger(2, 6)).toBe(2000000);
    expect(scaleToInteger(-1.5, 1)).toBe(-15);
  });

  it('reads exponent notation', () => {
    expect(scaleToInteger(1e21, -15)).toBe(1000000);
    expect(scaleToInteger(1.5e-7, 8)).toBe(15);
  });

  it('refuses fractions unless asked to round, then rounds half away from zero', () => {
    expect(scaleToInteger(0.0005, 3)).toBeUndefined();
    expect(scaleToInteger(0.0005, 3, true)).toBe(1);
    expect(scaleToInteger(0.12345649, 6, true)).toBe(123456);
    expect(scaleToInteger(5e-324, 6, true)).toBe(0);
  });

  it('refuses values past 2^53 and non-finite numbers', () => {
    expect(scaleToInteger(Number.MAX_SAFE_INTEGER, 0)).toBe(Number.MAX_SAFE_INTEGER);
    expect(scaleToInteger(Number.MAX_SAFE_INTEGER, 1)).toBeUndefined();
    expect(scaleToInteger(1e300, 3)).toBeUndefined();
    expect(scaleToInteger(Number.NaN, 0)).toBeUndefined();
    expect(scaleToInteger(Number.POSITIVE_INFINITY, 0)).toBeUndefined();
  });
});

describe('exactQuotient', () => {
  it('gives kilograms that print as the exact decimal of the grams', () => {
    expect(exactQuotient(1234567, 3)).toBe(1234.567);
    expect(exactQuotient(1, 3)).toBe(0.001);
    expect(exactQuotient(300000, 6)).toBe(0.3);
  });

  it('round-trips every whole number of grams below 10^15 through kilograms', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e15 - 1 }), (grams) => {
        const kilograms = exactQuotient(grams, 3);
        expect(kilograms).toBeDefined();
        expect(scaleToInteger(JSON.parse(JSON.stringify(kilograms)), 3)).toBe(grams);
      }),
    );
  });

  it('says so when a 16-digit mass has no exact kilogram double', () => {
    expect(exactQuotient(9007199254740991, 3)).toBeUndefined();
  });
});
