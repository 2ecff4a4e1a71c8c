/**
 * The supply-risk observatory (DESIGN.md §9), pure: the seed datasets (USGS production and reserves, IEA
 * refining shares, WGI, CRMA benchmarks, export controls, capacity projects) parsed from their text,
 * versioned and diffed; concentration metrics top-down from the datasets and bottom-up from traced flows;
 * export-restriction scenarios and the batches they expose; the capacity pipeline against the CRMA
 * benchmarks. No file, clock or network access: the service reads the files and passes their text.
 * @module risk
 */

export { type BottomUpQuery, concentrationBottomUp, type TracedFlow } from './bottom-up.js';
export { compareConcentration } from './compare.js';
export {
  DATASET_FILES,
  type DatasetFile,
  type Datasets,
  type DatasetVersion,
  type ParseDatasetsOptions,
  parseDatasets,
  type TableName,
} from './datasets.js';
export { type DatasetDiff, diffDatasets, type FileDiff, type RowChange, type RowEdit } from './diff.js';
export {
  type DataLocation,
  RISK_ERROR_STATUS,
  RiskError,
  type RiskErrorCode,
  type RiskErrorStatus,
} from './errors.js';
export {
  type ExposedBatch,
  type ExposureQuery,
  type ExposureResult,
  exposure,
  type TracedBatch,
} from './exposure.js';
export {
  GOVERNANCE_FORMULA,
  GOVERNANCE_SOURCE,
  WGI_INDICATOR,
  type WgiValue,
  wgiRisk,
  wgiTable,
} from './governance.js';
export { CRMA_SINGLE_COUNTRY_CAP, governanceWeightedHhi, hhi } from './measures.js';
export { elementsOf, MINERALS, type MineralInfo, mineralOf, RARE_EARTH_ELEMENTS } from './minerals.js';
export type { ParameterSpec } from './parameters.js';
export {
  type BenchmarkCheck,
  PIPELINE_PARAMETERS,
  type PipelineParameters,
  type PipelineQuery,
  type PipelineResult,
  type PipelineYear,
  projectPipeline,
} from './pipeline.js';
export type { PipelineProject, ProjectCategory, ProjectStage } from './pipeline-projects.js';
export { type ScenarioPreset, scenarioPreset, scenarioPresets } from './presets.js';
export { FILE_PROVENANCE, type FileProvenance, MINERAL_CAVEATS } from './provenance.js';
export type {
  CapacityProjectRow,
  ExportControlRow,
  GovernanceRow,
  MineProductionRow,
  PolicyBenchmarkRow,
  RefiningShareRow,
  ReservesRow,
} from './rows.js';
export {
  runScenario,
  SCENARIO_PARAMETERS,
  type Scenario,
  type ScenarioInput,
  type ScenarioParameters,
  type ScenarioResult,
} from './scenario.js';
export {
  concentrationSeries,
  concentrationTable,
  concentrationTopDown,
  OTHERS,
  type Series,
  type ShareBasis,
  type TopDownQuery,
  WORLD,
} from './top-down.js';
export type {
  Assumption,
  Concentration,
  ConcentrationComparison,
  CountryShare,
  TimeWindow,
} from './types.js';
