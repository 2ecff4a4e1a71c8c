import { type ElementSymbol, isElementSymbol } from './elements.js';
import { MATERIALS } from './materials-data.js';
import { MaterialsError } from './materials-errors.js';
import type { FractionRange, Material, MaterialStage, MineralChain } from './materials-types.js';

/** Selects materials; every given field must match. */
export interface MaterialFilter {
  readonly stage?: MaterialStage;
  readonly chain?: MineralChain;
  /** Only materials with a range for this element. */
  readonly element?: ElementSymbol;
}

/** One way an assay disagrees with a material's plausible composition. */
export type ContentFinding =
  | {
      readonly kind: 'below-range' | 'above-range';
      readonly element: ElementSymbol;
      readonly fraction: number;
      readonly range: FractionRange;
    }
  /** The element has no range for this material and is present above the trace limit. */
  | { readonly kind: 'unexpected-element'; readonly element: ElementSymbol; readonly fraction: number }
  /** The fractions add up to more than 1 (beyond rounding). */
  | { readonly kind: 'total-above-one'; readonly total: number };

export interface CheckContentOptions {
  /** An element the material has no range for is reported only above this fraction. Default 0.001 (0.1 %). */
  readonly traceLimit?: number;
}

const DEFAULT_TRACE_LIMIT = 0.001;
/** Assays are rounded per element; a total this far over 1 is still rounding. */
const TOTAL_TOLERANCE = 1e-6;

const BY_CODE: ReadonlyMap<string, Material> = new Map(MATERIALS.map((m) => [m.code, deepFreeze(m)]));

/**
 * The material with this code.
 * @throws MaterialsError MODEL_UNKNOWN_MATERIAL
 */
export function getMaterial(code: string): Material {
  const material = BY_CODE.get(code);
  if (material === undefined) {
    throw new MaterialsError('MODEL_UNKNOWN_MATERIAL', `no material with code ${JSON.stringify(code)}`);
  }
  return material;
}

/** True when `code` names a material in the vocabulary. */
export function isMaterialCode(code: string): boolean {
  return BY_CODE.has(code);
}

/** The materials matching `filter` (all of them without one), in vocabulary order. */
export function listMaterials(filter: MaterialFilter = {}): readonly Material[] {
  return [...BY_CODE.values()].filter(
    (m) =>
      (filter.stage === undefined || m.stage === filter.stage) &&
      (filter.chain === undefined || m.chains.includes(filter.chain)) &&
      (filter.element === undefined || m.elements[filter.element] !== undefined),
  );
}

/**
 * Whether a mass fraction of `element` is plausible in the material: inside its range, or, for an element
 * the material has no range for, zero.
 * @throws MaterialsError MODEL_UNKNOWN_MATERIAL, MODEL_UNKNOWN_ELEMENT, MODEL_BAD_FRACTION
 */
export function isPlausible(code: string, element: string, fraction: number): boolean {
  const material = getMaterial(code);
  const symbol = checkElement(element);
  checkFraction(symbol, fraction);
  const range = material.elements[symbol];
  return range === undefined ? fraction === 0 : fraction >= range.min && fraction <= range.max;
}

/**
 * Compare an assay (mass fraction per element symbol) with the material's plausible composition. Elements
 * the assay does not report are not findings: assays rarely report every element. An empty result means
 * nothing is implausible.
 * @throws MaterialsError MODEL_UNKNOWN_MATERIAL, MODEL_UNKNOWN_ELEMENT, MODEL_BAD_FRACTION
 * @example checkContent('li.carbonate.battery', { Li: 0.15 }) // [{ kind: 'below-range', element: 'Li', … }]
 */
export function checkContent(
  code: string,
  content: Readonly<Record<string, number>>,
  options: CheckContentOptions = {},
): readonly ContentFinding[] {
  const material = getMaterial(code);
  const traceLimit = options.traceLimit ?? DEFAULT_TRACE_LIMIT;
  const findings: ContentFinding[] = [];
  let total = 0;
  for (const [element, fraction] of Object.entries(content)) {
    const symbol = checkElement(element);
    checkFraction(symbol, fraction);
    total += fraction;
    const finding = findingFor(symbol, fraction, material.elements[symbol], traceLimit);
    if (finding !== undefined) findings.push(finding);
  }
  if (total > 1 + TOTAL_TOLERANCE) findings.push({ kind: 'total-above-one', total });
  return findings;
}

/**
 * Grams of an element in `grams` of material at mass fraction `fraction`, rounded to the nearest gram
 * (quantities are integer grams internally, DESIGN.md §5).
 * @throws MaterialsError MODEL_BAD_QUANTITY, MODEL_BAD_FRACTION
 * @example elementMass(1_000_000, 0.1879) // 187900: Li in a tonne of lithium carbonate
 */
export function elementMass(grams: number, fraction: number): number {
  if (!Number.isSafeInteger(grams) || grams < 0) {
    throw new MaterialsError(
      'MODEL_BAD_QUANTITY',
      `quantity must be a non-negative integer of grams, got ${grams}`,
    );
  }
  checkFraction('fraction', fraction);
  return Math.round(grams * fraction);
}

function findingFor(
  element: ElementSymbol,
  fraction: number,
  range: FractionRange | undefined,
  traceLimit: number,
): ContentFinding | undefined {
  if (range === undefined) {
    return fraction > traceLimit ? { kind: 'unexpected-element', element, fraction } : undefined;
  }
  if (fraction < range.min) return { kind: 'below-range', element, fraction, range };
  if (fraction > range.max) return { kind: 'above-range', element, fraction, range };
  return undefined;
}

function checkElement(element: string): ElementSymbol {
  if (!isElementSymbol(element)) {
    throw new MaterialsError('MODEL_UNKNOWN_ELEMENT', `unknown element symbol ${JSON.stringify(element)}`);
  }
  return element;
}

function checkFraction(label: string, fraction: unknown): void {
  if (typeof fraction !== 'number' || !(fraction >= 0 && fraction <= 1)) {
    throw new MaterialsError(
      'MODEL_BAD_FRACTION',
      `${label}: mass fraction must be in [0, 1], got ${String(fraction)}`,
    );
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
