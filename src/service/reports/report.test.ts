import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  dueDiligenceReport,
  EMRT_SHEETS,
  emrtCsv,
  emrtRows,
  emrtXlsx,
  MINE_LIST_HEADER,
  renderReportHtml,
  SMELTER_LIST_HEADER,
} from './index.js';
import { INPUT } from './testing/fixtures.js';

describe('dueDiligenceReport', () => {
  const report = dueDiligenceReport(INPUT);

  it('names the subject and the time it speaks for', () => {
    expect(report.subject).toEqual({
      kind: 'organization',
      did: 'did:web:cells.example',
      name: INPUT.organization.name,
    });
    expect(report.at).toBe(INPUT.at);
    expect(report.title).toContain(INPUT.organization.name);
  });

  it('step 1: the organisation, its facilities and certificates, the rule set with its version', () => {
    expect(report.step1.organization.did).toBe('did:web:cells.example');
    expect(report.step1.facilities.map((f) => f.id)).toEqual(['https://cells.example/plant']);
    expect(report.step1.certificates[0]).toMatchObject({
      id: 'urn:cert:9',
      verified: false,
      failed: ['status'],
    });
    expect(report.step1.ruleSet.version).toBe(INPUT.ruleSet.version);
    expect(report.step1.ruleSet.thresholds).toBe(INPUT.ruleSet.thresholds);
    expect(report.step1.ruleSet.rules.every((r) => r.enabled)).toBe(true);
    expect(report.step1.ruleSet.rules.map((r) => r.id)).toContain('LS-CERT-MISSING');
  });

  it('step 1: marks the rules the set disables', () => {
    const r = dueDiligenceReport({
      ...INPUT,
      ruleSet: { ...INPUT.ruleSet, disabled: ['LS-STRUCTURING'] },
    });
    expect(r.step1.ruleSet.rules.find((x) => x.id === 'LS-STRUCTURING')?.enabled).toBe(false);
  });

  it('step 2: mines with their shares (industrial and artisanal parts added exactly) and the smelters they fed', () => {
    expect(report.step2.mines.map((m) => [m.country, m.name])).toEqual([
      ['AUS', 'Murrin, East "pit"'],
      ['COD', 'Kolwezi Hill'],
    ]);
    const kolwezi = report.step2.mines.find((m) => m.country === 'COD')!;
    expect(kolwezi.methods).toEqual(['artisanal', 'industrial']);
    expect(kolwezi.elements).toEqual([{ element: 'Co', share: '5/8', percent: 62.5 }]);
    expect(kolwezi.smelters).toEqual(['Kokkola Refinery']);
    const murrin = report.step2.mines.find((m) => m.country === 'AUS')!;
    expect(murrin.elements.map((e) => e.element)).toEqual(['Co', 'Ni']);
    expect(murrin.smelters).toEqual(['=HYPERLINK("http://evil.example")', 'Kokkola Refinery']);
    expect(report.step2.countries).toEqual(['AUS', 'COD', 'undeclared']);
  });

  it('step 2: findings grouped by rule in catalogue order, with severity counts', () => {
    expect(report.step2.findings.map((g) => [g.rule, g.count, g.open])).toEqual([
      ['LS-CAHRA-ORIGIN', 2, 1],
      ['LS-CERT-MISSING', 1, 1],
    ]);
    expect(report.step2.findings[0]!.bySeverity).toEqual({
      info: 0,
      low: 0,
      medium: 0,
      high: 1,
      critical: 1,
    });
    expect(report.step2.bySeverity).toEqual({ info: 0, low: 0, medium: 1, high: 1, critical: 1 });
  });

  it('step 3: cases with status, assignee, outcome and justification', () => {
    expect(report.step3.byStatus).toEqual({ open: 1, acknowledged: 0, assigned: 1, resolved: 1 });
    expect(report.step3.byOutcome).toMatchObject({ mitigated: 1, suspended: 0 });
    const resolved = report.step3.cases.find((c) => c.status === 'resolved')!;
    expect(resolved).toMatchObject({
      outcome: 'mitigated',
      justification: 'Site visit <b>done</b>; supplier joined the programme',
      updated: '2026-03-01T00:00:00Z',
    });
    const assigned = report.step3.cases.find((c) => c.status === 'assigned')!;
    expect(assigned.assignee).toBe('did:web:auditor.example');
    // The open case has no action yet: it speaks for when the finding was raised.
    expect(report.step3.cases.find((c) => c.status === 'open')!.updated).toBe('2026-02-03T00:00:00Z');
  });

  it('step 4: every smelter and refiner upstream with its certification at report time', () => {
    expect(report.step4.topics).toEqual(INPUT.ruleSet.thresholds.certificate.topics);
    expect(report.step4.smelters.map((s) => [s.kind, s.certified])).toEqual([
      ['smelter', false],
      ['refinery', true],
    ]);
  });

  it('step 5: summary figures, and the log origin and size it speaks for', () => {
    expect(report.step5).toMatchObject({
      origin: 'lodestone.test/log',
      size: 1234,
      generatedAt: '2026-04-01T12:00:00Z',
      summary: {
        batches: 3,
        facilitiesUpstream: 4,
        mines: 2,
        countries: 2,
        smelters: 2,
        smeltersCertified: 1,
        findings: 3,
        openCases: 2,
        resolvedCases: 1,
      },
    });
  });

  it('is pure: the same input gives the same report', () => {
    expect(dueDiligenceReport(INPUT)).toEqual(report);
  });
});

describe('renderReportHtml', () => {
  const html = renderReportHtml(dueDiligenceReport(INPUT));

  it('escapes every text: a name holding <script> stays text', () => {
    expect(html).not.toContain('<script>');
    expect(html).toContain('Cells &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co');
    expect(html).toContain('Site visit &lt;b&gt;done&lt;/b&gt;');
    expect(html).toContain('Murrin, East &quot;pit&quot;');
  });

  it('is self-contained and printable: inline CSS with print rules, no script, no external resource', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('@media print');
    expect(html).not.toMatch(/<script|<link|<img|<iframe|src=|href=|@import|url\(/i);
  });

  it('has a section for each of the five OECD steps', () => {
    for (const step of [1, 2, 3, 4, 5]) expect(html).toContain(`<h2>Step ${step} `);
  });
});

describe('EMRT export', () => {
  const rows = emrtRows(dueDiligenceReport(INPUT));

  it('puts the EMRT header row first on each tab', () => {
    expect(rows.smelters[0]).toEqual(SMELTER_LIST_HEADER);
    expect(rows.mines[0]).toEqual(MINE_LIST_HEADER);
  });

  it('lists each smelter and mine once per EMRT metal, leaving out metals outside the EMRT', () => {
    // The smelter also handles Nd (not an EMRT metal): one Cobalt row only.
    expect(rows.smelters.slice(1).map((r) => [r[1], r[3]])).toEqual([
      ['Cobalt', '=HYPERLINK("http://evil.example")'],
      ['Cobalt', 'Kokkola Refinery'],
      ['Nickel', 'Kokkola Refinery'],
    ]);
    expect(rows.mines.slice(1).map((r) => [r[0], r[1]])).toEqual([
      ['Cobalt', 'Murrin, East "pit"'],
      ['Nickel', 'Murrin, East "pit"'],
      ['Cobalt', 'Kolwezi Hill'],
    ]);
  });

  it('fills a smelter row from the report: name, country, mines and their countries, next steps', () => {
    const kokkola = rows.smelters.find((r) => r[3] === 'Kokkola Refinery' && r[1] === 'Cobalt')!;
    const col = (name: string) => kokkola[SMELTER_LIST_HEADER.indexOf(name)];
    expect(col('Smelter Look-up (*)')).toBe('Smelter not listed');
    expect(col('Smelter Country (*)')).toBe('FIN');
    expect(col(SMELTER_LIST_HEADER[13]!)).toBe('Kolwezi Hill; Murrin, East "pit"');
    expect(col(SMELTER_LIST_HEADER[14]!)).toBe('AUS; COD');
    expect(col(SMELTER_LIST_HEADER[15]!)).toBe('No');
    expect(col('Proposed next steps')).toBe('');
    expect(col('Comments')).toContain('urn:cert:1');
    const evil = rows.smelters[1]!;
    expect(evil[SMELTER_LIST_HEADER.indexOf('Proposed next steps')]).toContain('social.labour');
  });

  it('writes RFC 4180 CSV: CRLF, quotes doubled, fields quoted only when needed', () => {
    const csv = emrtCsv(rows, 'mines');
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(rows.mines.length + 1);
    expect(csv.split('\r\n')[1]).toBe(
      `Cobalt,"Murrin, East ""pit""",https://murrin.example/mine,Lodestone facility URI,AUS,,,,` +
        `"'=HYPERLINK(""http://evil.example""); Kokkola Refinery",,industrial extraction; 25 % of the cobalt reported`,
    );
  });

  it('guards against CSV formula injection: = + - @ get a leading quote', () => {
    const tricky = {
      smelters: [['h'], ['=1+1'], ['+cmd'], ['-2'], ['@SUM(A1)'], ['a=b'], ['"=x"']],
      mines: [],
    };
    expect(emrtCsv(tricky, 'smelters').split('\r\n')).toEqual([
      'h',
      "'=1+1",
      "'+cmd",
      "'-2",
      "'@SUM(A1)",
      'a=b',
      '"""=x"""',
      '',
    ]);
    const smelterCsv = emrtCsv(rows, 'smelters');
    expect(smelterCsv).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
  });

  it('writes an .xlsx with the EMRT worksheet names, header rows and data rows', async () => {
    const buffer = await emrtXlsx(rows);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([EMRT_SHEETS.smelters, EMRT_SHEETS.mines]);
    const smelters = workbook.getWorksheet('Smelter List')!;
    const values = (row: number) => (smelters.getRow(row).values as unknown[]).slice(1);
    expect(values(1)).toEqual(SMELTER_LIST_HEADER);
    expect(values(3)[3]).toBe('Kokkola Refinery');
    // Stored as text, and neutralised as in the CSV: never a formula.
    expect(smelters.getRow(2).getCell(4).value).toBe(`'=HYPERLINK("http://evil.example")`);
    const mines = workbook.getWorksheet('Mine List')!;
    expect((mines.getRow(1).values as unknown[]).slice(1)).toEqual(MINE_LIST_HEADER);
    expect(mines.rowCount).toBe(rows.mines.length);
  });
});
