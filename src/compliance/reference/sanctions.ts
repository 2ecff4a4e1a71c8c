import { toAlpha3 } from '../../model/index.js';
import { parseCsv } from './csv.js';
import { ReferenceDataError } from './errors.js';

/** What a sanctions entry names. */
export type SanctionsKind = 'person' | 'organization' | 'vessel' | 'aircraft' | 'other';

/** One listed party, from whichever list it was imported. */
export interface SanctionsEntry {
  /** `ofac-sdn:<ent_num>` or the OpenSanctions entity id. */
  readonly id: string;
  readonly list: 'ofac-sdn' | 'opensanctions';
  readonly kind: SanctionsKind;
  /** The primary name first, then aliases (a.k.a., f.k.a., FtM `alias`, `previousName`, `weakAlias`). */
  readonly names: readonly string[];
  /** ISO 3166-1 alpha-3 where the list gives a code that maps to one; other codes upper-cased as given. */
  readonly countries: readonly string[];
  /** OFAC programs (`SDGT`, `RUSSIA-EO14024`) or OpenSanctions datasets. */
  readonly programs: readonly string[];
  /** The line of the imported file the entry came from. */
  readonly line: number;
}

/** OFAC's marker for an empty field in the SDN CSV files. */
const OFAC_EMPTY = '-0-';

/** The twelve columns of OFAC `sdn.csv` (no header row in the file). */
export const OFAC_SDN_COLUMNS: readonly string[] = [
  'ent_num',
  'SDN_Name',
  'SDN_Type',
  'Program',
  'Title',
  'Call_Sign',
  'Vess_type',
  'Tonnage',
  'GRT',
  'Vess_flag',
  'Vess_owner',
  'Remarks',
];

const OFAC_KINDS: Readonly<Record<string, SanctionsKind>> = {
  '': 'organization',
  individual: 'person',
  vessel: 'vessel',
  aircraft: 'aircraft',
};

/** An OFAC field with the `-0-` empty marker (often followed by a space) read as empty. */
function ofacValue(raw: string): string {
  const value = raw.trim();
  return value === OFAC_EMPTY ? '' : value;
}

/** DOS end-of-file byte (Ctrl-Z) that OFAC's CSV files end with. */
const SUB = String.fromCharCode(0x1a);

/** The text without trailing Ctrl-Z bytes and white space. */
function withoutEndOfFile(text: string): string {
  let end = text.length;
  while (end > 0 && (text[end - 1] === SUB || /\s/.test(text[end - 1] ?? ''))) end -= 1;
  return text.slice(0, end);
}

/** Aliases OFAC writes into Remarks: `a.k.a. 'NAME'; f.k.a. 'OTHER'`. */
function ofacRemarkAliases(remarks: string): string[] {
  return [...remarks.matchAll(/\b[af]\.k\.a\.,?\s*'([^']+)'/gi)]
    .map((m) => (m[1] ?? '').trim())
    .filter(Boolean);
}

/**
 * Parse OFAC's Specially Designated Nationals list in its legacy CSV form (`sdn.csv` from
 * https://sanctionslist.ofac.treas.gov/): no header, twelve columns ({@link OFAC_SDN_COLUMNS}), `-0-`
 * for an empty field, programs joined as `SDGT] [IRGC`, and a trailing Ctrl-Z (0x1A) end-of-file byte.
 * Aliases are taken from `a.k.a.` / `f.k.a.` in Remarks (the separate `alt.csv` is not read). The SDN
 * CSV has no country column, so entries carry no countries.
 * @throws ReferenceDataError COMPLIANCE_REF_CSV_SYNTAX, COMPLIANCE_REF_FIELD_COUNT, COMPLIANCE_REF_BAD_VALUE
 */
export function parseOfacSdnCsv(text: string, file = 'sdn.csv'): SanctionsEntry[] {
  const records = parseCsv(withoutEndOfFile(text), file);
  return records.map((record) => {
    const at = (i: number, field = OFAC_SDN_COLUMNS[i]) => ({
      file,
      line: record.lines[i] ?? record.lines[0] ?? 1,
      column: record.columns[i] ?? 1,
      ...(field === undefined ? {} : { field }),
    });
    if (record.fields.length !== OFAC_SDN_COLUMNS.length) {
      throw new ReferenceDataError(
        'COMPLIANCE_REF_FIELD_COUNT',
        `expected ${OFAC_SDN_COLUMNS.length} fields, got ${record.fields.length}`,
        at(0, undefined),
      );
    }
    const [entNum = '', name = '', type = '', program = ''] = record.fields.map(ofacValue);
    if (!/^[0-9]+$/.test(entNum)) {
      throw new ReferenceDataError(
        'COMPLIANCE_REF_BAD_VALUE',
        `ent_num must be a number, got ${JSON.stringify(entNum)}`,
        at(0),
      );
    }
    if (name === '') throw new ReferenceDataError('COMPLIANCE_REF_BAD_VALUE', 'SDN_Name is empty', at(1));
    const kind = OFAC_KINDS[type.toLowerCase()];
    if (kind === undefined) {
      throw new ReferenceDataError(
        'COMPLIANCE_REF_BAD_VALUE',
        `unknown SDN_Type ${JSON.stringify(type)}`,
        at(2),
      );
    }
    const aliases = ofacRemarkAliases(ofacValue(record.fields[11] ?? ''));
    return {
      id: `ofac-sdn:${entNum}`,
      list: 'ofac-sdn',
      kind,
      names: [...new Set([name, ...aliases])],
      countries: [],
      programs: program === '' ? [] : program.split(/\]\s*\[/).map((p) => p.trim()),
      line: record.lines[0] ?? 1,
    };
  });
}

const FTM_KINDS: Readonly<Record<string, SanctionsKind>> = {
  Person: 'person',
  Organization: 'organization',
  Company: 'organization',
  LegalEntity: 'organization',
  PublicBody: 'organization',
  Vessel: 'vessel',
  Airplane: 'aircraft',
};
const FTM_NAME_PROPS = ['name', 'alias', 'previousName', 'weakAlias'] as const;
const FTM_COUNTRY_PROPS = ['country', 'nationality', 'citizenship', 'jurisdiction'] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The string values of a FtM property; a property that is not an array of strings is an error. */
function ftmStrings(props: Record<string, unknown>, key: string, fail: (m: string) => never): string[] {
  const value = props[key];
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    return fail(`properties.${key} must be an array of strings`);
  }
  return value.map((v: string) => v.trim()).filter(Boolean);
}

/** One JSON line to an entry; `undefined` for entities that name no one (Sanction, Address, …). */
function ftmEntry(json: unknown, line: number, fail: (m: string) => never): SanctionsEntry | undefined {
  if (!isRecord(json)) return fail('a line must hold a JSON object');
  const { id, schema, properties, datasets } = json;
  if (typeof id !== 'string' || id === '') return fail('"id" must be a non-empty string');
  if (typeof schema !== 'string' || schema === '') return fail('"schema" must be a non-empty string');
  if (!isRecord(properties)) return fail('"properties" must be an object');
  const names = FTM_NAME_PROPS.flatMap((key) => ftmStrings(properties, key, fail));
  if (names.length === 0) return undefined;
  const countries = FTM_COUNTRY_PROPS.flatMap((key) => ftmStrings(properties, key, fail)).map(
    (c) => toAlpha3(c) ?? c.toUpperCase(),
  );
  const programs = Array.isArray(datasets) ? datasets.filter((d): d is string => typeof d === 'string') : [];
  return {
    id,
    list: 'opensanctions',
    kind: FTM_KINDS[schema] ?? 'other',
    names: [...new Set(names)],
    countries: [...new Set(countries)],
    programs,
    line,
  };
}

/**
 * Parse OpenSanctions data in FollowTheMoney JSON lines (`entities.ftm.json`, `targets.nested.json`):
 * one entity per line, `{"id", "schema", "properties": {"name": [...], "alias": [...], "country": [...]}}`.
 * Names come from `name`, `alias`, `previousName` and `weakAlias`; countries (lower-case alpha-2 in FtM)
 * from `country`, `nationality`, `citizenship` and `jurisdiction`. Entities without a name (sanctions,
 * addresses, ownership links) are skipped; blank lines too.
 * @throws ReferenceDataError COMPLIANCE_REF_BAD_JSON
 */
export function parseFtmJsonLines(text: string, file = 'entities.ftm.json'): SanctionsEntry[] {
  const entries: SanctionsEntry[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    const content = index === 0 ? raw.replace(/^\uFEFF/, '') : raw;
    if (content.trim() === '') return;
    const column = content.length - content.trimStart().length + 1;
    const fail = (message: string): never => {
      throw new ReferenceDataError('COMPLIANCE_REF_BAD_JSON', message, { file, line, column });
    };
    let json: unknown;
    // Imported text is untrusted: a SyntaxError must leave as our coded error, not escape raw.
    try {
      json = JSON.parse(content);
    } catch (err) {
      fail(`not JSON: ${err instanceof Error ? err.message : String(err)}`);
    }
    const entry = ftmEntry(json, line, fail);
    if (entry) entries.push(entry);
  });
  return entries;
}
