import { ALLIANCE_MEMBERS, type ElementSymbol } from '../model/index.js';
import type { Datasets } from './datasets.js';
import { RiskError } from './errors.js';
import { wgiTable } from './governance.js';
import { percentOf } from './measures.js';
import { canonicalMineral } from './minerals.js';
import { type ParameterSpec, resolveParameters } from './parameters.js';
import { scenarioPreset } from './presets.js';
import { MINERAL_CAVEATS } from './provenance.js';
import { OTHERS, WORLD } from './top-down.js';
import type { Assumption } from './types.js';

const NOT_IN_DATA = 'assumption: not in the datasets;';

/** The scenario model's parameters, each with its default and where the default comes from. */
export const SCENARIO_PARAMETERS = {
  allianceDemandShare: {
    default: 0.25,
    unit: 'fraction of world supply',
    min: 0,
    max: 1,
    source: `${NOT_IN_DATA} alliance consumption is not in the data. A round figure below the G7's share of world GDP, as China consumes most processed minerals; replace with consumption data.`,
  },
  coveredShare: {
    default: 1,
    unit: "fraction of the country's output at the stage",
    min: 0,
    max: 1,
    source: `${NOT_IN_DATA} the measure covers the whole tonnage (an upper bound where it covers some grades or elements only).`,
  },
  supplyElasticity: {
    default: 0.1,
    unit: 'Δq/q per Δp/p, within one year',
    min: 0,
    max: 5,
    source: `${NOT_IN_DATA} short-run supply of mined and refined minerals is inelastic; 0.1 is an order of magnitude, not a value read from a source.`,
  },
  priceIncrease: {
    default: 0.5,
    unit: 'fraction (0.5 = +50 %)',
    min: 0,
    max: 20,
    source: `${NOT_IN_DATA} the price rise at which other producers respond.`,
  },
  substitution: {
    default: 0,
    unit: "fraction of the alliance's shortfall",
    min: 0,
    max: 1,
    source: `${NOT_IN_DATA} none within a year (conservative).`,
  },
  stockMonths: {
    default: 0,
    unit: 'months of alliance demand',
    min: 0,
    max: 120,
    source: `${NOT_IN_DATA} no stocks drawn (conservative); set to the stocks held.`,
  },
  missingWgiRisk: {
    default: 5,
    unit: 'WGI risk, 0 (best) … 10 (worst)',
    min: 0,
    max: 10,
    source: 'assumption: countries without a WGI value rank at the midpoint of the 0–10 risk scale.',
  },
} as const satisfies Record<string, ParameterSpec>;

export type ScenarioParameters = { [K in keyof typeof SCENARIO_PARAMETERS]: number };

/** A restriction to model: given in full, or as a preset with overrides. */
export interface ScenarioInput {
  /** A {@link scenarioPresets} id; the other fields override the preset's. */
  readonly preset?: string;
  readonly country?: string;
  readonly mineral?: string;
  readonly stage?: string;
  /** 0…100; defaults to the preset's (100), or 100. */
  readonly restrictionPct?: number;
  /** The data year; defaults to the latest year with a world total. */
  readonly year?: number;
  readonly parameters?: Partial<ScenarioParameters>;
}

/** The scenario as run. */
export interface Scenario {
  readonly country: string;
  readonly mineral: string;
  readonly stage: string;
  readonly restrictionPct: number;
  readonly year: number;
  readonly preset?: string;
  /** The elements the measure covers, when it covers some elements of the mineral only. */
  readonly elements?: readonly ElementSymbol[];
}

export interface ScenarioResult {
  readonly scenario: Scenario;
  readonly assumptions: readonly Assumption[];
  /** R = P · coveredShare · restrictionPct/100, and R / W. */
  readonly lostWorldSupply: { readonly tonnes: number; readonly share: number };
  /** After others' response, substitution and stocks; `shareOfDemand` of the alliance's demand. */
  readonly allianceShortfall: { readonly tonnes: number; readonly shareOfDemand: number };
  /** Every term of the balance, in tonnes. */
  readonly balance: {
    readonly countryTonnes: number;
    readonly worldTonnes: number;
    readonly supplyResponseTonnes: number;
    readonly worldShortfallTonnes: number;
    readonly allianceDemandTonnes: number;
    readonly allianceGrossShortfallTonnes: number;
    readonly substitutedTonnes: number;
    readonly stockDrawTonnes: number;
  };
  /** Other producers, best first: score = share · (1 − WGI risk/10). */
  readonly alternatives: readonly {
    readonly country: string;
    readonly tonnes: number;
    readonly share: number;
    /** WGI_MEAN6 as published (≈ −2.5…+2.5, higher = better); null when not in the data. */
    readonly wgi: number | null;
    readonly wgiRisk: number | null;
    readonly alliance: boolean;
    readonly score: number;
    readonly rank: number;
  }[];
  readonly notes: readonly string[];
}

/**
 * A country restricts exports of a mineral at a stage by `restrictionPct` %: the world supply lost, the
 * alliance's shortfall, and the other producers ranked as alternatives. One year, in tonnes:
 *
 * - lost world supply R = P_c · coveredShare · restrictionPct/100 (P_c the country's output, W the world total)
 * - others' response ΔS = min(R, supplyElasticity · priceIncrease · (W − P_c))
 * - alliance demand D = allianceDemandShare · W; gross shortfall G = allianceDemandShare · (R − ΔS)
 *   (the shortfall is shared pro rata to demand)
 * - shortfall = G − substitution · G − min(remaining, stockMonths/12 · D), never below 0.
 * @throws RiskError RISK_UNKNOWN_PRESET, RISK_BAD_PARAMETER, RISK_NO_DATA
 */
export function runScenario(datasets: Datasets, input: ScenarioInput): ScenarioResult {
  const preset = input.preset === undefined ? undefined : scenarioPreset(datasets, input.preset);
  const country = input.country ?? preset?.country;
  const mineralName = input.mineral ?? preset?.mineral;
  const stage = input.stage ?? preset?.stage;
  const restrictionPct = input.restrictionPct ?? preset?.restrictionPct ?? 100;
  if (country === undefined || mineralName === undefined || stage === undefined) {
    throw new RiskError(
      'RISK_BAD_PARAMETER',
      'a scenario needs a country, a mineral and a stage (or a preset)',
    );
  }
  if (!Number.isFinite(restrictionPct) || restrictionPct < 0 || restrictionPct > 100) {
    throw new RiskError('RISK_BAD_PARAMETER', `restrictionPct must be in [0, 100], got ${restrictionPct}`);
  }
  const mineral = canonicalMineral(mineralName) ?? mineralName;
  const { values: p, assumptions } = resolveParameters(SCENARIO_PARAMETERS, input.parameters);
  const { year, world, rows, worldIsSum } = supplyOf(datasets, mineral, stage, input.year);
  const countryTonnes = rows.find((r) => r.iso3 === country)?.tonnes ?? 0;

  const lost = countryTonnes * p.coveredShare * (restrictionPct / 100);
  const response = Math.min(lost, p.supplyElasticity * p.priceIncrease * Math.max(0, world - countryTonnes));
  const worldShortfall = lost - response;
  const demand = p.allianceDemandShare * world;
  const gross = p.allianceDemandShare * worldShortfall;
  const substituted = p.substitution * gross;
  const stockDraw = Math.min(gross - substituted, (p.stockMonths / 12) * demand);
  const shortfall = Math.max(0, gross - substituted - stockDraw);

  const wgi = wgiTable(datasets, year);
  const alternatives = rows
    .filter((r) => r.iso3 !== country && r.iso3 !== WORLD && r.iso3 !== OTHERS && r.tonnes > 0)
    .map((r) => {
      const g = wgi.get(r.iso3);
      const share = r.tonnes / world;
      const score = share * (1 - (g?.risk ?? p.missingWgiRisk) / 10);
      return {
        country: r.iso3,
        tonnes: r.tonnes,
        share,
        wgi: g?.wgi ?? null,
        wgiRisk: g?.risk ?? null,
        alliance: ALLIANCE_MEMBERS.includes(r.iso3),
        score,
      };
    })
    .sort((a, b) => b.score - a.score || b.share - a.share || (a.country < b.country ? -1 : 1))
    .map((a, i) => ({ ...a, rank: i + 1 }));

  const scenario: Scenario = {
    country,
    mineral,
    stage,
    restrictionPct,
    year,
    ...(preset ? { preset: preset.id } : {}),
    ...(preset?.elements ? { elements: preset.elements } : {}),
  };
  const notes = [
    ...(preset?.notes ?? []),
    ...(countryTonnes === 0
      ? [`${country} has no ${mineral} ${stage} output in ${year}: nothing is lost.`]
      : []),
    `${country} supplies ${percentOf(countryTonnes / world).toFixed(1)} % of world ${mineral} (${stage}, ${year}); the restriction is applied to its output, as exports are not in the datasets.`,
    worldIsSum
      ? 'No world-total row: the world is the sum of the country rows.'
      : 'World = the USGS world total (rounded).',
    'Alternatives are ranked by production share (the spare-capacity proxy) discounted by governance risk; actual spare capacity is not in the datasets.',
    ...(MINERAL_CAVEATS[mineral] ?? []),
  ];
  return {
    scenario,
    assumptions,
    lostWorldSupply: { tonnes: lost, share: world > 0 ? lost / world : 0 },
    allianceShortfall: { tonnes: shortfall, shareOfDemand: demand > 0 ? shortfall / demand : 0 },
    balance: {
      countryTonnes,
      worldTonnes: world,
      supplyResponseTonnes: response,
      worldShortfallTonnes: worldShortfall,
      allianceDemandTonnes: demand,
      allianceGrossShortfallTonnes: gross,
      substitutedTonnes: substituted,
      stockDrawTonnes: stockDraw,
    },
    alternatives,
    notes,
  };
}

/** The rows of a series in a year (default: the latest with rows) and its world total. */
function supplyOf(datasets: Datasets, mineral: string, stage: string, asked: number | undefined) {
  const series = datasets.mineProduction.filter((r) => r.mineral === mineral && r.stage === stage);
  const year = asked ?? Math.max(...series.map((r) => r.year));
  const rows = series.filter((r) => r.year === year);
  const worldRow = rows.find((r) => r.iso3 === WORLD);
  const world = worldRow?.tonnes ?? rows.reduce((a, r) => a + r.tonnes, 0);
  if (rows.length === 0 || world <= 0) {
    throw new RiskError(
      'RISK_NO_DATA',
      `no production data for ${mineral} at the ${stage} stage${asked ? ` in ${asked}` : ''}`,
    );
  }
  return { year, world, rows, worldIsSum: worldRow === undefined };
}
