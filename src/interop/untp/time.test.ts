import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareInstants, earliest, instantOf, isRfc3339, readTime } from './time.js';

describe('isRfc3339', () => {
  it.each([
    '2026-02-01T06:00:00Z',
    '2026-02-01T06:00:00.123Z',
    '2026-02-01T06:00:00.123456789+05:30',
    '2024-02-29T23:59:59-12:00',
    '2000-02-29T00:00:00Z',
    '0001-01-01T00:00:00Z',
  ])('accepts %s', (t) => {
    expect(isRfc3339(t)).toBe(true);
  });

  it.each([
    ['2026-02-01T06:00:00', 'no time zone'],
    ['2026-02-01 06:00:00Z', 'a space for T'],
    ['2026-02-01t06:00:00z', 'lower case'],
    ['2026-02-30T06:00:00Z', 'no 30 February'],
    ['2023-02-29T06:00:00Z', 'not a leap year'],
    ['1900-02-29T06:00:00Z', 'a century that is not a leap year'],
    ['2026-13-01T06:00:00Z', 'month 13'],
    ['2026-01-01T24:00:00Z', 'hour 24'],
    ['2026-01-01T23:59:60Z', 'a leap second'],
    ['2026-01-01T23:59:59+24:00', 'offset 24h'],
    ['2026-01-01T23:59:59.Z', 'an empty fraction'],
    ['2026-01-01', 'a date only'],
    ['', 'nothing'],
  ])('rejects %s (%s)', (t) => {
    expect(isRfc3339(t)).toBe(false);
  });

  it('throws INTEROP_INVALID at the path for a non-string', () => {
    expect(() => readTime(20260101, '/validFrom')).toThrow(
      expect.objectContaining({ code: 'INTEROP_INVALID', path: '/validFrom' }),
    );
  });
});

describe('instantOf', () => {
  it('agrees with Date for millisecond times in every offset', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('0002-01-01T00:00:00Z'),
          max: new Date('9998-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: -14 * 60, max: 14 * 60 }),
        (date, offset) => {
          const local = new Date(date.getTime() + offset * 60_000).toISOString().slice(0, -1);
          const sign = offset < 0 ? '-' : '+';
          const abs = Math.abs(offset);
          const text = `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
          expect(instantOf(text)).toEqual([date.getTime(), 0]);
        },
      ),
    );
  });

  it('orders below the millisecond', () => {
    const a = instantOf('2026-01-01T00:00:00.0001Z')!;
    const b = instantOf('2026-01-01T00:00:00.0002Z')!;
    expect(compareInstants(a, b)).toBeLessThan(0);
  });
});

describe('earliest', () => {
  it('compares instants, not strings, and keeps the text', () => {
    expect(earliest(['2026-01-01T10:00:00+00:00', '2026-01-01T10:30:00+01:00', '2026-01-01T09:45:00Z'])).toBe(
      '2026-01-01T10:30:00+01:00',
    );
  });
  it('is empty for no times', () => {
    expect(earliest([])).toBe('');
  });
});
