import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ReferenceDataError } from './errors.js';
import { DEFAULT_MATCH_OPTIONS, explainMatch, matchSanctions } from './match.js';
import { normalizeName } from './normalize.js';
import { parseFtmJsonLines, parseOfacSdnCsv } from './sanctions.js';
import { jaroWinkler } from './similarity.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../../assets/compliance/fixtures/${name}`, import.meta.url), 'utf8');
const OFAC = parseOfacSdnCsv(fixture('ofac-sdn-fictional.csv'));
const FTM = parseFtmJsonLines(fixture('opensanctions-ftm-fictional.jsonl'));
const LIST = [...OFAC, ...FTM];

describe('jaroWinkler', () => {
  // Reference values from Winkler's examples (as reproduced in the record-linkage literature).
  it.each([
    ['martha', 'marhta', 0.961],
    ['dwayne', 'duane', 0.84],
    ['dixon', 'dicksonx', 0.813],
  ])('%s / %s ≈ %f', (a, b, expected) => {
    expect(jaroWinkler(a, b)).toBeCloseTo(expected, 3);
  });

  it('is 1 only for equal strings and 0 with nothing in common', () => {
    expect(jaroWinkler('abc', 'abc')).toBe(1);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
    expect(jaroWinkler('', 'a')).toBe(0);
  });
});

describe('normalizeName', () => {
  it('strips diacritics, punctuation and the legal form, and says so', () => {
    expect(normalizeName('Société Minière du Katanga S.A.')).toMatchObject({
      normalized: 'societe miniere du katanga sa',
      tokens: ['societe', 'miniere', 'du', 'katanga'],
      legalFormsRemoved: ['sa'],
      transliterated: false,
    });
  });

  it('transliterates Cyrillic (ICAO 9303) and removes the prefix legal form ООО', () => {
    expect(normalizeName('ООО «Зелванор Металл»')).toMatchObject({
      tokens: ['zelvanor', 'metall'],
      legalFormsRemoved: ['ooo'],
      transliterated: true,
    });
    expect(normalizeName('Щукин Юрий').tokens).toEqual(['shchukin', 'iurii']);
  });

  it('transliterates Greek and removes chained and CJK legal forms', () => {
    expect(normalizeName('Μεταλλεία Ζέλβα Α.Ε.').tokens).toEqual(['metalleia', 'zelva']);
    expect(normalizeName('Zelva Trading Co., Ltd.')).toMatchObject({
      tokens: ['zelva', 'trading'],
      legalFormsRemoved: ['ltd', 'co'],
    });
    expect(normalizeName('泽尔瓦矿业有限公司')).toMatchObject({
      tokens: ['泽尔瓦矿业'],
      legalFormsRemoved: ['有限公司'],
    });
    expect(normalizeName('Zelva GmbH & Co. KG').tokens).toEqual(['zelva']);
  });

  it('never strips a name down to nothing', () => {
    expect(normalizeName('AG').tokens).toEqual(['ag']);
    expect(normalizeName('Co. Ltd.').tokens).toEqual(['co']);
  });
});

describe('explainMatch', () => {
  describe('when the names denote the same party', () => {
    it.each([
      ['diacritics, case and legal form', 'Société Minière du Katanga S.A.', 'SOCIETE MINIERE DU KATANGA'],
      ['word order', 'Katanga Miniere Societe', 'Société Minière du Katanga'.replace(' du', '')],
      ['punctuation', 'Zelvanor-Metall, Trading (LLC)', 'ZELVANOR METALL TRADING L.L.C.'],
      ['Cyrillic', 'ООО «Зелванор Металл»', 'Zelvanor Metall LLC'],
      ['Greek', 'Μεταλλεία Ζέλβα Α.Ε.', 'METALLEIA ZELVA S.A.'],
      ['an OFAC "LAST, First" individual', 'KAPTEYN, Aurelio Dmitri', 'Aurelio Dmitri Kapteyn'],
    ])('scores 1 across %s', (_how, a, b) => {
      expect(explainMatch(a, b).score).toBe(1);
    });

    it('scores high across one transliteration variant, naming the token pair and its similarity', () => {
      const e = explainMatch('Aleksandr Zelvanov', 'Alexandr Zelvanov');
      expect(e.score).toBeGreaterThan(DEFAULT_MATCH_OPTIONS.threshold);
      expect(e.pairs).toContainEqual({ a: 'aleksandr', b: 'alexandr', similarity: expect.closeTo(0.919, 3) });
      expect(e.steps.join('\n')).toMatch(/aleksandr" ≈ "alexandr" \(Jaro-Winkler 0\.9\d\d\)/);
    });
  });

  describe('when the names denote different parties', () => {
    it.each([
      ['a different business word', 'Zelvanor Mining Trading LLC', 'Zelvanor Shipping Trading LLC'],
      ['a different family name', 'Aurelio Kapteyn', 'Aurelio Montero'],
      ['a different place', 'Société Minière du Katanga', 'Société Minière du Kivu'],
    ])('stays below the default threshold for %s', (_how, a, b) => {
      const e = explainMatch(a, b);
      expect(e.score).toBeLessThan(DEFAULT_MATCH_OPTIONS.threshold);
      expect(e.unmatchedA.length + e.unmatchedB.length).toBeGreaterThan(0);
    });
  });

  it('explains each step: both normalised forms, removed legal forms, pairs and the score formula', () => {
    const e = explainMatch('Société Minière du Katanga S.A.', 'SOCIETE MINIERE DU KATANGA');
    expect(e.method).toBe('token-set Jaro-Winkler');
    expect(e.steps).toEqual([
      'a: "Société Minière du Katanga S.A." → "societe miniere du katanga sa", legal forms removed: sa → tokens [societe miniere du katanga]',
      'b: "SOCIETE MINIERE DU KATANGA" → "societe miniere du katanga" → tokens [societe miniere du katanga]',
      '"societe" = "societe"',
      '"miniere" = "miniere"',
      '"du" = "du"',
      '"katanga" = "katanga"',
      'score = 2 × 4.000 ÷ (4 + 4) = 1.000',
    ]);
  });

  it('rejects an option outside [0, 1]', () => {
    expect(() => explainMatch('a', 'b', { tokenThreshold: 2 })).toThrow(ReferenceDataError);
  });
});

describe('matchSanctions', () => {
  it('finds an OFAC entry by a reordered, lower-case alias with the legal form dropped', () => {
    const m = matchSanctions(LIST, 'Luvara Mining Company');
    expect(m).toMatchObject({
      score: 1,
      entry: { id: 'ofac-sdn:990003' },
      matchedName: 'LUVARA MINING COMPANY LTD',
    });
  });

  it('finds a FollowTheMoney entry by the Latin spelling of its Cyrillic name, country agreeing', () => {
    const m = matchSanctions(FTM, 'Zelvanor Metall OOO', 'RUS');
    expect(m).toMatchObject({
      score: 1,
      entry: { id: 'fict-zelvanor-metall' },
      country: { query: 'RUS', matched: true },
    });
  });

  it('lowers the score when the entry names other countries', () => {
    const m = matchSanctions(FTM, 'Metalleia Zelva', 'COD', { threshold: 0.5 });
    expect(m?.score).toBeCloseTo(DEFAULT_MATCH_OPTIONS.countryMismatchFactor, 10);
    expect(m?.explanation.steps.at(-1)).toMatch(/country COD not in \[GRC\]: × 0.9 = 0.900/);
    // A mismatch lowers, never excludes: an exact name still matches; a near one drops below 0.88.
    expect(matchSanctions(FTM, 'Metalleia Zelva', 'COD')?.score).toBeCloseTo(0.9, 10);
    expect(matchSanctions(FTM, 'Metalleia Zelvanos', 'GRC')?.score).toBeGreaterThan(0.88);
    expect(matchSanctions(FTM, 'Metalleia Zelvanos', 'COD')).toBeUndefined();
  });

  it('returns undefined for a near-miss different company', () => {
    expect(matchSanctions(LIST, 'Zelvanor Shipping Holdings')).toBeUndefined();
    expect(matchSanctions(LIST, 'Société Minière de Kivu')).toBeUndefined();
  });

  it('honours a configured threshold', () => {
    expect(matchSanctions(LIST, 'Zelvanor Metall Shipping')).toBeUndefined();
    // 2 × 2 ÷ (3 + 2) = 0.8 against either FtM name (the first wins the tie), better than 0.667 against OFAC's.
    const m = matchSanctions(LIST, 'Zelvanor Metall Shipping', undefined, { threshold: 0.7 });
    expect(m).toMatchObject({
      score: 0.8,
      entry: { id: 'fict-zelvanor-metall' },
      matchedName: 'ООО «Зелванор Металл»',
    });
  });
});
