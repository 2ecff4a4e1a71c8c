/**
 * Test support for the risk module (not exported from it): the shipped seed files, read once. The module
 * itself never reads files; tests may.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { type Datasets, parseDatasets } from '../datasets.js';
import { RiskError, type RiskErrorCode } from '../errors.js';

/** `assets/risk-data/`, from src/risk/testing/. */
export const SEED_DIR = new URL('../../../assets/risk-data/', import.meta.url);

let cached: Record<string, string> | undefined;

/** The shipped seed files by name (text as read, UTF-8). */
export function seedFiles(): Record<string, string> {
  cached ??= Object.fromEntries(
    readdirSync(SEED_DIR)
      .filter((name) => name.endsWith('.csv'))
      .map((name) => [name, readFileSync(new URL(name, SEED_DIR), 'utf8')]),
  );
  return { ...cached };
}

let datasets: Datasets | undefined;

/** The shipped datasets, parsed once. */
export function seed(): Datasets {
  datasets ??= parseDatasets(seedFiles(), { label: 'seed' });
  return datasets;
}

/** Run `fn`, expect a {@link RiskError} with `code`, and return it. */
export function expectRiskError(fn: () => unknown, code: RiskErrorCode): RiskError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(RiskError);
    expect((err as RiskError).code).toBe(code);
    return err as RiskError;
  }
  throw new Error(`expected a RiskError ${code}, nothing was thrown`);
}
