import { describe, expect, it } from 'vitest';
import { areaRiskAt, parseAreaList } from './areas.js';
import { ReferenceDataError } from './errors.js';

const HEADER = 'country,region,reason,source,valid_from,valid_until';
const LIST = parseAreaList(
  [
    HEADER,
    'COD,,armed conflict,test source A,2021-01-01,',
    'COD,CD-NK|Nord-Kivu|North Kivu,armed groups,test source B,2023-12-19,',
    'MMR,MM-11|Kachin,armed conflict,test source C,2022-08-01,2024-01-01',
  ].join('\n'),
);

/** The coded error `fn` throws, failing the test if it throws anything else or nothing. */
function codedError(fn: () => unknown): ReferenceDataError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ReferenceDataError);
    return err as ReferenceDataError;
  }
  throw new Error('expected a ReferenceDataError');
}

describe('parseAreaList', () => {
  it('reads country, `|`-separated region names, reason, source and the validity window', () => {
    expect(LIST).toHaveLength(3);
    expect(LIST[1]).toEqual({
      country: 'COD',
      region: ['CD-NK', 'Nord-Kivu', 'North Kivu'],
      reason: 'armed groups',
      source: 'test source B',
      validFrom: '2023-12-19',
      line: 3,
    });
    expect(LIST[2]?.validUntil).toBe('2024-01-01');
  });

  describe('when the input is malformed', () => {
    const cases: [string, string, string, number, number][] = [
      ['a wrong header', 'country,region,why\nCOD,,x', 'COMPLIANCE_REF_BAD_HEADER', 1, 1],
      ['empty text', '', 'COMPLIANCE_REF_BAD_HEADER', 1, 1],
      ['a missing field', `${HEADER}\nCOD,,x,y,2021-01-01`, 'COMPLIANCE_REF_FIELD_COUNT', 2, 1],
      ['an alpha-2 country', `${HEADER}\nCD,,x,y,2021-01-01,`, 'COMPLIANCE_REF_BAD_VALUE', 2, 1],
      ['an unassigned country', `${HEADER}\nXXX,,x,y,2021-01-01,`, 'COMPLIANCE_REF_BAD_VALUE', 2, 1],
      ['no source', `${HEADER}\nCOD,,reason,,2021-01-01,`, 'COMPLIANCE_REF_BAD_VALUE', 2, 13],
      ['an impossible date', `${HEADER}\nCOD,,x,y,2021-02-30,`, 'COMPLIANCE_REF_BAD_VALUE', 2, 10],
      [
        'an end before the start',
        `${HEADER}\nCOD,,x,y,2021-02-01,2021-01-01`,
        'COMPLIANCE_REF_BAD_VALUE',
        2,
        21,
      ],
      ['an unterminated quote', `${HEADER}\nCOD,"x,y,2021-01-01,`, 'COMPLIANCE_REF_CSV_SYNTAX', 2, 5],
      [
        'overlapping windows for one region',
        `${HEADER}\nCOD,Ituri,x,y,2021-01-01,\nCOD,CD-IT|ituri,x,y,2022-01-01,`,
        'COMPLIANCE_REF_DUPLICATE',
        3,
        1,
      ],
    ];
    it.each(cases)('throws a coded error with its location for %s', (_name, text, code, line, column) => {
      const err = codedError(() => parseAreaList(text, 'areas.csv'));
      expect(err.code).toBe(code);
      expect(err.location).toMatchObject({ file: 'areas.csv', line, column });
    });
  });

  it('accepts windows for one area that follow each other', () => {
    const text = `${HEADER}\nCOD,Ituri,x,y,2021-01-01,2022-01-01\nCOD,Ituri,x,y,2022-01-01,`;
    expect(parseAreaList(text)).toHaveLength(2);
  });
});

describe('areaRiskAt', () => {
  it('lists a region through its own entry, by code or by name in any spelling', () => {
    for (const region of ['CD-NK', 'nord kivu', 'NORTH-KIVU']) {
      const risk = areaRiskAt(LIST, 'COD', region, '2024-06-01T12:00:00Z');
      expect(risk.listed).toBe(true);
      expect(risk.entry?.source).toBe('test source B');
    }
  });

  it('falls back to the whole-country entry for another region, and reports the regional entries', () => {
    const risk = areaRiskAt(LIST, 'COD', 'Kinshasa', '2024-06-01');
    expect(risk.entry?.source).toBe('test source A');
    expect(risk.regionalEntries.map((e) => e.line)).toEqual([3]);
  });

  it('accepts an alpha-2 country code', () => {
    expect(areaRiskAt(LIST, 'cd', undefined, '2024-06-01').listed).toBe(true);
  });

  describe('when the time is outside the validity window', () => {
    it('is not listed before valid_from, and the region entry only counts from its own date', () => {
      expect(areaRiskAt(LIST, 'COD', undefined, '2020-12-31T23:59:59Z').listed).toBe(false);
      expect(areaRiskAt(LIST, 'COD', 'CD-NK', '2023-12-18').entry?.source).toBe('test source A');
    });

    it('is listed on valid_from and not on valid_until (exclusive)', () => {
      expect(areaRiskAt(LIST, 'MMR', 'Kachin', '2022-08-01T00:00:00Z').listed).toBe(true);
      expect(areaRiskAt(LIST, 'MMR', 'Kachin', '2023-12-31T23:59:59Z').listed).toBe(true);
      expect(areaRiskAt(LIST, 'MMR', 'Kachin', '2024-01-01T00:00:00Z').listed).toBe(false);
    });

    it('compares by UTC day, applying the time offset', () => {
      // 2022-07-31T23:30-01:00 is 2022-08-01T00:30Z.
      expect(areaRiskAt(LIST, 'MMR', 'MM-11', '2022-07-31T23:30:00-01:00').listed).toBe(true);
    });
  });

  it('is not listed for a country without entries', () => {
    expect(areaRiskAt(LIST, 'FRA', undefined, '2024-01-01')).toEqual({ listed: false, regionalEntries: [] });
  });

  it('rejects a time that is not RFC 3339', () => {
    expect(codedError(() => areaRiskAt(LIST, 'COD', undefined, 'yesterday')).code).toBe(
      'COMPLIANCE_REF_BAD_TIME',
    );
  });
});
