import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BatchRow, provenanceOf } from '../custody/index.js';
import {
  type Concentration,
  type ConcentrationComparison,
  compareConcentration,
  concentrationBottomUp,
  concentrationSeries,
  concentrationTopDown,
  type DatasetDiff,
  type Datasets,
  diffDatasets,
  type ExposureResult,
  elementsOf,
  exposure,
  type PipelineQuery,
  type PipelineResult,
  parseDatasets,
  projectPipeline,
  RiskError,
  runScenario,
  type ScenarioInput,
  type ScenarioPreset,
  type ScenarioResult,
  type Series,
  scenarioPresets,
  type TimeWindow,
  type TracedBatch,
  type TracedFlow,
} from '../risk/index.js';
import type { ProducedFlow } from './flow-index.js';
import type { SupplyQueries } from './supply-queries.js';

/** The seed datasets shipped with the package (assets/risk-data, sources in its PROVENANCE.md). */
export const RISK_DATA_DIR = fileURLToPath(new URL('../../assets/risk-data/', import.meta.url));

/** Read every CSV of a datasets folder (the shipped seed, or an updated release of the same shape). */
export function readDatasetFiles(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    if (name.endsWith('.csv')) files[name] = readFileSync(join(dir, name), 'utf8');
  }
  return files;
}

/** Load and parse a datasets folder. @throws RiskError for a malformed file (file, line, column) */
export function loadDatasets(dir: string = RISK_DATA_DIR, label?: string): Datasets {
  return parseDatasets(readDatasetFiles(dir), label === undefined ? {} : { label });
}

/** What an import of an updated datasets folder would change, against the shipped seed. */
export function diffDatasetFolders(updated: string, base: string = RISK_DATA_DIR): DatasetDiff {
  return diffDatasets(loadDatasets(base), loadDatasets(updated));
}

/** Where a data directory keeps imported datasets; without it a node uses the shipped seed. */
export const IMPORTED_RISK_DATA = 'risk-data';

/** The datasets folder a node on `dataDir` uses: its imported one, else the shipped seed. */
export function datasetsFolderOf(dataDir: string): string {
  const imported = join(dataDir, IMPORTED_RISK_DATA);
  return existsSync(imported) ? imported : RISK_DATA_DIR;
}

/**
 * Import an updated datasets folder of the same shape into a data directory (a newer USGS release, say):
 * parse it whole first (a malformed file changes nothing), then copy its CSV files in; the node reads
 * them on its next start. Returns what changed against the datasets the node used until now.
 * @throws RiskError for a malformed file, with its file, line and column
 */
export function importDatasets(dataDir: string, updated: string): DatasetDiff {
  const diff = diffDatasets(loadDatasets(datasetsFolderOf(dataDir)), loadDatasets(updated));
  const target = join(dataDir, IMPORTED_RISK_DATA);
  mkdirSync(target, { recursive: true });
  for (const [name, text] of Object.entries(readDatasetFiles(updated)))
    writeFileSync(join(target, name), text);
  return diff;
}

export interface CompareQuery {
  readonly mineral: string;
  readonly stage: string;
  readonly year?: number;
  /** The traced flows' window; default: the calendar year `year`, else every flow. */
  readonly window?: TimeWindow;
}

/** A comparison where the datasets have nothing for the stage. */
export interface OneSided {
  readonly topDown: null;
  readonly bottomUp: Concentration;
  readonly differences: readonly [];
  readonly explanation: readonly string[];
}

/** The largest number of exposed batches a scenario lists. */
export const MAX_EXPOSED = 200;

/**
 * The risk observatory's use-cases (issue 7): concentration top-down from the datasets and bottom-up
 * from the node's traced flows, side by side; export-restriction scenarios with the traced batches they
 * expose; the capacity pipeline.
 */
export class RiskQueries {
  readonly #datasets: () => Datasets;
  readonly #flows: () => readonly ProducedFlow[];
  readonly #supply: SupplyQueries;

  /** @param folder the datasets folder (default: the shipped seed), read on first use */
  constructor(flows: () => readonly ProducedFlow[], supply: SupplyQueries, folder: string = RISK_DATA_DIR) {
    let loaded: Datasets | undefined;
    this.#datasets = () => {
      loaded ??= loadDatasets(folder);
      return loaded;
    };
    this.#flows = flows;
    this.#supply = supply;
  }

  get datasets(): Datasets {
    return this.#datasets();
  }

  /** Minerals, stages and years the datasets cover. */
  series(): Series[] {
    return concentrationSeries(this.#datasets());
  }

  /** @throws RiskError RISK_UNKNOWN_MINERAL, RISK_NO_DATA, … */
  concentration(query: { mineral: string; stage: string; year?: number }): Concentration {
    elementsOf(query.mineral); // an unknown mineral is RISK_UNKNOWN_MINERAL, not "no data"
    return concentrationTopDown(this.#datasets(), query);
  }

  /** Traced flows by country of production, for a mineral at a stage. */
  bottomUp(query: CompareQuery): Concentration {
    const { window, year } = query;
    return concentrationBottomUp(this.#traced(), {
      mineral: query.mineral,
      stage: query.stage,
      datasets: this.#datasets(),
      ...(window !== undefined ? { window } : year !== undefined ? { year } : {}),
    });
  }

  /**
   * Top-down beside bottom-up. Where the datasets have no figures for the stage (USGS publishes refinery
   * output by country only for copper and gallium), the traced side stands alone and says so.
   */
  compare(query: CompareQuery): ConcentrationComparison | OneSided {
    const bottomUp = this.bottomUp(query);
    let topDown: Concentration;
    try {
      topDown = this.concentration({
        mineral: query.mineral,
        stage: query.stage,
        ...(query.year !== undefined && { year: query.year }),
      });
    } catch (err) {
      if (!(err instanceof RiskError) || err.code !== 'RISK_NO_DATA') throw err;
      return {
        topDown: null,
        bottomUp,
        differences: [],
        explanation: [
          `no top-down figures: ${err.message}; the bottom-up side covers this node's traced flows only`,
        ],
      };
    }
    return compareConcentration(topDown, bottomUp);
  }

  presets(): ScenarioPreset[] {
    return scenarioPresets(this.#datasets());
  }

  /**
   * Run a scenario; with `traced`, also the traced batches it exposes (the caller decides who may see
   * them: batches are confidential).
   */
  scenario(input: ScenarioInput, traced: boolean): ScenarioResult & { exposure: ExposureResult | null } {
    const result = runScenario(this.#datasets(), input);
    if (!traced) return { ...result, exposure: null };
    // The scenario names the elements a measure covers (seven of the rare earths, say), not just the mineral.
    const found = exposure(this.#tracedBatches(), result.scenario);
    return { ...result, exposure: { ...found, batches: found.batches.slice(0, MAX_EXPOSED) } };
  }

  pipeline(query: PipelineQuery = {}): PipelineResult {
    return projectPipeline(this.#datasets(), query);
  }

  #traced(): TracedFlow[] {
    const countries = new Map<string, string>();
    const countryOf = (facility: string): string => {
      let c = countries.get(facility);
      if (c === undefined) {
        c = this.#supply.facility(facility)?.country ?? 'unknown';
        countries.set(facility, c);
      }
      return c;
    };
    return this.#flows().map((f) => ({
      element: f.element,
      stage: f.stage,
      country: countryOf(f.facility),
      micrograms: f.micrograms,
      time: f.time,
    }));
  }

  /** Every batch with its element mass by country of origin (from its composition, fixed at creation). */
  *#tracedBatches(): Generator<TracedBatch> {
    const facts = (id: string) => {
      const f = this.#supply.facility(id);
      return f && { country: f.country, name: f.name };
    };
    let after: string | undefined;
    do {
      const page = this.#supply.batches({ limit: 1000, ...(after !== undefined && { after }) });
      for (const batch of page.items) yield tracedBatch(batch, facts);
      after = page.next;
    } while (after !== undefined);
  }
}

function tracedBatch(
  batch: BatchRow,
  facts: (id: string) => { country: string; name: string } | undefined,
): TracedBatch {
  return {
    batch: batch.id,
    material: batch.material,
    elements: provenanceOf(batch.composition, facts).map((e) => ({
      element: e.element,
      micrograms: e.micrograms,
      byCountry: e.byCountry.map((s) => ({ key: s.key, micrograms: s.micrograms })),
    })),
  };
}
