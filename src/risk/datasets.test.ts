import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../crypto/index.js';
import { DATASET_FILES, parseDatasets } from './datasets.js';
import { diffDatasets } from './diff.js';
import { expectRiskError, SEED_DIR, seed, seedFiles } from './testing/seed.js';

/** Replace the one line of `text` that starts with `prefix` (a CRLF file) by `replacement`. */
function editLine(text: string, prefix: string, replacement: (line: string) => string | null): string {
  const lines = text.split('\r\n');
  const i = lines.findIndex((l) => l.startsWith(prefix));
  expect(i).toBeGreaterThan(0);
  const next = replacement(lines[i]!);
  if (next === null) lines.splice(i, 1);
  else lines[i] = next;
  return lines.join('\r\n');
}

describe('parseDatasets', () => {
  it('parses every shipped file into typed rows, with the row counts the data README gives', () => {
    const d = seed();
    expect(d.mineProduction).toHaveLength(238);
    expect(d.reserves).toHaveLength(89);
    expect(d.refiningShares).toHaveLength(33);
    expect(d.governance).toHaveLength(213);
    expect(d.policyBenchmarks).toHaveLength(17);
    expect(d.exportControls).toHaveLength(21);
    expect(d.capacityProjects).toHaveLength(14);
  });

  it('keeps the source and status of each row, and numbers as numbers', () => {
    const cod = seed().mineProduction.find(
      (r) => r.mineral === 'cobalt' && r.iso3 === 'COD' && r.year === 2024,
    );
    expect(cod).toMatchObject({ tonnes: 220000, status: 'USGS 2024 estimate (e)', stage: 'mining' });
    expect(cod?.source).toMatch(/doi:10\.5066\/P13XCP3R/);
    const gallium = seed().mineProduction.find(
      (r) => r.mineral === 'gallium' && r.iso3 === 'WLD' && r.year === 2024,
    );
    expect(gallium?.tonnes).toBe(760);
    const nickel = seed().reserves.find((r) => r.mineral === 'nickel' && r.iso3 === 'WLD');
    expect(nickel).toMatchObject({ reservesTonnes: 130000000, qualifier: '>' });
    const date = seed().policyBenchmarks.find((r) => r.unit === 'date');
    expect(date).toMatchObject({ value: '2025-09-30', numericValue: null });
    const tesla = seed().capacityProjects.find((r) => r.project.startsWith('Tesla'));
    expect(tesla).toMatchObject({ capacityTpa: null, investmentUsdMillion: 1000 });
  });

  it('versions the files by the SHA-256 of their bytes, and the set by a digest in sha256sum format', () => {
    const files = seedFiles();
    const { version } = seed();
    expect(version.label).toBe('seed');
    for (const f of version.files) expect(f.sha256).toBe(sha256Hex(Buffer.from(files[f.name]!, 'utf8')));
    expect(version.files.find((f) => f.name === 'mine_production.csv')?.sha256).toBe(
      'a8c255ad32f9859fb642cc47c04031c2ab9ae9b67b9f8d0b32eca5fc9e661cf4',
    );
    const sums = [...version.files]
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .map((f) => `${f.sha256}  ${f.name}\n`)
      .join('');
    expect(version.digest).toBe(sha256Hex(sums));
    expect(parseDatasets(files).version.label).toBe(version.digest.slice(0, 12));
  });

  it('matches the SHA-256 table of assets/risk-data/PROVENANCE.md, raw extracts included (the files are copies)', () => {
    const provenance = readFileSync(new URL('PROVENANCE.md', SEED_DIR), 'utf8');
    const rows = [...provenance.matchAll(/^\| `([^`]+\.csv)` \|.*\| `([0-9a-f]{64})` \|$/gm)];
    expect(rows.map((m) => m[1]).sort()).toEqual(
      [...DATASET_FILES, 'raw/usgs_mcs2025_world_extract.csv', 'raw/wgi_2023_extract.csv'].sort(),
    );
    for (const [, file, hash] of rows)
      expect(sha256Hex(readFileSync(new URL(file!, SEED_DIR))), file).toBe(hash);
  });

  it('carries the provenance of every file', () => {
    const { provenance } = seed();
    expect(provenance.map((p) => p.file)).toEqual(DATASET_FILES);
    expect(provenance[0]?.licence).toMatch(/public domain/);
  });

  it('reads files given by path, and ignores other files and the raw extracts', () => {
    const files = Object.fromEntries(
      Object.entries(seedFiles()).map(([n, t]) => [`assets/risk-data/${n}`, t]),
    );
    const d = parseDatasets({
      ...files,
      'assets/risk-data/raw/mine_production.csv': 'garbage',
      'README.md': '#',
    });
    expect(d.version.digest).toBe(seed().version.digest);
  });

  describe('when a file is missing or malformed', () => {
    it('refuses a missing file', () => {
      const { 'reserves.csv': _, ...files } = seedFiles();
      expectRiskError(() => parseDatasets(files), 'RISK_FILE_MISSING');
    });

    it('refuses a renamed header column, at its line and column', () => {
      const files = seedFiles();
      files['mine_production.csv'] = files['mine_production.csv']!.replace(
        'tonnes,unit_basis',
        'tons,unit_basis',
      );
      const err = expectRiskError(() => parseDatasets(files), 'RISK_BAD_HEADER');
      // `mineral,stage,country,iso3,year,` is 32 characters: `tons` starts in column 33.
      expect(err.location).toEqual({ file: 'mine_production.csv', line: 1, column: 33, field: 'tonnes' });
    });

    it('refuses a missing header column', () => {
      const files = seedFiles();
      files['reserves.csv'] = files['reserves.csv']!.replace(',source\r\n', '\r\n');
      expect(expectRiskError(() => parseDatasets(files), 'RISK_BAD_HEADER').location?.field).toBe('source');
    });

    it('refuses a number that is not one, at its line and column', () => {
      const files = seedFiles();
      files['mine_production.csv'] = editLine(
        files['mine_production.csv']!,
        'cobalt,mining,Congo (Kinshasa),COD,2024,',
        (l) => l.replace(',2024,220000,', ',2024,"220,000",'),
      );
      const err = expectRiskError(() => parseDatasets(files), 'RISK_BAD_VALUE');
      // Line 9 of the file; `cobalt,mining,Congo (Kinshasa),COD,2024,` is 40 characters, and the quote opens the field.
      expect(err.location).toEqual({ file: 'mine_production.csv', line: 9, column: 41, field: 'tonnes' });
      expect(err.message).toMatch(
        /^mine_production\.csv:9:41: tonnes: expected a plain decimal number, got "220,000"/,
      );
    });

    it('refuses a record with a field too many', () => {
      const files = seedFiles();
      files['capacity_projects.csv'] = `${files['capacity_projects.csv']!}extra,row\r\n`;
      const err = expectRiskError(() => parseDatasets(files), 'RISK_CSV_FIELD_COUNT');
      expect(err.location).toEqual({ file: 'capacity_projects.csv', line: 16, column: 7 });
    });

    it('refuses a country that is not an ISO alpha-3 code', () => {
      const files = seedFiles();
      files['governance_wgi.csv'] = files['governance_wgi.csv']!.replace('\r\nARG,', '\r\nAr,');
      expect(expectRiskError(() => parseDatasets(files), 'RISK_BAD_VALUE').location).toMatchObject({
        line: 2,
        column: 1,
        field: 'iso3',
      });
    });

    it('refuses two rows with the same natural key', () => {
      const files = seedFiles();
      const line = files['mine_production.csv']!.split('\r\n')[1]!;
      files['mine_production.csv'] = `${files['mine_production.csv']!}${line}\r\n`;
      const err = expectRiskError(() => parseDatasets(files), 'RISK_DUPLICATE_ROW');
      expect(err.message).toMatch(/as line 2$/);
    });
  });
});

describe('diffDatasets', () => {
  it('reports nothing between a version and itself', () => {
    const diff = diffDatasets(seed(), seed());
    expect(diff.identical).toBe(true);
    expect(diff.summary).toEqual({ added: 0, removed: 0, changed: 0 });
  });

  it('reports the rows added, removed and changed in an edited copy, by natural key', () => {
    const files = seedFiles();
    let text = files['mine_production.csv']!;
    // A newer release: DRC cobalt revised, Vietnam's 2024 rare earths dropped, a 2025 row added.
    text = editLine(text, 'cobalt,mining,Congo (Kinshasa),COD,2024,', (l) =>
      l.replace(',2024,220000,Co', ',2024,230000,Co').replace(',220000,metric', ',230000,metric'),
    );
    text = editLine(text, 'rare_earths,mining,Vietnam,VNM,2024,', () => null);
    const row = text.split('\r\n').find((l) => l.startsWith('cobalt,mining,Canada,CAN,2024,'))!;
    text = `${text}${row.replace(',2024,4500,', ',2025,4700,')}\r\n`;
    files['mine_production.csv'] = text;
    const newer = parseDatasets(files, { label: 'edited' });
    const diff = diffDatasets(seed(), newer);

    expect(diff.identical).toBe(false);
    expect(diff.summary).toEqual({ added: 1, removed: 1, changed: 1 });
    const mine = diff.files.find((f) => f.file === 'mine_production.csv')!;
    expect(mine.keyColumns).toEqual(['mineral', 'stage', 'iso3', 'year']);
    expect(mine.from).not.toBe(mine.to);
    expect(mine.added.map((a) => a.key)).toEqual(['cobalt / mining / CAN / 2025']);
    expect(mine.added[0]?.row.tonnes).toBe('4700');
    expect(mine.removed.map((r) => r.key)).toEqual(['rare_earths / mining / VNM / 2024']);
    expect(mine.changed).toEqual([
      {
        key: 'cobalt / mining / COD / 2024',
        changes: [
          { field: 'tonnes', from: '220000', to: '230000' },
          { field: 'value_as_reported', from: '220000', to: '230000' },
        ],
      },
    ]);
    for (const f of diff.files.filter((f) => f.file !== 'mine_production.csv')) {
      expect(f.from).toBe(f.to);
      expect(f.added.length + f.removed.length + f.changed.length).toBe(0);
    }
    expect(diff.to.label).toBe('edited');
  });
});
