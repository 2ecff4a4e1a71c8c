import type { Datasets } from './datasets.js';
import { RiskError } from './errors.js';
import { canonicalMineral, MINERALS } from './minerals.js';
import { type ParameterSpec, resolveParameters } from './parameters.js';
import {
  LITHIUM_CONVERSIONS,
  type PipelineProject,
  type ProjectCategory,
  type ProjectStage,
  pipelineProjects,
} from './pipeline-projects.js';
import { type BenchmarkName, baseThirdCountryShare, crmaTargets, reference } from './pipeline-reference.js';
import type { Assumption } from './types.js';

const WEIGHT =
  'assumption: Lodestone default, not from a source; the share of nameplate expected by the year';

/** The pipeline model's parameters, each with its default and where it comes from. */
export const PIPELINE_PARAMETERS = {
  weightOperating: {
    default: 1,
    unit: 'weight',
    min: 0,
    max: 1,
    source: 'assumption: operating capacity counts in full',
  },
  weightConstruction: {
    default: 0.75,
    unit: 'weight',
    min: 0,
    max: 1,
    source: `${WEIGHT} (under construction, FID taken)`,
  },
  weightCommitted: {
    default: 0.5,
    unit: 'weight',
    min: 0,
    max: 1,
    source: `${WEIGHT} (financing committed)`,
  },
  weightPermitted: { default: 0.4, unit: 'weight', min: 0, max: 1, source: `${WEIGHT} (permitted)` },
  weightFeasibility: {
    default: 0.3,
    unit: 'weight',
    min: 0,
    max: 1,
    source: `${WEIGHT} (feasibility study done, awaiting FID)`,
  },
  weightPlanned: { default: 0.2, unit: 'weight', min: 0, max: 1, source: `${WEIGHT} (planned)` },
  weightAnnounced: { default: 0.1, unit: 'weight', min: 0, max: 1, source: `${WEIGHT} (announced)` },
  weightPaused: {
    default: 0.25,
    unit: 'weight',
    min: 0,
    max: 1,
    source: `${WEIGHT} (paused pending funding)`,
  },
  weightUnknown: {
    default: 0,
    unit: 'weight',
    min: 0,
    max: 1,
    source: 'assumption: a status that names no stage counts nothing',
  },
  worldGrowthPct: {
    default: 0,
    unit: '% per year',
    min: -50,
    max: 100,
    source: 'assumption: world supply held at the latest data year (no projection in the datasets)',
  },
  unknownStartYear: {
    default: 0,
    unit: 'year (0 = not counted)',
    min: 0,
    max: 2100,
    source: 'assumption: a project that is not operating and has no start date is not counted',
  },
  magnetReoFactor: {
    default: 0.36,
    unit: 't REO per t NdFeB magnet',
    min: 0,
    max: 1.2,
    source:
      'assumption: NdFeB magnets hold about 31 % rare-earth metal by mass (typical composition, not in the datasets) × 1.166 t Nd2O3 per t Nd',
  },
  anodeGraphiteFactor: {
    default: 1,
    unit: 't graphite per t anode material',
    min: 0,
    max: 5,
    source: 'assumption: anode material counted by its own mass (the flake feed it needs is larger)',
  },
} as const satisfies Record<string, ParameterSpec>;

export type PipelineParameters = { [K in keyof typeof PIPELINE_PARAMETERS]: number };

export interface PipelineQuery {
  /** One mineral; all projects (summed across minerals, for scale only) without it. */
  readonly mineral?: string;
  readonly fromYear?: number;
  readonly toYear?: number;
  readonly parameters?: Partial<PipelineParameters>;
}

/** A CRMA Art. 5 benchmark in one year. */
export interface BenchmarkCheck {
  readonly name: BenchmarkName;
  /** As a fraction: 0.10, 0.40, 0.25, 0.65. */
  readonly target: number;
  /** The projected share (for the cap: the largest third country's). */
  readonly share: number;
  readonly met: boolean;
  /** Additional weighted alliance capacity (t) that would meet it; 0 when met. */
  readonly gapTonnes: number;
}

export interface PipelineYear {
  readonly year: number;
  /** Σ capacity of the projects counted by the year (unweighted). */
  readonly capacityTonnes: number;
  /** Σ weight · capacity. */
  readonly weightedTonnes: number;
  /** Processing: (existing alliance refining in the datasets + weighted processing capacity) / world. */
  readonly allianceShare: number;
  readonly benchmarks: readonly BenchmarkCheck[];
}

export interface PipelineResult {
  readonly mineral: string;
  readonly assumptions: readonly Assumption[];
  readonly years: readonly PipelineYear[];
  readonly projects: readonly PipelineProject[];
  readonly notes: readonly string[];
}

/**
 * Projected alliance capacity by year from the capacity projects, weighted by status, against the CRMA
 * Art. 5 benchmarks of `policy_benchmarks.csv`; and how many tonnes of further capacity each benchmark
 * lacks. World supply is the USGS world total of the latest year (refining if the datasets have it, else
 * mining, as the proxy for processing volume), grown by `worldGrowthPct`. Existing alliance output counts
 * where the datasets have it (mine output; copper and gallium refining) and stays at its latest level.
 * @throws RiskError RISK_BAD_PARAMETER, RISK_NO_DATA
 */
export function projectPipeline(datasets: Datasets, query: PipelineQuery = {}): PipelineResult {
  const fromYear = query.fromYear ?? 2025;
  const toYear = query.toYear ?? 2030;
  if (
    !Number.isInteger(fromYear) ||
    !Number.isInteger(toYear) ||
    toYear < fromYear ||
    toYear - fromYear > 50
  ) {
    throw new RiskError(
      'RISK_BAD_PARAMETER',
      `years must be integers with fromYear ≤ toYear (≤ 50 years), got ${fromYear}…${toYear}`,
    );
  }
  const { values: p, assumptions } = resolveParameters(PIPELINE_PARAMETERS, query.parameters);
  const mineral =
    query.mineral === undefined ? undefined : (canonicalMineral(query.mineral) ?? query.mineral);
  const projects = pipelineProjects(datasets, mineral, {
    weights: weightsOf(p),
    magnetReoFactor: p.magnetReoFactor,
    anodeGraphiteFactor: p.anodeGraphiteFactor,
  });
  const years = Array.from({ length: toYear - fromYear + 1 }, (_, i) => fromYear + i);
  const minerals = mineral === undefined ? [...new Set(projects.map((q) => q.mineral))].sort() : [mineral];
  const perMineral = minerals.map((m) => projectMineral(datasets, m, projects, years, fromYear, p));
  const notes = [
    ...perMineral.flatMap((r) => r.notes),
    'Capacities are nameplate as announced (some are targets); weights stand for the share expected by each year.',
    'CRMA benchmarks are shares of Union consumption; alliance capacity over world supply is the proxy here.',
    ...(mineral === undefined
      ? [
          'All minerals: tonnes are summed across different minerals for scale only; benchmarks are per mineral.',
        ]
      : []),
  ];
  return {
    mineral: mineral ?? 'all',
    assumptions: [
      ...assumptions,
      ...(mineral === undefined || mineral === 'lithium' ? LITHIUM_CONVERSIONS : []),
    ],
    years: mineral === undefined ? sumYears(perMineral) : perMineral[0]!.years,
    projects,
    notes: [...new Set(notes)],
  };
}

function weightsOf(p: PipelineParameters): Record<ProjectCategory, number> {
  return {
    operating: p.weightOperating,
    construction: p.weightConstruction,
    committed: p.weightCommitted,
    permitted: p.weightPermitted,
    feasibility: p.weightFeasibility,
    planned: p.weightPlanned,
    announced: p.weightAnnounced,
    paused: p.weightPaused,
    unknown: p.weightUnknown,
  };
}

/** The year a project's capacity counts from: its start, the first year if operating, else the fallback. */
function countsFrom(project: PipelineProject, firstYear: number, p: PipelineParameters): number | null {
  if (project.startYear !== null) return project.startYear;
  if (project.category === 'operating') return firstYear;
  return p.unknownStartYear > 0 ? p.unknownStartYear : null;
}

interface MineralProjection {
  readonly years: PipelineYear[];
  readonly worldProcessing: number[];
  readonly notes: string[];
}

function projectMineral(
  datasets: Datasets,
  mineral: string,
  projects: readonly PipelineProject[],
  years: readonly number[],
  firstYear: number,
  p: PipelineParameters,
): MineralProjection {
  if (!MINERALS.some((m) => m.mineral === mineral)) {
    throw new RiskError('RISK_UNKNOWN_MINERAL', `unknown mineral ${JSON.stringify(mineral)}`);
  }
  const ref = reference(datasets, mineral);
  const mine = projects.filter((q) => q.mineral === mineral);
  const targets = crmaTargets(datasets);
  const third = baseThirdCountryShare(datasets, mineral, firstYear);
  const notes = [...ref.notes, third.note];
  if (targets.length === 0) {
    notes.push('policy_benchmarks.csv has no CRMA Art. 5 rows: no benchmarks checked.');
  }
  const worldProcessing: number[] = [];
  const out = years.map((year): PipelineYear => {
    const growth = (1 + p.worldGrowthPct / 100) ** (year - ref.baseYear);
    const counted = mine.filter((q) => {
      const from = countsFrom(q, firstYear, p);
      return q.capacityTonnes !== null && from !== null && from <= year;
    });
    const weighted = (stage: ProjectStage) =>
      counted.filter((q) => q.stages.includes(stage)).reduce((a, q) => a + q.capacityTonnes! * q.weight, 0);
    const wProcessing = ref.processingWorld * growth;
    const wExtraction = ref.extractionWorld * growth;
    worldProcessing.push(wProcessing);
    const processing = ref.allianceProcessing + weighted('processing');
    const extraction = ref.allianceExtraction + weighted('extraction');
    const recycling = weighted('recycling');
    const pipelineShare = wProcessing > 0 ? weighted('processing') / wProcessing : 0;
    const benchmarks = targets.map(({ name, target }): BenchmarkCheck => {
      if (name === 'single-third-country') {
        const share = third.share * (1 - pipelineShare);
        const needed = third.share > 0 ? Math.max(0, 1 - target / third.share) * wProcessing : 0;
        return {
          name,
          target,
          share,
          met: share <= target,
          gapTonnes: Math.max(0, needed - weighted('processing')),
        };
      }
      const [have, world] =
        name === 'extraction'
          ? [extraction, wExtraction]
          : [name === 'processing' ? processing : recycling, wProcessing];
      const share = world > 0 ? have / world : 0;
      return { name, target, share, met: share >= target, gapTonnes: Math.max(0, target * world - have) };
    });
    return {
      year,
      capacityTonnes: counted.reduce((a, q) => a + q.capacityTonnes!, 0),
      weightedTonnes: counted.reduce((a, q) => a + q.capacityTonnes! * q.weight, 0),
      allianceShare: wProcessing > 0 ? processing / wProcessing : 0,
      benchmarks,
    };
  });
  return { years: out, worldProcessing, notes };
}

/** All minerals: tonnes summed; the alliance share over the summed world (for scale only); no benchmarks. */
function sumYears(perMineral: readonly MineralProjection[]): PipelineYear[] {
  const first = perMineral[0];
  if (first === undefined) return [];
  return first.years.map((y, i) => {
    const world = perMineral.reduce((a, m) => a + m.worldProcessing[i]!, 0);
    const alliance = perMineral.reduce((a, m) => a + m.years[i]!.allianceShare * m.worldProcessing[i]!, 0);
    return {
      year: y.year,
      capacityTonnes: perMineral.reduce((a, m) => a + m.years[i]!.capacityTonnes, 0),
      weightedTonnes: perMineral.reduce((a, m) => a + m.years[i]!.weightedTonnes, 0),
      allianceShare: world > 0 ? alliance / world : 0,
      benchmarks: [],
    };
  });
}
