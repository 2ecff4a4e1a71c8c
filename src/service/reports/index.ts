/**
 * Due-diligence reports (issue 5 part 6): a report after the five steps of the OECD Due Diligence
 * Guidance, built purely from plain data ({@link ReportInput}), its printable HTML page, and the RMI
 * EMRT "Smelter List" and "Mine List" tabs as CSV and .xlsx. {@link assembleReport} gathers the input
 * from a live node's queries.
 * @module service/reports
 */

export { assembleReport, type ReportDeps } from './assemble.js';
export {
  EMRT_SHEETS,
  type EmrtRows,
  type EmrtTab,
  emrtCsv,
  emrtRows,
  emrtXlsx,
  MINE_LIST_HEADER,
  SMELTER_LIST_HEADER,
} from './emrt.js';
export { type ReportSources, reportFor } from './for-viewer.js';
export { escapeHtml, renderReportHtml } from './html.js';
export { dueDiligenceReport, SMELTER_KINDS } from './report.js';
export type {
  CaseEntry,
  CertificateFacts,
  CertificationFacts,
  DueDiligenceReport,
  ElementOrigins,
  FacilityFacts,
  MineEntry,
  OriginPart,
  PartyFacts,
  ReportInput,
  ReportSubject,
  RuleFindings,
  SeverityCounts,
  SmelterEntry,
  UpstreamFacility,
} from './types.js';
