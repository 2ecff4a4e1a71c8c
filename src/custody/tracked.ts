import {
  type ElementSymbol,
  getMaterial,
  isElementSymbol,
  isMaterialCode,
  type MineralChain,
} from '../model/index.js';
import { CustodyError } from './errors.js';

/**
 * The elements each mineral chain is about. Only these are conserved and traced: the oxygen, hydrogen,
 * sulfur or iron of a salt or an alloy come from reagents nobody traces, so holding them to conservation
 * would reject every honest refinery.
 */
const CHAIN_ELEMENTS: Readonly<Record<MineralChain, readonly string[]>> = {
  lithium: ['Li'],
  cobalt: ['Co'],
  nickel: ['Ni'],
  manganese: ['Mn'],
  copper: ['Cu'],
  gallium: ['Ga'],
  germanium: ['Ge'],
  graphite: ['C'],
  // Scandium, yttrium and the lanthanides; a material tracks those it has a range for (below).
  'rare-earths': [
    'Sc',
    'Y',
    'La',
    'Ce',
    'Pr',
    'Nd',
    'Pm',
    'Sm',
    'Eu',
    'Gd',
    'Tb',
    'Dy',
    'Ho',
    'Er',
    'Tm',
    'Yb',
    'Lu',
  ],
};

const CACHE = new Map<string, readonly ElementSymbol[]>();

/**
 * The elements a material's batches conserve and trace: the elements of its chains that the material
 * carries (has a plausible range for), in chain order. A chain element the material has no range for
 * is not tracked: iron phosphate sits in the lithium chain but holds no lithium.
 * @throws CustodyError CUSTODY_UNKNOWN_MATERIAL
 * @example trackedElements('pcam.nmc811') // ['Ni', 'Co', 'Mn']
 */
export function trackedElements(material: string): readonly ElementSymbol[] {
  const cached = CACHE.get(material);
  if (cached !== undefined) return cached;
  if (!isMaterialCode(material)) {
    throw new CustodyError('CUSTODY_UNKNOWN_MATERIAL', `no material with code ${JSON.stringify(material)}`);
  }
  const { chains, elements } = getMaterial(material);
  const tracked = new Set<ElementSymbol>();
  for (const chain of chains) {
    for (const symbol of CHAIN_ELEMENTS[chain]) {
      if (isElementSymbol(symbol) && elements[symbol] !== undefined) tracked.add(symbol);
    }
  }
  const result = Object.freeze([...tracked]);
  CACHE.set(material, result);
  return result;
}
