import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ElementSymbol } from '../model/index.js';
import type { CustodyErrorCode } from './errors.js';
import { Ledger } from './ledger.js';
import { provenanceOf } from './provenance.js';
import type { BatchRow, Composition, EventRow, LedgerEffects } from './rows.js';
import { CONTENT, chainWorld, MINES, ORGS, PLANTS, planArb } from './testing/plan.js';
import { type Run, runPlan } from './testing/random-chain.js';
import { type Draft, ev, keyOf, lot, OPERATOR, type World } from './testing/world.js';
import { trackedElements } from './tracked.js';

const RUNS = { numRuns: 100 };

const massOf = (composition: Composition, e: ElementSymbol): bigint =>
  (composition[e] ?? []).reduce((sum, [, m]) => sum + BigInt(m), 0n);

/** Σ of reduced fractions "n/d", reduced. */
function sumOfShares(shares: readonly { share: string }[]): string {
  let [n, d] = [0n, 1n];
  for (const { share } of shares) {
    const [a, b] = share.split('/').map(BigInt) as [bigint, bigint];
    [n, d] = [n * b + a * d, d * b];
  }
  return n === d ? '1' : `${n}/${d}`;
}

function checkBatches(w: World): void {
  const { batches, remaining } = w.ledger.snapshot();
  for (const b of batches) {
    for (const e of trackedElements(b.material)) {
      const ppm = BigInt(b.content[e]!);
      expect(massOf(b.composition, e), `${b.id} ${e}`).toBe(BigInt(b.createdGrams) * ppm);
      expect(massOf(remaining[b.id]!, e), `${b.id} ${e} remaining`).toBe(BigInt(b.remainingGrams) * ppm);
    }
    expect(b.status === 'consumed', b.id).toBe(b.remainingGrams === 0);
    for (const p of provenanceOf(b.composition, (id) => w.ledger.facility(id))) {
      for (const d of ['byOrigin', 'byCountry', 'byAlliance', 'byExtraction', 'byCertification'] as const) {
        expect(sumOfShares(p[d]), `${b.id} ${p.element} ${d}`).toBe('1');
      }
    }
  }
}

function checkBound(w: World, run: Run): void {
  const { remaining } = w.ledger.snapshot();
  const held = new Map<ElementSymbol, bigint>();
  for (const composition of Object.values(remaining)) {
    for (const e of Object.keys(composition) as ElementSymbol[])
      held.set(e, (held.get(e) ?? 0n) + massOf(composition, e));
  }
  for (const [e, mass] of held) expect(mass <= (run.bound.get(e) ?? 0n), `${e}: ${mass} held`).toBe(true);
}

/** Independently of the ledger: each transform's edges add up, and its outputs respect conservation. */
function checkTransforms(w: World, effects: readonly LedgerEffects[], created: Map<string, BatchRow>): void {
  for (const fx of effects) {
    for (const b of fx.batches) if (!created.has(b.id)) created.set(b.id, b);
    for (const event of fx.events.filter((e: EventRow) => e.event.type === 'transform')) {
      const t = event.event as Extract<EventRow['event'], { type: 'transform' }>;
      const edges = fx.edges.filter((e) => t.outputs.some((o) => o.id === e.to));
      for (const input of t.inputs) {
        const out = edges.filter((e) => e.from === input.batch).reduce((a, e) => a + e.grams, 0);
        expect(out).toBe(input.grams);
      }
      for (const output of t.outputs) {
        const row = w.ledger.batch(output.id)!;
        for (const e of trackedElements(output.material)) {
          const fromEdges = edges
            .filter((x) => x.to === output.id)
            .reduce((a, x) => a + BigInt(x.elements[e] ?? '0'), 0n);
          expect(fromEdges).toBe(massOf(row.composition, e));
          const inMass = t.inputs.reduce((a, i) => {
            const src = created.get(i.batch)!;
            return trackedElements(src.material).includes(e)
              ? a + BigInt(i.grams) * BigInt(src.content[e]!)
              : a;
          }, 0n);
          const outMass = t.outputs.reduce(
            (a, o) =>
              trackedElements(o.material).includes(e) ? a + BigInt(o.grams) * BigInt(o.content[e]!) : a,
            0n,
          );
          expect(outMass * 1_000_000n <= inMass * BigInt(1_000_000 + t.tolerancePpm)).toBe(true);
        }
      }
    }
  }
}

describe('random valid supply chains', () => {
  it('keep every composition exact, every share summing to 1, and mass within the tolerances', () => {
    fc.assert(
      fc.property(planArb, (plan) => {
        const w = chainWorld();
        const run = runPlan(w, plan, (r) => checkBound(w, r));
        checkBatches(w);
        checkTransforms(w, run.effects, new Map());
      }),
      RUNS,
    );
  });

  it('are deterministic: two ledgers, and a replay of the log, produce identical rows', () => {
    fc.assert(
      fc.property(planArb, (plan) => {
        const [a, b] = [chainWorld(), chainWorld()];
        const runA = runPlan(a, plan);
        const runB = runPlan(b, plan);
        expect(runB.effects).toEqual(runA.effects);
        const replay = new Ledger({ operator: { did: OPERATOR, keys: [keyOf(OPERATOR)] } });
        const replayed = a.log.map(({ statement, ctx }) => replay.apply(statement, ctx));
        expect(JSON.stringify(replayed.slice(replayed.length - runA.effects.length))).toBe(
          JSON.stringify(runA.effects),
        );
        expect(replay.snapshot()).toEqual(a.ledger.snapshot());
      }),
      { numRuns: 50 },
    );
  });
});

/** A corrupted statement (issuer and events) and the code it must be rejected with. */
interface Corrupted {
  readonly code: CustodyErrorCode;
  readonly issuer: string;
  readonly events: readonly Draft[];
}

const CORRUPTIONS: Record<string, (b: BatchRow, other: string) => Corrupted> = {
  'ship beyond remaining': (b) => ({
    code: 'CUSTODY_INSUFFICIENT_QUANTITY',
    issuer: b.custodian,
    events: [ev.ship(b.id, b.remainingGrams + 1, ORGS[2], PLANTS[2], 'x-split')],
  }),
  'ship by someone else': (b, other) => ({
    code: 'CUSTODY_NOT_CUSTODIAN',
    issuer: other,
    events: [ev.ship(b.id, b.remainingGrams, ORGS[2], PLANTS[2])],
  }),
  'ship an unknown batch': (b) => ({
    code: 'CUSTODY_UNKNOWN_BATCH',
    issuer: b.custodian,
    events: [ev.ship(`${b.id}-nope`, 1, ORGS[2], PLANTS[2], 'x-split')],
  }),
  'extract out of range': () => ({
    code: 'CUSTODY_IMPLAUSIBLE_CONTENT',
    issuer: ORGS[0],
    events: [ev.extract(MINES[0], lot('x-new', 'co.hydroxide', 1000, { Co: 460_000 }))],
  }),
  'output above inputs': (b) => {
    const tracked = trackedElements(b.material);
    const material = Object.keys(CONTENT).find((m) => trackedElements(m).every((e) => tracked.includes(e)))!;
    const e = trackedElements(material)[0]!;
    // Enough output to carry 6 % more of e than the whole input holds: beyond any tolerance.
    const grams = Math.ceil((b.remainingGrams * b.content[e]! * 1.06) / CONTENT[material]![e]!) + 1;
    const output = lot('x-out', material, grams, CONTENT[material]!);
    return {
      code: 'CUSTODY_ELEMENT_NOT_CONSERVED',
      issuer: b.custodian,
      events: [ev.transform(b.facility, [{ batch: b.id, grams: b.remainingGrams }], [output], 50_000)],
    };
  },
};

describe('corrupted statements', () => {
  it('are rejected with their code, and leave the ledger unchanged, even after a valid first event', () => {
    fc.assert(
      fc.property(
        planArb,
        fc.constantFrom(...Object.keys(CORRUPTIONS)),
        fc.nat(),
        fc.boolean(),
        (plan, name, n, prefixed) => {
          const w = chainWorld();
          runPlan(w, plan);
          const candidates = w.ledger.snapshot().batches.filter((b) => b.status === 'active');
          fc.pre(candidates.length > 0);
          const batch = candidates[n % candidates.length]!;
          const other = ORGS.find((o) => o !== batch.custodian)!;
          const { code, issuer, events } = CORRUPTIONS[name]!(batch, other);
          // A valid event first: its effects must vanish with the statement.
          const plant = PLANTS.find((p) =>
            p.includes(new URL(issuer.replace('did:web:', 'https://')).hostname),
          )!;
          const prefix = prefixed
            ? [ev.commission(plant, lot('x-prefix', 'co.hydroxide', 1000, CONTENT['co.hydroxide']!))]
            : [];
          w.rejects(code, () => w.custody(issuer, [...prefix, ...events]));
        },
      ),
      RUNS,
    );
  });
});
