import {
  type ElementContent,
  type ElementSymbol,
  FACILITY_KINDS,
  type FacilityKind,
  isElementSymbol,
  isStatementId,
  MAX_MICROGRAMS_DIGITS,
  MAX_SUMMARY_ELEMENTS,
  MAX_SUMMARY_ORIGINS,
  MAX_SUMMARY_PAIRS,
  type ProvenanceSummaryStatement,
  type SummaryComposition,
  type SummaryOrigin,
} from '../../model/index.js';
import { InteropError } from '../errors.js';
import {
  asPlainObject,
  at,
  checkDistinct,
  invalid,
  isUri,
  readArray,
  readEnum,
  readObject,
  readString,
  readUri,
  req,
} from './check.js';
import { envelope, PROVENANCE_SUMMARY_KIND } from './envelope.js';
import { readCountry } from './identity.js';
import { PPM } from './quantity.js';
import type { CredentialIssuerInput, CredentialJson, CredentialOptions, JsonMap } from './wire.js';

/**
 * The Lodestone extension credential `ProvenanceSummary` (DESIGN.md §8): a node operator's statement about
 * a batch leaving its nation — the batch as its log knows it (material, grams, element content in ppm), its
 * composition by origin (custody's rows, exact micrograms) and the facts of each origin facility, so the
 * receiving nation can trace it without reading the origin log. Envelope as every extension: `@context`
 * `[VC 2.0, Lodestone]`, issuer `{id, name}`, exact properties, `validFrom` the statement's time. Whether
 * the issuer operates the origin node is the service's check, not the parser's.
 */

const SUBJECT_KEYS: ReadonlySet<string> = new Set([
  'id',
  'material',
  'grams',
  'content',
  'composition',
  'origins',
  'shipment',
]);
const ORIGIN_KEYS: ReadonlySet<string> = new Set(['id', 'name', 'country', 'facilityKind']);
const PATH = '/credentialSubject';

/** An origin key: how the mass entered custody, a space, the facility's URI (custody's `OriginKey`). */
const ORIGIN_KEY = /^(?:industrial|artisanal|undeclared) (.+)$/;
/** Micrograms: a decimal digit string without leading zeros. */
const MICROGRAMS = new RegExp(`^(?:0|[1-9][0-9]{0,${MAX_MICROGRAMS_DIGITS - 1}})$`);

/**
 * Parse the subject of a provenance summary: exactly `{id: batch URI, material, grams, content,
 * composition, origins, shipment}`.
 * @throws InteropError INTEROP_INVALID, INTEROP_BAD_QUANTITY (grams not a positive safe integer),
 *   INTEROP_BAD_CONTENT (an unknown element, ppm not an integer in [0, 10^6])
 */
export function parseProvenanceSummarySubject(value: unknown): ProvenanceSummaryStatement {
  const s = readObject(value, PATH, SUBJECT_KEYS);
  const origins = readOrigins(req(s, 'origins', PATH), at(PATH, 'origins'));
  return {
    kind: 'provenance-summary',
    batch: readUri(req(s, 'id', PATH), at(PATH, 'id')),
    material: readString(req(s, 'material', PATH), at(PATH, 'material')),
    grams: readGrams(req(s, 'grams', PATH), at(PATH, 'grams')),
    content: readPpmContent(req(s, 'content', PATH), at(PATH, 'content')),
    composition: readComposition(req(s, 'composition', PATH), at(PATH, 'composition')),
    origins,
    shipment: readStatementId(req(s, 'shipment', PATH), at(PATH, 'shipment')),
  };
}

function readGrams(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    throw new InteropError('INTEROP_BAD_QUANTITY', 'expected a positive whole number of grams', { path });
  }
  return value;
}

function badContent(path: string, message: string): never {
  throw new InteropError('INTEROP_BAD_CONTENT', message, { path });
}

function readElement(symbol: string, path: string): ElementSymbol {
  if (!isElementSymbol(symbol)) badContent(path, `unknown element ${JSON.stringify(symbol)}`);
  return symbol;
}

/** Element symbol → integer ppm in [0, 10^6] (the model's numbers, not the DTE's wire fractions). */
function readPpmContent(value: unknown, path: string): ElementContent {
  const object = asPlainObject(value, path);
  const content: Partial<Record<ElementSymbol, number>> = {};
  for (const key of Object.keys(object)) {
    const p = at(path, key);
    const ppm = object[key];
    if (typeof ppm !== 'number' || !Number.isSafeInteger(ppm) || ppm < 0 || ppm > PPM) {
      badContent(p, `expected a whole number of ppm in [0, ${PPM}]`);
    }
    content[readElement(key, p)] = ppm;
  }
  return content;
}

/** Element symbol → `[origin key, micrograms]` pairs, sorted by key, each key once (as custody keeps them). */
function readComposition(value: unknown, path: string): SummaryComposition {
  const object = asPlainObject(value, path);
  const keys = Object.keys(object);
  if (keys.length > MAX_SUMMARY_ELEMENTS) invalid(path, `expected at most ${MAX_SUMMARY_ELEMENTS} elements`);
  const composition: Partial<Record<ElementSymbol, readonly (readonly [string, string])[]>> = {};
  for (const key of keys) {
    const p = at(path, key);
    const symbol = readElement(key, p);
    const pairs = readArray(object[key], p, MAX_SUMMARY_PAIRS).map((pair, i) => readPair(pair, at(p, i)));
    pairs.forEach(([origin], i) => {
      const previous = pairs[i - 1]?.[0];
      if (previous !== undefined && !(previous < origin)) {
        invalid(at(at(p, i), 0), 'expected origin keys in ascending order, each once');
      }
    });
    composition[symbol] = pairs;
  }
  return composition;
}

function readPair(value: unknown, path: string): readonly [string, string] {
  const [origin, micrograms] = readArray(value, path, 2, 2);
  const match = typeof origin === 'string' ? ORIGIN_KEY.exec(origin) : null;
  if (match?.[1] === undefined || !isUri(match[1])) {
    invalid(at(path, 0), 'expected "<industrial|artisanal|undeclared> <facility URI>"');
  }
  if (typeof micrograms !== 'string' || !MICROGRAMS.test(micrograms)) {
    invalid(at(path, 1), `expected micrograms as 1 to ${MAX_MICROGRAMS_DIGITS} decimal digits`);
  }
  return [match[0], micrograms];
}

function readOrigins(value: unknown, path: string): SummaryOrigin[] {
  const origins = readArray(value, path, MAX_SUMMARY_ORIGINS).map((item, i) => {
    const p = at(path, i);
    const o = readObject(item, p, ORIGIN_KEYS);
    return {
      facility: readUri(req(o, 'id', p), at(p, 'id')),
      name: readString(req(o, 'name', p), at(p, 'name')),
      country: readCountry(req(o, 'country', p), at(p, 'country')),
      facilityKind: readEnum<FacilityKind>(req(o, 'facilityKind', p), at(p, 'facilityKind'), FACILITY_KINDS),
    };
  });
  checkDistinct(
    origins.map((o) => o.facility),
    path,
  );
  return origins;
}

function readStatementId(value: unknown, path: string): string {
  if (typeof value !== 'string' || !isStatementId(value)) invalid(path, 'expected 64 lowercase hex digits');
  return value;
}

/** Options of {@link provenanceSummaryJson}. */
export interface ProvenanceSummaryOptions extends CredentialOptions {
  /** The credential's `validFrom`: the statement's time; default now. */
  readonly validFrom?: string;
}

/** The `ProvenanceSummary` JSON of a summary (issued by the origin node's operator). */
export function provenanceSummaryJson(
  summary: ProvenanceSummaryStatement,
  issuer: CredentialIssuerInput,
  options: ProvenanceSummaryOptions = {},
): CredentialJson {
  const subject: JsonMap = {
    id: summary.batch,
    material: summary.material,
    grams: summary.grams,
    content: contentJson(summary.content),
    composition: compositionJson(summary.composition),
    origins: summary.origins.map((o) => ({
      id: o.facility,
      name: o.name,
      country: o.country,
      facilityKind: o.facilityKind,
    })),
    shipment: summary.shipment,
  };
  const validFrom = options.validFrom ?? new Date().toISOString();
  return envelope(PROVENANCE_SUMMARY_KIND, issuer, options, subject, validFrom);
}

function contentJson(content: ElementContent): JsonMap {
  const json: Record<string, number> = {};
  for (const [symbol, ppm] of Object.entries(content)) if (ppm !== undefined) json[symbol] = ppm;
  return json;
}

function compositionJson(composition: SummaryComposition): JsonMap {
  const json: Record<string, (readonly [string, string])[]> = {};
  for (const [symbol, pairs] of Object.entries(composition)) {
    if (pairs !== undefined)
      json[symbol] = pairs.map(([origin, micrograms]) => [origin, micrograms] as const);
  }
  return json;
}
