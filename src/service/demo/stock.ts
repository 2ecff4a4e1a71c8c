import { trackedElements } from '../../custody/index.js';
import { checkContent, type ElementSymbol } from '../../model/index.js';
import type { MakeFlow, Ppm, RefineFlow } from './flows.js';

/**
 * The planner's own books: which lots each site holds, how much of each is left and what it is made
 * of, kept exactly as the ledger will (integer grams, integer ppm), so that every event it plans is one
 * the node accepts. Element masses are micrograms (`grams × ppm`) in BigInt: sums over many large lots
 * pass 2^53.
 */

/** A lot (batch) as the planner follows it. */
export interface Lot {
  readonly id: string;
  readonly material: string;
  readonly content: Ppm;
  /** What is left of it where it is. */
  grams: number;
  /** Per element it carries, the mine sites (or `undeclared:<site>`) its mass comes from. */
  readonly origins: Origins;
  /** When it was created, ms. */
  readonly createdMs: number;
}

/** Per element, where its mass comes from: mine sites, or `undeclared:<site>`. */
export type Origins = ReadonlyMap<ElementSymbol, ReadonlySet<string>>;

/** Every element of `content` from the one origin. */
export function singleOrigin(content: Ppm, origin: string): Origins {
  return new Map(
    (Object.entries(content) as [ElementSymbol, number][])
      .filter(([, ppm]) => ppm > 0)
      .map(([e]) => [e, new Set([origin])]),
  );
}

/** Each element of an output of `content` comes from the origins of that element in the inputs that carry it. */
export function blendOrigins(takes: readonly Take[], content: Ppm): Origins {
  const origins = new Map<ElementSymbol, Set<string>>();
  for (const [element, ppm] of Object.entries(content) as [ElementSymbol, number][]) {
    if (ppm === 0) continue;
    const set = new Set<string>();
    for (const { lot } of takes) for (const origin of lot.origins.get(element) ?? []) set.add(origin);
    origins.set(element, set);
  }
  return origins;
}

/** Every origin of a lot, whatever the element. */
export function allOrigins(lot: Lot): Set<string> {
  return new Set([...lot.origins.values()].flatMap((set) => [...set]));
}

/** Grams of one lot a transform consumes. */
export interface Take {
  readonly lot: Lot;
  readonly grams: number;
}

/** A lot a transform creates (its id is given when it is recorded). */
export interface PlannedOutput {
  /** Which of the flow's outputs it is (a refining run makes nothing of an output with no input mass). */
  readonly index: number;
  readonly material: string;
  readonly grams: number;
  readonly content: Ppm;
}

/** What a plant does in one run: consume these, make those. */
export interface RunPlan {
  readonly takes: readonly Take[];
  readonly outputs: readonly PlannedOutput[];
}

/** The lots each site holds, by material, oldest first. */
export class Stock {
  readonly #lots = new Map<string, Lot[]>();

  add(lot: Lot): void {
    const list = this.#lots.get(lot.material);
    if (list === undefined) this.#lots.set(lot.material, [lot]);
    else list.push(lot);
  }

  /** The lots of `materials`, oldest first within each material. */
  of(materials: readonly string[]): Lot[] {
    return materials.flatMap((m) => this.#lots.get(m) ?? []);
  }

  /** Take grams out of lots (as a transform or a shipment does); emptied lots leave the stock. */
  consume(takes: readonly Take[]): void {
    for (const { lot, grams } of takes) {
      if (grams > lot.grams) throw new Error(`demo planner: ${lot.id} has ${lot.grams} g, not ${grams}`);
      lot.grams -= grams;
      if (lot.grams === 0) this.remove(lot);
    }
  }

  remove(lot: Lot): void {
    const list = this.#lots.get(lot.material) ?? [];
    const i = list.indexOf(lot);
    if (i >= 0) list.splice(i, 1);
  }
}

const MILLION = 1_000_000n;

/** Micrograms of each element in `takes`. */
function supplied(takes: readonly Take[]): Map<ElementSymbol, bigint> {
  const mass = new Map<ElementSymbol, bigint>();
  for (const { lot, grams } of takes) {
    for (const [element, ppm] of Object.entries(lot.content) as [ElementSymbol, number][]) {
      mass.set(element, (mass.get(element) ?? 0n) + BigInt(grams) * BigInt(ppm));
    }
  }
  return mass;
}

/** `value × rate`, rate a fraction kept to 6 decimals, rounded down. */
function scaled(value: bigint, rate: number): bigint {
  return (value * BigInt(Math.round(rate * 1e6))) / MILLION;
}

/**
 * A refining run: consume up to the cap of each input material, oldest lots first, and make of the
 * recovered element mass what the outputs' bases say. Undefined when there is too little to run.
 */
export function planRefine(flow: RefineFlow, stock: Stock): RunPlan | undefined {
  const takes: Take[] = [];
  for (const material of flow.inputs) {
    let left = flow.maxInputTonnes * 1e6;
    for (const lot of stock.of([material])) {
      if (left <= 0) break;
      const grams = Math.min(lot.grams, left);
      takes.push({ lot, grams });
      left -= grams;
    }
  }
  const inGrams = takes.reduce((sum, t) => sum + t.grams, 0);
  if (inGrams < flow.minInputTonnes * 1e6) return undefined;
  const mass = supplied(takes);
  const outputs: PlannedOutput[] = [];
  for (const [index, spec] of flow.outputs.entries()) {
    const grams =
      'element' in spec.basis
        ? Number(scaled(mass.get(spec.basis.element) ?? 0n, flow.recovery) / BigInt(spec.basis.ppm))
        : Math.floor(inGrams * spec.basis.massFactor);
    if (grams < 1_000) continue;
    const content: Partial<Record<ElementSymbol, number>> = {};
    if ('element' in spec.basis) content[spec.basis.element] = spec.basis.ppm;
    for (const element of spec.derived ?? []) {
      content[element] = Number(scaled(mass.get(element) ?? 0n, flow.recovery) / BigInt(grams));
    }
    outputs.push(checked({ index, material: spec.material, grams, content }));
  }
  return outputs.length === 0 ? undefined : { takes, outputs };
}

/**
 * A manufacturing run: a lot of about `tonnes` at the target content, or less when stock is short (none
 * below half the smallest lot); each supply group is drawn oldest lot first until every element it feeds
 * is covered. Optional elements fall to 0 when there is not enough of them.
 */
export function planMake(flow: MakeFlow, stock: Stock, tonnes: number): RunPlan | undefined {
  const targets = { ...flow.targets } as Partial<Record<ElementSymbol, number>>;
  let grams = tonnes * 1e6;
  for (const [element, ppm] of Object.entries(targets) as [ElementSymbol, number][]) {
    if (ppm === 0) continue;
    const available = scaled(
      supplied(stock.of(flow.supply[element] ?? []).map(whole)).get(element) ?? 0n,
      flow.recovery,
    );
    const feasible = Number(available / BigInt(ppm)) * 0.999;
    if (feasible >= grams) continue;
    if (flow.optional?.includes(element)) targets[element] = 0;
    else grams = Math.floor(feasible);
  }
  for (let attempt = 0; attempt < 4 && grams >= flow.lotTonnes[0] * 5e5; attempt++) {
    const takes = drawSupplies(flow, stock, targets, Math.floor(grams));
    if (takes !== undefined) {
      return {
        takes,
        outputs: [checked({ index: 0, material: flow.material, grams: Math.floor(grams), content: targets })],
      };
    }
    grams *= 0.9;
  }
  return undefined;
}

function whole(lot: Lot): Take {
  return { lot, grams: lot.grams };
}

/** The takes covering `grams × target / recovery` of each element, or undefined if stock runs out. */
function drawSupplies(
  flow: MakeFlow,
  stock: Stock,
  targets: Partial<Record<ElementSymbol, number>>,
  grams: number,
): Take[] | undefined {
  const groups = new Map<string, ElementSymbol[]>();
  for (const [element, ppm] of Object.entries(targets) as [ElementSymbol, number][]) {
    if (ppm === 0) continue;
    const key = (flow.supply[element] ?? []).join(' ');
    groups.set(key, [...(groups.get(key) ?? []), element]);
  }
  const takes: Take[] = [];
  const rate = BigInt(Math.round(flow.recovery * 1e6));
  for (const [key, elements] of groups) {
    // Micrograms still needed, rounded up so the outputs never carry more than was consumed.
    const need = new Map(
      elements.map((e) => [e, (BigInt(grams) * BigInt(targets[e]!) * MILLION + rate - 1n) / rate]),
    );
    for (const lot of stock.of(key.split(' '))) {
      const grab = gramsCovering(lot, need);
      if (grab === 0) continue;
      takes.push({ lot, grams: grab });
      for (const [e, n] of need) need.set(e, n - BigInt(grab) * BigInt(lot.content[e] ?? 0));
      if ([...need.values()].every((n) => n <= 0n)) break;
    }
    if ([...need.values()].some((n) => n > 0n)) return undefined;
  }
  return takes;
}

/** Grams of `lot` that cover what is still needed of every element it carries, at most all of it. */
function gramsCovering(lot: Lot, need: ReadonlyMap<ElementSymbol, bigint>): number {
  let grams = 0n;
  for (const [element, n] of need) {
    const ppm = BigInt(lot.content[element] ?? 0);
    if (n <= 0n || ppm === 0n) continue;
    const g = (n + ppm - 1n) / ppm;
    if (g > grams) grams = g;
  }
  return Number(grams > BigInt(lot.grams) ? BigInt(lot.grams) : grams);
}

/**
 * A planned lot declares every tracked element of its material within the vocabulary's ranges, or the
 * world's recipes are wrong: fail loudly here rather than with a refusal from the node.
 */
function checked(output: PlannedOutput): PlannedOutput {
  const missing = trackedElements(output.material).filter((e) => output.content[e] === undefined);
  const fractions = Object.fromEntries(Object.entries(output.content).map(([e, ppm]) => [e, ppm / 1e6]));
  const findings = checkContent(output.material, fractions);
  if (missing.length > 0 || findings.length > 0) {
    const why = missing.length > 0 ? `no content for ${missing.join(', ')}` : JSON.stringify(findings[0]);
    throw new Error(`demo planner: a ${output.material} lot of ${output.grams} g is implausible: ${why}`);
  }
  return output;
}
