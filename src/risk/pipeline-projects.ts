import { massFractionsOf } from '../model/index.js';
import type { Datasets } from './datasets.js';
import { canonicalMineral } from './minerals.js';
import type { CapacityProjectRow } from './rows.js';
import type { Assumption } from './types.js';

/** How far along a project is, from its `status` text. */
export type ProjectCategory =
  | 'operating'
  | 'construction'
  | 'committed'
  | 'permitted'
  | 'feasibility'
  | 'planned'
  | 'announced'
  | 'paused'
  | 'unknown';

/** Which CRMA stages a project adds capacity to, from its `stage` text. */
export type ProjectStage = 'extraction' | 'processing' | 'recycling';

/** A capacity project as the pipeline counts it. */
export interface PipelineProject {
  readonly name: string;
  readonly company: string;
  readonly country: string;
  readonly mineral: string;
  readonly status: string;
  readonly category: ProjectCategory;
  readonly stages: readonly ProjectStage[];
  /** Added capacity in tonnes of the mineral's USGS basis (Li content, REO, …) per year; null when unknown. */
  readonly capacityTonnes: number | null;
  /** As the file gives it, in `unit`. */
  readonly reportedCapacity: number | null;
  readonly unit: string;
  /** The expected start as the file writes it (`2024-09-18`, `2030`, …); null when blank. */
  readonly start: string | null;
  /** The first year the capacity counts (a "2030 target" in the unit moves it later); null when not known. */
  readonly startYear: number | null;
  readonly weight: number;
  readonly notes: readonly string[];
}

/** The weight of each category and the conversion factors, as resolved parameters. */
export interface ProjectParameters {
  readonly weights: Readonly<Record<ProjectCategory, number>>;
  readonly magnetReoFactor: number;
  readonly anodeGraphiteFactor: number;
}

/** Categories in the order they are tested: "paused" wins over "under construction". */
const CATEGORY_TESTS: readonly [ProjectCategory, RegExp][] = [
  ['operating', /^operating/i],
  ['paused', /paused/i],
  ['construction', /under construction|construction starting|fid taken/i],
  ['committed', /financing committed/i],
  ['permitted', /permitted/i],
  ['feasibility', /awaiting fid|\bdfs\b|feasibility/i],
  ['planned', /planned/i],
  ['announced', /announced/i],
];

/** The category a status text names. */
export function categoryOf(status: string): ProjectCategory {
  return CATEGORY_TESTS.find(([, test]) => test.test(status))?.[0] ?? 'unknown';
}

function stagesOf(stage: string): ProjectStage[] {
  const stages: ProjectStage[] = [];
  if (/extraction|mining/i.test(stage)) stages.push('extraction');
  if (/refin|separat|magnet|anode|process|convers/i.test(stage)) stages.push('processing');
  if (/recycl/i.test(stage)) stages.push('recycling');
  return stages;
}

const LI_IN_LIOH = massFractionsOf('LiOH').Li!;
const LI_IN_LHM = massFractionsOf('LiOH·H2O').Li!;

/** The stoichiometric conversions the pipeline applies, reported with its assumptions. */
export const LITHIUM_CONVERSIONS: readonly Assumption[] = [
  {
    name: 'liPerLiOH',
    value: LI_IN_LIOH,
    unit: 't Li per t LiOH',
    default: true,
    source: 'stoichiometry, CIAAW 2021 abridged atomic weights (src/model)',
  },
  {
    name: 'liPerLiOHMonohydrate',
    value: LI_IN_LHM,
    unit: 't Li per t LiOH·H2O',
    default: true,
    source: 'stoichiometry, CIAAW 2021 abridged atomic weights (src/model)',
  },
];

/** Tonnes of the mineral's USGS basis per tonne of the project's unit, or null when the unit has no tonnage. */
function contentFactor(
  row: CapacityProjectRow,
  p: ProjectParameters,
): { factor: number | null; note?: string } {
  const unit = row.unit;
  if (row.mineral === 'lithium') {
    if (/monohydrate|LHM|LiOH·H2O/i.test(unit)) {
      return { factor: LI_IN_LHM, note: 'LiOH·H2O converted to Li content.' };
    }
    if (/LiOH|lithium hydroxide/i.test(unit)) {
      return { factor: LI_IN_LIOH, note: 'LiOH converted to Li content as the unit reads (anhydrous).' };
    }
  }
  if (row.mineral === 'rare_earths') {
    // What the tonnes count is the unit's first words: "t NdFeB magnets …", "t rare earths … (… magnet demand)".
    if (/^t (?:NdFeB )?magnets?\b/i.test(unit)) {
      return { factor: p.magnetReoFactor, note: 'Magnet tonnes converted to REO with magnetReoFactor.' };
    }
    if (/^t rare earths?\b/i.test(unit)) return { factor: 1, note: 'Rare-earth tonnes counted as REO.' };
  }
  if (row.mineral === 'graphite_natural' && /AAM|anode/i.test(unit)) {
    return { factor: p.anodeGraphiteFactor, note: 'Anode material converted with anodeGraphiteFactor.' };
  }
  if (row.mineral === 'cobalt' && /t cobalt/i.test(unit)) {
    return {
      factor: 1,
      note: 'Counted as Co content; the source unit is ambiguous (Co metal vs cobalt sulfate).',
    };
  }
  return { factor: null };
}

/** `2024-09-18`, `2030`, `2028 (commissioning)` → the year; a "(2030 target)" in the unit moves it later. */
function startOf(row: CapacityProjectRow): { start: number | null; note?: string } {
  const start = /^(\d{4})/.exec(row.expectedStart)?.[1];
  const target = /(\d{4}) target/.exec(row.unit)?.[1];
  if (target !== undefined && (start === undefined || Number(target) > Number(start))) {
    return { start: Number(target), note: `The capacity is a ${target} target: counted from ${target}.` };
  }
  return { start: start === undefined ? null : Number(start) };
}

/** The company without its parenthesised subsidiary or partner: what site totals are matched on. */
function companyKey(row: CapacityProjectRow): string {
  return `${row.company.split(' (')[0]!.trim()}\u0000${row.iso3}\u0000${row.mineral}`;
}

/** A unit that states a site total including earlier capacity ("site total incl. module 1"). */
function isSiteTotal(row: CapacityProjectRow): boolean {
  return /total/i.test(row.unit) && /incl/i.test(row.unit);
}

/**
 * The projects of `capacity_projects.csv` (of one mineral, or all), with capacity in tonnes of the
 * mineral's USGS basis. A project whose unit states a site total including earlier capacity counts only
 * its increment over the same company's other projects of that mineral in that country.
 */
export function pipelineProjects(
  datasets: Datasets,
  mineral: string | undefined,
  p: ProjectParameters,
): PipelineProject[] {
  const rows = datasets.capacityProjects.filter(
    (r) => mineral === undefined || (canonicalMineral(r.mineral) ?? r.mineral) === mineral,
  );
  const earlier = new Map<string, number>();
  for (const r of rows) {
    if (!isSiteTotal(r) && r.capacityTpa !== null) {
      earlier.set(companyKey(r), (earlier.get(companyKey(r)) ?? 0) + r.capacityTpa);
    }
  }
  return rows.map((r) => {
    const notes: string[] = [];
    const { factor, note } = contentFactor(r, p);
    if (note) notes.push(note);
    let reported = r.capacityTpa;
    if (reported !== null && isSiteTotal(r)) {
      const before = earlier.get(companyKey(r)) ?? 0;
      notes.push(`Site total ${reported} incl. ${before} of earlier projects: counts the increment.`);
      reported = Math.max(0, reported - before);
    }
    if (factor === null || r.capacityTpa === null) notes.push('No tonnage in the data: not counted.');
    const started = startOf(r);
    if (started.note) notes.push(started.note);
    const category = categoryOf(r.status);
    return {
      name: r.project,
      company: r.company,
      country: r.iso3,
      mineral: canonicalMineral(r.mineral) ?? r.mineral,
      status: r.status,
      category,
      stages: stagesOf(r.stage),
      capacityTonnes: factor === null || reported === null ? null : reported * factor,
      reportedCapacity: r.capacityTpa,
      unit: r.unit,
      start: r.expectedStart === '' ? null : r.expectedStart,
      startYear: started.start,
      weight: p.weights[category],
      notes,
    };
  });
}
