import { RiskError } from './errors.js';
import type { Assumption } from './types.js';

/** A model parameter: its default, range and where the default comes from. */
export interface ParameterSpec {
  readonly default: number;
  readonly unit: string;
  readonly min: number;
  readonly max: number;
  /** Where the default comes from; `assumption: …` when no source in the datasets backs it. */
  readonly source: string;
}

/**
 * The parameters' values (the caller's where given, the defaults otherwise) and the assumption list
 * that reports them, in the order of `specs`.
 * @throws RiskError RISK_BAD_PARAMETER for an unknown name, or a value that is not a finite number in range
 */
export function resolveParameters<K extends string>(
  specs: Readonly<Record<K, ParameterSpec>>,
  given: Readonly<Partial<Record<string, number>>> = {},
): { values: Record<K, number>; assumptions: Assumption[] } {
  for (const name of Object.keys(given)) {
    if (!Object.hasOwn(specs, name)) {
      throw new RiskError(
        'RISK_BAD_PARAMETER',
        `unknown parameter ${JSON.stringify(name)}; known: ${Object.keys(specs).join(', ')}`,
      );
    }
  }
  const values = {} as Record<K, number>;
  const assumptions: Assumption[] = [];
  for (const name of Object.keys(specs) as K[]) {
    const spec = specs[name];
    const value = given[name] ?? spec.default;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < spec.min || value > spec.max) {
      throw new RiskError(
        'RISK_BAD_PARAMETER',
        `${name} must be a number in [${spec.min}, ${spec.max}], got ${String(value)}`,
      );
    }
    values[name] = value;
    assumptions.push({ name, value, unit: spec.unit, default: value === spec.default, source: spec.source });
  }
  return { values, assumptions };
}
