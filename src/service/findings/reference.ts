import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type AreaEntry,
  parseAreaList,
  parseFtmJsonLines,
  parseOfacSdnCsv,
  type SanctionsEntry,
} from '../../compliance/index.js';

/** The CAHRA seed shipped with the package (sources cited in each row and in its PROVENANCE.md). */
export const CAHRA_SEED = fileURLToPath(
  new URL('../../../assets/compliance/cahra-seed.csv', import.meta.url),
);

/** The reference lists a node evaluates against, with the files they came from. */
export interface ReferenceLists {
  readonly areas: readonly AreaEntry[];
  readonly sanctions: readonly SanctionsEntry[];
  /** Each file read, with its entry count, for `GET /v1/compliance` and the report. */
  readonly sources: readonly {
    readonly file: string;
    readonly kind: 'areas' | 'sanctions';
    readonly entries: number;
  }[];
}

/** Where a node's own reference files live: `<data>/compliance-data/`. */
export function referenceFolderOf(dataDir: string): string {
  return join(dataDir, 'compliance-data');
}

/**
 * The shipped CAHRA seed, or `areas.csv` in the folder when there is one (it replaces the seed), and
 * every sanctions list in the folder: `*.csv` in OFAC SDN form, `*.ftm.json`/`*.jsonl` in FollowTheMoney
 * JSON lines (docs/compliance-reference.md). A malformed file throws: a node must not start with a
 * reference list it silently half read.
 * @throws ReferenceDataError with file:line:column
 */
export function loadReferenceLists(folder: string | undefined): ReferenceLists {
  const sources: { file: string; kind: 'areas' | 'sanctions'; entries: number }[] = [];
  const own = folder === undefined ? undefined : join(folder, 'areas.csv');
  const areaFile = own !== undefined && existsSync(own) ? own : CAHRA_SEED;
  const areas = parseAreaList(readFileSync(areaFile, 'utf8'), areaFile);
  sources.push({ file: areaFile, kind: 'areas', entries: areas.length });
  const sanctions: SanctionsEntry[] = [];
  const files = folder !== undefined && existsSync(folder) ? readdirSync(folder).sort() : [];
  for (const name of files) {
    const file = join(folder ?? '', name);
    const parse = sanctionsParser(name);
    if (parse === undefined) continue;
    const entries = parse(readFileSync(file, 'utf8'), file);
    sanctions.push(...entries);
    sources.push({ file, kind: 'sanctions', entries: entries.length });
  }
  return { areas, sanctions, sources };
}

function sanctionsParser(name: string): ((text: string, file: string) => SanctionsEntry[]) | undefined {
  if (name === 'areas.csv') return undefined;
  if (name.endsWith('.csv')) return parseOfacSdnCsv;
  if (name.endsWith('.ftm.json') || name.endsWith('.jsonl')) return parseFtmJsonLines;
  return undefined;
}
