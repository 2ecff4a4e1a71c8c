import type {
  AssayEvent,
  CommissionEvent,
  CustodyEvent,
  CustodyModel,
  ElementContent,
  ExtractEvent,
  NewBatch,
  ReceiveEvent,
  ShipEvent,
  TradeEvent,
  TransformEvent,
} from '../../model/index.js';
import {
  bizStepOf,
  fact,
  gramsOf,
  isCustodyModel,
  isExtractionMethod,
  isProcessKind,
  measuredContent,
  parseContent,
  parseMaterial,
  parseString,
  parseTolerance,
  party,
  type QuantityElement,
  quantityElements,
  requireMassOnly,
  single,
} from './import-facts.js';
import { asArray, asObject, asString, type EventView, type Json, objects, own, skip } from './import-view.js';
import type { ImportDefaults } from './types.js';
import { L, LODESTONE_PREFIX } from './vocab.js';

/** What every mapper may consult besides the event. */
export interface MapContext {
  readonly defaults: ImportDefaults;
  readonly isMine: (facility: string) => boolean;
  /** The canonical id of the event (its eventID, else one derived from the document). */
  readonly eventId: (view: EventView) => string;
}

const DECIMAL = /^\d+(?:\.\d+)?$/;
const CURRENCY = /^[A-Z]{3}$/;

/**
 * The canonical event an EPCIS event stands for.
 * @throws SkipSignal when it stands for none, with the reason
 */
export function mapEvent(view: EventView, ctx: MapContext): CustodyEvent {
  if (view.has('errorDeclaration')) {
    skip('error-declaration', 'declares an earlier event erroneous; Lodestone corrects by new statements');
  }
  switch (view.type) {
    case 'ObjectEvent':
      return objectEvent(view, ctx);
    case 'TransformationEvent':
      return transformation(view, ctx);
    case 'TransactionEvent':
      return transaction(view, ctx);
    case 'AggregationEvent':
    case 'AssociationEvent':
      return skip(
        'unsupported-event-type',
        `${view.type}: packing and association of instances has no canonical event`,
      );
    default:
      return skip('unsupported-event-type', `extension event type ${view.type} is not understood`);
  }
}

type Mapper = (view: EventView, ctx: MapContext) => CustodyEvent;

/** ObjectEvents by `<action> <bizStep>`: the only combinations with a canonical counterpart. */
const OBJECT_EVENTS: ReadonlyMap<string, Mapper> = new Map<string, Mapper>([
  ['ADD commissioning', commissioning],
  ['ADD creating_class_instance', commissioning],
  ['OBSERVE shipping', ship],
  ['OBSERVE receiving', receive],
  ['OBSERVE inspecting', assay],
  ['OBSERVE sampling', assay],
]);

function objectEvent(view: EventView, ctx: MapContext): CustodyEvent {
  requireMassOnly(view, ['epcList'], ['quantityList']);
  const action = view.string('action');
  const step = bizStepOf(view);
  const mapper = OBJECT_EVENTS.get(`${action} ${step}`);
  if (mapper !== undefined) return mapper(view, ctx);
  return skip(
    'unsupported-step',
    `ObjectEvent ${action} ${step === undefined ? 'without bizStep' : `bizStep ${step}`} has no canonical event ` +
      `(mapped: ${[...OBJECT_EVENTS.keys()].join(', ')})`,
  );
}

function base(view: EventView, ctx: MapContext): { readonly id: string; readonly time: string } {
  const time = view.string('eventTime') ?? skip('missing-fact', 'no eventTime');
  return { id: ctx.eventId(view), time };
}

/** A new batch: `extract` at a mine, `commission` anywhere else. */
function commissioning(view: EventView, ctx: MapContext): ExtractEvent | CommissionEvent {
  const element = single(quantityElements(view.list('quantityList')), 'commissioning');
  const ilmd = view.object('ilmd') ?? {};
  const batch = newBatch(view, ctx, element, ilmd, 'ilmd');
  const facility = facilityOf(view, ctx);
  const custodyModel = custodyModelOf(view, ctx, ilmd);
  if (!ctx.isMine(facility)) {
    return { ...base(view, ctx), type: 'commission', facility, batch, custodyModel };
  }
  const method = fact(
    view.ext(L.extractionMethod, ilmd),
    parseWith(isExtractionMethod),
    ctx.defaults.extractionMethod,
    {
      fact: 'extraction method',
      where: `ilmd ${fieldName(L.extractionMethod)}`,
      fallback: 'extractionMethod',
    },
  );
  return { ...base(view, ctx), type: 'extract', facility, method, batch, custodyModel };
}

function ship(view: EventView, ctx: MapContext): ShipEvent {
  const element = single(quantityElements(view.list('quantityList')), 'ship');
  const grams = gramsOf(element);
  const recipient =
    party(view, 'destinationList', 'possessing_party') ?? party(view, 'destinationList', 'owning_party');
  const to = fact(recipient, parseString, undefined, {
    fact: 'recipient',
    where: 'destinationList possessing_party or owning_party',
  });
  const toFacility = fact(party(view, 'destinationList', 'location'), parseString, undefined, {
    fact: 'destination facility',
    where: 'destinationList location',
  });
  return {
    ...base(view, ctx),
    type: 'ship',
    batch: element.epcClass,
    grams,
    ...optional('splitInto', text(view, L.splitInto)),
    to,
    toFacility,
    ...optional('transportMode', text(view, L.transportMode)),
    ...optional('expectedArrival', text(view, L.expectedArrival)),
  };
}

function receive(view: EventView, ctx: MapContext): ReceiveEvent {
  const element = single(quantityElements(view.list('quantityList')), 'receive');
  const grams = gramsOf(element);
  const facility = facilityOf(view, ctx);
  return { ...base(view, ctx), type: 'receive', batch: element.epcClass, facility, grams };
}

/** A measurement; its content is never defaulted: an assay nobody measured is no assay. */
function assay(view: EventView, ctx: MapContext): AssayEvent {
  const element = single(quantityElements(view.list('quantityList')), 'assay');
  const content = measuredContent(view);
  return {
    ...base(view, ctx),
    type: 'assay',
    batch: element.epcClass,
    content,
    ...optional('certificate', certificateOf(view)),
  };
}

function transformation(view: EventView, ctx: MapContext): TransformEvent {
  requireMassOnly(view, ['inputEPCList', 'outputEPCList'], ['inputQuantityList', 'outputQuantityList']);
  const ilmd = view.object('ilmd') ?? {};
  const inputs = quantityElements(view.list('inputQuantityList')).map((element) => ({
    batch: element.epcClass,
    grams: gramsOf(element),
  }));
  const outputs = quantityElements(view.list('outputQuantityList')).map((element) =>
    outputBatch(view, ctx, element, ilmd),
  );
  const facility = facilityOf(view, ctx);
  const process = fact(view.ext(L.process), parseWith(isProcessKind), ctx.defaults.process, {
    fact: 'process kind',
    where: fieldName(L.process),
    fallback: 'process',
  });
  // Without a stated tolerance, 0: the strictest conservation check, never a laxer one.
  const tolerancePpm = fact(view.ext(L.tolerancePpm), parseTolerance, ctx.defaults.tolerancePpm ?? 0, {
    fact: 'tolerance in ppm',
    where: fieldName(L.tolerancePpm),
  });
  const custodyModel = custodyModelOf(view, ctx, ilmd);
  return {
    ...base(view, ctx),
    type: 'transform',
    facility,
    process,
    inputs,
    outputs,
    tolerancePpm,
    custodyModel,
  };
}

/** An output batch, described by its `lodestone:outputs` entry in the ILMD, else by the ILMD as a whole. */
function outputBatch(view: EventView, ctx: MapContext, element: QuantityElement, ilmd: Json): NewBatch {
  const entry = objects(asArray(view.ext(L.outputs, ilmd))).find(
    (item) => (asString(own(item, 'id')) ?? asString(own(item, '@id'))) === element.epcClass,
  );
  const where = entry === undefined ? 'ilmd' : `ilmd ${fieldName(L.outputs)} entry for ${element.epcClass}`;
  return newBatch(view, ctx, element, entry ?? ilmd, where);
}

function newBatch(
  view: EventView,
  ctx: MapContext,
  element: QuantityElement,
  facts: Json,
  where: string,
): NewBatch {
  const grams = gramsOf(element);
  const material = fact(view.ext(L.material, facts), parseMaterial, ctx.defaults.material, {
    fact: 'material code',
    where: `${where} ${fieldName(L.material)}`,
    fallback: 'material',
  });
  const content: ElementContent = fact(view.ext(L.content, facts), parseContent(view), ctx.defaults.content, {
    fact: 'element content',
    where: `${where} ${fieldName(L.content)}`,
    fallback: 'content',
  });
  return { id: element.epcClass, material, grams, content };
}

/** Ownership changes hands: TransactionEvent ADD, seller and buyer as owning parties. */
function transaction(view: EventView, ctx: MapContext): TradeEvent {
  requireMassOnly(view, ['epcList', 'parentID'], ['quantityList']);
  const action = view.string('action');
  if (action !== 'ADD') {
    skip('unsupported-step', `TransactionEvent ${action}: only ADD (objects join a transaction) is a trade`);
  }
  const element = single(quantityElements(view.list('quantityList')), 'trade');
  const buyer = fact(party(view, 'destinationList', 'owning_party'), parseString, undefined, {
    fact: 'buyer',
    where: 'destinationList owning_party',
  });
  return {
    ...base(view, ctx),
    type: 'trade',
    batch: element.epcClass,
    buyer,
    ...optional('price', priceOf(view)),
    ...optional('incoterm', text(view, L.incoterm)),
  };
}

function priceOf(view: EventView): TradeEvent['price'] {
  const found = view.ext(L.price);
  if (found === undefined) return undefined;
  return fact(
    found,
    (value) => {
      const price = asObject(value) ?? {};
      const amount = asString(view.ext(L.amount, price));
      const currency = asString(view.ext(L.currency, price));
      const valid =
        amount !== undefined && DECIMAL.test(amount) && currency !== undefined && CURRENCY.test(currency);
      return valid ? { amount, currency } : undefined;
    },
    undefined,
    { fact: 'price (decimal amount, ISO 4217 currency)', where: fieldName(L.price) },
  );
}

function facilityOf(view: EventView, ctx: MapContext): string {
  return fact(asString(own(view.object('bizLocation') ?? {}, 'id')), parseString, ctx.defaults.facility, {
    fact: 'facility',
    where: 'bizLocation',
    fallback: 'facility',
  });
}

function custodyModelOf(view: EventView, ctx: MapContext, ilmd: Json): CustodyModel {
  return fact(view.ext(L.custodyModel, ilmd), parseWith(isCustodyModel), ctx.defaults.custodyModel, {
    fact: 'custody model',
    where: `ilmd ${fieldName(L.custodyModel)}`,
    fallback: 'custodyModel',
  });
}

/** EPCIS certificationInfo (the first, when several), else `lodestone:certificate`. */
function certificateOf(view: EventView): string | undefined {
  const info = own(view.raw, 'certificationInfo');
  return asString(info) ?? asString(asArray(info)[0]) ?? text(view, L.certificate);
}

/** An optional Lodestone text field; present but not text skips the event. */
function text(view: EventView, name: string): string | undefined {
  const found = view.ext(name);
  return found === undefined
    ? undefined
    : fact(found, parseString, undefined, { fact: 'text', where: fieldName(name) });
}

function parseWith<T>(guard: (value: unknown) => value is T): (value: unknown) => T | undefined {
  return (value) => (guard(value) ? value : undefined);
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** How a reason names an extension field. */
function fieldName(name: string): string {
  return `${LODESTONE_PREFIX}:${name}`;
}
