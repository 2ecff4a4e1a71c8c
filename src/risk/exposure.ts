import type { ElementSymbol } from '../model/index.js';
import { RiskError } from './errors.js';
import { elementsOf } from './minerals.js';

/** A traced batch as the service reports its provenance: element mass by country of origin. */
export interface TracedBatch {
  readonly batch: string;
  readonly material: string;
  readonly elements: readonly {
    readonly element: ElementSymbol;
    /** Decimal string or bigint. */
    readonly micrograms: string | bigint;
    /** Country of origin (ISO alpha-3, or `undeclared` / `unknown`) → mass. */
    readonly byCountry: readonly { readonly key: string; readonly micrograms: string | bigint }[];
  }[];
}

/** What a restriction hits: a country's mass of a mineral's elements (or of the listed elements only). */
export interface ExposureQuery {
  readonly country: string;
  readonly mineral: string;
  readonly elements?: readonly ElementSymbol[];
}

/** One batch's exposure on one element. */
export interface ExposedBatch {
  readonly batch: string;
  readonly material: string;
  readonly element: ElementSymbol;
  /** Mass of the element from the restricted country, decimal string. */
  readonly exposedMicrograms: string;
  /** Of the batch's mass of that element. */
  readonly share: number;
}

export interface ExposureResult {
  readonly batches: readonly ExposedBatch[];
  /** Σ exposedMicrograms, decimal string. */
  readonly totalExposedMicrograms: string;
}

const DECIMAL = /^(?:0|[1-9]\d*)$/;

/**
 * The batches exposed to a restriction: for every batch and every element of the restricted mineral, the
 * element mass whose origin is the restricting country, and its share of the batch's mass of that
 * element. Batches with no such mass are left out. Sorted by share, then mass, largest first, then by
 * batch and element. Origins are extraction countries, so for a refining-stage restriction this is the
 * mined origin, a proxy.
 * @throws RiskError RISK_UNKNOWN_MINERAL, RISK_BAD_RECORD
 */
export function exposure(batches: Iterable<TracedBatch>, scenario: ExposureQuery): ExposureResult {
  const elements = new Set<string>(scenario.elements ?? elementsOf(scenario.mineral));
  const exposed: (ExposedBatch & { readonly mass: bigint })[] = [];
  let total = 0n;
  for (const batch of batches) {
    for (const entry of batch.elements) {
      if (!elements.has(entry.element)) continue;
      const mass = micrograms(entry.micrograms, batch.batch);
      const fromCountry = entry.byCountry
        .filter((c) => c.key === scenario.country)
        .reduce((a, c) => a + micrograms(c.micrograms, batch.batch), 0n);
      if (fromCountry === 0n || mass === 0n) continue;
      if (fromCountry > mass) {
        throw new RiskError(
          'RISK_BAD_RECORD',
          `${batch.batch}: ${entry.element} from ${scenario.country} exceeds the element's mass`,
        );
      }
      total += fromCountry;
      exposed.push({
        batch: batch.batch,
        material: batch.material,
        element: entry.element,
        exposedMicrograms: fromCountry.toString(),
        share: Number(fromCountry) / Number(mass),
        mass: fromCountry,
      });
    }
  }
  exposed.sort(
    (a, b) =>
      b.share - a.share ||
      (a.mass > b.mass ? -1 : a.mass < b.mass ? 1 : 0) ||
      (a.batch < b.batch ? -1 : a.batch > b.batch ? 1 : 0) ||
      (a.element < b.element ? -1 : a.element > b.element ? 1 : 0),
  );
  return { batches: exposed.map(({ mass: _, ...row }) => row), totalExposedMicrograms: total.toString() };
}

function micrograms(value: string | bigint, batch: string): bigint {
  if (typeof value === 'bigint' && value >= 0n) return value;
  if (typeof value === 'string' && DECIMAL.test(value)) return BigInt(value);
  throw new RiskError(
    'RISK_BAD_RECORD',
    `${batch}: micrograms must be a non-negative integer, got ${String(value)}`,
  );
}
