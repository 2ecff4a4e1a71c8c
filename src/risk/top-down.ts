import type { Datasets } from './datasets.js';
import { RiskError } from './errors.js';
import { wgiTable } from './governance.js';
import { buildConcentration, percentOf } from './measures.js';
import { canonicalMineral } from './minerals.js';
import { MINERAL_CAVEATS } from './provenance.js';
import type { MineProductionRow } from './rows.js';
import type { Concentration } from './types.js';

/** USGS aggregates in `mine_production.csv`: they are not countries. */
export const WORLD = 'WLD';
export const OTHERS = 'OTH';

/**
 * What shares are shares of:
 * - `world-total` (default): the USGS world total (`WLD`, rounded), as supply-data.md computes them. Only
 *   named countries get a share; `OTH` ("other countries") and the rounding gap stay unattributed, so the
 *   shares do not sum to 1 and the HHI is a lower bound.
 * - `sum-of-countries`: the sum of the country rows including `OTH`; named shares sum to 1 − share(OTH).
 */
export type ShareBasis = 'world-total' | 'sum-of-countries';

export interface TopDownQuery {
  readonly mineral: string;
  /** `mining` or `refining`, as the file names stages. */
  readonly stage: string;
  /** Defaults to the latest year with data for the mineral and stage. */
  readonly year?: number;
  readonly basis?: ShareBasis;
}

/** A mineral and stage with data, and its years. */
export interface Series {
  readonly mineral: string;
  readonly stage: string;
  readonly years: readonly number[];
}

/** Every mineral and stage of `mine_production.csv`, with the years it covers; sorted. */
export function concentrationSeries(datasets: Datasets): Series[] {
  const series = new Map<string, { mineral: string; stage: string; years: Set<number> }>();
  for (const row of datasets.mineProduction) {
    const key = `${row.mineral}\u0000${row.stage}`;
    const entry = series.get(key) ?? { mineral: row.mineral, stage: row.stage, years: new Set<number>() };
    entry.years.add(row.year);
    series.set(key, entry);
  }
  return [...series.values()]
    .map((s) => ({ mineral: s.mineral, stage: s.stage, years: [...s.years].sort((a, b) => a - b) }))
    .sort((a, b) => (a.mineral === b.mineral ? cmp(a.stage, b.stage) : cmp(a.mineral, b.mineral)));
}

/**
 * Concentration of a mineral at a stage in a year, top-down from USGS production by country: shares of
 * the world total (see {@link ShareBasis}), HHI, top-1 and top-3 shares, alliance share, governance-
 * weighted HHI and the CRMA 65 % check. Notes carry the basis, the unattributed remainder and the
 * status and caveats of the rows used.
 * @throws RiskError RISK_NO_DATA when there are no rows for the mineral, stage and year
 */
export function concentrationTopDown(datasets: Datasets, query: TopDownQuery): Concentration {
  const mineral = canonicalMineral(query.mineral) ?? query.mineral;
  const series = datasets.mineProduction.filter((r) => r.mineral === mineral && r.stage === query.stage);
  const year = query.year ?? Math.max(...series.map((r) => r.year));
  const rows = series.filter((r) => r.year === year);
  if (rows.length === 0) {
    throw new RiskError(
      'RISK_NO_DATA',
      `no production rows for ${query.mineral} at the ${query.stage} stage${query.year ? ` in ${query.year}` : ''}`,
    );
  }
  const world = rows.find((r) => r.iso3 === WORLD);
  const others = rows.find((r) => r.iso3 === OTHERS);
  const named = rows.filter((r) => r.iso3 !== WORLD && r.iso3 !== OTHERS);
  const namedSum = named.reduce((a, r) => a + r.tonnes, 0);
  const sumOfCountries = namedSum + (others?.tonnes ?? 0);
  const basis: ShareBasis = world === undefined ? 'sum-of-countries' : (query.basis ?? 'world-total');
  const total = basis === 'world-total' ? world!.tonnes : sumOfCountries;
  const notes = [
    basisNote(basis, world, others, namedSum, total, query.basis),
    ...statusNotes(rows),
    ...(MINERAL_CAVEATS[mineral] ?? []),
  ];
  return buildConcentration({
    mineral,
    stage: query.stage,
    year,
    method: 'top-down',
    unit: 't',
    total,
    amounts: new Map(named.map((r) => [r.iso3, r.tonnes])),
    wgi: wgiTable(datasets, year),
    notes,
  });
}

/** Top-down concentration of every series in `mine_production.csv` for `year` (or each one's latest). */
export function concentrationTable(
  datasets: Datasets,
  options: { readonly year?: number; readonly basis?: ShareBasis } = {},
): Concentration[] {
  return concentrationSeries(datasets)
    .filter((s) => options.year === undefined || s.years.includes(options.year))
    .map((s) =>
      concentrationTopDown(datasets, {
        mineral: s.mineral,
        stage: s.stage,
        ...(options.year === undefined ? {} : { year: options.year }),
        ...(options.basis === undefined ? {} : { basis: options.basis }),
      }),
    );
}

function basisNote(
  basis: ShareBasis,
  world: MineProductionRow | undefined,
  others: MineProductionRow | undefined,
  namedSum: number,
  total: number,
  asked: ShareBasis | undefined,
): string {
  const rest = total > 0 ? 1 - namedSum / total : 0;
  const oth = others ? `"other countries" (OTH, ${others.tonnes} t)` : 'no OTH row';
  if (basis === 'world-total') {
    return (
      `Shares are of the USGS world total (WLD, rounded, ${world!.tonnes} t); named countries only, so ${oth} and ` +
      `rounding leave ${percentOf(rest).toFixed(1)} % unattributed${rest < 0 ? ' (named countries exceed the rounded total)' : ''} ` +
      'and the HHI is a lower bound.'
    );
  }
  const why = world === undefined && asked !== 'sum-of-countries' ? 'there is no world-total row, so ' : '';
  return (
    `${why}Shares are of the sum of the country rows (${total} t, incl. ${oth}); ` +
    `OTH holds ${percentOf(rest).toFixed(1)} % and is not a country, so the HHI is a lower bound.`
  );
}

/** The status and USGS notes of the rows used, each with the countries it applies to. */
function statusNotes(rows: readonly MineProductionRow[]): string[] {
  const notes: string[] = [];
  for (const field of ['status', 'usgsNote'] as const) {
    const groups = new Map<string, string[]>();
    for (const row of rows) {
      if (row[field] === '') continue;
      groups.set(row[field], [...(groups.get(row[field]) ?? []), row.iso3]);
    }
    for (const [text, countries] of groups) {
      const who = countries.length === rows.length ? 'all rows' : countries.join(', ');
      notes.push(`${field === 'status' ? 'Status' : 'USGS note'}: ${text} (${who}).`);
    }
  }
  notes.push(`Source: ${rows[0]!.source}`);
  return notes;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
