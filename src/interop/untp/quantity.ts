import { InteropError, type InteropErrorCode } from '../errors.js';

/**
 * Exact conversions between Lodestone's integers (grams, parts per million) and the decimal numbers on
 * the wire (UNECE Rec 20 quantities, mass fractions). A JSON number is read as the shortest decimal that
 * round-trips its IEEE double (ECMAScript `Number::toString`), scaled by a power of ten, and must then be a
 * whole number: `0.2093` is exactly 209 300 ppm and `1.5` KGM exactly 1 500 g — never 1 499.9999…
 */

/** UNECE Recommendation 20 mass units Lodestone reads, as the power of ten of a gram each is. */
const UNIT_EXPONENT = { GRM: 0, KGM: 3, TNE: 6 } as const;

/** A mass unit code (UNECE Rec 20): gram, kilogram, tonne. */
export type MassUnit = keyof typeof UNIT_EXPONENT;

/** The mass units Lodestone reads. */
export const MASS_UNITS: readonly MassUnit[] = ['GRM', 'KGM', 'TNE'];

/**
 * The largest quantity on the wire: 10^15 − 1 g (a billion tonnes, far beyond any lot). Fifteen digits is
 * what a double carries exactly in decimal, so every quantity below it survives conversion in both directions.
 */
export const MAX_GRAMS = 999_999_999_999_999;

/** One million: parts per million in a whole. */
export const PPM = 1_000_000;

/**
 * `value × 10^shift` as an exact integer, or `undefined` when that is not a whole number (or `value` is
 * negative, not finite, or the result exceeds 2^53). Exact in this sense: the result `n` is the one integer
 * with `n / 10^shift` rounding to `value`, i.e. `value` written as its shortest round-trip decimal, shifted.
 * (Below 2^53 the doubles are far denser than 10^-shift, so no two candidates round to the same double.)
 */
export function scaleExactly(value: number, shift: number): number | undefined {
  if (!Number.isFinite(value) || value < 0) return undefined;
  const scale = 10 ** shift;
  const n = Math.round(value * scale);
  return n <= Number.MAX_SAFE_INTEGER && n / scale === value ? n : undefined;
}

/** A UNTP quantity as it appears on the wire. */
export interface WireQuantity {
  readonly quantity: number;
  readonly uom: MassUnit;
}

/**
 * Whole grams from a quantity and its unit.
 * @throws InteropError INTEROP_BAD_QUANTITY for an unknown unit, a negative or non-finite number, a value that
 *   is not a whole number of grams, or more than {@link MAX_GRAMS}
 */
export function gramsOf(quantity: unknown, uom: unknown, path: string): number {
  if (typeof uom !== 'string' || !Object.hasOwn(UNIT_EXPONENT, uom)) {
    throw new InteropError('INTEROP_BAD_QUANTITY', `unit must be one of ${MASS_UNITS.join(', ')}`, { path });
  }
  if (typeof quantity !== 'number') {
    throw new InteropError('INTEROP_BAD_QUANTITY', 'quantity must be a number', { path });
  }
  const grams = scaleExactly(quantity, UNIT_EXPONENT[uom as MassUnit]);
  if (grams === undefined || grams > MAX_GRAMS) {
    throw new InteropError(
      'INTEROP_BAD_QUANTITY',
      `${quantity} ${uom} is not a whole number of grams between 0 and ${MAX_GRAMS}`,
      { path },
    );
  }
  return grams;
}

/**
 * Grams as a wire quantity, in the largest unit that keeps the number whole (20 000 000 g → 20 TNE,
 * 1 500 g → 1 500 GRM), so readers never meet a fraction.
 * @throws InteropError INTEROP_BAD_QUANTITY when `grams` is not an integer in [0, {@link MAX_GRAMS}]
 */
export function wireQuantity(grams: number): WireQuantity {
  checkGrams(grams);
  if (grams % 1_000_000 === 0) return { quantity: grams / 1_000_000, uom: 'TNE' };
  if (grams % 1_000 === 0) return { quantity: grams / 1_000, uom: 'KGM' };
  return { quantity: grams, uom: 'GRM' };
}

/**
 * Grams as tonnes (exact: at most six decimals and fifteen digits).
 * @throws InteropError INTEROP_BAD_QUANTITY when `grams` is not an integer in [0, {@link MAX_GRAMS}]
 */
export function tonnesOf(grams: number): number {
  checkGrams(grams);
  return grams / 1_000_000;
}

function checkGrams(grams: number): void {
  if (!Number.isSafeInteger(grams) || grams < 0 || grams > MAX_GRAMS) {
    throw new InteropError(
      'INTEROP_BAD_QUANTITY',
      `${grams} is not a whole number of grams in [0, ${MAX_GRAMS}]`,
    );
  }
}

/**
 * Parts per million from a fraction in [0, 1] with at most six decimals.
 * @throws InteropError with `code` otherwise
 */
export function ppmOf(fraction: unknown, path: string, code: InteropErrorCode): number {
  const ppm = typeof fraction === 'number' && fraction <= 1 ? scaleExactly(fraction, 6) : undefined;
  if (ppm === undefined) {
    throw new InteropError(code, 'expected a fraction in [0, 1] with at most 6 decimals (1 ppm)', { path });
  }
  return ppm;
}

/**
 * Parts per million as a fraction (exact: `ppm / 10^6` has at most seven digits, so the double prints back
 * as the same decimal).
 * @throws InteropError with `code` when `ppm` is not an integer in [0, 10^6]
 */
export function fractionOf(ppm: number, code: InteropErrorCode): number {
  if (!Number.isSafeInteger(ppm) || ppm < 0 || ppm > PPM) {
    throw new InteropError(code, `${ppm} is not a whole number of ppm in [0, ${PPM}]`);
  }
  return ppm / PPM;
}
