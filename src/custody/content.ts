import {
  type ContentFinding,
  checkContent,
  type ElementContent,
  isElementSymbol,
  isMaterialCode,
  type NewBatch,
} from '../model/index.js';
import { CustodyError, ensure } from './errors.js';
import { trackedElements } from './tracked.js';

/** Content is integer parts per million of the batch's mass. */
export const PPM = 1_000_000;

/**
 * The checks every new batch passes whatever creates it (its id's freshness is the caller's: it needs
 * the store): a known material, a positive quantity, the content of every tracked element, plausible.
 * @throws CustodyError CUSTODY_UNKNOWN_MATERIAL, CUSTODY_BAD_QUANTITY, CUSTODY_BAD_CONTENT,
 * CUSTODY_MISSING_CONTENT, CUSTODY_IMPLAUSIBLE_CONTENT
 */
export function checkNewBatch(batch: NewBatch): void {
  ensure(isMaterialCode(batch.material), 'CUSTODY_UNKNOWN_MATERIAL', () => {
    return `${batch.id}: no material with code ${JSON.stringify(batch.material)}`;
  });
  checkGrams(batch.grams, `${batch.id}: quantity`);
  for (const element of trackedElements(batch.material)) {
    ensure(batch.content[element] !== undefined, 'CUSTODY_MISSING_CONTENT', () => {
      return `${batch.id}: ${batch.material} tracks ${element}, whose content is not declared`;
    });
  }
  checkPlausible(batch.material, batch.content, batch.id);
}

/**
 * Content that is well formed and plausible for the material (an element it has no range for only up to
 * the vocabulary's trace limit).
 * @throws CustodyError CUSTODY_BAD_CONTENT, CUSTODY_IMPLAUSIBLE_CONTENT
 */
export function checkPlausible(material: string, content: ElementContent, batch: string): void {
  const fractions: Record<string, number> = {};
  for (const [element, ppm] of Object.entries(content)) {
    // Untrusted numbers: checked here so the vocabulary never throws its own, uncoded, errors.
    ensure(
      isElementSymbol(element) && Number.isInteger(ppm) && ppm >= 0 && ppm <= PPM,
      'CUSTODY_BAD_CONTENT',
      () => `${batch}: content of ${element} must be integer ppm in [0, ${PPM}], got ${String(ppm)}`,
    );
    fractions[element] = ppm / PPM;
  }
  const finding = checkContent(material, fractions)[0];
  if (finding !== undefined) {
    throw new CustodyError('CUSTODY_IMPLAUSIBLE_CONTENT', `${batch}: ${describe(finding)} for ${material}`);
  }
}

/**
 * A positive safe integer of grams.
 * @throws CustodyError CUSTODY_BAD_QUANTITY
 */
export function checkGrams(grams: number, what: string): void {
  ensure(Number.isSafeInteger(grams) && grams > 0, 'CUSTODY_BAD_QUANTITY', () => {
    return `${what} must be a positive integer of grams, got ${String(grams)}`;
  });
}

function describe(finding: ContentFinding): string {
  switch (finding.kind) {
    case 'below-range':
    case 'above-range':
      return `${finding.element} at ${finding.fraction} is ${finding.kind} [${finding.range.min}, ${finding.range.max}]`;
    case 'unexpected-element':
      return `${finding.element} at ${finding.fraction} is above the trace limit`;
    case 'total-above-one':
      return `element fractions add up to ${finding.total}`;
  }
}
