/**
 * The rows of the seed datasets (`assets/risk-data/*.csv`), one interface per file. Every row keeps its
 * `source` and its status or caveat columns: a figure is never shown without where it came from.
 * Countries are ISO 3166-1 alpha-3 as in the files; `WLD` (world total, rounded) and `OTH` (other
 * countries) are USGS aggregates, not countries.
 */

/** `mine_production.csv`: USGS MCS 2025 production by country, 2023 and 2024 (2024 = USGS estimate). */
export interface MineProductionRow {
  /** `lithium`, `cobalt`, `nickel`, `graphite_natural`, `rare_earths`, `gallium`, `manganese`, `copper`. */
  readonly mineral: string;
  /** `mining` for mine output; `refining` for copper refinery output and primary gallium. */
  readonly stage: string;
  readonly country: string;
  /** ISO alpha-3, or `WLD` / `OTH`. */
  readonly iso3: string;
  readonly year: number;
  /** Metric tonnes after unit conversion. */
  readonly tonnes: number;
  /** What is counted: `Li content`, `rare-earth-oxide (REO) equivalent`, … */
  readonly unitBasis: string;
  readonly valueAsReported: string;
  readonly unitAsReported: string;
  readonly usgsType: string;
  /** `USGS 2024 estimate (e)`, `reported (USGS 2023)`, `production quota …`, … */
  readonly status: string;
  readonly usgsNote: string;
  readonly source: string;
}

/** `reserves.csv`: USGS reserves 2024 by country (mining stage). */
export interface ReservesRow {
  readonly mineral: string;
  readonly country: string;
  readonly iso3: string;
  readonly year: number;
  readonly reservesTonnes: number;
  /** `>` where USGS gives a lower bound, else empty. */
  readonly qualifier: string;
  readonly unitBasis: string;
  readonly valueAsReported: string;
  readonly unitAsReported: string;
  readonly usgsNote: string;
  readonly source: string;
}

/** `refining_shares.csv`: top-country and top-3 shares, mostly IEA figures quoted by the press. */
export interface RefiningShareRow {
  readonly mineral: string;
  readonly stage: string;
  readonly country: string;
  /** ISO alpha-3, or `TOP1` / `TOP3` for basket averages. */
  readonly iso3: string;
  readonly year: number;
  readonly sharePct: number;
  /** `>`, `~`, `up to`, or empty. */
  readonly qualifier: string;
  readonly metric: string;
  /** Empty for observed values; a projection scenario otherwise. */
  readonly scenario: string;
  /** `primary`, `secondary`, `secondary transcription`, `computed from primary data`, … */
  readonly sourceType: string;
  readonly source: string;
  readonly note: string;
}

/** `governance_wgi.csv`: World Bank WGI estimates (old methodology, ≈ −2.5…+2.5, higher = better). */
export interface GovernanceRow {
  readonly iso3: string;
  readonly country: string;
  readonly year: number;
  /** `CC.EST`, `GE.EST`, `PV.EST`, `RQ.EST`, `RL.EST`, `VA.EST`, `WGI_MEAN6`, `*.SCORE100_2025METH`. */
  readonly indicator: string;
  readonly indicatorName: string;
  readonly value: number;
  readonly scale: string;
  /** `as published`, `computed in this dataset …`, `as transcribed (secondary)`. */
  readonly derivation: string;
  readonly source: string;
}

/** `policy_benchmarks.csv`: CRMA Art. 5 benchmarks, §30D percentages and dates, FEOC rules. */
export interface PolicyBenchmarkRow {
  readonly jurisdiction: string;
  readonly instrument: string;
  readonly metric: string;
  /** As written: a number, a year or a date. */
  readonly value: string;
  /** `value` as a number when it is one, else null. */
  readonly numericValue: number | null;
  readonly unit: string;
  readonly year: number;
  readonly appliesTo: string;
  readonly source: string;
  readonly note: string;
}

/** `export_controls.csv`: export-control measures (China 2023–2025), one row per mineral or element. */
export interface ExportControlRow {
  readonly country: string;
  readonly iso3: string;
  /** A mineral, or `rare_earths:<element name>` for one rare earth. */
  readonly mineral: string;
  readonly measure: string;
  readonly instrument: string;
  readonly announced: string;
  readonly effective: string;
  readonly status: string;
  readonly statusAsOf: string;
  readonly scope: string;
  readonly source: string;
  readonly note: string;
}

/** `capacity_projects.csv`: processing projects in alliance countries (nameplate as announced). */
export interface CapacityProjectRow {
  readonly project: string;
  readonly company: string;
  readonly country: string;
  readonly iso3: string;
  readonly mineral: string;
  readonly stage: string;
  /** Tonnes per year in `unit`; null when the source gives no tonnage. */
  readonly capacityTpa: number | null;
  readonly unit: string;
  readonly status: string;
  /** As written: `2024-09-18`, `2030`, `2028 (commissioning)`, or empty. */
  readonly expectedStart: string;
  readonly investmentUsdMillion: number | null;
  readonly investmentAsReported: string;
  readonly source: string;
  readonly note: string;
}
