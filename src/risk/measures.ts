import { ALLIANCE_MEMBERS } from '../model/index.js';
import { GOVERNANCE_FORMULA, GOVERNANCE_SOURCE, type WgiValue } from './governance.js';
import type { Concentration, CountryShare, TimeWindow } from './types.js';

/** The CRMA Art. 5(1)(d) cap: no single third country above 65 % of a stage. */
export const CRMA_SINGLE_COUNTRY_CAP = 0.65;

/**
 * Herfindahl–Hirschman index of shares given as fractions, on the percent scale: Σ (100·sᵢ)², so a
 * monopoly scores 10,000 (US Horizontal Merger Guidelines 2010 bands: < 1,500 unconcentrated,
 * 1,500–2,500 moderately, > 2,500 highly concentrated). Clamped to [0, 10,000] against rounding.
 */
export function hhi(shares: Iterable<number>): number {
  let sum = 0;
  for (const s of shares) sum += (100 * s) ** 2;
  return Math.min(10_000, Math.max(0, sum));
}

/**
 * Governance-weighted HHI (EU 2010 Ad-hoc Working Group, as quoted by Ferro et al. 2020):
 * Σ (100·S_c)² · WGI_c over the countries that have a risk value (0–10, higher = worse), and the share
 * of supply those countries hold.
 */
export function governanceWeightedHhi(
  shares: Iterable<{ readonly country: string; readonly share: number }>,
  risk: (country: string) => number | undefined,
): { value: number; coverage: number } {
  let value = 0;
  let coverage = 0;
  for (const { country, share } of shares) {
    const r = risk(country);
    if (r === undefined) continue;
    value += (100 * share) ** 2 * r;
    coverage += share;
  }
  return { value, coverage: Math.min(1, coverage) };
}

/** 100 × share, rounded half up to 4 decimals (display only). */
export function percentOf(share: number): number {
  return Math.round(share * 1_000_000) / 10_000;
}

/** What {@link buildConcentration} needs: amounts by country, the denominator, and the context. */
export interface ConcentrationInput<A extends number | bigint> {
  readonly mineral: string;
  readonly stage: string;
  readonly year: number | null;
  readonly window?: TimeWindow;
  readonly method: Concentration['method'];
  readonly unit: Concentration['unit'];
  /** The denominator; must be positive for any share to be computed. */
  readonly total: A;
  /** Amounts of named countries (no aggregates); at most one entry per country. */
  readonly amounts: ReadonlyMap<string, A>;
  readonly wgi: ReadonlyMap<string, WgiValue>;
  readonly notes: readonly string[];
}

/** Compute every metric of a {@link Concentration} from amounts by country. */
export function buildConcentration<A extends number | bigint>(input: ConcentrationInput<A>): Concentration {
  const total = Number(input.total);
  const entries = [...input.amounts].filter(([, a]) => a > 0);
  entries.sort(([ca, a], [cb, b]) => (a > b ? -1 : a < b ? 1 : ca < cb ? -1 : ca > cb ? 1 : 0));
  const shares: CountryShare[] = entries.map(([country, amount]) => {
    const share = total > 0 ? Number(amount) / total : 0;
    return {
      country,
      amount: typeof amount === 'bigint' ? amount.toString() : Number(amount),
      share,
      percent: percentOf(share),
    };
  });
  const first = shares[0];
  const top3 = shares.slice(0, 3);
  const third = shares.find((s) => !ALLIANCE_MEMBERS.includes(s.country));
  const governance = governanceWeightedHhi(shares, (c) => input.wgi.get(c)?.risk);
  return {
    mineral: input.mineral,
    stage: input.stage,
    year: input.year,
    ...(input.window ? { window: input.window } : {}),
    method: input.method,
    unit: input.unit,
    total: typeof input.total === 'bigint' ? input.total.toString() : input.total,
    shares,
    hhi: hhi(shares.map((s) => s.share)),
    top1: first ? { country: first.country, share: first.share } : { country: '', share: 0 },
    top3: { countries: top3.map((s) => s.country), share: sum(top3.map((s) => s.share)) },
    allianceShare: sum(shares.filter((s) => ALLIANCE_MEMBERS.includes(s.country)).map((s) => s.share)),
    governanceWeighted: { ...governance, formula: GOVERNANCE_FORMULA, source: GOVERNANCE_SOURCE },
    crma: {
      largestThirdCountry: third ? { country: third.country, share: third.share } : null,
      exceeds65: third !== undefined && third.share > CRMA_SINGLE_COUNTRY_CAP,
    },
    notes: [...input.notes, ...governanceNotes(shares, input.wgi, governance.coverage)],
  };
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function governanceNotes(
  shares: readonly CountryShare[],
  wgi: ReadonlyMap<string, WgiValue>,
  coverage: number,
): string[] {
  const missing = shares.filter((s) => !wgi.has(s.country)).map((s) => s.country);
  const years = [...new Set(shares.flatMap((s) => wgi.get(s.country)?.year ?? []))].sort();
  const notes: string[] = [];
  if (shares.length > 0 && missing.length > 0) {
    notes.push(
      `Governance weighting covers ${percentOf(coverage).toFixed(1)} % of the total; no WGI value for ${missing.join(', ')} (they count 0).`,
    );
  }
  if (years.length > 0) notes.push(`WGI values of ${years.join(', ')} (WGI_MEAN6).`);
  notes.push(
    'CRMA Art. 5 sets the 65 % cap on a third country’s share of Union consumption; world supply shares are the proxy used here, and "third country" is read as non-alliance.',
  );
  return notes;
}
