import type { AssayEvent, TradeEvent } from '../model/index.js';
import { batchAt } from './batches.js';
import { checkPlausible } from './content.js';
import { CustodyError, ensure } from './errors.js';
import type { EventContext } from './event-context.js';

/**
 * A measured composition of a batch, by its custodian or a certifier: checked for plausibility and
 * recorded; the accounting keeps the declared content.
 * @throws CustodyError CUSTODY_UNKNOWN_BATCH, CUSTODY_EVENT_BEFORE_BATCH, CUSTODY_NOT_CUSTODIAN,
 * CUSTODY_BAD_CONTENT, CUSTODY_IMPLAUSIBLE_CONTENT
 */
export function applyAssay(c: EventContext, event: AssayEvent): readonly string[] {
  const batch = batchAt(c.batches, event.batch, c.atMs, event.time);
  const allowed = batch.row.custodian === c.actor || c.registry.hasRole(c.actor, 'certifier', c.atMs);
  ensure(allowed, 'CUSTODY_NOT_CUSTODIAN', () => {
    return `${c.actor} is neither the custodian of ${event.batch} nor a certifier`;
  });
  checkPlausible(batch.row.material, event.content, event.batch);
  return [event.batch];
}

/**
 * The owner sells a batch (in custody or in transit) to a registered buyer; custody does not change.
 * @throws CustodyError CUSTODY_UNKNOWN_BATCH, CUSTODY_EVENT_BEFORE_BATCH, CUSTODY_NOT_OWNER,
 * IDENTITY_UNKNOWN_ORGANIZATION, CUSTODY_INSUFFICIENT_QUANTITY
 */
export function applyTrade(c: EventContext, event: TradeEvent): readonly string[] {
  const batch = batchAt(c.batches, event.batch, c.atMs, event.time);
  ensure(batch.row.owner === c.actor, 'CUSTODY_NOT_OWNER', () => {
    return `${event.batch} is owned by ${batch.row.owner}, not ${c.actor}`;
  });
  if (!c.registry.isRegistered(event.buyer)) {
    throw new CustodyError('IDENTITY_UNKNOWN_ORGANIZATION', `buyer ${event.buyer} is not registered`);
  }
  ensure(batch.row.status !== 'consumed', 'CUSTODY_INSUFFICIENT_QUANTITY', () => {
    return `${event.batch} is consumed: nothing is left to sell`;
  });
  c.batches.set(event.batch, { ...batch, row: { ...batch.row, owner: event.buyer } });
  return [event.batch];
}
