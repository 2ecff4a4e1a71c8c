import type { ElementSymbol } from './elements.js';

/** Where a material sits in a supply chain (DESIGN.md §5). */
export type MaterialStage =
  | 'ore'
  | 'concentrate'
  | 'intermediate'
  | 'refined'
  | 'metal'
  | 'precursor'
  | 'component'
  | 'product'
  | 'scrap';

/** The mineral supply chains a material belongs to; a cathode or a cell belongs to several. */
export type MineralChain =
  | 'lithium'
  | 'cobalt'
  | 'nickel'
  | 'graphite'
  | 'rare-earths'
  | 'manganese'
  | 'copper'
  | 'gallium'
  | 'germanium';

/** A closed range of mass fractions, `0 <= min <= max <= 1`. */
export interface FractionRange {
  readonly min: number;
  readonly max: number;
}

/**
 * One entry of the controlled materials vocabulary. Ranges are plausibility bounds for an assay of the
 * material as traded (dry basis unless `notes` says otherwise), not a product specification: a lot outside
 * its range is suspicious, a lot inside it is merely not implausible.
 */
export interface Material {
  /** Stable dotted code, e.g. `li.carbonate.battery`. Codes are never reused or renamed. */
  readonly code: string;
  readonly name: string;
  readonly stage: MaterialStage;
  readonly chains: readonly MineralChain[];
  /** The compound's formula, when it has one; every element's range then contains its stoichiometry. */
  readonly formula?: string;
  /** Plausible mass fraction of each element the material carries (impurity limits have `min: 0`). */
  readonly elements: Readonly<Partial<Record<ElementSymbol, FractionRange>>>;
  /** Short citation: `stoichiometry`, a named specification, or a published range and where it comes from. */
  readonly source: string;
  /** Why the range is as wide as it is: grade tolerances, hydration, assumptions. */
  readonly notes?: string;
}
