/**
 * The EPCIS 2.0 / CBV 2.0 terms the mappers use, and Lodestone's extension vocabulary.
 */

/** The normative EPCIS 2.0 JSON-LD context (GS1, ratified 2022). */
export const EPCIS_CONTEXT_URL = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld';

/** Lodestone's extension vocabulary: every field EPCIS lacks is `lodestone:<name>` (an IRI in this namespace). */
export const LODESTONE_VOCAB = 'https://lodestone.example/vocab#';

/** The prefix exported documents bind to {@link LODESTONE_VOCAB}. */
export const LODESTONE_PREFIX = 'lodestone';

/** The `@context` of every exported document. */
export const EXPORT_CONTEXT: readonly [string, { readonly lodestone: string }] = Object.freeze([
  EPCIS_CONTEXT_URL,
  Object.freeze({ lodestone: LODESTONE_VOCAB }),
] as const);

/** Extension field names (local parts under {@link LODESTONE_VOCAB}). */
export const L = {
  statement: 'statement',
  actor: 'actor',
  id: 'id',
  material: 'material',
  content: 'content',
  extractionMethod: 'extractionMethod',
  custodyModel: 'custodyModel',
  outputs: 'outputs',
  process: 'process',
  tolerancePpm: 'tolerancePpm',
  splitInto: 'splitInto',
  transportMode: 'transportMode',
  expectedArrival: 'expectedArrival',
  price: 'price',
  amount: 'amount',
  currency: 'currency',
  incoterm: 'incoterm',
  certificate: 'certificate',
} as const;

/** `lodestone:<name>`, as exported documents spell an extension field. */
export function lodestoneField(name: string): string {
  return `${LODESTONE_PREFIX}:${name}`;
}

/**
 * Mass units Lodestone accepts (UN/ECE Recommendation 20 common codes), as the power of ten that turns
 * the unit into grams.
 */
export const MASS_UNITS: Readonly<Record<string, number>> = { GRM: 0, KGM: 3, TNE: 6 };

/** UN/ECE Rec 20 codes for a mass fraction, as the power of ten that turns the value into ppm. */
export const FRACTION_UNITS: Readonly<Record<string, number>> = { '59': 0, P1: 4, C62: 6 };

/** UN/ECE Rec 20 "part per million": the unit of exported assay values. */
export const PPM_UNIT = '59';

/** GS1 measurement type of a mass fraction (a ratio of two masses). */
export const FRACTION_MEASUREMENT = 'Dimensionless';

/**
 * An element as a chemical substance: its standard InChI (`InChI=1S/Co` is atomic cobalt) resolved through
 * identifiers.org, the resolver the EPCIS 2.0 standard's sensor examples use for substances.
 */
export function elementSubstanceUri(symbol: string): string {
  return `https://identifiers.org/inchi:InChI=1S/${symbol}`;
}

const ELEMENT_INCHI = /(?:^|[:/])InChI=1S\/([A-Z][a-z]?)$/;

/** The element symbol a `chemicalSubstance` URI names, when it names a single element by its InChI. */
export function elementOfSubstance(uri: string): string | undefined {
  return ELEMENT_INCHI.exec(uri)?.[1];
}

/**
 * A CBV 2.0 value in bare-word form. EPCIS 2.0 JSON uses bare words, but the same value may arrive as a
 * CBV web URI (`https://ref.gs1.org/cbv/BizStep-shipping`) or a compact IRI (`cbv:BizStep-shipping`);
 * both mean the same step. (The schema forbids the EPCIS 1.x URN form `urn:epcglobal:cbv:…`.)
 */
export function cbvWord(value: string, kind: CbvKind): string {
  for (const pattern of CBV_FORMS[kind]) {
    const word = pattern.exec(value)?.[1];
    if (word !== undefined) return word;
  }
  return value;
}

type CbvKind = 'BizStep' | 'SDT';

function cbvForms(kind: CbvKind): readonly RegExp[] {
  return [new RegExp(`^https?://ref\\.gs1\\.org/cbv/${kind}-(.+)$`), new RegExp(`^cbv:${kind}-(.+)$`)];
}

const CBV_FORMS: Readonly<Record<CbvKind, readonly RegExp[]>> = {
  BizStep: cbvForms('BizStep'),
  SDT: cbvForms('SDT'),
};
