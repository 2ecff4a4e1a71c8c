import { readFileSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ElementSymbol, massFractionsOf } from './elements.js';
import {
  checkContent,
  elementMass,
  getMaterial,
  isMaterialCode,
  isPlausible,
  listMaterials,
} from './materials.js';
import { MATERIALS } from './materials-data.js';
import { MATERIALS_DOC_BEGIN, MATERIALS_DOC_END, renderMaterialsDoc } from './materials-doc.js';
import { MaterialsError } from './materials-errors.js';
import type { FractionRange } from './materials-types.js';

const DOC = new URL('../../docs/materials.md', import.meta.url);
const CODE = /^[a-z]+(?:\.[a-z0-9]+(?:-[a-z0-9]+)*){1,3}$/;

const entries = (elements: object): [ElementSymbol, FractionRange][] =>
  Object.entries(elements) as [ElementSymbol, FractionRange][];

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (err) {
    return err instanceof MaterialsError ? err.code : `not coded: ${String(err)}`;
  }
  return undefined;
}

describe('the materials vocabulary', () => {
  it('has at least 40 materials across the five chains and admits other minerals', () => {
    expect(MATERIALS.length).toBeGreaterThanOrEqual(40);
    for (const chain of ['lithium', 'cobalt', 'nickel', 'graphite', 'rare-earths'] as const) {
      expect(listMaterials({ chain }).length, chain).toBeGreaterThanOrEqual(5);
    }
    for (const chain of ['manganese', 'copper', 'gallium', 'germanium'] as const) {
      expect(listMaterials({ chain }).length, chain).toBeGreaterThanOrEqual(1);
    }
  });

  it('has unique, stable-looking codes', () => {
    const codes = MATERIALS.map((m) => m.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(CODE);
  });

  it.each(MATERIALS.map((m) => [m.code, m] as const))(
    '%s: ranges lie in [0, 1], min ≤ max, minima sum ≤ 1',
    (_, m) => {
      const ranges = entries(m.elements);
      expect(ranges.length).toBeGreaterThan(0);
      for (const [symbol, { min, max }] of ranges) {
        expect(Number.isFinite(min) && Number.isFinite(max), symbol).toBe(true);
        expect(min, symbol).toBeGreaterThanOrEqual(0);
        expect(max, symbol).toBeLessThanOrEqual(1);
        expect(min, symbol).toBeLessThanOrEqual(max);
      }
      expect(ranges.reduce((sum, [, r]) => sum + r.min, 0)).toBeLessThanOrEqual(1);
      expect(m.source.length).toBeGreaterThan(0);
      expect(m.chains.length).toBeGreaterThan(0);
    },
  );

  const withFormula = MATERIALS.filter((m) => m.formula !== undefined).map((m) => [m.code, m] as const);
  it.each(withFormula)('%s: every formula element has a range containing its stoichiometry', (_, m) => {
    const fractions = entries(massFractionsOf(m.formula!));
    for (const [symbol, fraction] of fractions as unknown as [ElementSymbol, number][]) {
      const range = m.elements[symbol];
      expect(range, `${symbol} has no range`).toBeDefined();
      expect(fraction, symbol).toBeGreaterThanOrEqual(range!.min);
      expect(fraction, symbol).toBeLessThanOrEqual(range!.max);
    }
  });

  // DESIGN.md §5's facts, as the vocabulary holds them.
  it.each([
    ['li.carbonate.battery', 'Li', 0.188],
    ['li.hydroxide.battery', 'Li', 0.165],
    ['co.sulfate.battery', 'Co', 0.209],
    ['ni.sulfate.battery', 'Ni', 0.223],
    ['li.concentrate.spodumene-sc6', 'Li', 0.028],
    ['cam.nmc811', 'Li', 0.07],
    ['cam.nmc811', 'Ni', 0.48],
    ['cam.nmc811', 'Co', 0.06],
    // DESIGN.md's "≈ 6 % Mn" rounds the stoichiometric 5.65 % (checked in elements.test.ts).
    ['cam.nmc811', 'Mn', 0.0565],
  ] as const)('holds %s %s = %f as plausible', (code, element, fraction) => {
    expect(isPlausible(code, element, fraction)).toBe(true);
  });
});

describe('docs/materials.md', () => {
  it('matches the data (regenerate with UPDATE_MATERIALS_DOC=1)', () => {
    const page = readFileSync(DOC, 'utf8');
    const begin = page.indexOf(MATERIALS_DOC_BEGIN);
    const end = page.indexOf(MATERIALS_DOC_END);
    expect(begin).toBeGreaterThanOrEqual(0);
    expect(end).toBeGreaterThan(begin);
    const current = page.slice(begin, end + MATERIALS_DOC_END.length);
    const expected = renderMaterialsDoc(MATERIALS);
    if (process.env.UPDATE_MATERIALS_DOC === '1' && current !== expected) {
      writeFileSync(
        DOC,
        page.replace(current, () => expected),
      );
      return;
    }
    expect(current).toBe(expected);
  });
});

describe('getMaterial', () => {
  it('returns the material, frozen', () => {
    const m = getMaterial('li.carbonate.battery');
    expect(m.formula).toBe('Li2CO3');
    expect(Object.isFrozen(m) && Object.isFrozen(m.elements.Li)).toBe(true);
  });

  it.each(['', 'li.carbonate', 'LI.CARBONATE.BATTERY', '__proto__', 'constructor'])(
    'throws MODEL_UNKNOWN_MATERIAL for %j',
    (code) => {
      expect(codeOf(() => getMaterial(code))).toBe('MODEL_UNKNOWN_MATERIAL');
      expect(isMaterialCode(code)).toBe(false);
    },
  );
});

describe('listMaterials', () => {
  it('filters by stage, chain and element together', () => {
    const list = listMaterials({ stage: 'refined', chain: 'rare-earths', element: 'Nd' });
    expect(list.map((m) => m.code)).toEqual(['ree.oxide.ndpr', 'ree.oxide.nd']);
  });

  it('lists everything without a filter', () => {
    expect(listMaterials()).toHaveLength(MATERIALS.length);
  });
});

describe('isPlausible', () => {
  describe('when the element has a range', () => {
    it('accepts the bounds and rejects outside them', () => {
      const { min, max } = getMaterial('ni.mhp').elements.Ni!;
      expect(isPlausible('ni.mhp', 'Ni', min)).toBe(true);
      expect(isPlausible('ni.mhp', 'Ni', max)).toBe(true);
      expect(isPlausible('ni.mhp', 'Ni', min - 1e-9)).toBe(false);
      expect(isPlausible('ni.mhp', 'Ni', max + 1e-9)).toBe(false);
    });
  });

  describe('when the element has no range', () => {
    it('accepts only zero', () => {
      expect(isPlausible('gr.spherical', 'Li', 0)).toBe(true);
      expect(isPlausible('gr.spherical', 'Li', 0.01)).toBe(false);
    });
  });

  describe('when the input is bad', () => {
    it.each([
      ['nope', 'Li', 0.1, 'MODEL_UNKNOWN_MATERIAL'],
      ['cam.lfp', 'Xx', 0.1, 'MODEL_UNKNOWN_ELEMENT'],
      ['cam.lfp', 'constructor', 0.1, 'MODEL_UNKNOWN_ELEMENT'],
      ['cam.lfp', 'Li', -0.1, 'MODEL_BAD_FRACTION'],
      ['cam.lfp', 'Li', 1.5, 'MODEL_BAD_FRACTION'],
      ['cam.lfp', 'Li', Number.NaN, 'MODEL_BAD_FRACTION'],
    ] as const)('isPlausible(%j, %j, %f) throws %s', (code, element, fraction, expected) => {
      expect(codeOf(() => isPlausible(code, element, fraction))).toBe(expected);
    });
  });
});

describe('checkContent', () => {
  it('finds nothing for a stoichiometric assay', () => {
    expect(checkContent('li.carbonate.battery', massFractionsOf('Li2CO3'))).toEqual([]);
  });

  it('reports elements below and above their ranges', () => {
    const findings = checkContent('li.carbonate.battery', { Li: 0.15, Na: 0.002 });
    expect(findings.map((f) => [f.kind, 'element' in f ? f.element : undefined])).toEqual([
      ['below-range', 'Li'],
      ['above-range', 'Na'],
    ]);
  });

  it('reports an unexpected element above the trace limit only', () => {
    expect(checkContent('co.metal', { Co: 0.9985, Ni: 0.0005 })).toEqual([]);
    expect(checkContent('co.metal', { Co: 0.998, Ni: 0.002 })).toEqual([
      { kind: 'unexpected-element', element: 'Ni', fraction: 0.002 },
    ]);
    expect(checkContent('co.metal', { Co: 0.9985, Ni: 0.0005 }, { traceLimit: 0.0001 })).toHaveLength(1);
  });

  it('reports fractions that add up to more than 1', () => {
    const findings = checkContent('ni.matte', { Ni: 0.8, S: 0.25 });
    expect(findings).toEqual([{ kind: 'total-above-one', total: expect.closeTo(1.05, 9) }]);
  });

  it('throws a coded error for keys that are not element symbols, prototype names included', () => {
    expect(codeOf(() => checkContent('ni.matte', JSON.parse('{"__proto__": 0.1}')))).toBe(
      'MODEL_UNKNOWN_ELEMENT',
    );
    expect(codeOf(() => checkContent('ni.matte', { Ni: '0.7' as unknown as number }))).toBe(
      'MODEL_BAD_FRACTION',
    );
  });

  it('never throws an uncoded error on arbitrary records', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...MATERIALS.map((m) => m.code)),
        fc.dictionary(
          fc.string({ maxLength: 3 }),
          fc.oneof(fc.double(), fc.anything() as fc.Arbitrary<number>),
        ),
        (code, content) => {
          const error = codeOf(() => checkContent(code, content));
          expect(error === undefined || !error.startsWith('not coded')).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('elementMass', () => {
  it('rounds to the nearest gram', () => {
    expect(elementMass(1_000_000, 0.18785)).toBe(187_850);
    expect(elementMass(3, 0.5)).toBe(2);
    expect(elementMass(0, 0.5)).toBe(0);
  });

  it.each([
    [-1, 0.5, 'MODEL_BAD_QUANTITY'],
    [1.5, 0.5, 'MODEL_BAD_QUANTITY'],
    [2 ** 53, 0.5, 'MODEL_BAD_QUANTITY'],
    [10, 1.01, 'MODEL_BAD_FRACTION'],
  ] as const)('elementMass(%f, %f) throws %s', (grams, fraction, expected) => {
    expect(codeOf(() => elementMass(grams, fraction))).toBe(expected);
  });
});
