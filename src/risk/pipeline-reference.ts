import { ALLIANCE_MEMBERS } from '../model/index.js';
import type { Datasets } from './datasets.js';
import { RiskError } from './errors.js';
import { canonicalMineral } from './minerals.js';
import { concentrationTopDown, WORLD } from './top-down.js';

/** The CRMA Art. 5(1) benchmarks. */
export type BenchmarkName = 'extraction' | 'processing' | 'recycling' | 'single-third-country';

/** The largest third (non-alliance) country's share of processing, where it comes from, and its caveats. */
export interface ThirdCountryShare {
  readonly country: string | null;
  readonly share: number;
  readonly note: string;
}

const COUNTRY = /^[A-Z]{3}$/;

/**
 * The largest non-alliance country's share of processing a mineral, in this order: the refining series of
 * `mine_production.csv` (copper, gallium: USGS, top-down); else the latest observed (not projected) row
 * of `refining_shares.csv` up to `year`, preferring rows not flagged AMBIGUOUS; else the mining series
 * (the stage the datasets do cover).
 */
export function baseThirdCountryShare(datasets: Datasets, mineral: string, year: number): ThirdCountryShare {
  if (datasets.mineProduction.some((r) => r.mineral === mineral && r.stage === 'refining')) {
    const c = concentrationTopDown(datasets, { mineral, stage: 'refining' });
    return fromConcentration(c.crma.largestThirdCountry, `refining, USGS ${c.year}`);
  }
  const rows = datasets.refiningShares
    .filter(
      (r) =>
        canonicalMineral(r.mineral) === mineral &&
        /refin|process/i.test(r.stage) &&
        COUNTRY.test(r.iso3) &&
        !ALLIANCE_MEMBERS.includes(r.iso3) &&
        r.scenario === '' &&
        r.year <= year,
    )
    .sort(
      (a, b) =>
        Number(/AMBIGUOUS/.test(a.note)) - Number(/AMBIGUOUS/.test(b.note)) ||
        b.year - a.year ||
        Number(!a.stage.startsWith('refining')) - Number(!b.stage.startsWith('refining')) ||
        b.sharePct - a.sharePct,
    );
  const row = rows[0];
  if (row) {
    const flags = [
      row.sourceType,
      row.qualifier ? `qualifier "${row.qualifier}"` : '',
      /AMBIGUOUS/.test(row.note) ? 'flagged AMBIGUOUS' : '',
    ].filter((f) => f !== '');
    return {
      country: row.iso3,
      share: row.sharePct / 100,
      note: `${mineral}: the largest third country's processing share is ${row.iso3} ${row.sharePct} % (${row.year}, refining_shares.csv: ${row.metric}; ${flags.join(', ')}).`,
    };
  }
  if (datasets.mineProduction.some((r) => r.mineral === mineral && r.stage === 'mining')) {
    const c = concentrationTopDown(datasets, { mineral, stage: 'mining' });
    return fromConcentration(
      c.crma.largestThirdCountry,
      `mining, USGS ${c.year}, as no processing share is in the datasets`,
    );
  }
  return { country: null, share: 0, note: `${mineral}: no share data for the single-third-country check.` };
}

function fromConcentration(
  third: { country: string; share: number } | null,
  what: string,
): ThirdCountryShare {
  return third
    ? {
        country: third.country,
        share: third.share,
        note: `The largest third country's share is ${third.country} ${(third.share * 100).toFixed(1)} % (${what}).`,
      }
    : { country: null, share: 0, note: `No third country supplies this stage (${what}).` };
}

/** The tonnages a mineral's pipeline is measured against, from its latest data year. */
export interface MineralReference {
  readonly baseYear: number;
  /** World refining output where the datasets have it (copper, gallium), else world mine output. */
  readonly processingWorld: number;
  readonly extractionWorld: number;
  /** Alliance refining output where the datasets have it, else 0. */
  readonly allianceProcessing: number;
  readonly allianceExtraction: number;
  readonly notes: readonly string[];
}

/**
 * The world and alliance reference tonnages of a mineral in its latest data year.
 * @throws RiskError RISK_NO_DATA
 */
export function reference(datasets: Datasets, mineral: string): MineralReference {
  const rows = datasets.mineProduction.filter((r) => r.mineral === mineral);
  if (rows.length === 0) throw new RiskError('RISK_NO_DATA', `no production data for ${mineral}`);
  const baseYear = Math.max(...rows.map((r) => r.year));
  const at = (stage: string) => rows.filter((r) => r.year === baseYear && r.stage === stage);
  const world = (stage: string) => at(stage).find((r) => r.iso3 === WORLD)?.tonnes;
  const alliance = (stage: string) =>
    at(stage)
      .filter((r) => ALLIANCE_MEMBERS.includes(r.iso3))
      .reduce((a, r) => a + r.tonnes, 0);
  const refiningWorld = world('refining');
  const miningWorld = world('mining');
  const notes: string[] = [];
  if (refiningWorld === undefined) {
    notes.push(
      `${mineral}: world processing volume is taken as world mine output (${miningWorld ?? 0} t, ${baseYear}); existing alliance processing output is not in the datasets, so only pipeline projects count for processing.`,
    );
  }
  return {
    baseYear,
    processingWorld: refiningWorld ?? miningWorld ?? 0,
    extractionWorld: miningWorld ?? 0,
    allianceProcessing: refiningWorld === undefined ? 0 : alliance('refining'),
    allianceExtraction: alliance('mining'),
    notes,
  };
}

/** Tested in order: the cap's text mentions "stage of processing", so it goes first. */
const BENCHMARK_TESTS: readonly [BenchmarkName, RegExp][] = [
  ['single-third-country', /single third country/i],
  ['extraction', /extraction/i],
  ['recycling', /recycling/i],
  ['processing', /processing/i],
];

/** The CRMA Art. 5 benchmarks of `policy_benchmarks.csv`, as fractions. */
export function crmaTargets(datasets: Datasets): { name: BenchmarkName; target: number }[] {
  return datasets.policyBenchmarks.flatMap((row) => {
    if (row.jurisdiction !== 'EU' || !/CRMA|2024\/1252/.test(row.instrument) || row.numericValue === null) {
      return [];
    }
    const name = BENCHMARK_TESTS.find(([, test]) => test.test(row.metric))?.[0];
    return name === undefined ? [] : [{ name, target: row.numericValue / 100 }];
  });
}
