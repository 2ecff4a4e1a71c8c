import type { ElementSymbol } from '../model/index.js';
import { RiskError } from './errors.js';

/**
 * The rare-earth elements (IUPAC, Nomenclature of Inorganic Chemistry 2005, IR-3.5): scandium, yttrium
 * and the fifteen lanthanides, less promethium and thulium, which the materials vocabulary (src/model)
 * does not hold. Pm has no stable isotope and no ore production; Tm is a minor heavy rare earth.
 */
export const RARE_EARTH_ELEMENTS: readonly ElementSymbol[] = [
  'Sc',
  'Y',
  'La',
  'Ce',
  'Pr',
  'Nd',
  'Sm',
  'Eu',
  'Gd',
  'Tb',
  'Dy',
  'Ho',
  'Er',
  'Yb',
  'Lu',
];

/** A mineral of the datasets and the elements whose mass stands for it in traced flows. */
export interface MineralInfo {
  /** As the data files name it. */
  readonly mineral: string;
  readonly name: string;
  readonly elements: readonly ElementSymbol[];
  /** What the USGS tonnes count, and how that compares with traced element mass. */
  readonly basis: string;
}

/** The minerals in scope, with their element mapping. */
export const MINERALS: readonly MineralInfo[] = [
  { mineral: 'lithium', name: 'Lithium', elements: ['Li'], basis: 'Li content' },
  { mineral: 'cobalt', name: 'Cobalt', elements: ['Co'], basis: 'Co content' },
  { mineral: 'nickel', name: 'Nickel', elements: ['Ni'], basis: 'Ni content' },
  {
    mineral: 'graphite_natural',
    name: 'Natural graphite',
    elements: ['C'],
    basis: 'natural graphite gross weight (traced flows count carbon mass)',
  },
  { mineral: 'copper', name: 'Copper', elements: ['Cu'], basis: 'Cu content' },
  { mineral: 'manganese', name: 'Manganese', elements: ['Mn'], basis: 'Mn content' },
  { mineral: 'gallium', name: 'Gallium', elements: ['Ga'], basis: 'Ga content (primary gallium)' },
  { mineral: 'germanium', name: 'Germanium', elements: ['Ge'], basis: 'Ge content (no country data)' },
  {
    mineral: 'rare_earths',
    name: 'Rare earths',
    elements: RARE_EARTH_ELEMENTS,
    basis: 'rare-earth-oxide (REO) equivalent (traced flows count element mass, about 0.85 of REO)',
  },
];

/** Mineral names other files use for the same series: `export_controls.csv` and `refining_shares.csv`. */
const ALIASES: Readonly<Record<string, string>> = {
  graphite: 'graphite_natural',
  'graphite (battery-grade)': 'graphite_natural',
};

/** English element names as `export_controls.csv` writes them after `rare_earths:`. */
const ELEMENT_NAMES: Readonly<Record<string, ElementSymbol>> = {
  scandium: 'Sc',
  yttrium: 'Y',
  lanthanum: 'La',
  cerium: 'Ce',
  praseodymium: 'Pr',
  neodymium: 'Nd',
  samarium: 'Sm',
  europium: 'Eu',
  gadolinium: 'Gd',
  terbium: 'Tb',
  dysprosium: 'Dy',
  holmium: 'Ho',
  erbium: 'Er',
  ytterbium: 'Yb',
  lutetium: 'Lu',
};

/** The mineral a file's name stands for (`graphite` → `graphite_natural`), or undefined when out of scope. */
export function canonicalMineral(name: string): string | undefined {
  const [base] = name.split(':');
  const mineral = ALIASES[base!] ?? base!;
  return MINERALS.some((m) => m.mineral === mineral) ? mineral : undefined;
}

/** The element a `rare_earths:<name>` entry names, if any. */
export function elementOfEntry(name: string): ElementSymbol | undefined {
  const [, element] = name.split(':');
  return element === undefined ? undefined : ELEMENT_NAMES[element.trim().toLowerCase()];
}

/**
 * The elements that stand for a mineral in traced flows: lithium Li, cobalt Co, nickel Ni, natural
 * graphite C, copper Cu, manganese Mn, gallium Ga, germanium Ge, rare earths {@link RARE_EARTH_ELEMENTS}.
 * @throws RiskError RISK_UNKNOWN_MINERAL
 */
export function elementsOf(mineral: string): readonly ElementSymbol[] {
  const info = MINERALS.find((m) => m.mineral === (ALIASES[mineral] ?? mineral));
  if (!info) {
    throw new RiskError(
      'RISK_UNKNOWN_MINERAL',
      `no element mapping for the mineral ${JSON.stringify(mineral)}`,
    );
  }
  return info.elements;
}

/** The mineral an element stands for (Nd → rare_earths), or undefined. */
export function mineralOf(element: ElementSymbol): string | undefined {
  return MINERALS.find((m) => m.elements.includes(element))?.mineral;
}
