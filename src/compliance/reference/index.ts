/**
 * Reference lists for compliance rules: conflict-affected and high-risk areas, and sanctions lists with
 * name matching that survives transliteration, word order, punctuation and legal forms. Pure: parsers
 * take text, queries take a time. Formats, seed data and the algorithm: docs/compliance-reference.md.
 * @module
 */
export { AREA_LIST_COLUMNS, type AreaEntry, type AreaRisk, areaRiskAt, parseAreaList } from './areas.js';
export { ReferenceDataError, type ReferenceErrorCode, type SourceLocation } from './errors.js';
export {
  DEFAULT_MATCH_OPTIONS,
  explainMatch,
  type MatchExplanation,
  type MatchOptions,
  matchSanctions,
  type SanctionsMatch,
  type TokenPair,
} from './match.js';
export { type NormalizedName, normalizeName } from './normalize.js';
export {
  OFAC_SDN_COLUMNS,
  parseFtmJsonLines,
  parseOfacSdnCsv,
  type SanctionsEntry,
  type SanctionsKind,
} from './sanctions.js';
export { jaroWinkler } from './similarity.js';
