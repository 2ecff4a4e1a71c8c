import { MaterialsError } from './materials-errors.js';

/**
 * Standard atomic weights, abridged to five significant figures: IUPAC Commission on Isotopic Abundances
 * and Atomic Weights (CIAAW), table of abridged standard atomic weights (ciaaw.org; 2021 values). Lithium's
 * abridged value has three significant figures (6.94) because natural lithium varies in isotopic composition.
 * The table holds
 * the elements of the mineral chains Lodestone covers and their usual companions and impurities; add an
 * element here before a material or formula may use it.
 */
export const ATOMIC_WEIGHTS = {
  H: 1.008,
  Li: 6.94,
  Be: 9.0122,
  B: 10.81,
  C: 12.011,
  N: 14.007,
  O: 15.999,
  F: 18.998,
  Na: 22.99,
  Mg: 24.305,
  Al: 26.982,
  Si: 28.085,
  P: 30.974,
  S: 32.06,
  Cl: 35.45,
  K: 39.098,
  Ca: 40.078,
  Sc: 44.956,
  Ti: 47.867,
  V: 50.942,
  Cr: 51.996,
  Mn: 54.938,
  Fe: 55.845,
  Co: 58.933,
  Ni: 58.693,
  Cu: 63.546,
  Zn: 65.38,
  Ga: 69.723,
  Ge: 72.63,
  As: 74.922,
  Se: 78.971,
  Sr: 87.62,
  Y: 88.906,
  Nb: 92.906,
  Mo: 95.95,
  Ag: 107.87,
  Cd: 112.41,
  In: 114.82,
  Sn: 118.71,
  Sb: 121.76,
  Te: 127.6,
  Ba: 137.33,
  La: 138.91,
  Ce: 140.12,
  Pr: 140.91,
  Nd: 144.24,
  Sm: 150.36,
  Eu: 151.96,
  Gd: 157.25,
  Tb: 158.93,
  Dy: 162.5,
  Ho: 164.93,
  Er: 167.26,
  Yb: 173.05,
  Lu: 174.97,
  W: 183.84,
  Pt: 195.08,
  Au: 196.97,
  Pb: 207.2,
  Th: 232.04,
  U: 238.03,
} as const satisfies Record<string, number>;

/** A chemical element symbol the vocabulary knows, e.g. `'Li'`, `'Nd'`. */
export type ElementSymbol = keyof typeof ATOMIC_WEIGHTS;

/** Element content of a batch: parts per million of its mass, per element. */
export type ElementContent = Readonly<Partial<Record<ElementSymbol, number>>>;

/** Mass fraction of each element, in [0, 1]; keys in order of first appearance. */
export type MassFractions = Readonly<Partial<Record<ElementSymbol, number>>>;

/** Number of atoms of each element in one formula unit (may be fractional, e.g. `LiNi0.8Mn0.1Co0.1O2`). */
export type AtomCounts = Readonly<Partial<Record<ElementSymbol, number>>>;

const MAX_FORMULA_LENGTH = 256;
const MAX_NESTING = 8;
/** Hydrate separators: the middle dot chemists write, its look-alikes, and the ASCII `*` and `.`. */
const SEPARATORS = new Set(['·', '•', '∙', '⋅', '*', '.']);
const CLOSERS: Readonly<Record<string, string>> = { '(': ')', '[': ']' };
/** What may follow a `.` in a hydrate: a water count, as in `CoSO4.7H2O` (the rule that splits it from `Ni0.8`). */
const WATER_AFTER_DOT = /^\d+(?:\.\d+)?H2O(?:$|[·•∙⋅*.])/;
const NUMBER = /^(?:0|[1-9]\d{0,5})(?:\.\d{1,6})?/;

/** True when `symbol` names an element the vocabulary knows (own keys only, so `'constructor'` is not one). */
export function isElementSymbol(symbol: string): symbol is ElementSymbol {
  return Object.hasOwn(ATOMIC_WEIGHTS, symbol);
}

/**
 * The abridged standard atomic weight of an element.
 * @throws MaterialsError MODEL_UNKNOWN_ELEMENT
 */
export function atomicWeight(symbol: string): number {
  if (!isElementSymbol(symbol)) throw unknownElement(symbol);
  return ATOMIC_WEIGHTS[symbol];
}

/**
 * Parse a chemical formula into atom counts per formula unit.
 *
 * Grammar (strict, no spaces): elements as `Xx` with an optional count (integer or decimal, e.g. `O2`,
 * `Ni0.8`), groups in `(…)` or `[…]` with an optional count (`Ni(OH)2`), and hydrate parts after `·`
 * (or `•`, `∙`, `⋅`, `*`, `.`) with an optional leading coefficient (`CoSO4·7H2O`, `LiOH.H2O`).
 * Unicode subscript digits are read as digits (`Li₂CO₃`). A `.` between digits is a decimal point, except
 * when what follows is a water count (`NiSO4.6H2O` is a hexahydrate, `Ni0.6Mn0.2` is not).
 * @throws MaterialsError MODEL_BAD_FORMULA for anything else, including unknown element symbols
 * @example parseFormula('LiOH·H2O') // { Li: 1, O: 2, H: 3 }
 */
export function parseFormula(formula: unknown): AtomCounts {
  // Formulas arrive in statements from other parties: bound the work before looking at the text.
  if (typeof formula !== 'string') throw badFormula('formula must be a string');
  if (formula.length === 0 || formula.length > MAX_FORMULA_LENGTH) {
    throw badFormula(`formula must have 1 to ${MAX_FORMULA_LENGTH} characters, got ${formula.length}`);
  }
  const cursor: Cursor = { text: toAsciiDigits(formula), pos: 0, depth: 0 };
  const total = new Map<ElementSymbol, number>();
  let first = true;
  do {
    const coefficient = first ? 1 : (readNumber(cursor) ?? 1);
    addInto(total, readSequence(cursor), coefficient);
    first = false;
  } while (readSeparator(cursor));
  if (cursor.pos !== cursor.text.length) throw unexpected(cursor);
  return Object.freeze(Object.fromEntries(total)) as AtomCounts;
}

/**
 * Mass fraction of each element in a compound, from its formula and the abridged atomic weights.
 * The fractions sum to 1 up to rounding.
 * @throws MaterialsError MODEL_BAD_FORMULA
 * @example massFractionsOf('Li2CO3').Li // 0.18785 (18.8 % Li)
 */
export function massFractionsOf(formula: string): MassFractions {
  const counts = Object.entries(parseFormula(formula)) as [ElementSymbol, number][];
  const masses = counts.map(([symbol, n]) => [symbol, n * ATOMIC_WEIGHTS[symbol]] as const);
  const molar = masses.reduce((sum, [, mass]) => sum + mass, 0);
  return Object.freeze(Object.fromEntries(masses.map(([symbol, mass]) => [symbol, mass / molar])));
}

/**
 * Molar mass of a formula unit, g/mol.
 * @throws MaterialsError MODEL_BAD_FORMULA
 */
export function molarMass(formula: string): number {
  const counts = Object.entries(parseFormula(formula)) as [ElementSymbol, number][];
  return counts.reduce((sum, [symbol, n]) => sum + n * ATOMIC_WEIGHTS[symbol], 0);
}

interface Cursor {
  readonly text: string;
  pos: number;
  depth: number;
}

/** One or more elements and groups, up to a separator, a closing bracket or the end. */
function readSequence(cursor: Cursor): Map<ElementSymbol, number> {
  const counts = new Map<ElementSymbol, number>();
  for (;;) {
    const ch = cursor.text[cursor.pos];
    if (ch !== undefined && ch >= 'A' && ch <= 'Z') {
      const symbol = readSymbol(cursor);
      addInto(counts, new Map([[symbol, 1]]), readCount(cursor));
    } else if (ch !== undefined && CLOSERS[ch] !== undefined) {
      addInto(counts, readGroup(cursor, CLOSERS[ch]), 1);
    } else {
      break;
    }
  }
  if (counts.size === 0) throw unexpected(cursor);
  return counts;
}

function readGroup(cursor: Cursor, closer: string): Map<ElementSymbol, number> {
  if (++cursor.depth > MAX_NESTING) throw badFormula(`brackets nest deeper than ${MAX_NESTING}`);
  cursor.pos++;
  const inner = readSequence(cursor);
  if (cursor.text[cursor.pos] !== closer) throw badFormula(`expected '${closer}' at ${cursor.pos}`);
  cursor.pos++;
  cursor.depth--;
  const group = new Map<ElementSymbol, number>();
  addInto(group, inner, readCount(cursor));
  return group;
}

function readSymbol(cursor: Cursor): ElementSymbol {
  const next = cursor.text[cursor.pos + 1];
  const length = next !== undefined && next >= 'a' && next <= 'z' ? 2 : 1;
  const symbol = cursor.text.slice(cursor.pos, cursor.pos + length);
  if (!isElementSymbol(symbol)) throw badFormula(`unknown element '${symbol}' at ${cursor.pos}`);
  cursor.pos += length;
  return symbol;
}

/** The count after an element or group: 1 when absent; a `.` that starts a hydrate ends it. */
function readCount(cursor: Cursor): number {
  const rest = cursor.text.slice(cursor.pos);
  const digits = /^\d+/.exec(rest)?.[0];
  if (digits === undefined) return 1;
  const hydrateFollows = rest[digits.length] === '.' && WATER_AFTER_DOT.test(rest.slice(digits.length + 1));
  return hydrateFollows ? takeNumber(cursor, digits) : (readNumber(cursor) ?? 1);
}

function readNumber(cursor: Cursor): number | undefined {
  const text = NUMBER.exec(cursor.text.slice(cursor.pos))?.[0];
  if (text === undefined) {
    if (/^\d/.test(cursor.text.slice(cursor.pos))) throw badFormula(`malformed number at ${cursor.pos}`);
    return undefined;
  }
  return takeNumber(cursor, text);
}

function takeNumber(cursor: Cursor, text: string): number {
  const after = cursor.text[cursor.pos + text.length];
  if (!NUMBER.test(text) || NUMBER.exec(text)?.[0] !== text || (after !== undefined && /\d/.test(after))) {
    throw badFormula(`malformed number at ${cursor.pos}`);
  }
  const value = Number(text);
  if (!(value > 0)) throw badFormula(`count must be positive at ${cursor.pos}`);
  cursor.pos += text.length;
  return value;
}

function readSeparator(cursor: Cursor): boolean {
  const ch = cursor.text[cursor.pos];
  if (ch === undefined || !SEPARATORS.has(ch)) return false;
  cursor.pos++;
  return true;
}

function addInto(into: Map<ElementSymbol, number>, from: Map<ElementSymbol, number>, factor: number): void {
  for (const [symbol, n] of from) into.set(symbol, (into.get(symbol) ?? 0) + n * factor);
}

function toAsciiDigits(text: string): string {
  return text.replace(/[₀-₉]/g, (d) => String(d.charCodeAt(0) - 0x2080));
}

function unexpected(cursor: Cursor): MaterialsError {
  const ch = cursor.text[cursor.pos];
  return badFormula(
    ch === undefined ? 'formula ends early' : `unexpected ${JSON.stringify(ch)} at ${cursor.pos}`,
  );
}

function badFormula(message: string): MaterialsError {
  return new MaterialsError('MODEL_BAD_FORMULA', message);
}

function unknownElement(symbol: string): MaterialsError {
  return new MaterialsError('MODEL_UNKNOWN_ELEMENT', `unknown element symbol ${JSON.stringify(symbol)}`);
}
