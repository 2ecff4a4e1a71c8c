import type { ElementSymbol } from '../model/index.js';
import type { Datasets } from './datasets.js';
import { RiskError } from './errors.js';
import { type WgiValue, wgiTable } from './governance.js';
import { buildConcentration, percentOf } from './measures.js';
import { canonicalMineral, elementsOf, MINERALS } from './minerals.js';
import { parseTime, parseWindow, yearWindow } from './time.js';
import type { Concentration, TimeWindow } from './types.js';

/**
 * Element mass produced at a stage in a country at a time, as the service derives it from committed
 * custody events (extraction at a mine: `mining`; refined output of a plant: `refining`).
 */
export interface TracedFlow {
  readonly element: ElementSymbol;
  /** `mining` or `refining` (any other stage is matched as written). */
  readonly stage: string;
  /** ISO 3166-1 alpha-3 of the facility; anything else (`unknown`, `undeclared`) is unattributed. */
  readonly country: string;
  readonly micrograms: bigint;
  /** RFC 3339. */
  readonly time: string;
}

export interface BottomUpQuery {
  readonly mineral: string;
  readonly stage: string;
  /** Flows with `from ≤ time < to`; all flows without it (and without `year`). */
  readonly window?: TimeWindow;
  /** The calendar year (UTC) as the window; not together with `window`. */
  readonly year?: number;
  /** For the governance weighting (WGI); without it, the weighting covers nothing. */
  readonly datasets?: Datasets;
}

const COUNTRY = /^[A-Z]{3}$/;

/**
 * Concentration of a mineral at a stage from traced flows, bottom-up: the flows of the mineral's elements
 * ({@link elementsOf}: rare earths are the REE group) at the stage within the window are summed exactly by
 * country, in micrograms; shares are of all that mass, so over flows that all name a country they sum
 * to 1. The result does not depend on the order of the flows.
 * @throws RiskError RISK_UNKNOWN_MINERAL, RISK_BAD_TIME, RISK_BAD_RECORD, RISK_BAD_PARAMETER
 */
export function concentrationBottomUp(flows: Iterable<TracedFlow>, query: BottomUpQuery): Concentration {
  if (query.window !== undefined && query.year !== undefined) {
    throw new RiskError('RISK_BAD_PARAMETER', 'give a window or a year, not both');
  }
  const mineral = canonicalMineral(query.mineral) ?? query.mineral;
  const elements = new Set<string>(elementsOf(mineral));
  const window = query.window ?? (query.year === undefined ? undefined : yearWindow(query.year));
  const bounds = window ? parseWindow(window) : undefined;
  const amounts = new Map<string, bigint>();
  const unattributed = new Map<string, bigint>();
  let total = 0n;
  for (const flow of flows) {
    if (typeof flow.micrograms !== 'bigint' || flow.micrograms < 0n) {
      throw new RiskError(
        'RISK_BAD_RECORD',
        `flow mass must be a non-negative bigint, got ${String(flow.micrograms)}`,
      );
    }
    if (flow.stage !== query.stage || !elements.has(flow.element)) continue;
    if (bounds) {
      const t = parseTime(flow.time, 'flow time');
      if (t < bounds.from || t >= bounds.to) continue;
    }
    total += flow.micrograms;
    const target = COUNTRY.test(flow.country) ? amounts : unattributed;
    target.set(flow.country, (target.get(flow.country) ?? 0n) + flow.micrograms);
  }
  const wgiYear = window ? new Date(parseTime(window.from, 'window.from')).getUTCFullYear() : null;
  const wgi: ReadonlyMap<string, WgiValue> = query.datasets ? wgiTable(query.datasets, wgiYear) : new Map();
  return buildConcentration({
    mineral,
    stage: query.stage,
    year: query.year ?? null,
    ...(window ? { window } : {}),
    method: 'bottom-up',
    unit: 'µg',
    total,
    amounts,
    wgi,
    notes: bottomUpNotes(mineral, total, unattributed, window, query.datasets !== undefined),
  });
}

function bottomUpNotes(
  mineral: string,
  total: bigint,
  unattributed: ReadonlyMap<string, bigint>,
  window: TimeWindow | undefined,
  withWgi: boolean,
): string[] {
  const info = MINERALS.find((m) => m.mineral === mineral)!;
  const notes = [
    `Shares of the traced mass of ${info.elements.join(', ')} (element mass, micrograms) ${
      window ? `produced from ${window.from} until before ${window.to}` : 'over all time'
    }; production counts where it happens: mines for mining, plants for refining.`,
  ];
  if (total === 0n) notes.push('No traced flows match: every metric is 0.');
  const lost = [...unattributed.values()].reduce((a, b) => a + b, 0n);
  if (lost > 0n) {
    const share = Number(lost) / Number(total);
    notes.push(
      `${percentOf(share).toFixed(1)} % of the traced mass has no country (${[...unattributed.keys()].sort().join(', ')}): it stays in the total, unattributed.`,
    );
  }
  if (mineral === 'rare_earths') {
    notes.push('Rare earths are the REE group: Sc, Y and the lanthanides the vocabulary holds.');
  }
  if (!withWgi) notes.push('No datasets given: the governance weighting has no WGI values.');
  return notes;
}
