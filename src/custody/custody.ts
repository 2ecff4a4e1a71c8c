import type { CustodyEvent, CustodyStatement, Role } from '../model/index.js';
import { ensure } from './errors.js';
import type { EventContext, Stores } from './event-context.js';
import { applyCommission, applyExtract } from './event-create.js';
import { applyReceive, applyShip } from './event-move.js';
import { applyAssay, applyTrade } from './event-record.js';
import { applyTransform } from './event-transform.js';
import type { Journal, Scope } from './scope.js';
import { pastInstant } from './time.js';

/** The roles that may perform each event (any one of them), held at the event's time. */
const EVENT_ROLES: Readonly<Record<CustodyEvent['type'], readonly Role[]>> = {
  extract: ['producer'],
  commission: ['producer'],
  ship: ['producer'],
  receive: ['producer'],
  transform: ['producer'],
  trade: ['producer'],
  assay: ['producer', 'certifier'],
};

/**
 * Apply a custody statement's events in order. Each is checked against the state its predecessors
 * left, with the signing key and the issuer's roles as they were at the event's own time.
 * @throws CustodyError any custody or identity code
 */
export function applyCustody(stores: Stores, body: CustodyStatement, scope: Scope, journal: Journal): void {
  ensure(body.events.length > 0, 'CUSTODY_NO_EVENTS', () => `statement ${scope.id} carries no events`);
  const { issuer, kid } = scope.statement;
  body.events.forEach((event, seq) => {
    const atMs = pastInstant(scope.clock, event.time, `event ${event.id}: time`);
    stores.registry.signingKey(kid, issuer, atMs, event.time);
    ensure(!stores.eventIds.has(event.id), 'CUSTODY_DUPLICATE_EVENT', () => `event ${event.id} exists`);
    stores.eventIds.set(event.id, true);
    const roles = EVENT_ROLES[event.type];
    ensure(
      roles.some((role) => stores.registry.hasRole(issuer, role, atMs)),
      'IDENTITY_NOT_AUTHORIZED',
      () => `${issuer} is not a ${roles.join(' or ')} at ${event.time}`,
    );
    const c: EventContext = { ...stores, actor: issuer, atMs, statement: scope.id, journal };
    journal.events.push({ statement: scope.id, seq, event, actor: issuer, batches: dispatch(c, event) });
  });
}

function dispatch(c: EventContext, event: CustodyEvent): readonly string[] {
  switch (event.type) {
    case 'extract':
      return applyExtract(c, event);
    case 'commission':
      return applyCommission(c, event);
    case 'ship':
      return applyShip(c, event);
    case 'receive':
      return applyReceive(c, event);
    case 'transform':
      return applyTransform(c, event);
    case 'assay':
      return applyAssay(c, event);
    case 'trade':
      return applyTrade(c, event);
  }
}
