import { CustodyError, ensure } from './errors.js';

/** The key-row `activeFrom` of the operator's keys, trusted "from the beginning of time". */
export const BEGINNING_OF_TIME = '0000-01-01T00:00:00.000Z';

// RFC 3339 §5.6 date-time. Date.parse alone would also accept forms such as "2024-01-01" or "Jan 1 2024",
// whose meaning (local time) depends on the machine: replay on another node must decide the same.
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * The instant `value` names, in milliseconds since the epoch.
 * @throws CustodyError CUSTODY_BAD_TIME
 */
export function instant(value: string, what: string): number {
  const ms = typeof value === 'string' && RFC3339.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new CustodyError(
      'CUSTODY_BAD_TIME',
      `${what} is not an RFC 3339 date-time: ${JSON.stringify(value)}`,
    );
  }
  return ms;
}

/** The registration time of the statement being applied and how far past it a statement may speak. */
export interface Clock {
  readonly registeredMs: number;
  readonly maxFutureMs: number;
}

/**
 * The instant of `value`, which must not lie more than the clock's allowance after registration: a
 * statement cannot vouch for what has not happened yet.
 * @throws CustodyError CUSTODY_BAD_TIME, CUSTODY_FUTURE_TIME
 */
export function pastInstant(clock: Clock, value: string, what: string): number {
  const ms = instant(value, what);
  ensure(
    ms - clock.registeredMs <= clock.maxFutureMs,
    'CUSTODY_FUTURE_TIME',
    () => `${what} ${value} lies more than ${clock.maxFutureMs} ms after registration`,
  );
  return ms;
}
