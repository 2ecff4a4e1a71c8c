import type { ElementSymbol, ExtractionMethod, ProcessKind } from '../../model/index.js';

/**
 * How material moves through the demo world: what each mine extracts, what each plant makes of what it
 * receives, and where it sells. Contents are parts per million inside the materials vocabulary's
 * plausible ranges (docs/materials.md); volumes are sized so that the chains roughly balance at scale 1
 * (a few hundred tonnes of cells and a few dozen tonnes of magnets a week).
 */

/** Content ranges, ppm, of each tracked element of a mined lot. */
export type ContentRange = Readonly<Partial<Record<ElementSymbol, readonly [number, number]>>>;
/** Content, ppm, of each tracked element. */
export type Ppm = Readonly<Partial<Record<ElementSymbol, number>>>;

/** A customer: a site, how often it is chosen, and the trading house that buys in between, if any. */
export interface Route {
  readonly to: string;
  readonly weight: number;
  /** Organisation slug of a trader that buys the lot and sells it on. */
  readonly via?: string;
}

export interface MineFlow {
  readonly site: string;
  readonly material: string;
  readonly method: ExtractionMethod;
  readonly content: ContentRange;
  readonly lotTonnes: readonly [number, number];
  /** Lots a week at scale 1. */
  readonly perWeek: number;
  readonly routes: readonly Route[];
  /** Each lot is shipped in this many parts (default 1 to 2). */
  readonly parts?: readonly [number, number];
}

/** One output of a refining step. */
export interface RefinedOutput {
  readonly material: string;
  /** Its grams follow from the basis element's mass at this content, or from the input grams × factor. */
  readonly basis: { readonly element: ElementSymbol; readonly ppm: number } | { readonly massFactor: number };
  /** Elements whose content follows from what the inputs brought. */
  readonly derived?: readonly ElementSymbol[];
  /** Where it is sold; none: it stays on site (for the site's next step, or as a finished product). */
  readonly routes: readonly Route[];
  readonly parts?: readonly [number, number];
  /** Ship parts of about this many tonnes each (default: split at random). */
  readonly partTonnes?: readonly [number, number];
}

/** A plant that consumes what it has of its inputs (up to a cap) and makes what that yields. */
export interface RefineFlow {
  readonly kind: 'refine';
  readonly site: string;
  readonly process: ProcessKind;
  readonly inputs: readonly string[];
  /** Most tonnes of each input material consumed in one run; runs need at least `minInputTonnes`. */
  readonly maxInputTonnes: number;
  readonly minInputTonnes: number;
  /** Share of each element's mass that reaches the outputs. */
  readonly recovery: number;
  readonly outputs: readonly RefinedOutput[];
}

/** A plant that makes lots of a given composition, consuming just enough of each supply. */
export interface MakeFlow {
  readonly kind: 'make';
  readonly site: string;
  readonly process: ProcessKind;
  readonly material: string;
  readonly targets: Ppm;
  /** The materials each target element is drawn from. */
  readonly supply: Readonly<Partial<Record<ElementSymbol, readonly string[]>>>;
  /** Target elements left at 0 when there is none in stock (a Dy-free magnet grade). */
  readonly optional?: readonly ElementSymbol[];
  readonly recovery: number;
  readonly lotTonnes: readonly [number, number];
  readonly routes: readonly Route[];
  readonly parts?: readonly [number, number];
}

export type PlantFlow = RefineFlow | MakeFlow;

/** Material a facility brings in from outside the system, of undeclared origin. */
export interface CommissionFlow {
  readonly site: string;
  readonly material: string;
  readonly content: ContentRange;
  readonly lotTonnes: readonly [number, number];
  readonly everyDays: number;
}

/** A route to `to`, chosen `weight` times as often as a route of weight 1, bought by trader `via` if any. */
export const r = (to: string, weight = 1, via?: string): Route =>
  via === undefined ? { to, weight } : { to, weight, via };

/** The cathode plant that buys sulfates "from the market" without declaring where they come from. */
export const COMMISSIONS: readonly CommissionFlow[] = [
  {
    site: 'changsha',
    material: 'ni.sulfate.battery',
    content: { Ni: [221_000, 223_000] },
    lotTonnes: [30, 50],
    everyDays: 7,
  },
  {
    site: 'changsha',
    material: 'co.sulfate.battery',
    content: { Co: [209_000, 210_000] },
    lotTonnes: [3, 5],
    everyDays: 7,
  },
  {
    site: 'changsha',
    material: 'mn.sulfate.battery',
    content: { Mn: [321_000, 323_000] },
    lotTonnes: [12, 20],
    everyDays: 7,
  },
];

/** Indicative prices, US dollars a tonne of material (what trades carry). */
export const PRICES: Readonly<Record<string, number>> = {
  'co.ore.copper-cobalt': 260,
  'co.hydroxide': 18_000,
  'ni.ore.laterite': 60,
  'ni.mhp': 13_000,
  'ni.matte': 14_500,
  'ni.sulfate.battery': 3_800,
  'co.sulfate.battery': 7_500,
  'mn.ore': 220,
  'mn.sulfate.battery': 900,
  'li.concentrate.spodumene-sc6': 900,
  'li.brine.concentrated': 2_500,
  'li.carbonate.battery': 11_000,
  'li.hydroxide.battery': 10_500,
  'gr.concentrate.flake': 550,
  'gr.anode.natural': 4_500,
  'cu.concentrate': 2_800,
  'cu.cathode': 9_800,
  'cu.foil.battery': 13_500,
  'ree.concentrate.bastnaesite': 4_500,
  'ree.concentrate.monazite': 4_000,
  'ree.ore.ionic-clay': 120,
  'ree.oxide.ndpr': 75_000,
  'ree.oxide.dy': 260_000,
  'ree.metal.ndpr': 92_000,
  'ree.metal.dy': 340_000,
  'ree.magnet.ndfeb': 60_000,
  'pcam.nmc811': 14_000,
  'cam.nmc811': 22_000,
  'battery.cell.nmc': 22_500,
};

/** Laboratories that assay received lots (certifiers by role). */
export const LABS: readonly string[] = ['britannia-assay', 'lombardo-analisi'];
