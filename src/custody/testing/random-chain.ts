/**
 * Random but valid supply chains for property tests: fast-check draws a plan of abstract commands, and
 * {@link runPlan} turns each into a statement that must be accepted, choosing quantities and contents
 * from the ledger's current state (conservation holds by construction). Test support only.
 */
import type { ElementSymbol, NewBatch } from '../../model/index.js';
import type { BatchRow, LedgerEffects } from '../rows.js';
import { trackedElements } from '../tracked.js';
import {
  CONTENT,
  type Command,
  EXTRACTABLE,
  isPlant,
  MATERIALS,
  MINES,
  OPERATOR_OF,
  ORGS,
  PLANTS,
} from './plan.js';
import { type Draft, ev, lot, type World } from './world.js';

/** What a run observed: every statement's effects, and the most element mass batches may now hold. */
export interface Run {
  readonly effects: LedgerEffects[];
  /** Per element: originated mass plus every transform's tolerance allowance (µg). */
  readonly bound: Map<ElementSymbol, bigint>;
}

/**
 * Stock every plan starts from, so that origins meet: a lot from each mine (one artisanal), half of each
 * shipped to and received at the precursor plant, and a lot of undeclared origin there.
 */
const PRELUDE: readonly Command[] = [
  { kind: 'extract', mine: 0, material: 0, grams: 100_000_000, artisanal: false },
  { kind: 'extract', mine: 1, material: 1, grams: 200_000_000, artisanal: true },
  { kind: 'extract', mine: 2, material: 2, grams: 100_000_000, artisanal: false },
  { kind: 'extract', mine: 1, material: 0, grams: 50_000_000, artisanal: false },
  ...[0, 1, 2, 3].map((batch) => ({
    kind: 'ship' as const,
    batch,
    part: 500,
    dest: 1,
    split: false,
    receive: true,
    loss: 0,
  })),
  { kind: 'commission', plant: 2, material: 0, grams: 10_000_000 },
];

/** Run the prelude and every command of `plan` that applies in the current state; each must be accepted. */
export function runPlan(w: World, plan: readonly Command[], onStep?: (run: Run) => void): Run {
  const run: Run = { effects: [], bound: new Map() };
  let next = 0;
  const fresh = () => `lot-${String(++next).padStart(3, '0')}`;
  for (const command of [...PRELUDE, ...plan]) {
    const batches = w.ledger.snapshot().batches;
    const step = STEPS[command.kind] as (
      w: World,
      c: Command,
      b: readonly BatchRow[],
      fresh: () => string,
      run: Run,
    ) => void;
    step(w, command, batches, fresh, run);
    onStep?.(run);
  }
  return run;
}

const pick = <T>(items: readonly T[], n: number): T | undefined =>
  items.length === 0 ? undefined : items[n % items.length];
const active = (batches: readonly BatchRow[]) => batches.filter((b) => b.status === 'active');

function submit(w: World, run: Run, issuer: string, events: readonly Draft[]): void {
  run.effects.push(w.custody(issuer, events));
}

function addBound(run: Run, batch: NewBatch, factorPpm = 1_000_000n): void {
  for (const e of trackedElements(batch.material)) {
    const mass = (BigInt(batch.grams) * BigInt(batch.content[e]!) * factorPpm) / 1_000_000n;
    run.bound.set(e, (run.bound.get(e) ?? 0n) + mass);
  }
}

type Step<K extends Command['kind']> = (
  w: World,
  c: Extract<Command, { kind: K }>,
  batches: readonly BatchRow[],
  fresh: () => string,
  run: Run,
) => void;

const STEPS: { [K in Command['kind']]: Step<K> } = {
  extract: (w, c, _, fresh, run) => {
    const mine = pick(MINES, c.mine)!;
    const material = pick(EXTRACTABLE, c.material)!;
    const batch = lot(fresh(), material, c.grams, CONTENT[material]!);
    submit(w, run, OPERATOR_OF[mine]!, [ev.extract(mine, batch, c.artisanal ? 'artisanal' : 'industrial')]);
    addBound(run, batch);
  },
  commission: (w, c, _, fresh, run) => {
    const plant = pick(PLANTS, c.plant)!;
    const material = pick(MATERIALS, c.material)!;
    const batch = lot(fresh(), material, c.grams, CONTENT[material]!);
    submit(w, run, OPERATOR_OF[plant]!, [ev.commission(plant, batch)]);
    addBound(run, batch);
  },
  ship: (w, c, batches, fresh, run) => {
    const batch = pick(active(batches), c.batch);
    if (batch === undefined) return;
    // Mostly to two plants, so that lots of different origins meet there.
    const dest = pick(c.dest % 3 === 0 ? PLANTS : PLANTS.slice(1, 3), c.dest)!;
    const to = OPERATOR_OF[dest]!;
    const grams = Math.max(1, Math.floor((batch.remainingGrams * c.part) / 1000));
    const split = grams < batch.remainingGrams || c.split ? fresh() : undefined;
    submit(w, run, batch.custodian, [ev.ship(batch.id, grams, to, dest, split)]);
    if (c.receive) receive(w, run, split ?? batch.id, to, dest, grams, c.loss);
  },
  receive: (w, c, batches, _, run) => {
    const batch = pick(
      batches.filter((b) => b.status === 'in-transit'),
      c.batch,
    );
    if (batch?.inTransit === undefined) return;
    const { to, toFacility, grams } = batch.inTransit;
    receive(w, run, batch.id, to, toFacility, grams, c.loss);
  },
  transform: (w, c, batches, fresh, run) => transform(w, c, active(batches), fresh, run),
  trade: (w, c, batches, _, run) => {
    const batch = pick(
      batches.filter((b) => b.status !== 'consumed'),
      c.batch,
    );
    if (batch !== undefined) submit(w, run, batch.owner, [ev.trade(batch.id, pick(ORGS, c.buyer)!)]);
  },
  assay: (w, c, batches, _, run) => {
    const batch = pick(batches, c.batch);
    if (batch !== undefined) submit(w, run, batch.custodian, [ev.assay(batch.id, batch.content)]);
  },
};

function receive(
  w: World,
  run: Run,
  batch: string,
  to: string,
  facility: string,
  shipped: number,
  loss: number,
): void {
  const grams = Math.max(1, shipped - Math.floor((shipped * loss) / 1000));
  submit(w, run, to, [ev.receive(batch, facility, grams)]);
}

function transform(
  w: World,
  c: Extract<Command, { kind: 'transform' }>,
  batches: readonly BatchRow[],
  fresh: () => string,
  run: Run,
): void {
  // Plants before mines, the most crowded first: that is where inputs of different origins meet.
  const crowd = new Map<string, number>();
  for (const b of batches)
    crowd.set(b.facility, (crowd.get(b.facility) ?? 0) + (isPlant(b.facility) ? 1000 : 1));
  const facilities = [...crowd.keys()].sort((a, b) => crowd.get(b)! - crowd.get(a)! || (a < b ? -1 : 1));
  const facility = pick(facilities.slice(0, 2), c.facility);
  if (facility === undefined) return;
  const here = batches.filter((b) => b.facility === facility);
  const inputs = new Map<string, number>();
  for (const { pick: p, part } of c.inputs) {
    const batch = pick(here, p)!;
    inputs.set(batch.id, Math.max(1, Math.floor((batch.remainingGrams * part) / 1000)));
  }
  const pool = new Map<ElementSymbol, bigint>();
  for (const [id, g] of inputs) {
    const batch = here.find((b) => b.id === id)!;
    for (const e of trackedElements(batch.material)) {
      pool.set(e, (pool.get(e) ?? 0n) + BigInt(g) * BigInt(batch.content[e]!));
    }
  }
  const outputs = outputsFor(c, pool, fresh);
  if (outputs.length === 0) return;
  const inputList = [...inputs].map(([batch, g]) => ({ batch, grams: g }));
  submit(w, run, batches.find((b) => b.facility === facility)!.custodian, [
    ev.transform(facility, inputList, outputs, c.tolerance),
  ]);
  for (const [e, mass] of pool)
    run.bound.set(e, (run.bound.get(e) ?? 0n) + (mass * BigInt(c.tolerance)) / 1_000_000n + 1n);
}

/** Outputs that share the pool by `share`, each as large as the tolerance allows: conserved by construction. */
function outputsFor(
  c: Extract<Command, { kind: 'transform' }>,
  pool: ReadonlyMap<ElementSymbol, bigint>,
  fresh: () => string,
): NewBatch[] {
  const candidates = MATERIALS.filter((m) => trackedElements(m).every((e) => (pool.get(e) ?? 0n) > 0n));
  const totalShare = BigInt(c.outputs.reduce((a, o) => a + o.share, 0));
  const outputs: NewBatch[] = [];
  for (const o of c.outputs) {
    const material = pick(candidates, o.material);
    if (material === undefined) return [];
    const content = CONTENT[material]!;
    let grams: bigint | undefined;
    for (const e of trackedElements(material)) {
      const budget =
        (pool.get(e)! * BigInt(1_000_000 + c.tolerance) * BigInt(o.share)) / (totalShare * 1_000_000n);
      const g = budget / BigInt(content[e]!);
      grams = grams === undefined || g < grams ? g : grams;
    }
    if (grams !== undefined && grams > 0n) outputs.push(lot(fresh(), material, Number(grams), content));
  }
  return outputs;
}
