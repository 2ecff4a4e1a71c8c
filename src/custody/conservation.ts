import type { ElementSymbol, NewBatch } from '../model/index.js';
import { apportion } from './allocation.js';
import { massOf, merge, type Vector, type Vectors } from './composition.js';
import { PPM } from './content.js';
import { ensure } from './errors.js';
import type { EdgeRow } from './rows.js';

/** Micrograms per tracked element. */
export type ElementMasses = ReadonlyMap<ElementSymbol, bigint>;

/** A transform input as taken out of its batch. */
export interface Consumed {
  readonly id: string;
  readonly grams: number;
  /** The composition of the part consumed (tracked elements of the input's material only). */
  readonly taken: Vectors;
}

/** Per element, the origin-wise sum of what the inputs brought: the pool the outputs draw from. */
export function poolsOf(consumed: readonly Consumed[]): Map<ElementSymbol, Vector> {
  const parts = new Map<ElementSymbol, Vector[]>();
  for (const { taken } of consumed) {
    for (const [element, vector] of taken) {
      const list = parts.get(element);
      if (list === undefined) parts.set(element, [vector]);
      else list.push(vector);
    }
  }
  const pools = new Map<ElementSymbol, Vector>();
  for (const [element, vectors] of parts) pools.set(element, merge(vectors));
  return pools;
}

/**
 * Conservation of mass, per tracked element of the outputs, in exact integers:
 * `Σ out × 10⁶ ≤ Σ in × (10⁶ + tolerance)`.
 * @throws CustodyError CUSTODY_ELEMENT_NOT_CONSERVED
 */
export function ensureConserved(
  pools: ReadonlyMap<ElementSymbol, Vector>,
  outputs: readonly ElementMasses[],
  tolerancePpm: number,
): void {
  const out = new Map<ElementSymbol, bigint>();
  for (const masses of outputs) {
    for (const [element, mass] of masses) out.set(element, (out.get(element) ?? 0n) + mass);
  }
  const allowance = BigInt(PPM + tolerancePpm);
  for (const [element, outMass] of out) {
    const inMass = massOf(pools.get(element) ?? []);
    ensure(outMass * BigInt(PPM) <= inMass * allowance, 'CUSTODY_ELEMENT_NOT_CONSERVED', () => {
      return `${element}: outputs carry ${outMass} µg, inputs ${inMass} µg (tolerance ${tolerancePpm} ppm)`;
    });
  }
}

/**
 * One edge per input and output. Its grams are the input's consumed grams apportioned over the outputs
 * by their grams; its element masses are the output's mass of each element apportioned over the inputs
 * by what each brought of it. Both splits use the ledger's rounding rule, so they add up exactly.
 */
export function transformEdges(
  statement: string,
  consumed: readonly Consumed[],
  outputs: readonly NewBatch[],
  outputMasses: readonly ElementMasses[],
): EdgeRow[] {
  const brought = consumed.map((input) => new Map([...input.taken].map(([e, v]) => [e, massOf(v)])));
  const elements = outputMasses.map((masses) => sharesByInput(masses, brought));
  const outputGrams = outputs.map((o) => BigInt(o.grams));
  const edges: EdgeRow[] = [];
  consumed.forEach((input, i) => {
    const grams = apportion(outputGrams, BigInt(input.grams));
    outputs.forEach((output, j) => {
      edges.push({
        from: input.id,
        to: output.id,
        statement,
        grams: Number(grams[j]),
        elements: elements[j]![i]!,
      });
    });
  });
  return edges;
}

/** For one output: its mass of each element, apportioned over the inputs by what each brought. */
function sharesByInput(masses: ElementMasses, brought: readonly ElementMasses[]): ElementRow[] {
  const rows: ElementRow[] = brought.map(() => ({}));
  for (const [element, mass] of masses) {
    if (mass === 0n) continue;
    const shares = apportion(
      brought.map((b) => b.get(element) ?? 0n),
      mass,
    );
    shares.forEach((share, i) => {
      if (share !== 0n) rows[i]![element] = share.toString();
    });
  }
  return rows;
}

type ElementRow = Partial<Record<ElementSymbol, string>>;
