import ExcelJS from 'exceljs';
import type { DueDiligenceReport, UpstreamFacility } from './types.js';

/*
 * The RMI Extended Minerals Reporting Template (EMRT), version 2.1, released 17 October 2025, covers
 * cobalt, copper, graphite (natural), lithium, mica and nickel; version 2.0 added the "Mine List" tab
 * next to the "Smelter List" (responsiblemineralsinitiative.org, "Extended Minerals Reporting Template";
 * mdsksolutions.com news of the 2.1 release). The Smelter List columns below are those the RMI templates
 * share (CMRT 6.x / EMRT), as read from completed templates by a public parser. The Mine List columns
 * follow the same pattern; we could not check them against the 2.1 workbook itself (docs/compliance.md).
 */

/** The EMRT metals, by the element symbol that carries them in our ledger (mica is not an element). */
const EMRT_METALS: Readonly<Record<string, string>> = {
  Co: 'Cobalt',
  Cu: 'Copper',
  C: 'Graphite (natural)',
  Li: 'Lithium',
  Ni: 'Nickel',
};

export const SMELTER_LIST_HEADER: readonly string[] = [
  'Smelter Identification Number Input Column',
  'Metal (*)',
  'Smelter Look-up (*)',
  'Smelter Name (1)',
  'Smelter Country (*)',
  'Smelter Identification',
  'Source of Smelter Identification Number',
  'Smelter Street',
  'Smelter City',
  'Smelter Facility Location: State / Province',
  'Smelter Contact Name',
  'Smelter Contact Email',
  'Proposed next steps',
  'Name of Mine(s) or if recycled or scrap sourced, enter "recycled" or "scrap"',
  'Location (Country) of Mine(s) or if recycled or scrap sourced, enter "recycled" or "scrap"',
  'Does 100% of the smelter’s feedstock originate from recycled or scrap sources?',
  'Comments',
];

export const MINE_LIST_HEADER: readonly string[] = [
  'Metal (*)',
  'Mine Name (*)',
  'Mine Identification',
  'Source of Mine Identification Number',
  'Mine Country (*)',
  'Mine Street',
  'Mine City',
  'Mine Facility Location: State / Province',
  'Smelter Name',
  'Proposed next steps',
  'Comments',
];

/** The worksheet names of the EMRT. */
export const EMRT_SHEETS = { smelters: 'Smelter List', mines: 'Mine List' } as const;

export type EmrtTab = keyof typeof EMRT_SHEETS;

/** The two EMRT tabs as rows of text, the header row first. */
export interface EmrtRows {
  readonly smelters: string[][];
  readonly mines: string[][];
}

/** The report's smelters, refiners and mines as EMRT rows: one per (metal, facility), EMRT metals only. */
export function emrtRows(report: DueDiligenceReport): EmrtRows {
  const facilities = new Map(report.step2.facilities.map((f) => [f.id, f]));
  const smelters: string[][] = [[...SMELTER_LIST_HEADER]];
  for (const s of report.step4.smelters) {
    const feeders = s.origins.map((id) => facilities.get(id));
    const mines = feeders.filter((f): f is UpstreamFacility => f?.kind === 'mine');
    const recycled = feeders.length > 0 && feeders.every((f) => f?.kind === 'recycler');
    const certification = s.certified
      ? `certified at ${report.at} (${s.certification?.certificates.join(', ')})`
      : `no valid responsible-sourcing certificate at ${report.at}`;
    for (const metal of metalsOf(s.elements)) {
      smelters.push([
        '',
        metal,
        'Smelter not listed',
        s.name,
        s.country,
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        s.certified ? '' : `Request an audit covering ${s.certification?.missing.join(', ') ?? 'all topics'}`,
        recycled ? 'recycled' : unique(mines.map((m) => m.name)).join('; '),
        recycled ? 'recycled' : unique(mines.map((m) => m.country)).join('; '),
        recycled ? 'Yes' : mines.length > 0 ? 'No' : '',
        `Lodestone ${s.kind} ${s.id}; ${certification}`,
      ]);
    }
  }
  const mines: string[][] = [[...MINE_LIST_HEADER]];
  for (const m of report.step2.mines) {
    for (const part of m.elements) {
      const metal = EMRT_METALS[part.element];
      if (metal === undefined) continue;
      mines.push([
        metal,
        m.name,
        m.id,
        'Lodestone facility URI',
        m.country,
        '',
        '',
        '',
        m.smelters.join('; '),
        '',
        `${m.methods.join(' and ')} extraction; ${part.percent} % of the ${metal.toLowerCase()} reported`,
      ]);
    }
  }
  return { smelters, mines };
}

/**
 * One EMRT tab as CSV (RFC 4180): CRLF line ends, a field quoted when it holds a comma, quote, CR or LF,
 * quotes doubled. A field starting with `=`, `+`, `-`, `@`, tab or CR gets a leading `'` so a spreadsheet
 * never reads it as a formula (OWASP "CSV injection"; the EMRT also forbids cells starting with `=`).
 */
export function emrtCsv(rows: EmrtRows, tab: EmrtTab): string {
  return (
    rows[tab].map((row) => row.map((field) => csvField(neutralize(field))).join(',')).join('\r\n') + '\r\n'
  );
}

/** Both tabs as an .xlsx workbook, worksheets named as in the EMRT, header row bold and frozen. */
export async function emrtXlsx(rows: EmrtRows): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Lodestone';
  for (const tab of ['smelters', 'mines'] as const) {
    const sheet = workbook.addWorksheet(EMRT_SHEETS[tab], { views: [{ state: 'frozen', ySplit: 1 }] });
    for (const row of rows[tab]) sheet.addRow(row.map(neutralize));
    sheet.getRow(1).font = { bold: true };
    sheet.columns.forEach((column) => {
      column.width = 24;
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function metalsOf(elements: readonly string[]): string[] {
  return elements.map((e) => EMRT_METALS[e]).filter((m): m is string => m !== undefined);
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

function neutralize(field: string): string {
  return /^[=+\-@\t\r]/.test(field) ? `'${field}` : field;
}

function csvField(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}
