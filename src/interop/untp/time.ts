import { invalid } from './check.js';

/** RFC 3339 date-time with a time zone (`Z` or `±hh:mm`), upper-case `T` and `Z` as UNTP's pattern has them. */
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|([+-])(\d{2}):(\d{2}))$/;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** An instant: milliseconds since the epoch, then the nanoseconds below the millisecond (for exact ordering). */
export type Instant = readonly [ms: number, subMsNanos: number];

/**
 * The instant an RFC 3339 date-time with time zone names, or `undefined` when `value` is not one (wrong
 * syntax, no time zone, an impossible date such as 02-30, a leap second, lower-case `t`/`z`).
 */
export function instantOf(value: string): Instant | undefined {
  const m = RFC3339.exec(value);
  if (m === null) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = Number(m[6]);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const offset = offsetMinutes(m[9], m[10], m[11]);
  if (offset === undefined) return undefined;
  const seconds =
    daysFromCivil(year, month, day) * 86_400 + hour * 3_600 + minute * 60 + second - offset * 60;
  const fraction = m[7] === undefined ? 0 : Number(`${m[7].slice(1)}000000000`.slice(0, 9));
  return [seconds * 1_000 + Math.floor(fraction / 1_000_000), fraction % 1_000_000];
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`; no Date objects). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function daysIn(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : (MONTH_DAYS[month - 1] ?? 0);
}

function offsetMinutes(
  sign: string | undefined,
  hours: string | undefined,
  minutes: string | undefined,
): number | undefined {
  if (sign === undefined) return 0;
  const h = Number(hours);
  const min = Number(minutes);
  if (h > 23 || min > 59) return undefined;
  return (sign === '-' ? -1 : 1) * (h * 60 + min);
}

/** True when `value` is an RFC 3339 date-time with a real calendar date and a time zone. */
export function isRfc3339(value: string): boolean {
  return instantOf(value) !== undefined;
}

/** Negative, zero or positive as instant `a` is before, equal to or after `b`. */
export function compareInstants(a: Instant, b: Instant): number {
  return a[0] - b[0] || a[1] - b[1];
}

/** An RFC 3339 date-time with time zone. */
export function readTime(value: unknown, path: string): string {
  if (typeof value !== 'string' || !isRfc3339(value))
    invalid(path, 'expected an RFC 3339 date-time with time zone');
  return value;
}

/**
 * The earliest of `times` (RFC 3339, compared as instants, so offsets are honoured); the first of equal ones.
 * Unparsable entries are skipped; `''` when there is none.
 */
export function earliest(times: readonly string[]): string {
  let best: { readonly time: string; readonly instant: Instant } | undefined;
  for (const time of times) {
    const instant = instantOf(time);
    if (instant !== undefined && (best === undefined || compareInstants(instant, best.instant) < 0)) {
      best = { time, instant };
    }
  }
  return best?.time ?? '';
}
