import type { ShipmentRecord } from '../../compliance/index.js';
import type { Ledger } from '../../custody/index.js';
import type { SupplyStatement } from '../../model/index.js';

/**
 * Every logged ship event, by the batch that travelled and by the shipper: what the transport and
 * structuring rules time a statement against. Fed in log order by the compliance monitor, so it only
 * ever holds shipments registered before the statement being evaluated.
 */
export class ShipmentIndex {
  readonly #byBatch = new Map<string, ShipmentRecord[]>();
  readonly #byShipper = new Map<string, ShipmentRecord[]>();

  add(shipments: readonly ShipmentRecord[]): void {
    for (const s of shipments) {
      push(this.#byBatch, s.batch, s);
      push(this.#byShipper, s.shipper, s);
    }
  }

  /** The latest shipment of `batch` with time at or before `before` (ties: the later registered). */
  last(batch: string, before: string, own: readonly ShipmentRecord[] = []): ShipmentRecord | undefined {
    const limit = Date.parse(before);
    let best: ShipmentRecord | undefined;
    for (const s of [...(this.#byBatch.get(batch) ?? []), ...own.filter((o) => o.batch === batch)]) {
      const t = Date.parse(s.time);
      if (t <= limit && (best === undefined || t >= Date.parse(best.time))) best = s;
    }
    return best;
  }

  /** Shipments by `shipper` with time in [since, until]. */
  recent(shipper: string, since: string, until: string): ShipmentRecord[] {
    const from = Date.parse(since);
    const to = Date.parse(until);
    return (this.#byShipper.get(shipper) ?? []).filter((s) => {
      const t = Date.parse(s.time);
      return t >= from && t <= to;
    });
  }
}

/**
 * The ship events of a custody statement as shipment records. Read before the ledger applies the
 * statement: the batch's facility then is where it left from.
 */
export function shipmentsOf(statement: SupplyStatement, id: string, before: Ledger): ShipmentRecord[] {
  const body = statement.body;
  if (body.kind !== 'custody') return [];
  const at = new Map<string, string>();
  const records: ShipmentRecord[] = [];
  for (const e of body.events) {
    // A receive earlier in the same statement moves the batch: follow it.
    if (e.type === 'receive') at.set(e.batch, e.facility);
    if (e.type !== 'ship') continue;
    const fromFacility = at.get(e.batch) ?? before.batch(e.batch)?.facility;
    if (fromFacility === undefined) continue;
    records.push({
      statement: id,
      event: e.id,
      batch: e.splitInto ?? e.batch,
      shipper: statement.issuer,
      grams: e.grams,
      time: e.time,
      fromFacility,
      toFacility: e.toFacility,
      ...(e.transportMode !== undefined && { transportMode: e.transportMode }),
    });
  }
  return records;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
