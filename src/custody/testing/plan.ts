/**
 * The plans of the random-chain property tests: four organisations with mines and plants, the materials
 * they trade with mid-range contents, and fast-check arbitraries for abstract commands. Test support only.
 */
import fc from 'fast-check';
import type { ElementContent } from '../../model/index.js';
import { World } from './world.js';

/** The organisations, each in its country (same index). */
export const ORGS = [
  'did:web:a.example',
  'did:web:b.example',
  'did:web:c.example',
  'did:web:d.example',
] as const;
export const COUNTRIES = ['CAN', 'COD', 'DEU', 'IDN'] as const;
/** Mines of a, b and d. */
export const MINES = ['https://a.example/mine', 'https://b.example/mine', 'https://d.example/mine'] as const;
/** Refineries of a, b, d and c's precursor plant. */
export const PLANTS = [
  'https://a.example/refinery',
  'https://b.example/refinery',
  'https://c.example/plant',
  'https://d.example/refinery',
] as const;
/** The operator of each facility (its host's did:web). */
export const OPERATOR_OF: Record<string, string> = Object.fromEntries(
  [...MINES, ...PLANTS].map((f) => [f, `did:web:${new URL(f).hostname}`]),
);

/** Mid-range contents (inside the vocabulary's ranges) of tracked elements. */
export const CONTENT: Readonly<Record<string, ElementContent>> = {
  'co.hydroxide': { Co: 300_000 },
  'ni.mhp': { Ni: 400_000, Co: 30_000 },
  'mn.ore': { Mn: 400_000 },
  'co.sulfate.battery': { Co: 208_000 },
  'ni.sulfate.battery': { Ni: 220_000 },
  'mn.sulfate.battery': { Mn: 325_000 },
  'pcam.nmc811': { Ni: 508_000, Co: 63_000, Mn: 59_000 },
  'co.metal': { Co: 999_000 },
};
export const EXTRACTABLE = ['co.hydroxide', 'ni.mhp', 'mn.ore'];
export const MATERIALS = Object.keys(CONTENT);

const permille = fc.integer({ min: 1, max: 1000 });
const grams = fc.integer({ min: 1, max: 1_000_000_000 });

/** One abstract step; indices pick among what exists when the step runs (modulo). */
export type Command =
  | { kind: 'extract'; mine: number; material: number; grams: number; artisanal: boolean }
  | { kind: 'commission'; plant: number; material: number; grams: number }
  | {
      kind: 'ship';
      batch: number;
      part: number;
      dest: number;
      split: boolean;
      receive: boolean;
      loss: number;
    }
  | { kind: 'receive'; batch: number; loss: number }
  | {
      kind: 'transform';
      facility: number;
      inputs: { pick: number; part: number }[];
      outputs: { material: number; share: number }[];
      tolerance: number;
    }
  | { kind: 'trade'; batch: number; buyer: number }
  | { kind: 'assay'; batch: number };

/** Any command, the moves that build a chain weighted up. */
export const commandArb: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('extract' as const),
      mine: fc.nat(),
      material: fc.nat(),
      grams,
      artisanal: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('commission' as const),
      plant: fc.nat(),
      material: fc.nat(),
      grams,
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('ship' as const),
      batch: fc.nat(),
      part: permille,
      dest: fc.nat(),
      split: fc.boolean(),
      receive: fc.oneof(fc.constant(true), fc.boolean()),
      loss: fc.integer({ min: 0, max: 100 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('receive' as const),
      batch: fc.nat(),
      loss: fc.integer({ min: 0, max: 100 }),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('transform' as const),
      facility: fc.nat(),
      inputs: fc.array(fc.record({ pick: fc.nat(), part: permille }), { minLength: 1, maxLength: 4 }),
      outputs: fc.array(fc.record({ material: fc.nat(), share: fc.integer({ min: 1, max: 100 }) }), {
        minLength: 1,
        maxLength: 3,
      }),
      tolerance: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 50_000 })),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('trade' as const), batch: fc.nat(), buyer: fc.nat() }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('assay' as const), batch: fc.nat() }) },
);

/** A plan: 5 to 40 commands. */
export const planArb: fc.Arbitrary<Command[]> = fc.array(commandArb, { minLength: 5, maxLength: 40 });

/** A world with the four organisations and their facilities. */
export function chainWorld(): World {
  const w = new World();
  ORGS.forEach((did, i) => {
    w.register(did, ['producer'], COUNTRIES[i]);
  });
  for (const mine of MINES) w.facility(OPERATOR_OF[mine]!, mine, 'mine', countryOf(mine));
  PLANTS.forEach((plant, i) => {
    w.facility(OPERATOR_OF[plant]!, plant, i === 2 ? 'precursor' : 'refinery', countryOf(plant));
  });
  return w;
}

/** Whether the facility is one of the plants (not a mine). */
export function isPlant(facility: string): boolean {
  return (PLANTS as readonly string[]).includes(facility);
}

function countryOf(facility: string): string {
  return COUNTRIES[ORGS.indexOf(OPERATOR_OF[facility] as (typeof ORGS)[number])]!;
}
