import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Datasets } from './datasets.js';
import { projectPipeline } from './pipeline.js';
import { categoryOf } from './pipeline-projects.js';
import type { CapacityProjectRow } from './rows.js';
import { expectRiskError, seed } from './testing/seed.js';

// Li mass fractions from the CIAAW abridged weights (Li 6.94, O 15.999, H 1.008).
const LI_PER_LIOH = 6.94 / (6.94 + 15.999 + 1.008);
const LI_PER_LHM = 6.94 / (6.94 + 2 * 15.999 + 3 * 1.008);

describe('projectPipeline', () => {
  it('projects lithium capacity by hand from capacity_projects.csv', () => {
    const amg = 20000 * LI_PER_LIOH; // operating since 2024-09, weight 1
    const vulcan = 24000 * LI_PER_LHM; // FID taken, from 2028, weight 0.75; extraction and processing
    const expansion = (100000 - 20000) * LI_PER_LIOH; // site total less module 1, planned, from 2030, weight 0.2
    const r = projectPipeline(seed(), { mineral: 'lithium' });
    expect(r.mineral).toBe('lithium');
    expect(r.years.map((y) => y.year)).toEqual([2025, 2026, 2027, 2028, 2029, 2030]);
    const weighted = [
      amg,
      amg,
      amg,
      amg + 0.75 * vulcan,
      amg + 0.75 * vulcan,
      amg + 0.75 * vulcan + 0.2 * expansion,
    ];
    r.years.forEach((y, i) => {
      expect(y.weightedTonnes).toBeCloseTo(weighted[i]!, 6);
    });
    expect(r.years[5]?.capacityTonnes).toBeCloseTo(amg + vulcan + expansion, 6);

    // World: 240,000 t Li mined in 2024 (the processing proxy, held flat); alliance mine output CAN 4,300 t.
    const y2030 = r.years[5]!;
    const processing = weighted[5]!;
    expect(y2030.allianceShare).toBeCloseTo(processing / 240000, 12);
    const bench = Object.fromEntries(y2030.benchmarks.map((b) => [b.name, b]));
    expect(Object.keys(bench)).toEqual(['extraction', 'processing', 'recycling', 'single-third-country']);
    expect(bench.extraction).toMatchObject({ target: 0.1, met: false });
    expect(bench.extraction?.gapTonnes).toBeCloseTo(0.1 * 240000 - (4300 + 0.75 * vulcan), 6);
    expect(bench.processing?.gapTonnes).toBeCloseTo(0.4 * 240000 - processing, 6);
    expect(bench.recycling).toMatchObject({ target: 0.25, share: 0, met: false, gapTonnes: 60000 });
    // China refines 71 % (refining_shares.csv, 2025); new alliance capacity displaces it pro rata.
    const third = bench['single-third-country']!;
    expect(third.target).toBe(0.65);
    expect(third.share).toBeCloseTo(0.71 * (1 - processing / 240000), 12);
    expect(third.gapTonnes).toBeCloseTo((1 - 0.65 / 0.71) * 240000 - processing, 6);
    expect(third.met).toBe(false);

    const wilton = r.projects.find((p) => p.name === 'Wilton lithium hydroxide refinery');
    expect(wilton).toMatchObject({ start: null, startYear: null, category: 'planned', weight: 0.2 });
    expect(r.projects.find((p) => p.name.startsWith('Tesla'))?.capacityTonnes).toBeNull();
    expect(r.assumptions.find((a) => a.name === 'liPerLiOH')?.value).toBeCloseTo(LI_PER_LIOH, 4);
    expect(r.notes.join('\n')).toMatch(/CHN 71 %/);
  });

  it('counts projects without a start date from unknownStartYear, and grows the world by worldGrowthPct', () => {
    const base = projectPipeline(seed(), { mineral: 'lithium' });
    const r = projectPipeline(seed(), {
      mineral: 'lithium',
      parameters: { unknownStartYear: 2029, worldGrowthPct: 10 },
    });
    const wilton = 96000 * LI_PER_LIOH * 0.2;
    expect(r.years[3]!.weightedTonnes).toBeCloseTo(base.years[3]!.weightedTonnes, 9);
    expect(r.years[4]!.weightedTonnes).toBeCloseTo(base.years[4]!.weightedTonnes + wilton, 6);
    expect(r.years[4]!.allianceShare).toBeCloseTo(r.years[4]!.weightedTonnes / (240000 * 1.1 ** 5), 12);
    expect(r.assumptions.find((a) => a.name === 'worldGrowthPct')).toMatchObject({
      value: 10,
      default: false,
    });
  });

  it('counts only the increment of a site total, and a "2030 target" from 2030', () => {
    const r = projectPipeline(seed(), { mineral: 'rare_earths' });
    const tenX = r.projects.find((p) => p.name.startsWith('10X'));
    expect(tenX).toMatchObject({
      capacityTonnes: (10000 - 1000) * 0.36,
      startYear: 2028,
      category: 'committed',
    });
    const solvay = r.projects.find((p) => p.name.startsWith('La Rochelle'));
    expect(solvay).toMatchObject({
      capacityTonnes: 4500,
      start: '2025-04-09',
      startYear: 2030,
      category: 'operating',
    });
    const mp = r.projects.find((p) => p.name.startsWith('Independence'));
    expect(r.years[0]!.weightedTonnes).toBeCloseTo(mp!.capacityTonnes!, 9);
  });

  it('sums all minerals for scale, without benchmarks', () => {
    const r = projectPipeline(seed());
    expect(r.mineral).toBe('all');
    expect(r.projects).toHaveLength(14);
    const perMineral = ['cobalt', 'graphite_natural', 'lithium', 'rare_earths'].map((m) =>
      projectPipeline(seed(), { mineral: m }),
    );
    r.years.forEach((y, i) => {
      expect(y.benchmarks).toEqual([]);
      expect(y.weightedTonnes).toBeCloseTo(
        perMineral.reduce((a, p) => a + p.years[i]!.weightedTonnes, 0),
        6,
      );
    });
  });

  it('refuses bad years and parameters', () => {
    expectRiskError(() => projectPipeline(seed(), { fromYear: 2031, toYear: 2030 }), 'RISK_BAD_PARAMETER');
    expectRiskError(
      () => projectPipeline(seed(), { parameters: { weightPlanned: 1.5 } }),
      'RISK_BAD_PARAMETER',
    );
    expectRiskError(() => projectPipeline(seed(), { mineral: 'unobtainium' }), 'RISK_UNKNOWN_MINERAL');
  });

  it('reads project statuses into categories', () => {
    expect(seed().capacityProjects.map((p) => categoryOf(p.status))).toEqual([
      'operating',
      'planned',
      'construction',
      'planned',
      'operating',
      'operating',
      'committed',
      'announced',
      'planned',
      'operating',
      'permitted',
      'operating',
      'feasibility',
      'paused',
    ]);
  });

  it('is monotone in time for operating projects: weighted capacity never falls', () => {
    const project = (i: number, capacity: number, start: number | null): CapacityProjectRow => ({
      project: `p${i}`,
      company: `c${i}`,
      country: 'Germany',
      iso3: 'DEU',
      mineral: 'cobalt',
      stage: 'refining',
      capacityTpa: capacity,
      unit: 't cobalt per year',
      status: 'operating',
      expectedStart: start === null ? '' : String(start),
      investmentUsdMillion: null,
      investmentAsReported: '',
      source: 'test',
      note: '',
    });
    const projects = fc.array(
      fc.tuple(
        fc.integer({ min: 0, max: 100000 }),
        fc.option(fc.integer({ min: 2020, max: 2035 }), { nil: null }),
      ),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(projects, fc.integer({ min: -10, max: 10 }), (rows, growth) => {
        const datasets: Datasets = { ...seed(), capacityProjects: rows.map(([c, s], i) => project(i, c, s)) };
        const r = projectPipeline(datasets, { mineral: 'cobalt', parameters: { worldGrowthPct: growth } });
        for (let i = 1; i < r.years.length; i++) {
          expect(r.years[i]!.weightedTonnes).toBeGreaterThanOrEqual(r.years[i - 1]!.weightedTonnes);
          expect(r.years[i]!.capacityTonnes).toBeGreaterThanOrEqual(r.years[i - 1]!.capacityTonnes);
        }
      }),
      { numRuns: 100 },
    );
  });
});
