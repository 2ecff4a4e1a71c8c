import {
  type CustodyModel,
  type ElementContent,
  type ExtractionMethod,
  isElementSymbol,
  isMaterialCode,
  type ProcessKind,
} from '../../model/index.js';
import { scaleToInteger } from './decimal.js';
import {
  asArray,
  asObject,
  asString,
  describe,
  type EventView,
  type Json,
  objects,
  own,
  skip,
} from './import-view.js';
import { cbvWord, elementOfSubstance, FRACTION_UNITS, MASS_UNITS } from './vocab.js';

/** One whole million: content is integer ppm, so no element exceeds it. */
const MILLION = 1_000_000;

// Records rather than arrays so the compiler proves every member of the model's unions is listed.
const CUSTODY_MODELS: Readonly<Record<CustodyModel, true>> = {
  'identity-preserved': true,
  segregated: true,
  'controlled-blending': true,
  'mass-balance': true,
  'book-and-claim': true,
};
const EXTRACTION_METHODS: Readonly<Record<ExtractionMethod, true>> = { industrial: true, artisanal: true };
const PROCESS_KINDS: Readonly<Record<ProcessKind, true>> = {
  concentrate: true,
  leach: true,
  refine: true,
  precipitate: true,
  calcine: true,
  blend: true,
  split: true,
  recycle: true,
  manufacture: true,
};

export const isCustodyModel = (value: unknown): value is CustodyModel => isMember(CUSTODY_MODELS, value);
export const isExtractionMethod = (value: unknown): value is ExtractionMethod =>
  isMember(EXTRACTION_METHODS, value);
export const isProcessKind = (value: unknown): value is ProcessKind => isMember(PROCESS_KINDS, value);

function isMember(members: object, value: unknown): boolean {
  return typeof value === 'string' && Object.hasOwn(members, value);
}

/** A quantity element as the schema admits it: a class (our batch) and, optionally, an amount and a unit. */
export interface QuantityElement {
  readonly epcClass: string;
  readonly quantity: unknown;
  readonly uom: unknown;
}

export function quantityElements(list: readonly unknown[]): QuantityElement[] {
  return list.flatMap((item) => {
    const element = asObject(item);
    const epcClass = element === undefined ? undefined : asString(own(element, 'epcClass'));
    if (element === undefined || epcClass === undefined) return [];
    return [{ epcClass, quantity: own(element, 'quantity'), uom: own(element, 'uom') }];
  });
}

/**
 * A quantity in exact whole grams. A quantity without a unit is, in EPCIS, a count of instances;
 * a mass that is not whole grams is refused rather than rounded, since rounding would create or lose mass.
 */
export function gramsOf(element: QuantityElement): number {
  const { epcClass, quantity, uom } = element;
  if (typeof quantity !== 'number') skip('bad-quantity', `${epcClass} has no quantity`);
  if (uom === undefined) {
    skip('bad-quantity', `${epcClass} has no uom: a quantity without a unit counts instances, not mass`);
  }
  const exponent = unitExponent(MASS_UNITS, uom);
  if (exponent === undefined) {
    skip(
      'bad-quantity',
      `${epcClass} is in ${describe(uom)}, not a mass unit Lodestone accounts (KGM, TNE, GRM)`,
    );
  }
  const grams = scaleToInteger(quantity, exponent);
  if (grams === undefined) {
    skip('bad-quantity', `${epcClass}: ${quantity} ${uom} is not a whole number of grams below 2^53`);
  }
  if (grams <= 0) skip('bad-quantity', `${epcClass}: ${quantity} ${uom} is not a positive mass`);
  return grams;
}

/** The power of ten a unit stands for in `table`; own keys only, so `constructor` is no unit. */
function unitExponent(table: Readonly<Record<string, number>>, uom: unknown): number | undefined {
  return typeof uom === 'string' && Object.hasOwn(table, uom) ? table[uom] : undefined;
}

/** The one quantity element of a list that must name exactly one batch. */
export function single(elements: readonly QuantityElement[], what: string): QuantityElement {
  const [only] = elements;
  if (only === undefined || elements.length !== 1) {
    skip('bad-quantity', `${elements.length} quantity elements; a canonical ${what} names exactly one batch`);
  }
  return only;
}

/** Refuse events that name instances: their mass is unknown, and dropping them would misstate the event. */
export function requireMassOnly(
  view: EventView,
  instanceKeys: readonly string[],
  quantityKeys: readonly string[],
): void {
  for (const key of instanceKeys) {
    const value = own(view.raw, key);
    // An EPC list, or a single parent EPC (TransactionEvent parentID).
    if (typeof value === 'string' || asArray(value).length > 0) {
      skip(
        'not-mass',
        `${key} names instances, whose mass is unknown: Lodestone accounts mass, not instances`,
      );
    }
  }
  for (const key of quantityKeys) {
    if (view.list(key).length === 0) skip('not-mass', `no ${key}: Lodestone accounts mass, not instances`);
  }
}

/** The bizStep as a bare CBV word, whichever form the document writes it in. */
export function bizStepOf(view: EventView): string | undefined {
  const step = view.string('bizStep');
  return step === undefined ? undefined : cbvWord(step, 'BizStep');
}

/** The first source or destination of a CBV type (`owning_party`, `possessing_party`, `location`). */
export function party(
  view: EventView,
  list: 'sourceList' | 'destinationList',
  type: string,
): string | undefined {
  const field = list === 'sourceList' ? 'source' : 'destination';
  for (const item of view.list(list)) {
    const entry = asObject(item);
    const entryType = asString(own(entry ?? {}, 'type'));
    if (entry !== undefined && entryType !== undefined && cbvWord(entryType, 'SDT') === type) {
      const value = asString(own(entry, field));
      if (value !== undefined) return value;
    }
  }
  return undefined;
}

/**
 * A fact from the document (`found`), else from the defaults, else the event is skipped. `where` and
 * `fallback` name both places in the reason, so the user knows what to add.
 */
export function fact<T>(
  found: unknown,
  parse: (value: unknown) => T | undefined,
  fallback: T | undefined,
  names: { readonly fact: string; readonly where: string; readonly fallback?: string },
): T {
  if (found !== undefined) {
    const parsed = parse(found);
    if (parsed === undefined)
      skip('bad-fact', `${names.where} ${describe(found)} is not a valid ${names.fact}`);
    return parsed;
  }
  if (fallback !== undefined) return fallback;
  const instead = names.fallback === undefined ? '' : ` nor options.defaults.${names.fallback}`;
  return skip('missing-fact', `no ${names.fact}: neither ${names.where}${instead}`);
}

export const parseMaterial = (value: unknown): string | undefined =>
  typeof value === 'string' && isMaterialCode(value) ? value : undefined;

export const parseString = (value: unknown): string | undefined => asString(value);

export const parseTolerance = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;

/**
 * Lodestone content (`{ "lodestone:Co": 0.3 }`, mass fractions) as integer ppm, rounded to the ppm. A key
 * outside the vocabulary (a bare `"Co"`) makes the content invalid rather than silently smaller: JSON-LD
 * would drop it, but its author meant it.
 */
export function parseContent(view: EventView): (value: unknown) => ElementContent | undefined {
  return (value) => {
    const object = asObject(value);
    if (object === undefined) return undefined;
    const content: Partial<Record<string, number>> = {};
    for (const key of Object.keys(object)) {
      if (key.startsWith('@')) continue;
      const symbol = view.extName(key);
      const ppm = fractionToPpm(own(object, key), 6);
      if (symbol === undefined || !isElementSymbol(symbol) || ppm === undefined) return undefined;
      content[symbol] = ppm;
    }
    return content as ElementContent;
  };
}

function fractionToPpm(value: unknown, exponent: number): number | undefined {
  if (typeof value !== 'number') return undefined;
  const ppm = scaleToInteger(value, exponent, true);
  return ppm !== undefined && ppm >= 0 && ppm <= MILLION ? ppm : undefined;
}

/**
 * Element content measured by sensor reports: each report whose `chemicalSubstance` is an element's InChI
 * and whose `value` is a mass fraction (ppm, %, or a plain fraction). Reports on other substances or
 * quantities (temperature, …) are not element content and are passed over.
 */
export function measuredContent(view: EventView): ElementContent {
  const content: Partial<Record<string, number>> = {};
  for (const report of sensorReports(view)) {
    const substance = asString(own(report, 'chemicalSubstance'));
    const symbol = substance === undefined ? undefined : elementOfSubstance(substance);
    if (symbol === undefined) continue;
    if (!isElementSymbol(symbol)) skip('bad-fact', `${symbol} is not an element Lodestone knows`);
    if (content[symbol] !== undefined) skip('bad-fact', `two sensor reports measure ${symbol}`);
    content[symbol] = reportPpm(report, symbol);
  }
  if (Object.keys(content).length === 0) {
    skip(
      'missing-fact',
      'no element content measured: no sensorReport gives an element (InChI) a mass fraction',
    );
  }
  return content as ElementContent;
}

function sensorReports(view: EventView): Json[] {
  return objects(
    objects(view.list('sensorElementList')).flatMap((element) => asArray(own(element, 'sensorReport'))),
  );
}

function reportPpm(report: Json, symbol: string): number {
  const uom = own(report, 'uom');
  const exponent = unitExponent(FRACTION_UNITS, uom);
  if (exponent === undefined) {
    skip(
      'bad-fact',
      `${symbol} is measured in ${describe(uom)}, not a mass fraction (59 ppm, P1 %, C62 one)`,
    );
  }
  const ppm = fractionToPpm(own(report, 'value'), exponent);
  if (ppm === undefined)
    skip('bad-fact', `${symbol} value ${describe(own(report, 'value'))} is not a mass fraction`);
  return ppm;
}
