import { BaseError } from '../errors.js';

/** Codes thrown by the materials vocabulary and the chemical-formula parser (`elements.ts`, `materials.ts`). */
export type MaterialsErrorCode =
  /** A chemical formula is not a string, is empty or too long, or does not follow the grammar. */
  | 'MODEL_BAD_FORMULA'
  /** A symbol is not one of the elements the vocabulary knows. */
  | 'MODEL_UNKNOWN_ELEMENT'
  /** A material code is not in the vocabulary. */
  | 'MODEL_UNKNOWN_MATERIAL'
  /** A mass fraction is not a finite number in [0, 1]. */
  | 'MODEL_BAD_FRACTION'
  /** A quantity is not a non-negative safe integer number of grams. */
  | 'MODEL_BAD_QUANTITY';

export class MaterialsError extends BaseError<MaterialsErrorCode> {}
