/**
 * Exact decimal arithmetic on JSON numbers, for quantities and mass fractions.
 *
 * A JSON number is read as the decimal that ECMAScript prints for it (`String(n)`, the shortest string
 * that round-trips): that is what the JSON text said whenever it had at most 15 significant digits, so
 * `1234.567` kilograms is exactly 1 234 567 grams, never 1234566.9999. Scaling happens on BigInt digits.
 */

/** A JSON number as `digits × 10^exponent`. */
interface Decimal {
  readonly negative: boolean;
  readonly digits: bigint;
  readonly exponent: number;
}

const NUMBER = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/;
/** Beyond this, a scaled value is far past any safe integer; stop before building huge BigInts. */
const MAX_EXPONENT = 30;

function parseDecimal(value: number): Decimal | undefined {
  if (!Number.isFinite(value)) return undefined;
  const match = NUMBER.exec(String(value));
  if (match === null) return undefined;
  const [, sign, whole = '', fraction = '', exp = '0'] = match;
  return {
    negative: sign === '-',
    digits: BigInt(whole + fraction),
    exponent: Number(exp) - fraction.length,
  };
}

/**
 * `value × 10^scale` as a safe integer, or `undefined` when it is not a whole number (with `round`,
 * rounded half away from zero instead) or not a safe integer.
 */
export function scaleToInteger(value: number, scale: number, round = false): number | undefined {
  const decimal = parseDecimal(value);
  if (decimal === undefined) return undefined;
  const exponent = decimal.exponent + scale;
  if (exponent > MAX_EXPONENT) return undefined;
  let magnitude: bigint;
  if (exponent >= 0) {
    magnitude = decimal.digits * 10n ** BigInt(exponent);
  } else {
    // Below 10^-MAX_EXPONENT of a unit, a value rounds to zero; clamp so the divisor stays small.
    const divisor = 10n ** BigInt(Math.min(-exponent, MAX_EXPONENT + 20));
    const remainder = decimal.digits % divisor;
    if (remainder !== 0n && !round) return undefined;
    magnitude = decimal.digits / divisor + (2n * remainder >= divisor ? 1n : 0n);
  }
  if (magnitude > BigInt(Number.MAX_SAFE_INTEGER)) return undefined;
  const result = Number(magnitude);
  return decimal.negative && result !== 0 ? -result : result;
}

/**
 * `integer / 10^scale` as a JSON number whose printed decimal is exact, or `undefined` when no double
 * prints as that decimal (only past 15 significant digits).
 */
export function exactQuotient(integer: number, scale: number): number | undefined {
  const quotient = integer / 10 ** scale;
  // Division is correctly rounded, so the result is the double nearest the decimal; check it prints back.
  return scaleToInteger(quotient, scale) === integer ? quotient : undefined;
}
