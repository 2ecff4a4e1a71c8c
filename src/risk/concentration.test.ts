import { describe, expect, it } from 'vitest';
import { ALLIANCE_MEMBERS } from '../model/index.js';
import { concentrationBottomUp, type TracedFlow } from './bottom-up.js';
import { compareConcentration } from './compare.js';
import { expectRiskError, seed } from './testing/seed.js';
import { concentrationSeries, concentrationTable, concentrationTopDown } from './top-down.js';

/**
 * Hand calculations on rows picked from mine_production.csv (2024, USGS estimates): named countries only,
 * shares of the rounded world total (WLD), as supply-data.md's table computes them.
 */
function handMetrics(world: number, rows: Record<string, number>) {
  const shares = Object.entries(rows).map(([c, t]) => [c, t / world] as const);
  shares.sort((a, b) => b[1] - a[1]);
  return {
    hhi: shares.reduce((a, [, s]) => a + (100 * s) ** 2, 0),
    top1: shares[0]!,
    top3: shares.slice(0, 3).reduce((a, [, s]) => a + s, 0),
    alliance: shares.filter(([c]) => ALLIANCE_MEMBERS.includes(c)).reduce((a, [, s]) => a + s, 0),
  };
}

const COBALT_2024 = {
  USA: 300,
  AUS: 3600,
  CAN: 4500,
  COD: 220000,
  CUB: 3500,
  IDN: 28000,
  MDG: 2600,
  NCL: 1500,
  PNG: 2800,
  PHL: 3800,
  RUS: 8700,
  TUR: 2700,
};

describe('concentrationTopDown', () => {
  it('reproduces supply-data.md for cobalt mining 2024: HHI 5,867, COD 75.9 %, top-3 88.5 %, G7 1.7 %', () => {
    const hand = handMetrics(290000, COBALT_2024);
    const c = concentrationTopDown(seed(), { mineral: 'cobalt', stage: 'mining', year: 2024 });
    expect(c.hhi).toBeCloseTo(hand.hhi, 6);
    expect(Math.round(c.hhi)).toBe(5867);
    expect(c.top1).toEqual({ country: 'COD', share: hand.top1[1] });
    expect(c.shares[0]?.percent.toFixed(1)).toBe('75.9');
    expect((c.top3.share * 100).toFixed(1)).toBe('88.5');
    expect(c.top3.countries).toEqual(['COD', 'IDN', 'RUS']);
    expect(c.allianceShare).toBeCloseTo(hand.alliance, 12);
    expect((c.allianceShare * 100).toFixed(1)).toBe('1.7');
    expect(c).toMatchObject({ method: 'top-down', unit: 't', total: 290000, year: 2024 });
    expect(c.crma).toEqual({
      largestThirdCountry: { country: 'COD', share: 220000 / 290000 },
      exceeds65: true,
    });
    expect(c.shares.map((s) => s.country)).not.toContain('OTH');
  });

  it('reproduces copper refining 2024: CHN 44.4 %, top-3 60.7 %, HHI 2,201, G7 12.7 %, no country above 65 %', () => {
    const hand = handMetrics(27_000_000, {
      USA: 890000,
      AUS: 460000,
      CAN: 320000,
      CHL: 1900000,
      CHN: 12000000,
      COD: 2500000,
      DEU: 630000,
      IND: 510000,
      IDN: 350000,
      JPN: 1600000,
      KAZ: 470000,
      KOR: 620000,
      MEX: 350000,
      PER: 390000,
      POL: 590000,
      RUS: 960000,
      ZMB: 170000,
    });
    const c = concentrationTopDown(seed(), { mineral: 'copper', stage: 'refining', year: 2024 });
    expect(c.hhi).toBeCloseTo(hand.hhi, 6);
    expect(Math.round(c.hhi)).toBe(2201);
    expect(c.top1.country).toBe('CHN');
    expect((c.top1.share * 100).toFixed(1)).toBe('44.4');
    expect((c.top3.share * 100).toFixed(1)).toBe((hand.top3 * 100).toFixed(1));
    expect((c.top3.share * 100).toFixed(1)).toBe('60.7');
    expect((c.allianceShare * 100).toFixed(1)).toBe('12.7');
    expect(c.crma.exceeds65).toBe(false);
  });

  it('reproduces nickel mining 2024: IDN 59.5 %, top-3 74.1 %, HHI 3,706, G7 5.4 %', () => {
    const hand = handMetrics(3_700_000, {
      USA: 8000,
      AUS: 110000,
      BRA: 77000,
      CAN: 190000,
      CHN: 120000,
      IDN: 2200000,
      NCL: 110000,
      PHL: 330000,
      RUS: 210000,
    });
    const c = concentrationTopDown(seed(), { mineral: 'nickel', stage: 'mining' });
    expect(c.year).toBe(2024);
    expect(c.hhi).toBeCloseTo(hand.hhi, 6);
    expect(Math.round(c.hhi)).toBe(3706);
    expect((c.top1.share * 100).toFixed(1)).toBe('59.5');
    expect((c.top3.share * 100).toFixed(1)).toBe('74.1');
    expect((c.allianceShare * 100).toFixed(1)).toBe('5.4');
  });

  it('reproduces gallium 2024 (primary, refining stage): CHN 98.7 %, HHI 9,740', () => {
    const hand = handMetrics(760, { CHN: 750, JPN: 3, KOR: 3, RUS: 6 });
    const c = concentrationTopDown(seed(), { mineral: 'gallium', stage: 'refining' });
    expect(c.hhi).toBeCloseTo(hand.hhi, 6);
    expect(Math.round(c.hhi)).toBe(9740);
    expect((c.top1.share * 100).toFixed(1)).toBe('98.7');
  });

  it('weights by governance: Σ (100·S)² · 2·(2.5 − WGI_MEAN6) over countries with a WGI value, and reports coverage', () => {
    // WGI_MEAN6 2023 from governance_wgi.csv; PHL, CUB, PNG, TUR, MDG, NCL have none.
    const wgi: Record<string, number> = {
      COD: -1.584514,
      IDN: -0.004027,
      RUS: -1.091121,
      CAN: 1.434681,
      AUS: 1.543356,
      USA: 0.994831,
    };
    let value = 0;
    let covered = 0;
    for (const [c, w] of Object.entries(wgi)) {
      const s = COBALT_2024[c as keyof typeof COBALT_2024] / 290000;
      value += (100 * s) ** 2 * 2 * (2.5 - w);
      covered += s;
    }
    const c = concentrationTopDown(seed(), { mineral: 'cobalt', stage: 'mining', year: 2024 });
    expect(c.governanceWeighted.value).toBeCloseTo(value, 6);
    expect(c.governanceWeighted.coverage).toBeCloseTo(covered, 12);
    expect(c.governanceWeighted.source).toMatch(/Ferro et al\. \(2020\)/);
    expect(c.notes).toContain(
      'Governance weighting covers 91.4 % of the total; no WGI value for PHL, CUB, PNG, TUR, MDG, NCL (they count 0).',
    );
  });

  it('states the basis: shares of the rounded world total, OTH unattributed; or of the sum of the country rows', () => {
    const world = concentrationTopDown(seed(), { mineral: 'cobalt', stage: 'mining', year: 2024 });
    expect(world.notes[0]).toMatch(
      /USGS world total \(WLD, rounded, 290000 t\).*OTH, 6200 t.*2\.8 % unattributed/,
    );
    const sum = concentrationTopDown(seed(), {
      mineral: 'cobalt',
      stage: 'mining',
      year: 2024,
      basis: 'sum-of-countries',
    });
    const sumOfRows = Object.values(COBALT_2024).reduce((a, b) => a + b, 0) + 6200;
    expect(sum.total).toBe(sumOfRows);
    expect(sum.shares[0]?.share).toBe(220000 / sumOfRows);
  });

  it('carries the rows’ status and the mineral’s caveats into the notes', () => {
    const ree = concentrationTopDown(seed(), { mineral: 'rare_earths', stage: 'mining', year: 2024 });
    expect(ree.notes.join('\n')).toMatch(/production quota/);
    const li = concentrationTopDown(seed(), { mineral: 'lithium', stage: 'mining', year: 2023 });
    expect(li.notes.join('\n')).toMatch(/US lithium production is withheld/);
    expect(li.notes.join('\n')).toMatch(
      /Status: estimated \(per USGS note\/type\) \(BRA, CAN, CHN, NAM, PRT, ZWE\)/,
    );
  });

  it('refuses a series or year that has no rows', () => {
    expectRiskError(
      () => concentrationTopDown(seed(), { mineral: 'germanium', stage: 'refining' }),
      'RISK_NO_DATA',
    );
    expectRiskError(
      () => concentrationTopDown(seed(), { mineral: 'cobalt', stage: 'mining', year: 2019 }),
      'RISK_NO_DATA',
    );
  });

  it('lists the series and computes them all', () => {
    const series = concentrationSeries(seed());
    expect(series).toHaveLength(9);
    expect(series[0]).toEqual({ mineral: 'cobalt', stage: 'mining', years: [2023, 2024] });
    const table = concentrationTable(seed(), { year: 2024 });
    expect(table.map((c) => Math.round(c.hhi))).toEqual([
      5867, 1035, 2201, 9740, 6381, 2215, 2158, 3706, 5024,
    ]);
  });
});

const flow = (
  country: string,
  micrograms: bigint,
  time = '2025-03-01T00:00:00Z',
  element: TracedFlow['element'] = 'Co',
) => ({ element, stage: 'mining', country, micrograms, time }) as const;

describe('concentrationBottomUp', () => {
  it('sums traced element mass by country within the window, and shares it out', () => {
    const flows: TracedFlow[] = [
      flow('COD', 600n),
      flow('COD', 150n),
      flow('CAN', 250n),
      flow('AUS', 999n, '2024-12-31T23:59:59Z'),
      { ...flow('AUS', 999n), stage: 'refining' },
      flow('AUS', 999n, '2025-03-01T00:00:00Z', 'Ni'),
    ];
    const c = concentrationBottomUp(flows, {
      mineral: 'cobalt',
      stage: 'mining',
      year: 2025,
      datasets: seed(),
    });
    expect(c).toMatchObject({ method: 'bottom-up', unit: 'µg', total: '1000', year: 2025 });
    expect(c.window).toEqual({ from: '2025-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' });
    expect(c.shares).toEqual([
      { country: 'COD', amount: '750', share: 0.75, percent: 75 },
      { country: 'CAN', amount: '250', share: 0.25, percent: 25 },
    ]);
    expect(c.hhi).toBeCloseTo(75 ** 2 + 25 ** 2, 9);
    expect(c.allianceShare).toBe(0.25);
    expect(c.crma).toEqual({ largestThirdCountry: { country: 'COD', share: 0.75 }, exceeds65: true });
  });

  it('counts the REE group for rare earths, keeps unattributed mass in the total, and takes a window', () => {
    const flows: TracedFlow[] = [
      flow('CHN', 300n, '2025-06-01', 'Nd'),
      flow('USA', 100n, '2025-06-01', 'Dy'),
      flow('unknown', 100n, '2025-06-01', 'La'),
      flow('CHN', 500n, '2025-06-01', 'Co'),
    ];
    const c = concentrationBottomUp(flows, {
      mineral: 'rare_earths',
      stage: 'mining',
      window: { from: '2025-01-01', to: '2025-07-01' },
    });
    expect(c.total).toBe('500');
    expect(c.year).toBeNull();
    expect(c.shares.map((s) => [s.country, s.share])).toEqual([
      ['CHN', 0.6],
      ['USA', 0.2],
    ]);
    expect(c.notes.join('\n')).toMatch(/20\.0 % of the traced mass has no country \(unknown\)/);
  });

  it('returns zeros without flows', () => {
    const c = concentrationBottomUp([], { mineral: 'lithium', stage: 'mining' });
    expect(c).toMatchObject({
      total: '0',
      shares: [],
      hhi: 0,
      top1: { country: '', share: 0 },
      allianceShare: 0,
    });
  });

  it('refuses bad windows, times and masses', () => {
    const q = { mineral: 'cobalt', stage: 'mining' } as const;
    expectRiskError(
      () => concentrationBottomUp([], { ...q, window: { from: '2025-02-01', to: '2025-01-01' } }),
      'RISK_BAD_TIME',
    );
    expectRiskError(
      () => concentrationBottomUp([], { ...q, window: { from: 'yesterday', to: '2025-01-01' } }),
      'RISK_BAD_TIME',
    );
    expectRiskError(
      () => concentrationBottomUp([], { ...q, year: 2025, window: { from: '2025-01-01', to: '2026-01-01' } }),
      'RISK_BAD_PARAMETER',
    );
    expectRiskError(
      () => concentrationBottomUp([flow('CHN', 1n, 'soon')], { ...q, year: 2025 }),
      'RISK_BAD_TIME',
    );
    expectRiskError(() => concentrationBottomUp([flow('CHN', -1n)], q), 'RISK_BAD_RECORD');
    expectRiskError(
      () => concentrationBottomUp([], { ...q, mineral: 'unobtainium' }),
      'RISK_UNKNOWN_MINERAL',
    );
  });
});

describe('compareConcentration', () => {
  it('gives per-country differences and explains coverage and missing countries', () => {
    const topDown = concentrationTopDown(seed(), { mineral: 'cobalt', stage: 'mining', year: 2024 });
    // 3 t from the DRC, 1 t from Canada and 1 t from Finland, traced in 2024.
    const t = 1_000_000_000_000n;
    const bottomUp = concentrationBottomUp(
      [flow('COD', 3n * t, '2024-05-01'), flow('CAN', t, '2024-05-01'), flow('FIN', t, '2024-05-01')],
      { mineral: 'cobalt', stage: 'mining', year: 2024, datasets: seed() },
    );
    const cmp = compareConcentration(topDown, bottomUp);
    const byCountry = new Map(cmp.differences.map((d) => [d.country, d]));
    expect(byCountry.get('COD')).toEqual({
      country: 'COD',
      topDown: 220000 / 290000,
      bottomUp: 0.6,
      delta: 0.6 - 220000 / 290000,
    });
    expect(byCountry.get('FIN')).toEqual({ country: 'FIN', topDown: 0, bottomUp: 0.2, delta: 0.2 });
    expect(byCountry.get('IDN')?.bottomUp).toBe(0);
    expect(cmp.differences).toHaveLength(13);
    const sorted = cmp.differences.map((d) => Math.abs(d.delta));
    expect(sorted).toEqual([...sorted].sort((a, b) => b - a));
    const text = cmp.explanation.join('\n');
    // 5 t of 290,000 t = 0.00172 %.
    expect(cmp.explanation[0]).toBe(
      'Coverage: traced flows carry 5 t from 2024-01-01T00:00:00Z to 2025-01-01T00:00:00Z, 1.72e-3 % of world production (290,000 t in 2024); a bottom-up share describes the traced sample, not the world.',
    );
    // Every named country but COD and CAN: (281,800 − 220,000 − 4,500) t of 290,000 t = 19.8 %.
    expect(text).toMatch(
      /10 countries of the datasets \(19\.8 % of world supply\) have no traced flows: IDN, RUS, PHL, AUS, CUB and 5 more/,
    );
    expect(text).toMatch(/1 traced country is not named in the datasets \(20\.0 % of traced mass\): FIN/);
    expect(text).toMatch(/HHI 4400 bottom-up vs 5867 top-down: the traced supply is less concentrated/);
    expect(text).toMatch(/Alliance share 20\.0 % traced vs 1\.7 % of world supply/);
  });
});
