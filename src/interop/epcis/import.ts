import { canonicalize, sha256Hex } from '../../crypto/index.js';
import {
  type CustodyEvent,
  type ElementContent,
  isElementSymbol,
  isMaterialCode,
} from '../../model/index.js';
import { EpcisError } from './errors.js';
import { isCustodyModel, isExtractionMethod, isProcessKind, parseTolerance } from './import-facts.js';
import { type MapContext, mapEvent } from './import-map.js';
import {
  asArray,
  asObject,
  asString,
  EventView,
  type Json,
  lodestonePrefixes,
  own,
  SkipSignal,
} from './import-view.js';
import { isEpcisUri, summarizeErrors, validateEpcis } from './schema.js';
import type { ImportDefaults, ImportOptions, ImportResult, SkippedEvent } from './types.js';
import { L } from './vocab.js';

/**
 * Map an EPCIS 2.0 JSON-LD document (an `EPCISDocument`, or the event list of an `EPCISQueryDocument`) to
 * canonical custody events. Every event of the list is accounted for: mapped, or skipped with a code and
 * a reason (an event EPCIS describes but Lodestone does not model, or one lacking a fact Lodestone needs
 * that neither its `lodestone:` fields nor `options.defaults` supply).
 *
 * Ids: an event's `eventID`, else its `lodestone:id`, else `urn:lodestone:epcis:<sha-256 of the document's
 * RFC 8785 form>:<index>`, stable across runs. Batch ids are the quantity elements' `epcClass` URIs.
 * @throws EpcisError EPCIS_INVALID_DOCUMENT when the input is not a schema-valid EPCIS document (its
 *   `errors` list the violations); EPCIS_BAD_OPTIONS when `options.defaults` is malformed
 */
export function importEpcis(doc: unknown, options: ImportOptions = {}): ImportResult {
  const defaults = checkDefaults(options.defaults ?? {});
  const { eventList, context } = readDocument(doc);
  const documentPrefixes = lodestonePrefixes(context, new Set());
  const ctx: MapContext = { defaults, isMine: mineTest(options.mines), eventId: eventIds(doc) };
  const result: ImportResult = { events: [], skipped: [] };
  for (const [index, item] of eventList.entries()) {
    const raw: Json = asObject(item) ?? {};
    const view = new EventView(raw, index, lodestonePrefixes(own(raw, '@context'), documentPrefixes));
    const outcome = mapOrSkip(view, ctx);
    if ('event' in outcome) result.events.push(outcome.event);
    else result.skipped.push(outcome.skipped);
  }
  return result;
}

function mapOrSkip(view: EventView, ctx: MapContext): { event: CustodyEvent } | { skipped: SkippedEvent } {
  try {
    return { event: mapEvent(view, ctx) };
  } catch (signal) {
    if (!(signal instanceof SkipSignal)) throw signal;
    const { index, eventID, type } = view;
    const { code, reason } = signal;
    return { skipped: { index, ...(eventID === undefined ? {} : { eventID }), type, code, reason } };
  }
}

/** The event list and top-level `@context` of a schema-valid EPCIS document. */
function readDocument(doc: unknown): { readonly eventList: readonly unknown[]; readonly context: unknown } {
  const { ok, errors } = validateQuietly(doc);
  if (!ok) {
    throw new EpcisError('EPCIS_INVALID_DOCUMENT', `not valid EPCIS 2.0: ${summarizeErrors(errors)}`, {
      errors,
    });
  }
  const root = asObject(doc) ?? {};
  const body = asObject(own(root, 'epcisBody')) ?? {};
  switch (own(root, 'type')) {
    case 'EPCISDocument':
      return { eventList: asArray(own(body, 'eventList')), context: own(root, '@context') };
    case 'EPCISQueryDocument': {
      const results = asObject(own(asObject(own(body, 'queryResults')) ?? {}, 'resultsBody')) ?? {};
      return { eventList: asArray(own(results, 'eventList')), context: own(root, '@context') };
    }
    default:
      throw new EpcisError(
        'EPCIS_INVALID_DOCUMENT',
        `a ${describeType(own(root, 'type'))} is not an EPCISDocument or EPCISQueryDocument (wrap events in a document)`,
      );
  }
}

/** Schema validation, with a document too deeply nested for the validator's recursion reported as invalid. */
function validateQuietly(doc: unknown): { readonly ok: boolean; readonly errors: readonly string[] } {
  try {
    return validateEpcis(doc);
  } catch (cause) {
    if (cause instanceof EpcisError) throw cause;
    throw new EpcisError('EPCIS_INVALID_DOCUMENT', 'the document cannot be validated', { cause });
  }
}

function describeType(type: unknown): string {
  return typeof type === 'string' ? JSON.stringify(type.slice(0, 60)) : 'document without a type';
}

/** eventID, else lodestone:id (how Lodestone exports an id that is not a URI), else derived from the document. */
function eventIds(doc: unknown): (view: EventView) => string {
  let documentHash: string | undefined;
  const derived = (index: number): string => {
    documentHash ??= hashDocument(doc);
    return `urn:lodestone:epcis:${documentHash}:${index}`;
  };
  return (view) => view.eventID ?? asString(view.ext(L.id)) ?? derived(view.index);
}

function hashDocument(doc: unknown): string {
  try {
    return sha256Hex(canonicalize(doc));
  } catch (cause) {
    throw new EpcisError(
      'EPCIS_INVALID_DOCUMENT',
      'an event has no eventID, and the document has no RFC 8785 form to derive one from',
      { cause },
    );
  }
}

function mineTest(mines: ImportOptions['mines']): (facility: string) => boolean {
  if (mines === undefined) return () => false;
  if (typeof mines === 'function') return mines;
  return (facility) => mines.has(facility);
}

/**
 * Defaults are checked once, up front, so that a bad default is the caller's error (thrown) and not a
 * reason to skip every event.
 * @throws EpcisError EPCIS_BAD_OPTIONS
 */
function checkDefaults(defaults: ImportDefaults): ImportDefaults {
  const problems = [
    defaults.material !== undefined &&
      !isMaterialCode(defaults.material) &&
      `unknown material ${defaults.material}`,
    defaults.content !== undefined &&
      !isContent(defaults.content) &&
      'content must map element symbols to 0..10^6 ppm',
    defaults.facility !== undefined && !isEpcisUri(defaults.facility) && 'facility must be a URI',
    defaults.process !== undefined &&
      !isProcessKind(defaults.process) &&
      `unknown process ${defaults.process}`,
    defaults.tolerancePpm !== undefined &&
      parseTolerance(defaults.tolerancePpm) === undefined &&
      'tolerancePpm must be a non-negative integer',
    defaults.custodyModel !== undefined &&
      !isCustodyModel(defaults.custodyModel) &&
      `unknown custody model ${defaults.custodyModel}`,
    defaults.extractionMethod !== undefined &&
      !isExtractionMethod(defaults.extractionMethod) &&
      `unknown extraction method ${defaults.extractionMethod}`,
  ].filter((problem): problem is string => typeof problem === 'string');
  if (problems.length > 0) {
    throw new EpcisError('EPCIS_BAD_OPTIONS', `bad import defaults: ${problems.join('; ')}`);
  }
  return defaults;
}

function isContent(content: ElementContent): boolean {
  return Object.entries(content).every(
    ([symbol, ppm]) =>
      isElementSymbol(symbol) &&
      (ppm === undefined || (Number.isSafeInteger(ppm) && ppm >= 0 && ppm <= 1_000_000)),
  );
}
