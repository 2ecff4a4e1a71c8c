/**
 * Name normalisation for sanctions screening: the same organisation or person written in another script,
 * with or without diacritics, punctuation or a legal-form suffix, normalises to the same tokens.
 */

/** A name after normalisation, with what each step did (for the match explanation). */
export interface NormalizedName {
  readonly input: string;
  /** Lower-case basic Latin after transliteration, punctuation removed, single letters joined. */
  readonly normalized: string;
  /** Tokens after legal forms were removed, in input order. */
  readonly tokens: readonly string[];
  /** The legal forms removed, as normalised token sequences (e.g. `sa`, `co ltd` is two entries). */
  readonly legalFormsRemoved: readonly string[];
  /** True when Cyrillic or Greek letters were transliterated. */
  readonly transliterated: boolean;
}

/**
 * Russian, Ukrainian and Belarusian Cyrillic to Latin, after the ICAO Doc 9303 (Machine Readable Travel
 * Documents, Part 3) table used in passports. Letters with a diacritic (й, ё, ї) lose it before this
 * table applies (й → и → i, ё → е → e), which is what ICAO does for й and ё.
 */
const CYRILLIC: Readonly<Record<string, string>> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: 'ie',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'iu',
  я: 'ia',
  і: 'i',
  є: 'ie',
  ґ: 'g',
  ў: 'u',
};

/** Modern Greek to Latin, after ELOT 743 / UN 1987 (type 2, simplified: single letters only). */
const GREEK: Readonly<Record<string, string>> = {
  α: 'a',
  β: 'v',
  γ: 'g',
  δ: 'd',
  ε: 'e',
  ζ: 'z',
  η: 'i',
  θ: 'th',
  ι: 'i',
  κ: 'k',
  λ: 'l',
  μ: 'm',
  ν: 'n',
  ξ: 'x',
  ο: 'o',
  π: 'p',
  ρ: 'r',
  σ: 's',
  ς: 's',
  τ: 't',
  υ: 'y',
  φ: 'f',
  χ: 'ch',
  ψ: 'ps',
  ω: 'o',
};

/** Latin letters that Unicode decomposition does not reduce to a base letter plus marks. */
const LATIN_SPECIAL: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ħ: 'h',
  ŀ: 'l',
};

/** Legal forms written in a script without spaces, removed at either end of the name before tokenising. */
const CJK_LEGAL_FORMS: readonly string[] = [
  '股份有限公司',
  '有限责任公司',
  '有限責任公司',
  '有限公司',
  '株式会社',
  '주식회사',
];

/**
 * Legal-form suffixes and prefixes, as normalised token sequences (punctuation gone, single letters
 * joined: `S.A.` → `sa`, `S. p. A.` → `spa`, `sp. z o.o.` → `sp zoo`). Longer sequences are tried first.
 */
const LEGAL_FORMS: readonly (readonly string[])[] = [
  ['gmbh', 'and', 'co', 'kg'],
  ['gmbh', 'co', 'kg'],
  ['sa', 'de', 'cv'],
  ['kabushiki', 'kaisha'],
  ['sdn', 'bhd'],
  ['sp', 'zoo'],
  ['private', 'limited'],
  ['public', 'limited', 'company'],
  ...[
    'ltd',
    'limited',
    'llc',
    'llp',
    'lp',
    'inc',
    'incorporated',
    'corp',
    'corporation',
    'co',
    'company',
    'plc',
    'gmbh',
    'ag',
    'kg',
    'se',
    'sa',
    'sarl',
    'sas',
    'sasu',
    'spa',
    'srl',
    'sl',
    'sae',
    'sprl',
    'bv',
    'nv',
    'oy',
    'oyj',
    'ab',
    'as',
    'asa',
    'aps',
    'kk',
    'pte',
    'pty',
    'pvt',
    'bhd',
    'tbk',
    'pt',
    'lda',
    'ltda',
    'sro',
    'kft',
    'zrt',
    'jsc',
    'ojsc',
    'cjsc',
    'pjsc',
    'ooo',
    'zao',
    'oao',
    'pao',
    'ao',
    'tov',
    'ae',
    'epe',
  ].map((form) => [form]),
].sort((x, y) => y.length - x.length);

/** Lower-case, strip diacritics and transliterate Cyrillic and Greek; other scripts pass unchanged. */
function transliterate(input: string): { text: string; transliterated: boolean } {
  let transliterated = false;
  let text = '';
  const base = input.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '');
  for (const ch of base) {
    const mapped = CYRILLIC[ch] ?? GREEK[ch];
    if (mapped !== undefined) transliterated = true;
    text += mapped ?? LATIN_SPECIAL[ch] ?? ch;
  }
  return { text, transliterated };
}

/** Strip the CJK legal forms at either end (they have no spaces to tokenise on). */
function stripCjkForms(text: string, removed: string[]): string {
  let out = text.trim();
  for (const form of CJK_LEGAL_FORMS) {
    if (out.length > form.length && out.endsWith(form)) {
      out = out.slice(0, -form.length).trim();
      removed.push(form);
    } else if (out.length > form.length && out.startsWith(form)) {
      out = out.slice(form.length).trim();
      removed.push(form);
    }
  }
  return out;
}

/** `&` reads as "and"; apostrophes join (O'Brien → obrien); any other non-letter, non-digit separates. */
function tokenize(text: string): string[] {
  const words = text
    .replace(/&/g, ' and ')
    .replace(/['’ʼ`´]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
  // Runs of single characters are one abbreviation written with dots or spaces: "S. A." → "sa".
  const tokens: string[] = [];
  let run = '';
  for (const word of words) {
    if ([...word].length === 1) run += word;
    else {
      if (run !== '') tokens.push(run);
      run = '';
      tokens.push(word);
    }
  }
  if (run !== '') tokens.push(run);
  return tokens;
}

function startsWithForm(tokens: readonly string[], form: readonly string[]): boolean {
  return form.every((t, i) => tokens[i] === t);
}

function endsWithForm(tokens: readonly string[], form: readonly string[]): boolean {
  const offset = tokens.length - form.length;
  return form.every((t, i) => tokens[offset + i] === t);
}

/** Remove legal forms from both ends, repeatedly ("co ltd"), never leaving the name empty. */
function stripLegalForms(tokens: readonly string[], removed: string[]): string[] {
  let out = [...tokens];
  for (let changed = true; changed; ) {
    changed = false;
    for (const form of LEGAL_FORMS) {
      if (out.length <= form.length) continue;
      if (endsWithForm(out, form)) out = out.slice(0, -form.length);
      else if (startsWithForm(out, form)) out = out.slice(form.length);
      else continue;
      removed.push(form.join(' '));
      changed = true;
      break;
    }
  }
  return out;
}

/**
 * Normalise a person or organisation name for matching: lower-case; Unicode NFKD with combining marks
 * removed (é → e); Cyrillic and Greek transliterated to basic Latin; `&` → "and"; apostrophes dropped
 * and other punctuation turned into spaces; runs of single letters joined (`S.A.` → `sa`); legal forms
 * (Ltd, LLC, GmbH, S.A., SARL, SAS, SpA, PLC, Inc, Corp, Co., AG, KK, ООО, 有限公司, …) removed from
 * both ends. Pure and total: any string normalises, possibly to no tokens.
 */
export function normalizeName(input: string): NormalizedName {
  const removed: string[] = [];
  const { text, transliterated } = transliterate(input);
  const tokens = tokenize(stripCjkForms(text, removed));
  const kept = stripLegalForms(tokens, removed);
  return { input, normalized: tokens.join(' '), tokens: kept, legalFormsRemoved: removed, transliterated };
}

/** A region name or code reduced to a comparison key: `Nord-Kivu` and `nord kivu` give `nord kivu`. */
export function regionKey(input: string): string {
  return tokenize(transliterate(input).text).join(' ');
}
