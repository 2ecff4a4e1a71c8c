import type { StatusBitstring } from '../../credentials/index.js';
import type { CustodyEvent, CustodyEventType } from '../../model/index.js';
import type { Emitter, Party } from './emit.js';
import type { Ppm } from './flows.js';
import { Random } from './random.js';
import { Schedule } from './schedule.js';
import type { Lot, Origins, Stock } from './stock.js';
import type { SiteSpec } from './world.js';

const DAY_MS = 86_400_000;

/** The world's calendar: registrations on the first Monday of 2026, then nine months of trade. */
export const CALENDAR = {
  setupMs: Date.parse('2026-01-05T08:00:00.000Z'),
  startMs: Date.parse('2026-01-06T00:00:00.000Z'),
  endMs: Date.parse('2026-09-30T00:00:00.000Z'),
} as const;

/** A facility, its operator and what it holds. */
export interface Site {
  readonly spec: SiteSpec;
  readonly id: string;
  readonly party: Party;
  readonly stock: Stock;
}

/** How a lot came to be. */
export type LotOrigin = 'extracted' | 'commissioned' | 'made' | 'split';

/** Every lot created, for the manifest. */
export interface LotRecord {
  readonly lot: Lot;
  /** Its grams when created (the lot's own `grams` then follows what is left). */
  readonly grams: number;
  readonly site: string;
  readonly how: LotOrigin;
}

/** A shipment, for the manifest's red flags. */
export interface ShipmentRecord {
  readonly batch: string;
  readonly from: string;
  readonly to: string;
  readonly grams: number;
  readonly atMs: number;
}

/** The planner's state: parties, sites and their stock, the clock, the records the manifest reads. */
export class World {
  readonly rng: Random;
  readonly schedule = new Schedule(CALENDAR.setupMs);
  readonly lots: LotRecord[] = [];
  readonly shipments: ShipmentRecord[] = [];
  readonly events = new Map<CustodyEventType, number>();
  /** Each status list's current bits, by list id; each certifier's next free index, by its slug. */
  readonly statusBits = new Map<string, StatusBitstring>();
  readonly statusNext = new Map<string, number>();
  /** Certificates of analysis issued by laboratories. */
  analyses = 0;
  readonly #lotSeq = new Map<string, number>();

  constructor(
    readonly seed: number,
    readonly scale: number,
    readonly emit: Emitter,
    readonly parties: ReadonlyMap<string, Party>,
    readonly sites: ReadonlyMap<string, Site>,
  ) {
    this.rng = Random.of(seed, 'world');
  }

  get nowMs(): number {
    return this.schedule.nowMs;
  }

  party(slug: string): Party {
    const party = this.parties.get(slug);
    if (party === undefined) throw new Error(`demo world: no organisation ${slug}`);
    return party;
  }

  site(slug: string): Site {
    const site = this.sites.get(slug);
    if (site === undefined) throw new Error(`demo world: no site ${slug}`);
    return site;
  }

  /** A fresh event id of `site`'s operator. */
  eventId(site: Site): string {
    return this.emit.nextId(site.party, 'events');
  }

  /** Record and name a lot created at `site` now. */
  newLot(site: Site, material: string, grams: number, content: Ppm, origins: Origins, how: LotOrigin): Lot {
    const n = (this.#lotSeq.get(site.spec.slug) ?? 0) + 1;
    this.#lotSeq.set(site.spec.slug, n);
    const id = `https://${site.party.slug}.example/lots/${site.spec.slug}-${String(n).padStart(5, '0')}`;
    return this.record(site, { id, material, content, grams, origins, createdMs: this.nowMs }, how);
  }

  record(site: Site, lot: Lot, how: LotOrigin): Lot {
    this.emit.batch(lot.id, lot.material);
    this.lots.push({ lot, grams: lot.grams, site: site.spec.slug, how });
    return lot;
  }

  /** Sign and queue custody `events` as `party`, dated now; returns the statement id. */
  custody(party: Party, events: readonly CustodyEvent[]): string {
    for (const e of events) this.events.set(e.type, (this.events.get(e.type) ?? 0) + 1);
    return this.emit.custody(party, events, this.nowMs);
  }

  /** RFC 3339 of `ms` (now by default). */
  iso(ms: number = this.nowMs): string {
    return new Date(ms).toISOString();
  }

  /** Run `run` `days` from now, at `hour` (UTC) of that day when given. */
  after(days: number, run: () => void, hour?: number): void {
    let at = this.nowMs + Math.round(days * DAY_MS);
    if (hour !== undefined) at = Math.floor(at / DAY_MS) * DAY_MS + hour * 3_600_000;
    this.schedule.at(at, run);
  }
}

/** Coarse shipping regions: within one, goods go overland; between two, by sea. */
const REGION: Readonly<Record<string, string>> = {
  CAN: 'north-america',
  USA: 'north-america',
  CHL: 'south-america',
  ARG: 'south-america',
  DEU: 'europe',
  FRA: 'europe',
  ITA: 'europe',
  GBR: 'europe',
  CHE: 'europe',
  COD: 'africa',
  ZAF: 'africa',
  MOZ: 'africa',
  CHN: 'asia',
  MMR: 'asia',
  JPN: 'japan',
  IDN: 'sulawesi',
  AUS: 'australia',
};

/** Days by road or rail to the port, for inland origins shipping overseas. */
const INLAND_DAYS: Readonly<Record<string, number>> = { COD: 12, ZAF: 3, MOZ: 3, ARG: 4, CHL: 2 };

/** How a lot travels between two sites and for how many days (great-circle distance, plain speeds). */
export function transit(from: Site, to: Site): { mode: string; days: number } {
  const km = distanceKm(from.spec.at, to.spec.at);
  const [a, b] = [from.party.country, to.party.country];
  if (REGION[a] !== undefined && REGION[a] === REGION[b]) {
    return { mode: km < 800 ? 'road' : 'rail', days: Math.max(1, Math.ceil(km / 600)) };
  }
  return { mode: 'sea', days: Math.ceil((km * 1.35) / 650) + 5 + (INLAND_DAYS[a] ?? 1) };
}

function distanceKm(
  [lon1, lat1]: readonly [number, number],
  [lon2, lat2]: readonly [number, number],
): number {
  const rad = Math.PI / 180;
  const h =
    Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
    Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}
