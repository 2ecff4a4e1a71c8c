import type { CustodyEvent, CustodyEventType, CustodyStatement, NewBatch } from '../../model/index.js';
import { InteropError } from '../errors.js';
import {
  asPlainObject,
  at,
  invalid,
  type JsonObject,
  opt,
  readArray,
  readConst,
  readDid,
  readEnum,
  readObject,
  readString,
  readTypes,
  readUri,
  req,
  unsupported,
} from './check.js';
import {
  MAX_BATCHES,
  readBatchMap,
  readContent,
  readNewBatches,
  readQuantityList,
  readSingleItem,
} from './dte-batches.js';
import {
  CUSTODY_MODELS,
  EVENT_SPECS,
  EXTRACTION_METHODS,
  PROCESS_KINDS,
  UNSUPPORTED_EVENT_TYPES,
} from './dte-spec.js';
import { ppmOf } from './quantity.js';
import { earliest, readTime } from './time.js';

/** Most events one traceability credential may carry. */
export const MAX_EVENTS = 1000;

const PATH = '/credentialSubject';
const FIXED_FIELDS = ['action', 'bizStep', 'disposition', 'bizTransaction'] as const;
/** A decimal amount: up to 15 integer digits and 6 decimals, no sign, no exponent. */
const AMOUNT = /^(0|[1-9]\d{0,14})(\.\d{1,6})?$/;
const CURRENCY = /^[A-Z]{3}$/;

/** A parsed traceability subject and the time it speaks for (its earliest event). */
export interface ParsedCustody {
  readonly body: CustodyStatement;
  readonly time: string;
}

/** Parse the event array of a `DigitalTraceabilityEvent`; `issuer` is the credential's issuer DID. */
export function parseTraceabilitySubject(value: unknown, issuer: string): ParsedCustody {
  const events = readArray(value, PATH, MAX_EVENTS, 1).map((e, i) => parseEvent(e, at(PATH, i), issuer));
  const ids = new Set(events.map((e) => e.id));
  if (ids.size !== events.length) invalid(PATH, 'two events share an id');
  return { body: { kind: 'custody', events }, time: earliest(events.map((e) => e.time)) };
}

interface Base {
  readonly id: string;
  readonly time: string;
}

function parseEvent(value: unknown, path: string, issuer: string): CustodyEvent {
  const raw = asPlainObject(value, path);
  const kind = readKind(raw, path);
  const spec = EVENT_SPECS[kind];
  const e = readObject(raw, path, spec.keys);
  readTypes(req(e, 'type', path), at(path, 'type'), [spec.untpType, 'Event']);
  for (const field of FIXED_FIELDS) {
    const expected = spec[field];
    if (expected !== undefined) readConst(req(e, field, path), at(path, field), expected);
  }
  const base = {
    id: readUri(req(e, 'id', path), at(path, 'id')),
    time: readTime(req(e, 'eventTime', path), at(path, 'eventTime')),
  };
  return PARSERS[kind](e, path, base, issuer);
}

function readKind(raw: JsonObject, path: string): CustodyEventType {
  const types = opt(raw, 'type');
  const foreign = Array.isArray(types)
    ? types.find((t) => UNSUPPORTED_EVENT_TYPES.includes(t as string))
    : undefined;
  if (foreign !== undefined) unsupported(at(path, 'type'), `UNTP ${String(foreign)} is not mapped`);
  const kind = req(raw, 'custodyEvent', path);
  if (typeof kind !== 'string') invalid(at(path, 'custodyEvent'), 'expected a string');
  if (!Object.hasOwn(EVENT_SPECS, kind)) {
    unsupported(at(path, 'custodyEvent'), `custody event kind ${JSON.stringify(kind)} is not supported`);
  }
  return kind as CustodyEventType;
}

type Parser = (e: JsonObject, path: string, base: Base, issuer: string) => CustodyEvent;

const PARSERS: Readonly<Record<CustodyEventType, Parser>> = {
  extract: (e, path, base) => ({
    type: 'extract',
    ...base,
    facility: readUri(req(e, 'bizLocation', path), at(path, 'bizLocation')),
    method: readEnum(req(e, 'extractionMethod', path), at(path, 'extractionMethod'), EXTRACTION_METHODS),
    batch: oneNewBatch(e, path),
    custodyModel: readCustodyModel(e, path),
  }),
  commission: (e, path, base) => ({
    type: 'commission',
    ...base,
    facility: readUri(req(e, 'bizLocation', path), at(path, 'bizLocation')),
    batch: oneNewBatch(e, path),
    custodyModel: readCustodyModel(e, path),
  }),
  ship: parseShip,
  receive: (e, path, base) => {
    const q = one(readQuantityList(e, 'quantityList', path, 1, 1));
    const facility = readUri(req(e, 'bizLocation', path), at(path, 'bizLocation'));
    return { type: 'receive', ...base, batch: q.batch, facility, grams: q.grams };
  },
  transform: (e, path, base) => ({
    type: 'transform',
    ...base,
    facility: readUri(req(e, 'bizLocation', path), at(path, 'bizLocation')),
    process: readEnum(req(e, 'processKind', path), at(path, 'processKind'), PROCESS_KINDS),
    inputs: readQuantityList(e, 'inputQuantityList', path, 1, MAX_BATCHES),
    outputs: readNewBatches(e, 'outputQuantityList', path, 1, MAX_BATCHES),
    tolerancePpm: ppmOf(req(e, 'tolerance', path), at(path, 'tolerance'), 'INTEROP_INVALID'),
    custodyModel: readCustodyModel(e, path),
  }),
  assay: (e, path, base) => {
    const batch = readSingleItem(e, path);
    const contents = readBatchMap(e, 'elementContent', path, new Set([batch]));
    const certificate = opt(e, 'certificate');
    return {
      type: 'assay',
      ...base,
      batch,
      content: readContent(opt(contents, batch), at(at(path, 'elementContent'), batch)),
      ...(certificate === undefined ? {} : { certificate: readString(certificate, at(path, 'certificate')) }),
    };
  },
  trade: parseTrade,
};

function parseShip(e: JsonObject, path: string, base: Base): CustodyEvent {
  const q = one(readQuantityList(e, 'quantityList', path, 1, 1));
  const splitInto = opt(e, 'splitInto');
  const transportMode = opt(e, 'transportMode');
  const expectedArrival = opt(e, 'expectedArrival');
  return {
    type: 'ship',
    ...base,
    batch: q.batch,
    grams: q.grams,
    ...(splitInto === undefined ? {} : { splitInto: readUri(splitInto, at(path, 'splitInto')) }),
    to: readDid(req(e, 'recipient', path), at(path, 'recipient')),
    toFacility: readUri(req(e, 'recipientFacility', path), at(path, 'recipientFacility')),
    ...(transportMode === undefined
      ? {}
      : { transportMode: readString(transportMode, at(path, 'transportMode')) }),
    ...(expectedArrival === undefined
      ? {}
      : { expectedArrival: readTime(expectedArrival, at(path, 'expectedArrival')) }),
  };
}

function parseTrade(e: JsonObject, path: string, base: Base, issuer: string): CustodyEvent {
  // The canonical trade names the buyer only: the seller is the issuer, and the wire must agree.
  if (readDid(req(e, 'sourceParty', path), at(path, 'sourceParty')) !== issuer) {
    invalid(at(path, 'sourceParty'), 'the seller (sourceParty) must be the issuer');
  }
  const amount = opt(e, 'price');
  const currency = opt(e, 'priceCurrency');
  if ((amount === undefined) !== (currency === undefined))
    invalid(path, 'price and priceCurrency go together');
  const incoterm = opt(e, 'incoterm');
  return {
    type: 'trade',
    ...base,
    batch: readSingleItem(e, path),
    buyer: readDid(req(e, 'destinationParty', path), at(path, 'destinationParty')),
    ...(amount === undefined ? {} : { price: readPrice(amount, currency, path) }),
    ...(incoterm === undefined ? {} : { incoterm: readString(incoterm, at(path, 'incoterm')) }),
  };
}

function readPrice(amount: unknown, currency: unknown, path: string): { amount: string; currency: string } {
  if (typeof amount !== 'string' || !AMOUNT.test(amount)) {
    invalid(at(path, 'price'), 'expected a decimal string such as "1234.50" (at most 6 decimals)');
  }
  if (typeof currency !== 'string' || !CURRENCY.test(currency)) {
    invalid(at(path, 'priceCurrency'), 'expected an ISO 4217 currency code');
  }
  return { amount, currency };
}

function oneNewBatch(e: JsonObject, path: string): NewBatch {
  return one(readNewBatches(e, 'quantityList', path, 1, 1));
}

function readCustodyModel(e: JsonObject, path: string): (typeof CUSTODY_MODELS)[number] {
  return readEnum(req(e, 'custodyModel', path), at(path, 'custodyModel'), CUSTODY_MODELS);
}

/** The only item of a list already checked to hold exactly one. */
function one<T>(list: readonly T[]): T {
  const [item] = list;
  if (item === undefined) throw new InteropError('INTEROP_INVALID', 'expected exactly one item');
  return item;
}
