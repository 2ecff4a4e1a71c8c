import type { BatchRow, FacilityRow } from '../custody/index.js';
import type { CustodyEvent } from '../model/index.js';
import type { Thresholds } from './catalogue.js';
import type { ComplianceContext } from './context.js';
import { ComplianceError } from './errors.js';
import type { EvaluationInput, FindingSubject } from './types.js';

/** What a rule sees: the statement, its effects first and the context behind them, and its thresholds. */
export interface Scope {
  readonly input: EvaluationInput;
  readonly context: ComplianceContext;
  readonly thresholds: Thresholds;
  /** The statement's custody events, in order; empty for other statements. */
  readonly events: readonly CustodyEvent[];
  batch(id: string): BatchRow | undefined;
  facility(id: string): FacilityRow | undefined;
}

/** A finding before the evaluator names and stamps it. */
export interface Draft {
  readonly subject: FindingSubject;
  readonly at: string;
  /** Statements other than the raising one that the evidence needs (upstream, earlier shipments). */
  readonly related?: readonly string[];
  readonly facts: Readonly<Record<string, unknown>>;
  readonly message: string;
}

/** A rule's check: pure, reads only its scope. */
export type Check = (scope: Scope) => Iterable<Draft>;

/**
 * The scope of one statement: rows the statement produced shadow the context's (they are newer).
 * @throws ComplianceError COMPLIANCE_BAD_TIME
 */
export function scopeOf(input: EvaluationInput, context: ComplianceContext, thresholds: Thresholds): Scope {
  const batches = new Map(input.effects.batches.map((b) => [b.id, b]));
  const facilities = new Map(input.effects.facilities.map((f) => [f.id, f]));
  const body = input.statement.body;
  const events = body.kind === 'custody' ? body.events : [];
  // Times are checked once, up front, so that a bad one fails every evaluation alike, not only the
  // evaluations whose rules happen to compare it.
  for (const time of [input.statement.time, input.registered, ...events.map((e) => e.time)]) ms(time);
  return {
    input,
    context,
    thresholds,
    events,
    batch: (id) => batches.get(id) ?? context.batch(id),
    facility: (id) => facilities.get(id) ?? context.facility(id),
  };
}

/** Milliseconds since the epoch of an RFC 3339 time. @throws ComplianceError COMPLIANCE_BAD_TIME */
export function ms(time: string): number {
  const value = Date.parse(time);
  if (Number.isNaN(value)) throw new ComplianceError('COMPLIANCE_BAD_TIME', `not an RFC 3339 time: ${time}`);
  return value;
}

/** Element mass in micrograms (grams × ppm), exact. */
export function microgramsOf(grams: number, ppm: number | undefined): bigint {
  return BigInt(grams) * BigInt(ppm ?? 0);
}

/** Whether the exact fraction n/d exceeds `limit` (a number in [0, 1]), at millionths. */
export function exceeds(n: bigint, d: bigint, limit: number): boolean {
  return n * 1_000_000n > BigInt(Math.round(limit * 1_000_000)) * d;
}

/** n/d as a number, for the evidence only (never for a comparison). */
export function ratio(n: bigint, d: bigint): number {
  return d === 0n ? Number.POSITIVE_INFINITY : Number((n * 1_000_000n) / d) / 1_000_000;
}
