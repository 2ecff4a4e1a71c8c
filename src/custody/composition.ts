import type { ElementSymbol } from '../model/index.js';
import { apportion, compareKeys } from './allocation.js';
import type { Composition, OriginKey } from './rows.js';

/** One origin's share of an element: micrograms, exact. */
export interface Part {
  readonly origin: string;
  readonly mass: bigint;
}

/** Micrograms of one element by origin key: sorted by key, no zero masses, never mutated. */
export type Vector = readonly Part[];

/** A batch's element masses by origin, per tracked element (in the material's tracked order). */
export type Vectors = ReadonlyMap<ElementSymbol, Vector>;

/** The origin key of rows and provenance: `"<method> <facility>"`. */
export function originKey(origin: OriginKey): string {
  return `${origin.method} ${origin.facility}`;
}

/** The inverse of {@link originKey}; the method never contains a space, the facility may. */
export function parseOriginKey(key: string): OriginKey {
  const space = key.indexOf(' ');
  return { method: key.slice(0, space) as OriginKey['method'], facility: key.slice(space + 1) };
}

/** The element mass a vector accounts for. */
export function massOf(vector: Vector): bigint {
  let sum = 0n;
  for (const part of vector) sum += part.mass;
  return sum;
}

/** A vector with the same proportions as `vector` (up to the rounding rule) that sums to `total`. */
export function scaleTo(vector: Vector, total: bigint): Vector {
  if (total === 0n) return [];
  const masses = apportion(
    vector.map((p) => p.mass),
    total,
  );
  return withoutZeros(vector, masses);
}

/**
 * Take `amount` micrograms out of `vector`, proportionally: the taken part and what is left, which sum
 * origin by origin to the original (each taken part is at most its origin's mass, by the rounding rule).
 */
export function take(vector: Vector, amount: bigint): readonly [taken: Vector, left: Vector] {
  const taken = scaleTo(vector, amount);
  const takenBy = new Map(taken.map((p) => [p.origin, p.mass]));
  const left = vector.map((p) => p.mass - (takenBy.get(p.origin) ?? 0n));
  return [taken, withoutZeros(vector, left)];
}

/** Origin-wise sum of vectors, sorted by origin key. */
export function merge(vectors: Iterable<Vector>): Vector {
  const sums = new Map<string, bigint>();
  for (const vector of vectors) {
    for (const { origin, mass } of vector) sums.set(origin, (sums.get(origin) ?? 0n) + mass);
  }
  return [...sums.keys()].sort(compareKeys).map((origin) => ({ origin, mass: sums.get(origin)! }));
}

/** The row form of vectors: decimal strings, element keys in tracked order. */
export function compositionRow(vectors: Vectors): Composition {
  const row: Partial<Record<ElementSymbol, readonly (readonly [string, string])[]>> = {};
  for (const [element, vector] of vectors) {
    row[element] = vector.map((p) => [p.origin, p.mass.toString()] as const);
  }
  return row;
}

/** Element masses as an edge row: decimal strings, zero masses left out. */
export function massRow(vectors: Vectors): Partial<Record<ElementSymbol, string>> {
  const row: Partial<Record<ElementSymbol, string>> = {};
  for (const [element, vector] of vectors) {
    const mass = massOf(vector);
    if (mass !== 0n) row[element] = mass.toString();
  }
  return row;
}

function withoutZeros(vector: Vector, masses: readonly bigint[]): Vector {
  const out: Part[] = [];
  for (let i = 0; i < vector.length; i++) {
    const mass = masses[i]!;
    if (mass !== 0n) out.push({ origin: vector[i]!.origin, mass });
  }
  return out;
}
