import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv.js';
import { expectRiskError } from './testing/seed.js';

const fields = (text: string) => parseCsv(text, 't.csv').map((r) => r.fields);

describe('parseCsv', () => {
  it('reads RFC 4180: CRLF records, quoted commas, doubled quotes and line breaks inside quotes', () => {
    expect(fields('a,b,c\r\n1,"x, y","say ""hi"""\r\n"multi\r\nline",,z\r\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', 'x, y', 'say "hi"'],
      ['multi\r\nline', '', 'z'],
    ]);
  });

  it('accepts LF line breaks, a missing final line break, a byte-order mark, and skips empty lines', () => {
    expect(fields('\uFEFFa,b\n1,2\n\n3,4')).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('records where each field starts, counting lines inside quoted fields', () => {
    const [, second] = parseCsv('a,b\n"x\ny",z\n', 't.csv');
    expect(second?.lines).toEqual([2, 3]);
    expect(second?.columns).toEqual([1, 4]);
  });

  describe('when the text breaks RFC 4180', () => {
    it.each([
      ['an unterminated quote', 'a,b\n1,"open\n', 2, 3],
      ['text after a closing quote', 'a,b\n"x"y,2\n', 2, 4],
      ['a quote in an unquoted field', 'a,b\n1,2"3\n', 2, 4],
    ])('reports %s with its line and column', (_, text, line, column) => {
      const err = expectRiskError(() => parseCsv(text, 'bad.csv'), 'RISK_CSV_SYNTAX');
      expect(err.location).toEqual({ file: 'bad.csv', line, column });
      expect(err.message).toMatch(new RegExp(`^bad\\.csv:${line}:${column}: `));
    });
  });
});
