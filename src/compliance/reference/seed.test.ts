import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { areaRiskAt, parseAreaList } from './areas.js';

const SEED = parseAreaList(
  readFileSync(new URL('../../../assets/compliance/cahra-seed.csv', import.meta.url), 'utf8'),
  'cahra-seed.csv',
);

describe('the shipped CAHRA seed (assets/compliance/cahra-seed.csv)', () => {
  it('parses, and every entry cites a dated source', () => {
    expect(SEED.map((e) => `${e.country} ${e.region[0] ?? '*'}`)).toEqual([
      'COD *',
      'COD CD-NK',
      'COD CD-SK',
      'COD CD-IT',
      'MMR *',
      'MMR MM-11',
    ]);
    for (const e of SEED) expect(e.source).toMatch(/\b(19|20)\d\d\b/);
  });

  it('lists the eastern DRC provinces by their own entry and Kachin State by name', () => {
    expect(areaRiskAt(SEED, 'COD', 'Sud-Kivu', '2025-03-01').entry?.region).toContain('CD-SK');
    expect(areaRiskAt(SEED, 'COD', 'Ituri', '2025-03-01').entry?.source).toMatch(/resolution 2717 \(2023\)/);
    expect(areaRiskAt(SEED, 'MMR', 'Kachin State', '2025-03-01').entry?.region[0]).toBe('MM-11');
    expect(areaRiskAt(SEED, 'MMR', undefined, '2021-01-31').listed).toBe(false);
  });
});
