import { type CustodyEvent, getMaterial, isMaterialCode, type NewBatch } from '../../model/index.js';
import { invalid } from './check.js';
import { contentJson, quantityJson } from './dte-batches.js';
import { MAX_EVENTS } from './dte-parse.js';
import { EVENT_SPECS } from './dte-spec.js';
import { envelope, TRACEABILITY_KIND } from './envelope.js';
import { fractionOf } from './quantity.js';
import { earliest } from './time.js';
import type { CredentialIssuerInput, CredentialJson, CredentialOptions, JsonMap } from './wire.js';

/** Options of {@link traceabilityJson}. */
export interface TraceabilityOptions extends CredentialOptions {
  /**
   * The UNTP `productName` of a batch an event only refers to (shipped, received, consumed, assayed,
   * traded): the name of its material, if the caller knows it. Default: the batch id. Batches an event
   * creates are always named after their material.
   */
  readonly productName?: (batch: string) => string | undefined;
}

type Namer = (batch: string) => string;

/**
 * The `DigitalTraceabilityEvent` JSON of custody events (one credential, events in order). `validFrom` is
 * the earliest event time.
 */
export function traceabilityJson(
  events: readonly CustodyEvent[],
  issuer: CredentialIssuerInput,
  options: TraceabilityOptions = {},
): CredentialJson {
  if (events.length === 0 || events.length > MAX_EVENTS) {
    invalid('/credentialSubject', `expected 1 to ${MAX_EVENTS} events`);
  }
  const name: Namer = (batch) => options.productName?.(batch) ?? batch;
  const subject = events.map((event) => eventJson(event, issuer.id, name));
  return envelope(
    TRACEABILITY_KIND,
    issuer,
    options,
    subject,
    earliest(events.map((e) => e.time)) || undefined,
  );
}

function eventJson(event: CustodyEvent, issuer: string, name: Namer): JsonMap {
  const spec = EVENT_SPECS[event.type];
  return {
    type: [spec.untpType, 'Event'],
    id: event.id,
    custodyEvent: event.type,
    eventTime: event.time,
    ...(spec.action === undefined ? {} : { action: spec.action }),
    ...(spec.bizStep === undefined ? {} : { bizStep: spec.bizStep }),
    ...(spec.disposition === undefined ? {} : { disposition: spec.disposition }),
    ...(spec.bizTransaction === undefined ? {} : { bizTransaction: spec.bizTransaction }),
    ...bodyJson(event, issuer, name),
  };
}

function bodyJson(event: CustodyEvent, issuer: string, name: Namer): JsonMap {
  switch (event.type) {
    case 'extract':
    case 'commission':
      return {
        bizLocation: event.facility,
        ...newBatchesJson('quantityList', [event.batch]),
        ...(event.type === 'extract' ? { extractionMethod: event.method } : {}),
        custodyModel: event.custodyModel,
      };
    case 'ship':
      return {
        quantityList: [quantityJson(event.batch, name(event.batch), event.grams)],
        ...(event.splitInto === undefined ? {} : { splitInto: event.splitInto }),
        recipient: event.to,
        recipientFacility: event.toFacility,
        ...(event.transportMode === undefined ? {} : { transportMode: event.transportMode }),
        ...(event.expectedArrival === undefined ? {} : { expectedArrival: event.expectedArrival }),
      };
    case 'receive':
      return {
        bizLocation: event.facility,
        quantityList: [quantityJson(event.batch, name(event.batch), event.grams)],
      };
    case 'transform':
      return {
        bizLocation: event.facility,
        processKind: event.process,
        inputQuantityList: event.inputs.map((i) => quantityJson(i.batch, name(i.batch), i.grams)),
        ...newBatchesJson('outputQuantityList', event.outputs),
        tolerance: fractionOf(event.tolerancePpm, 'INTEROP_INVALID'),
        custodyModel: event.custodyModel,
      };
    case 'assay':
      return {
        epcList: [{ id: event.batch, name: name(event.batch) }],
        elementContent: Object.fromEntries([[event.batch, contentJson(event.content)]]),
        ...(event.certificate === undefined ? {} : { certificate: event.certificate }),
      };
    case 'trade':
      return {
        sourceParty: issuer,
        destinationParty: event.buyer,
        epcList: [{ id: event.batch, name: name(event.batch) }],
        ...(event.price === undefined
          ? {}
          : { price: event.price.amount, priceCurrency: event.price.currency }),
        ...(event.incoterm === undefined ? {} : { incoterm: event.incoterm }),
      };
  }
}

/** New batches: the quantity list under `key`, and the event's `material` and `elementContent` maps. */
function newBatchesJson(key: string, batches: readonly NewBatch[]): JsonMap {
  return {
    [key]: batches.map((b) => quantityJson(b.id, materialName(b.material), b.grams)),
    material: Object.fromEntries(batches.map((b) => [b.id, b.material])),
    elementContent: Object.fromEntries(batches.map((b) => [b.id, contentJson(b.content)])),
  };
}

/** A material's name from the vocabulary; an unknown code names itself (the ledger, not the mapper, rejects it). */
function materialName(code: string): string {
  return isMaterialCode(code) ? getMaterial(code).name : code;
}
