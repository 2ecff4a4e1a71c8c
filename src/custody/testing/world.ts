/**
 * Test support for the custody module (not exported from it): a {@link World} wraps a ledger with a
 * clock and counters, and builds statements the way the registration path would hand them over.
 */
import { expect } from 'vitest';
import type {
  BoundKey,
  CustodyEvent,
  CustodyModel,
  ElementContent,
  FacilityKind,
  NewBatch,
  Role,
  SupplyStatement,
  SupplyStatementBody,
} from '../../model/index.js';
import { CustodyError, type CustodyErrorCode } from '../errors.js';
import type { ImportedBatch } from '../import.js';
import { type ApplyContext, Ledger } from '../ledger.js';
import type { LedgerEffects } from '../rows.js';

export const OPERATOR = 'did:web:operator.example';
export const T0 = Date.parse('2025-01-01T00:00:00.000Z');

/** A key of `did` named `#key-<n>`; the JWK is fake (the ledger never verifies signatures). */
export function keyOf(did: string, n = 1): BoundKey {
  return { kid: `${did}#key-${n}`, jwk: { kty: 'OKP', crv: 'Ed25519', x: `${did}/${n}` } };
}

/** Events without their id and time, which the world fills in. */
export type Draft<E extends CustodyEvent = CustodyEvent> = E extends CustodyEvent
  ? Omit<E, 'id' | 'time'> & { readonly id?: string; readonly time?: string }
  : never;

export interface SubmitOptions {
  /** The statement's (and default event) time; default: now. */
  readonly time?: string;
  readonly kid?: string;
  /** For a cross-border receipt: the batch as the origin summarised it. */
  readonly imported?: ImportedBatch;
}

/** A ledger with a clock that ticks one second per statement, and shorthand for common statements. */
export class World {
  readonly ledger: Ledger;
  /** Every statement applied successfully, in order, as the log would hold it: for replays. */
  readonly log: { readonly statement: SupplyStatement; readonly ctx: ApplyContext }[] = [];
  #ms = T0;
  #statements = 0;
  #events = 0;

  constructor(maxFutureMs?: number) {
    this.ledger = new Ledger({
      operator: { did: OPERATOR, keys: [keyOf(OPERATOR)] },
      ...(maxFutureMs !== undefined && { maxFutureMs }),
    });
  }

  /** The current time, RFC 3339 UTC with ms. */
  get now(): string {
    return new Date(this.#ms).toISOString();
  }

  /** A time `seconds` from now (negative: in the past). */
  at(seconds: number): string {
    return new Date(this.#ms + seconds * 1000).toISOString();
  }

  tick(seconds = 1): void {
    this.#ms += seconds * 1000;
  }

  /** Apply a statement by `issuer` signed with its first key, registered now; the clock then ticks. */
  submit(issuer: string, body: SupplyStatementBody, options: SubmitOptions = {}): LedgerEffects {
    this.#statements += 1;
    const id = this.#statements.toString(16).padStart(64, '0');
    const statement: SupplyStatement = {
      issuer,
      kid: options.kid ?? `${issuer}#key-1`,
      credentialId: `urn:uuid:${id}`,
      time: options.time ?? this.now,
      body,
    };
    const ctx = { id, registered: this.now, ...(options.imported && { imported: options.imported }) };
    try {
      const effects = this.ledger.apply(statement, ctx);
      this.log.push({ statement, ctx });
      return effects;
    } finally {
      this.tick();
    }
  }

  /** Register an organisation (by the operator unless `by` says otherwise), with key #key-1. */
  register(
    did: string,
    roles: readonly Role[] = ['producer'],
    country = 'DEU',
    by = OPERATOR,
  ): LedgerEffects {
    return this.submit(by, {
      kind: 'identity',
      subject: did,
      legalName: `${did} Ltd`,
      registeredId: did.length.toString(),
      idScheme: { id: 'https://registry.example/ids', name: 'Example register' },
      country,
      roles,
      keys: [keyOf(did)],
      validFrom: this.now,
    });
  }

  /** Register a facility operated by `operator`. */
  facility(operator: string, id: string, facilityKind: FacilityKind, country = 'DEU'): LedgerEffects {
    return this.submit(operator, {
      kind: 'facility',
      id,
      name: id,
      operator,
      facilityKind,
      country,
      location: { type: 'Point', coordinates: [10, 50] },
      processCategories: [],
      validFrom: this.now,
    });
  }

  /** A custody statement of `events` by `issuer`; ids and times are filled in (time: the statement's). */
  custody(issuer: string, events: readonly Draft[], options: SubmitOptions = {}): LedgerEffects {
    const time = options.time ?? this.now;
    const full = events.map(
      (e) => ({ ...e, id: e.id ?? this.eventId(), time: e.time ?? time }) as CustodyEvent,
    );
    return this.submit(issuer, { kind: 'custody', events: full }, options);
  }

  eventId(): string {
    this.#events += 1;
    return `urn:event:${this.#events}`;
  }

  /** Expect `run` to throw a CustodyError `code` and to leave the ledger exactly as it was. */
  rejects(code: CustodyErrorCode, run: () => unknown): CustodyError {
    const before = this.ledger.snapshot();
    let error: unknown;
    try {
      run();
    } catch (err) {
      error = err;
    }
    expect(error, `expected ${code}`).toBeInstanceOf(CustodyError);
    expect((error as CustodyError).code, (error as Error).message).toBe(code);
    expect(this.ledger.snapshot()).toEqual(before);
    return error as CustodyError;
  }
}

/** A new batch description. */
export function lot(id: string, material: string, grams: number, content: ElementContent): NewBatch {
  return { id, material, grams, content };
}

/** Draft events, typed. */
export const ev = {
  extract: (facility: string, batch: NewBatch, method: 'industrial' | 'artisanal' = 'industrial'): Draft => ({
    type: 'extract',
    facility,
    method,
    batch,
    custodyModel: 'controlled-blending',
  }),
  commission: (facility: string, batch: NewBatch): Draft => ({
    type: 'commission',
    facility,
    batch,
    custodyModel: 'controlled-blending',
  }),
  ship: (batch: string, grams: number, to: string, toFacility: string, splitInto?: string): Draft => ({
    type: 'ship',
    batch,
    grams,
    to,
    toFacility,
    ...(splitInto !== undefined && { splitInto }),
  }),
  receive: (batch: string, facility: string, grams: number): Draft => ({
    type: 'receive',
    batch,
    facility,
    grams,
  }),
  transform: (
    facility: string,
    inputs: readonly { batch: string; grams: number }[],
    outputs: readonly NewBatch[],
    tolerancePpm = 0,
    custodyModel: CustodyModel = 'controlled-blending',
  ): Draft => ({
    type: 'transform',
    facility,
    process: 'refine',
    inputs,
    outputs,
    tolerancePpm,
    custodyModel,
  }),
  assay: (batch: string, content: ElementContent): Draft => ({ type: 'assay', batch, content }),
  trade: (batch: string, buyer: string): Draft => ({ type: 'trade', batch, buyer }),
};
