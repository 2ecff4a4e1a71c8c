import { getMaterial, type NewBatch, type TradeEvent } from '../../model/index.js';
import { issueAnalysis } from './certify.js';
import { COMMISSIONS, LABS, type MineFlow, type PlantFlow, PRICES, type Route } from './flows.js';
import { MINES } from './mines.js';
import { PLANTS } from './plants.js';
import { CALENDAR, type Site, transit, type World } from './state.js';
import { blendOrigins, type Lot, planMake, planRefine, type RunPlan, singleOrigin } from './stock.js';

/**
 * The custody side of the world, as scheduled actions: mines extract, lots are sold and shipped,
 * received, assayed, refined and made into cells, magnets and packs. Every action emits the signed
 * statements of what it did, dated when it happened.
 */

const HOUR = 1 / 24;
/** Bulk materials lose a little on the way (dust, moisture, spillage); finished goods arrive whole. */
const BULK_STAGES: readonly string[] = ['ore', 'concentrate', 'intermediate'];

/** Schedule every mine's first extraction (each then schedules its next). */
export function startMines(w: World): void {
  for (const flow of MINES) {
    const intervalDays = 7 / (flow.perWeek * w.scale);
    const first = w.rng.between(0, Math.min(intervalDays, 7));
    w.schedule.at(CALENDAR.startMs + Math.round(first * 86_400_000), () => extract(w, flow, intervalDays));
  }
}

function extract(w: World, flow: MineFlow, intervalDays: number): void {
  const site = w.site(flow.site);
  const content = Object.fromEntries(
    Object.entries(flow.content).map(([element, [min, max]]) => [element, w.rng.int(min, max)]),
  );
  const grams = tonnes(w, flow.lotTonnes);
  const lot = w.newLot(site, flow.material, grams, content, singleOrigin(content, flow.site), 'extracted');
  w.custody(site.party, [
    {
      type: 'extract',
      id: w.eventId(site),
      time: w.iso(),
      facility: site.id,
      method: flow.method,
      batch: newBatch(lot),
      custodyModel: 'segregated',
    },
  ]);
  w.after(w.rng.between(1, 4), () => dispatch(w, site, lot, flow.routes, flow.parts ?? [1, 2]));
  w.after(intervalDays * w.rng.between(0.8, 1.2), () => extract(w, flow, intervalDays));
}

/** Every plant runs weekly, on its own weekday, its flows in order two hours apart. */
export function startPlants(w: World): void {
  const bySite = new Map<string, PlantFlow[]>();
  for (const flow of PLANTS) bySite.set(flow.site, [...(bySite.get(flow.site) ?? []), flow]);
  [...bySite].forEach(([slug, flows], i) => {
    const site = w.site(slug);
    const first = CALENDAR.startMs + ((i % 5) + 7) * 86_400_000 + (9 + (i % 4)) * 3_600_000;
    flows.forEach((flow, j) => {
      const weekly = (): void => {
        run(w, site, flow);
        w.after(7, weekly);
      };
      w.schedule.at(first + j * 2 * 3_600_000, weekly);
    });
  });
}

function run(w: World, site: Site, flow: PlantFlow): void {
  const plan: RunPlan | undefined =
    flow.kind === 'refine'
      ? planRefine(flow, site.stock)
      : planMake(flow, site.stock, w.rng.between(...flow.lotTonnes));
  if (plan === undefined) return;
  const outputs = plan.outputs.map((o) =>
    w.newLot(site, o.material, o.grams, o.content, blendOrigins(plan.takes, o.content), 'made'),
  );
  w.custody(site.party, [
    {
      type: 'transform',
      id: w.eventId(site),
      time: w.iso(),
      facility: site.id,
      process: flow.process,
      inputs: plan.takes.map((t) => ({ batch: t.lot.id, grams: t.grams })),
      outputs: outputs.map(newBatch),
      tolerancePpm: 1_000,
      custodyModel: 'controlled-blending',
    },
  ]);
  site.stock.consume(plan.takes);
  outputs.forEach((lot, i) => {
    const spec = flow.kind === 'refine' ? flow.outputs[plan.outputs[i]!.index]! : flow;
    const partTonnes = 'partTonnes' in spec ? spec.partTonnes : undefined;
    if (spec.routes.length === 0) site.stock.add(lot);
    else
      w.after(w.rng.between(1, 3), () =>
        dispatch(w, site, lot, spec.routes, spec.parts ?? [1, 2], partTonnes),
      );
  });
}

/** A cathode plant takes in sulfates bought on the spot market, of undeclared origin (weekly at scale 1). */
export function startCommissions(w: World): void {
  for (const flow of COMMISSIONS) {
    const site = w.site(flow.site);
    const weekly = (): void => {
      const content = Object.fromEntries(
        Object.entries(flow.content).map(([element, [min, max]]) => [element, w.rng.int(min, max)]),
      );
      const undeclared = singleOrigin(content, `undeclared:${flow.site}`);
      const lot = w.newLot(
        site,
        flow.material,
        tonnes(w, flow.lotTonnes),
        content,
        undeclared,
        'commissioned',
      );
      w.custody(site.party, [
        {
          type: 'commission',
          id: w.eventId(site),
          time: w.iso(),
          facility: site.id,
          batch: newBatch(lot),
          custodyModel: 'mass-balance',
        },
      ]);
      site.stock.add(lot);
      w.after(flow.everyDays / w.scale, weekly);
    };
    w.schedule.at(CALENDAR.startMs + 2 * 86_400_000 + 8 * 3_600_000, weekly);
  }
}

/** Sell and ship a lot in parts, three hours apart, each to a customer drawn by weight. */
function dispatch(
  w: World,
  site: Site,
  lot: Lot,
  routes: readonly Route[],
  parts: readonly [number, number],
  partTonnes?: readonly [number, number],
): void {
  const sizes = partTonnes ? thresholdParts(w, lot.grams, partTonnes) : randomParts(w, lot.grams, parts);
  sizes.forEach((grams, i) => {
    const route = w.rng.weighted(routes);
    w.after(i * 3 * HOUR, () => ship(w, site, lot, grams, route, i, i === sizes.length - 1));
  });
}

function ship(w: World, from: Site, lot: Lot, grams: number, route: Route, i: number, last: boolean): void {
  const to = w.site(route.to);
  const shipped: Lot = last
    ? lot
    : w.record(from, { ...lot, id: `${lot.id}-${i + 1}`, grams, createdMs: w.nowMs }, 'split');
  if (!last) lot.grams -= grams;
  const { mode, days } = transit(from, to);
  const arrival = w.nowMs + days * 86_400_000;
  const buyer = route.via === undefined ? to.party : w.party(route.via);
  w.custody(from.party, [
    {
      type: 'ship',
      id: w.eventId(from),
      time: w.iso(),
      batch: lot.id,
      grams: shipped.grams,
      ...(last ? {} : { splitInto: shipped.id }),
      to: to.party.did,
      toFacility: to.id,
      transportMode: mode,
      expectedArrival: w.iso(arrival),
    },
    ...(buyer.did === from.party.did
      ? []
      : [trade(w, from, shipped, buyer.did, mode === 'sea' ? 'CIF' : 'DAP')]),
  ]);
  w.shipments.push({
    batch: shipped.id,
    from: from.spec.slug,
    to: to.spec.slug,
    grams: shipped.grams,
    atMs: w.nowMs,
  });
  if (route.via !== undefined) {
    const trader = w.party(route.via);
    w.after(2 * HOUR, () => w.custody(trader, [trade(w, from, shipped, to.party.did, 'DAP', trader.slug)]));
  }
  w.after(days, () => arrive(w, to, shipped));
}

function trade(w: World, from: Site, lot: Lot, buyer: string, incoterm: string, by?: string): TradeEvent {
  const party = by === undefined ? from.party : w.party(by);
  const markup = by === undefined ? 1 : 1.04;
  const cents = Math.round(
    (lot.grams / 1e6) * (PRICES[lot.material] ?? 1_000) * markup * w.rng.between(0.93, 1.07) * 100,
  );
  return {
    type: 'trade',
    id: w.emit.nextId(party, 'events'),
    time: w.iso(),
    batch: lot.id,
    buyer,
    price: { amount: `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`, currency: 'USD' },
    incoterm,
  };
}

/** The recipient weighs the lot in; a lab assays some of the raw material arriving at plants. */
function arrive(w: World, to: Site, lot: Lot): void {
  const bulk = BULK_STAGES.includes(getMaterial(lot.material).stage);
  const loss = bulk ? Math.floor(lot.grams * w.rng.between(0, 0.003)) : 0;
  lot.grams -= loss;
  w.custody(to.party, [
    { type: 'receive', id: w.eventId(to), time: w.iso(), batch: lot.id, facility: to.id, grams: lot.grams },
  ]);
  to.stock.add(lot);
  if (bulk && w.rng.chance(0.3)) {
    const lab = w.party(LABS[w.rng.int(0, LABS.length - 1)]!);
    w.after(6 * HOUR, () => issueAnalysis(w, lab, to, lot, w.rng.chance(1 / 3)));
  }
}

function newBatch(lot: Lot): NewBatch {
  return { id: lot.id, material: lot.material, grams: lot.grams, content: lot.content };
}

function tonnes(w: World, [min, max]: readonly [number, number]): number {
  return Math.round(w.rng.between(min, max) * 1_000) * 1_000;
}

/** `min` to `max` parts of random sizes, whole kilograms, the last one what remains. */
function randomParts(w: World, grams: number, [min, max]: readonly [number, number]): number[] {
  const k = w.rng.int(min, max);
  const weights = Array.from({ length: k }, () => w.rng.between(1, 3));
  const total = weights.reduce((a, b) => a + b, 0);
  const sizes = weights.slice(0, -1).map((x) => Math.floor((grams * x) / total / 1_000) * 1_000);
  return [...sizes, grams - sizes.reduce((a, b) => a + b, 0)].filter((g) => g > 0);
}

/** Parts just under a reporting threshold, the last one the remainder: structuring. */
function thresholdParts(w: World, grams: number, [min, max]: readonly [number, number]): number[] {
  const sizes: number[] = [];
  let left = grams;
  while (left > max * 1e6) {
    const part = Math.round(w.rng.between(min, max) * 1_000) * 1_000;
    sizes.push(part);
    left -= part;
  }
  return [...sizes, left];
}
