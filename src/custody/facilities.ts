import type { FacilityRecord } from '../model/index.js';
import { CustodyError, ensure } from './errors.js';
import type { IdentityRegistry } from './registry.js';
import type { FacilityRow } from './rows.js';
import type { Scope } from './scope.js';
import type { StagedMap } from './staged.js';
import { pastInstant } from './time.js';

/** A facility with its `validFrom` in milliseconds. */
export interface FacilityState {
  readonly row: FacilityRow;
  readonly validFromMs: number;
}

/** Facilities by id, staged until the statement commits. */
export type FacilityStore = StagedMap<string, FacilityState>;

/**
 * Register a facility, or replace its record: only its operator, holding `producer`, may do either.
 * @throws CustodyError IDENTITY_NOT_AUTHORIZED, CUSTODY_FACILITY_CONFLICT
 */
export function applyFacility(
  facilities: FacilityStore,
  registry: IdentityRegistry,
  record: FacilityRecord,
  scope: Scope,
): void {
  const validFromMs = pastInstant(scope.clock, record.validFrom, 'validFrom');
  const { issuer } = scope.statement;
  ensure(issuer === record.operator, 'IDENTITY_NOT_AUTHORIZED', () => {
    return `${issuer} cannot register a facility operated by ${record.operator}`;
  });
  ensure(registry.hasRole(issuer, 'producer', scope.timeMs), 'IDENTITY_NOT_AUTHORIZED', () => {
    return `${issuer} is not a producer at ${scope.statement.time}`;
  });
  const existing = facilities.get(record.id);
  ensure(existing === undefined || existing.row.operator === issuer, 'CUSTODY_FACILITY_CONFLICT', () => {
    return `${record.id} is operated by ${existing?.row.operator}`;
  });
  const { kind: _, ...fields } = record;
  facilities.set(record.id, { row: { ...fields, statement: scope.id }, validFromMs });
}

/**
 * The facility `id`, where `operator` acts at `atMs`.
 * @throws CustodyError CUSTODY_UNKNOWN_FACILITY, CUSTODY_NOT_FACILITY_OPERATOR, CUSTODY_FACILITY_INACTIVE
 */
export function facilityOf(
  facilities: FacilityStore,
  id: string,
  operator: string,
  atMs: number,
): FacilityState {
  const facility = facilities.get(id);
  if (facility === undefined) throw new CustodyError('CUSTODY_UNKNOWN_FACILITY', `${id} is not registered`);
  ensure(facility.row.operator === operator, 'CUSTODY_NOT_FACILITY_OPERATOR', () => {
    return `${id} is operated by ${facility.row.operator}, not ${operator}`;
  });
  ensure(atMs >= facility.validFromMs, 'CUSTODY_FACILITY_INACTIVE', () => {
    return `${id} is valid from ${facility.row.validFrom}`;
  });
  return facility;
}
