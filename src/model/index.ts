/**
 * Lodestone's canonical domain types: registration entries, statements, keys, and the materials
 * vocabulary (elements, formulas, plausible element content per material).
 * @module model
 */

export {
  ATOMIC_WEIGHTS,
  type AtomCounts,
  atomicWeight,
  type ElementSymbol,
  isElementSymbol,
  type MassFractions,
  massFractionsOf,
  molarMass,
  parseFormula,
} from './elements.js';
export {
  createEntry,
  decodeEntry,
  encodeEntry,
  formatRegistered,
  isStatementId,
  type RegistrationEntry,
  statementId,
} from './entry.js';
export { ModelError, type ModelErrorCode } from './errors.js';
export {
  type CheckContentOptions,
  type ContentFinding,
  checkContent,
  elementMass,
  getMaterial,
  isMaterialCode,
  isPlausible,
  listMaterials,
  type MaterialFilter,
} from './materials.js';
export { MaterialsError, type MaterialsErrorCode } from './materials-errors.js';
export type { FractionRange, Material, MaterialStage, MineralChain } from './materials-types.js';
export type { RegisteredKey, StatementRecord, StatementStore, StoredStatement } from './statement.js';
