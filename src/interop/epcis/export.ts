import { sha256Hex } from '../../crypto/index.js';
import type {
  AssayEvent,
  CommissionEvent,
  CustodyEvent,
  CustodyEventType,
  ElementContent,
  ExtractEvent,
  NewBatch,
  ShipEvent,
  TradeEvent,
  TransformEvent,
} from '../../model/index.js';
import { exactQuotient } from './decimal.js';
import { EpcisError } from './errors.js';
import { isEpcisUri, summarizeErrors, validateEpcis } from './schema.js';
import type { EpcisDocument, EpcisEvent, ExportedEvent, ExportOptions } from './types.js';
import {
  EXPORT_CONTEXT,
  elementSubstanceUri,
  FRACTION_MEASUREMENT,
  L,
  lodestoneField as lf,
  PPM_UNIT,
} from './vocab.js';

type Fields = Record<string, unknown>;

const EPCIS_TYPE: Readonly<Record<CustodyEventType, string>> = {
  extract: 'ObjectEvent',
  commission: 'ObjectEvent',
  ship: 'ObjectEvent',
  receive: 'ObjectEvent',
  assay: 'ObjectEvent',
  transform: 'TransformationEvent',
  trade: 'TransactionEvent',
};

/**
 * Export registered custody events as one EPCIS 2.0 `EPCISDocument` (JSON-LD), in the order given.
 * Facts EPCIS has no field for travel as `lodestone:` extension fields and ILMD, so that
 * `importEpcis` gives the canonical events back. The result is checked against the EPCIS JSON schema.
 * @throws EpcisError EPCIS_NOT_EXPRESSIBLE when an event cannot be written as valid EPCIS (an id that is
 *   not a URI where EPCIS needs one, a time that is not RFC 3339, a quantity that is not whole grams)
 */
export function exportEpcis(events: readonly ExportedEvent[], options: ExportOptions): EpcisDocument {
  const doc: EpcisDocument = {
    '@context': EXPORT_CONTEXT,
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: options.creationDate,
    ...optional('sender', options.sender),
    ...optional('receiver', options.receiver),
    epcisBody: { eventList: events.map(toEpcisEvent) },
  };
  const { ok, errors } = validateEpcis(doc);
  if (!ok) {
    throw new EpcisError('EPCIS_NOT_EXPRESSIBLE', `not valid EPCIS 2.0: ${summarizeErrors(errors)}`, {
      errors,
    });
  }
  return doc;
}

function toEpcisEvent(exported: ExportedEvent): EpcisEvent {
  const { event } = exported;
  return {
    type: EPCIS_TYPE[event.type],
    eventTime: event.time,
    eventTimeZoneOffset: timeZoneOffset(event.time),
    recordTime: exported.recordTime,
    // EPCIS wants a URI here; an id that is not one travels as lodestone:id instead.
    ...(isEpcisUri(event.id) ? { eventID: event.id } : { [lf(L.id)]: event.id }),
    ...body(event, exported.actor),
    [lf(L.statement)]: exported.statement,
    [lf(L.actor)]: exported.actor,
  };
}

function body(event: CustodyEvent, actor: string): Fields {
  switch (event.type) {
    case 'extract':
    case 'commission':
      return commissioning(event);
    case 'ship':
      return shipping(event, actor);
    case 'receive':
      return {
        action: 'OBSERVE',
        bizStep: 'receiving',
        disposition: 'in_progress',
        quantityList: [massQuantity(event.batch, event.grams)],
        bizLocation: { id: event.facility },
      };
    case 'transform':
      return transformation(event);
    case 'assay':
      return inspecting(event);
    case 'trade':
      return transaction(event, actor);
  }
}

/** A new batch: ObjectEvent ADD, its description in ILMD (which EPCIS allows only on ADD). */
function commissioning(event: ExtractEvent | CommissionEvent): Fields {
  return {
    action: 'ADD',
    bizStep: 'commissioning',
    disposition: 'active',
    quantityList: [massQuantity(event.batch.id, event.batch.grams)],
    bizLocation: { id: event.facility },
    ilmd: {
      ...batchFacts(event.batch),
      [lf(L.custodyModel)]: event.custodyModel,
      ...(event.type === 'extract' ? { [lf(L.extractionMethod)]: event.method } : {}),
    },
  };
}

/**
 * The custodian (possessing party) dispatches to the recipient at a facility. No owning party is written:
 * shipping moves custody, and ownership is the business of `trade`.
 */
function shipping(event: ShipEvent, actor: string): Fields {
  return {
    action: 'OBSERVE',
    bizStep: 'shipping',
    disposition: 'in_transit',
    quantityList: [massQuantity(event.batch, event.grams)],
    sourceList: [{ type: 'possessing_party', source: actor }],
    destinationList: [
      { type: 'possessing_party', destination: event.to },
      { type: 'location', destination: event.toFacility },
    ],
    ...optional(lf(L.splitInto), event.splitInto),
    ...optional(lf(L.transportMode), event.transportMode),
    ...optional(lf(L.expectedArrival), event.expectedArrival),
  };
}

function transformation(event: TransformEvent): Fields {
  return {
    inputQuantityList: event.inputs.map((input) => massQuantity(input.batch, input.grams)),
    outputQuantityList: event.outputs.map((output) => massQuantity(output.id, output.grams)),
    bizStep: 'commissioning',
    disposition: 'active',
    bizLocation: { id: event.facility },
    ilmd: {
      [lf(L.custodyModel)]: event.custodyModel,
      [lf(L.outputs)]: event.outputs.map((output) => ({ id: output.id, ...batchFacts(output) })),
    },
    [lf(L.process)]: event.process,
    [lf(L.tolerancePpm)]: event.tolerancePpm,
  };
}

/**
 * An assay: ObjectEvent OBSERVE inspecting of the batch (a quantity element without quantity: the
 * batch is named, no mass moves), one sensor report per element in ppm.
 */
function inspecting(event: AssayEvent): Fields {
  const reports = Object.entries(event.content).flatMap(([symbol, ppm]) =>
    ppm === undefined
      ? []
      : [
          {
            type: FRACTION_MEASUREMENT,
            chemicalSubstance: elementSubstanceUri(symbol),
            value: ppm,
            uom: PPM_UNIT,
          },
        ],
  );
  return {
    action: 'OBSERVE',
    bizStep: 'inspecting',
    quantityList: [{ epcClass: event.batch }],
    ...(reports.length === 0 ? {} : { sensorElementList: [{ sensorReport: reports }] }),
    ...certificate(event.certificate),
  };
}

function certificate(value: string | undefined): Fields {
  if (value === undefined) return {};
  return isEpcisUri(value) ? { certificationInfo: value } : { [lf(L.certificate)]: value };
}

/** Ownership passes from the seller (the statement's actor) to the buyer under a purchase order. */
function transaction(event: TradeEvent, actor: string): Fields {
  return {
    action: 'ADD',
    bizTransactionList: [{ type: 'po', bizTransaction: transactionUri(event.id) }],
    quantityList: [{ epcClass: event.batch }],
    sourceList: [{ type: 'owning_party', source: actor }],
    destinationList: [{ type: 'owning_party', destination: event.buyer }],
    ...(event.price === undefined
      ? {}
      : { [lf(L.price)]: { [lf(L.amount)]: event.price.amount, [lf(L.currency)]: event.price.currency } }),
    ...optional(lf(L.incoterm), event.incoterm),
  };
}

/** The trade statement is the record of the transaction, so its id names it (hashed when not a URI). */
function transactionUri(eventId: string): string {
  return isEpcisUri(eventId) ? eventId : `urn:lodestone:trade:${sha256Hex(eventId)}`;
}

function batchFacts(batch: NewBatch): Fields {
  return { [lf(L.material)]: batch.material, [lf(L.content)]: contentFractions(batch.content) };
}

/** Element content as mass fractions (`lodestone:Co: 0.3`); ppm / 10^6 always prints exactly. */
function contentFractions(content: ElementContent): Fields {
  const fractions: Fields = {};
  for (const [symbol, ppm] of Object.entries(content)) {
    if (ppm === undefined) continue;
    const fraction = Number.isSafeInteger(ppm) ? exactQuotient(ppm, 6) : undefined;
    if (fraction === undefined) throw notExpressible(`content of ${symbol} is not whole ppm: ${ppm}`);
    fractions[lf(symbol)] = fraction;
  }
  return fractions;
}

/**
 * Mass in kilograms (KGM) as an exact decimal. Past 15 significant digits (10^15 g, a billion tonnes) no
 * double prints as the exact kilogram decimal, so such a mass is written in grams (GRM) instead.
 */
function massQuantity(epcClass: string, grams: number): Fields {
  if (!Number.isSafeInteger(grams) || grams <= 0) {
    throw notExpressible(`quantity of ${epcClass} is not a positive whole number of grams: ${grams}`);
  }
  const kilograms = exactQuotient(grams, 3);
  return kilograms === undefined
    ? { epcClass, quantity: grams, uom: 'GRM' }
    : { epcClass, quantity: kilograms, uom: 'KGM' };
}

const OFFSET = /([+-]\d{2}:\d{2})$/;

/** The offset an RFC 3339 time is written in; `Z` is `+00:00`. */
function timeZoneOffset(time: string): string {
  return OFFSET.exec(time)?.[1] ?? '+00:00';
}

function optional(key: string, value: string | undefined): Fields {
  return value === undefined ? {} : { [key]: value };
}

function notExpressible(message: string): EpcisError {
  return new EpcisError('EPCIS_NOT_EXPRESSIBLE', message);
}
