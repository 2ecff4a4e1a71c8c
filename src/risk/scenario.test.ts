import { describe, expect, it } from 'vitest';
import { exposure, type TracedBatch } from './exposure.js';
import { scenarioPresets } from './presets.js';
import { runScenario, SCENARIO_PARAMETERS } from './scenario.js';
import { expectRiskError, seed } from './testing/seed.js';

describe('scenarioPresets', () => {
  it('derives the gallium/germanium 2023, graphite 2023 and heavy rare earths 2025 presets from export_controls.csv', () => {
    const presets = scenarioPresets(seed());
    expect(presets.map((p) => [p.id, p.country, p.mineral, p.stage, p.restrictionPct])).toEqual([
      ['cn-gallium-germanium-2023', 'CHN', 'gallium', 'refining', 100],
      ['cn-graphite-2023', 'CHN', 'graphite_natural', 'mining', 100],
      ['cn-heavy-rare-earths-2025', 'CHN', 'rare_earths', 'mining', 100],
    ]);
    expect(presets[0]).toMatchObject({ restricts: ['gallium', 'germanium'], effective: '2023-08-01' });
    expect(presets[1]).toMatchObject({
      effective: '2023-12-01',
      instrument: 'MOFCOM/GAC joint announcement of 2023-10-20',
    });
    expect(presets[2]?.elements).toEqual(['Sm', 'Gd', 'Tb', 'Dy', 'Lu', 'Sc', 'Y']);
    expect(presets[2]?.source).toMatch(/osencmagnet/);
  });
});

describe('runScenario', () => {
  it('computes the gallium preset by hand: China stops 750 t of 760 t', () => {
    // mine_production.csv 2024: CHN 750 t, JPN 3, KOR 3, RUS 6, world 760 t. Defaults: demand share 0.25,
    // elasticity 0.1, price +50 %, no substitution, no stocks.
    const lost = 750;
    const response = Math.min(lost, 0.1 * 0.5 * (760 - 750)); // 0.5 t
    const demand = 0.25 * 760; // 190 t
    const shortfall = 0.25 * (lost - response); // 187.375 t
    const r = runScenario(seed(), { preset: 'cn-gallium-germanium-2023' });
    expect(r.scenario).toEqual({
      country: 'CHN',
      mineral: 'gallium',
      stage: 'refining',
      restrictionPct: 100,
      year: 2024,
      preset: 'cn-gallium-germanium-2023',
    });
    expect(r.lostWorldSupply).toEqual({ tonnes: 750, share: 750 / 760 });
    expect(r.balance.supplyResponseTonnes).toBeCloseTo(response, 12);
    expect(r.allianceShortfall.tonnes).toBeCloseTo(shortfall, 9);
    expect(r.allianceShortfall.tonnes).toBeCloseTo(187.375, 9);
    expect(r.allianceShortfall.shareOfDemand).toBeCloseTo(shortfall / demand, 12);
    expect(r.assumptions.every((a) => a.default)).toBe(true);
    expect(r.assumptions.map((a) => a.name)).toEqual(Object.keys(SCENARIO_PARAMETERS));
    // Alternatives: share × (1 − risk/10), risk = 2·(2.5 − WGI_MEAN6); KOR has no WGI (risk 5).
    const score = (t: number, wgi: number | null) =>
      (t / 760) * (1 - (wgi === null ? 5 : 2 * (2.5 - wgi)) / 10);
    // JPN 0.395 % × 0.770 = 0.00304 > RUS 0.789 % × 0.282 = 0.00222 > KOR 0.395 % × 0.5 = 0.00197.
    expect(r.alternatives.map((a) => [a.country, a.rank])).toEqual([
      ['JPN', 1],
      ['RUS', 2],
      ['KOR', 3],
    ]);
    expect(r.alternatives[0]).toMatchObject({ country: 'JPN', tonnes: 3, wgi: 1.348072, alliance: true });
    expect(r.alternatives[0]?.score).toBeCloseTo(score(3, 1.348072), 12);
    expect(r.alternatives[1]?.score).toBeCloseTo(score(6, -1.091121), 12);
    expect(r.alternatives[2]).toMatchObject({ country: 'KOR', wgi: null, wgiRisk: null });
    expect(r.notes.join('\n')).toMatch(/licensing regime, not a ban/);
  });

  it('applies partial restriction, substitution and stocks as the formula says', () => {
    const r = runScenario(seed(), {
      country: 'COD',
      mineral: 'cobalt',
      stage: 'mining',
      restrictionPct: 50,
      parameters: { substitution: 0.2, stockMonths: 3, allianceDemandShare: 0.3, priceIncrease: 1 },
    });
    const lost = 220000 * 0.5; // 110,000 t of 290,000 t
    const response = 0.1 * 1 * (290000 - 220000); // 7,000 t
    const gross = 0.3 * (lost - response); // 30,900 t
    const stocks = (3 / 12) * 0.3 * 290000; // 21,750 t
    expect(r.lostWorldSupply.tonnes).toBe(lost);
    expect(r.allianceShortfall.tonnes).toBeCloseTo(gross * 0.8 - stocks, 9);
    expect(r.assumptions.find((a) => a.name === 'substitution')).toMatchObject({
      value: 0.2,
      default: false,
    });
    expect(r.alternatives.some((a) => a.country === 'COD')).toBe(false);
  });

  it('refuses unknown presets, bad parameters and series without data', () => {
    expectRiskError(() => runScenario(seed(), { preset: 'nope' }), 'RISK_UNKNOWN_PRESET');
    expectRiskError(
      () => runScenario(seed(), { preset: 'cn-graphite-2023', restrictionPct: 120 }),
      'RISK_BAD_PARAMETER',
    );
    expectRiskError(
      () => runScenario(seed(), { preset: 'cn-graphite-2023', parameters: { substitution: 2 } }),
      'RISK_BAD_PARAMETER',
    );
    expectRiskError(
      () => runScenario(seed(), { preset: 'cn-graphite-2023', parameters: { elasticity: 1 } as never }),
      'RISK_BAD_PARAMETER',
    );
    expectRiskError(
      () => runScenario(seed(), { country: 'CHN', mineral: 'germanium', stage: 'refining' }),
      'RISK_NO_DATA',
    );
    expectRiskError(() => runScenario(seed(), { country: 'CHN' }), 'RISK_BAD_PARAMETER');
  });
});

describe('exposure', () => {
  const batches: TracedBatch[] = [
    {
      batch: 'urn:lot:cathode-1',
      material: 'nmc811-cathode',
      elements: [
        {
          element: 'Co',
          micrograms: '1000',
          byCountry: [
            { key: 'COD', micrograms: '600' },
            { key: 'AUS', micrograms: '400' },
          ],
        },
        { element: 'Ni', micrograms: '8000', byCountry: [{ key: 'IDN', micrograms: '8000' }] },
      ],
    },
    {
      batch: 'urn:lot:sulfate-2',
      material: 'cobalt-sulfate',
      elements: [{ element: 'Co', micrograms: 500n, byCountry: [{ key: 'COD', micrograms: 500n }] }],
    },
    {
      batch: 'urn:lot:magnet-3',
      material: 'ndfeb-magnet',
      elements: [
        { element: 'Nd', micrograms: '900', byCountry: [{ key: 'CHN', micrograms: '900' }] },
        {
          element: 'Dy',
          micrograms: '100',
          byCountry: [
            { key: 'CHN', micrograms: '25' },
            { key: 'undeclared', micrograms: '75' },
          ],
        },
      ],
    },
  ];

  it('returns the element mass from the restricted country and its share, by share then mass', () => {
    expect(exposure(batches, { country: 'COD', mineral: 'cobalt' })).toEqual({
      batches: [
        {
          batch: 'urn:lot:sulfate-2',
          material: 'cobalt-sulfate',
          element: 'Co',
          exposedMicrograms: '500',
          share: 1,
        },
        {
          batch: 'urn:lot:cathode-1',
          material: 'nmc811-cathode',
          element: 'Co',
          exposedMicrograms: '600',
          share: 0.6,
        },
      ],
      totalExposedMicrograms: '1100',
    });
  });

  it('counts only the elements a preset covers', () => {
    const heavy = runScenario(seed(), { preset: 'cn-heavy-rare-earths-2025' }).scenario;
    expect(exposure(batches, heavy).batches).toEqual([
      {
        batch: 'urn:lot:magnet-3',
        material: 'ndfeb-magnet',
        element: 'Dy',
        exposedMicrograms: '25',
        share: 0.25,
      },
    ]);
    expect(
      exposure(batches, { country: 'CHN', mineral: 'rare_earths' }).batches.map((b) => b.element),
    ).toEqual(['Nd', 'Dy']);
  });

  it('refuses malformed masses', () => {
    const bad: TracedBatch = {
      batch: 'b',
      material: 'm',
      elements: [{ element: 'Co', micrograms: '1e3', byCountry: [] }],
    };
    expectRiskError(() => exposure([bad], { country: 'COD', mineral: 'cobalt' }), 'RISK_BAD_RECORD');
  });
});
