import type { Datasets } from './datasets.js';

/** The WGI series the governance weighting uses: the unweighted mean of the six 2023 estimates. */
export const WGI_INDICATOR = 'WGI_MEAN6';

/** A country's governance: the WGI value as published (≈ −2.5…+2.5, higher = better) and its risk rescaling. */
export interface WgiValue {
  readonly wgi: number;
  /** `2 · (2.5 − wgi)` clamped to [0, 10]: 0 best, 10 worst. */
  readonly risk: number;
  readonly year: number;
}

/**
 * Rescale a WGI estimate to the 0–10 risk scale of the EU criticality method (higher = worse): the
 * estimate's nominal range −2.5…+2.5 maps linearly onto 10…0, values outside it are clamped.
 */
export function wgiRisk(wgi: number): number {
  return Math.min(10, Math.max(0, 2 * (2.5 - wgi)));
}

/**
 * Each country's WGI ({@link WGI_INDICATOR}) for `year`: the latest value at or before it, else the
 * earliest after it (the file holds 2023 only, so 2024 metrics use 2023 governance).
 */
export function wgiTable(datasets: Datasets, year: number | null): ReadonlyMap<string, WgiValue> {
  const table = new Map<string, WgiValue>();
  const target = year ?? Number.POSITIVE_INFINITY;
  for (const row of datasets.governance) {
    if (row.indicator !== WGI_INDICATOR) continue;
    const current = table.get(row.iso3);
    if (current === undefined || better(row.year, current.year, target)) {
      table.set(row.iso3, { wgi: row.value, risk: wgiRisk(row.value), year: row.year });
    }
  }
  return table;
}

/** Whether a row of year `candidate` is closer to `target` than one of `current` (at-or-before wins). */
function better(candidate: number, current: number, target: number): boolean {
  const before = (y: number) => y <= target;
  if (before(candidate) !== before(current)) return before(candidate);
  return before(candidate) ? candidate > current : candidate < current;
}

export const GOVERNANCE_FORMULA =
  'HHI_WGI = Σ_c (100·S_c)² · WGI_c, S_c the share of country c, WGI_c = 2·(2.5 − WGI_MEAN6_c) clamped to [0, 10] ' +
  '(0 best, 10 worst governance); countries without a WGI value count 0 (see coverage). Range 0…100,000; ÷ 10,000 ' +
  'gives the 0…10 scale of the EU supply-risk formula.';

export const GOVERNANCE_SOURCE =
  'Formula: Ferro et al. (2020), Frattura ed Integrità Strutturale 51, 81–91, quoting the 2010 EU Ad-hoc Working ' +
  'Group on defining critical raw materials. WGI: World Bank Worldwide Governance Indicators 2023, unweighted ' +
  'mean of the six estimates (governance_wgi.csv). The 0–10 rescaling (higher = worse) follows the EU ' +
  'criticality method as the data README states it; the linear map is Lodestone’s, not read from the EU text.';
