import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAreaList } from './areas.js';
import { ReferenceDataError } from './errors.js';
import { explainMatch } from './match.js';
import { normalizeName } from './normalize.js';
import { parseFtmJsonLines, parseOfacSdnCsv } from './sanctions.js';

/** Words that are legal forms on their own or inside a multi-word form, so stripping could involve them. */
const FORM_PARTS = new Set([
  'sp',
  'zoo',
  'sdn',
  'kabushiki',
  'kaisha',
  'private',
  'public',
  'de',
  'cv',
  'and',
]);
const word = fc
  .stringMatching(/^[a-zà-öø-ÿ]{2,8}$/)
  .filter(
    (w) =>
      !FORM_PARTS.has(w) &&
      normalizeName(`zz ${w} zz`).tokens.length === 3 &&
      normalizeName(`${w} zz`).tokens.length === 2,
  );
const words = fc.array(word, { minLength: 1, maxLength: 5 });
const SUFFIXES = [
  'Ltd',
  'LLC',
  'GmbH',
  'S.A.',
  'SARL',
  'SAS',
  'S.p.A.',
  'PLC',
  'Inc.',
  'Corp.',
  'Co.',
  'AG',
  'K.K.',
  'Co., Ltd.',
];
const anyText = fc.string({ unit: 'binary', maxLength: 80 });
const score = (a: string, b: string): number => explainMatch(a, b).score;

describe('explainMatch properties', () => {
  it('is symmetric and in [0, 1] for arbitrary text', () => {
    fc.assert(
      fc.property(anyText, anyText, (a, b) => {
        const s = score(a, b);
        expect(s).toBe(score(b, a));
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('is symmetric for names sharing words (ties in the alignment)', () => {
    fc.assert(
      fc.property(words, words, (a, b) => {
        const shared = [...b, ...a.slice(1)].join(' ');
        expect(score(a.join(' '), shared)).toBe(score(shared, a.join(' ')));
      }),
    );
  });

  it('is 1 for any name with tokens against itself, and against its upper-case, punctuated form', () => {
    fc.assert(
      fc.property(anyText, (a) => {
        fc.pre(normalizeName(a).tokens.length > 0);
        expect(score(a, a)).toBe(1);
      }),
    );
    fc.assert(
      fc.property(words, (w) => {
        expect(score(w.join(' '), `${w.join(', ').toUpperCase()}.`)).toBe(1);
      }),
    );
  });

  it('does not change when the words are reordered', () => {
    fc.assert(
      fc.property(words, words, fc.nat(), (a, b, k) => {
        const rotated = [...a.slice(k % a.length), ...a.slice(0, k % a.length)];
        const base = score(a.join(' '), b.join(' '));
        expect(score(rotated.join(' '), b.join(' '))).toBe(base);
        expect(score(a.toReversed().join(' '), b.join(' '))).toBe(base);
      }),
    );
  });

  it('does not change when a legal-form suffix is added', () => {
    fc.assert(
      fc.property(words, words, fc.constantFrom(...SUFFIXES), (a, b, suffix) => {
        expect(score(`${a.join(' ')} ${suffix}`, b.join(' '))).toBe(score(a.join(' '), b.join(' ')));
      }),
    );
  });
});

/** Text shaped like the formats: delimiters, quotes, markers and line breaks are frequent. */
const formatty = fc
  .array(
    fc.constantFrom(
      'COD',
      ',',
      '"',
      '\n',
      '\r\n',
      '-0- ',
      '2021-01-01',
      '{',
      '}',
      '"id"',
      ':',
      '[',
      ']',
      'x',
      '|',
      ' ',
      '\u001a',
      'individual',
      '1',
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

describe('parsers on arbitrary text', () => {
  const parsers: [string, (text: string) => unknown][] = [
    ['parseAreaList', (t) => parseAreaList(t)],
    [
      'parseAreaList with a header',
      (t) => parseAreaList(`country,region,reason,source,valid_from,valid_until\n${t}`),
    ],
    ['parseOfacSdnCsv', (t) => parseOfacSdnCsv(t)],
    ['parseFtmJsonLines', (t) => parseFtmJsonLines(t)],
  ];
  it.each(parsers)('%s returns or throws a ReferenceDataError, nothing else', (_name, parse) => {
    fc.assert(
      fc.property(fc.oneof(anyText, formatty), (text) => {
        try {
          parse(text);
        } catch (err) {
          expect(err).toBeInstanceOf(ReferenceDataError);
          expect((err as ReferenceDataError).location?.line).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 300 },
    );
  });
});
