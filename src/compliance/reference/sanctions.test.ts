import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ReferenceDataError } from './errors.js';
import { parseFtmJsonLines, parseOfacSdnCsv } from './sanctions.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../../assets/compliance/fixtures/${name}`, import.meta.url), 'utf8');

function codedError(fn: () => unknown): ReferenceDataError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ReferenceDataError);
    return err as ReferenceDataError;
  }
  throw new Error('expected a ReferenceDataError');
}

const EMPTY9 = Array.from({ length: 9 }, () => '"-0- "').join(',');

describe('parseOfacSdnCsv', () => {
  // The fixture is fictional, in the exact sdn.csv layout: CRLF, `-0- ` markers, trailing 0x1A.
  const entries = parseOfacSdnCsv(fixture('ofac-sdn-fictional.csv'));

  it('reads every record of the fictional fixture, with kinds, programs and Remarks aliases', () => {
    expect(entries.map((e) => e.id)).toEqual([
      'ofac-sdn:990001',
      'ofac-sdn:990002',
      'ofac-sdn:990003',
      'ofac-sdn:990004',
    ]);
    expect(entries.map((e) => e.kind)).toEqual(['organization', 'person', 'organization', 'vessel']);
    expect(entries[2]).toMatchObject({
      names: ['SOCIETE MINIERE DE LUVARA S.A.R.L.', 'SOMILU', 'LUVARA MINING COMPANY LTD'],
      programs: ['DRCONGO', 'GLOMAG'],
      countries: [],
      line: 3,
    });
  });

  describe('when a record is malformed', () => {
    const cases: [string, string, string, number, number][] = [
      ['a short record', '1,"A B","-0- "', 'COMPLIANCE_REF_FIELD_COUNT', 1, 1],
      ['a non-numeric ent_num', `x1,"A B","-0- ",${EMPTY9}`, 'COMPLIANCE_REF_BAD_VALUE', 1, 1],
      ['an empty name', `1,"-0- ","-0- ",${EMPTY9}`, 'COMPLIANCE_REF_BAD_VALUE', 1, 3],
      ['an unknown SDN_Type', `1,"A B","company",${EMPTY9}`, 'COMPLIANCE_REF_BAD_VALUE', 1, 9],
      ['a stray quote', `1,A"B,"-0- ",${EMPTY9}`, 'COMPLIANCE_REF_CSV_SYNTAX', 1, 4],
    ];
    it.each(cases)('throws a coded error with its location for %s', (_name, text, code, line, column) => {
      const err = codedError(() => parseOfacSdnCsv(text, 'sdn.csv'));
      expect(err.code).toBe(code);
      expect(err.location).toMatchObject({ file: 'sdn.csv', line, column });
    });

    it('reports the line of a bad record after good ones', () => {
      const err = codedError(() => parseOfacSdnCsv(`36,"OK NAME","-0- ",${EMPTY9}\r\nbad`));
      expect(err.location).toMatchObject({ line: 2, column: 1 });
    });
  });
});

describe('parseFtmJsonLines', () => {
  const entries = parseFtmJsonLines(fixture('opensanctions-ftm-fictional.jsonl'));

  it('reads named entities with aliases and alpha-3 countries, and skips unnamed ones (Sanction)', () => {
    expect(entries.map((e) => e.id)).toEqual([
      'fict-zelvanor-metall',
      'fict-kapteyn',
      'fict-metalleia-zelva',
    ]);
    expect(entries[0]).toMatchObject({
      list: 'opensanctions',
      kind: 'organization',
      names: ['ООО «Зелванор Металл»', 'Zelvanor Metall LLC'],
      countries: ['RUS'],
      programs: ['fictional_test'],
    });
    expect(entries[1]).toMatchObject({ kind: 'person', countries: ['COD'], line: 2 });
  });

  describe('when a line is malformed', () => {
    const cases: [string, string, number][] = [
      ['not JSON', '{"id": ', 1],
      ['an array', '[1, 2]', 1],
      ['no id', '{"schema":"Company","properties":{}}', 1],
      ['properties not an object', '{"id":"x","schema":"Company","properties":[]}', 1],
      ['a name that is not a list of strings', '{"id":"x","schema":"Company","properties":{"name":"A"}}', 1],
      ['an indented bad line', '   {"id": 3}', 4],
    ];
    it.each(cases)('throws COMPLIANCE_REF_BAD_JSON with line and column for %s', (_name, text, column) => {
      const err = codedError(() => parseFtmJsonLines(`\n${text}`, 'x.json'));
      expect(err.code).toBe('COMPLIANCE_REF_BAD_JSON');
      expect(err.location).toEqual({ file: 'x.json', line: 2, column });
    });
  });
});
