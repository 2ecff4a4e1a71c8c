import { RiskError } from './errors.js';
import type { TimeWindow } from './types.js';

const RFC3339 = /^\d{4}-\d{2}-\d{2}(?:[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2}))?$/;

/**
 * Milliseconds since the epoch of an RFC 3339 date-time, or of a full date (read as 00:00 UTC).
 * @throws RiskError RISK_BAD_TIME
 */
export function parseTime(time: string, what: string): number {
  const ms = RFC3339.test(time) ? Date.parse(time) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new RiskError(
      'RISK_BAD_TIME',
      `${what}: not an RFC 3339 date or date-time: ${JSON.stringify(time)}`,
    );
  }
  return ms;
}

/** A window as epoch milliseconds, checked: `from` before `to`. */
export function parseWindow(window: TimeWindow): { from: number; to: number } {
  const from = parseTime(window.from, 'window.from');
  const to = parseTime(window.to, 'window.to');
  if (to <= from) {
    throw new RiskError('RISK_BAD_TIME', `the window ends (${window.to}) before it starts (${window.from})`);
  }
  return { from, to };
}

/** The calendar year `year` in UTC as a window. */
export function yearWindow(year: number): TimeWindow {
  if (!Number.isInteger(year) || year < 1000 || year > 9998) {
    throw new RiskError('RISK_BAD_TIME', `not a four-digit year: ${year}`);
  }
  return { from: `${year}-01-01T00:00:00Z`, to: `${year + 1}-01-01T00:00:00Z` };
}
