import { ALLIANCE_MEMBERS, type ElementSymbol } from '../model/index.js';
import { compareKeys } from './allocation.js';
import { parseOriginKey } from './composition.js';
import type { Composition, OriginKey } from './rows.js';

/** What is known of an origin facility; undefined fields are unknown. */
export interface OriginFacts {
  /** ISO 3166-1 alpha-3. */
  readonly country?: string;
  readonly name?: string;
}

/** Whether an origin facility held a valid certificate (undefined: not known). */
export type CertifiedFn = (facility: string) => boolean | undefined;

/** One key's part of an element's mass. */
export interface Share {
  readonly key: string;
  /** Decimal string. */
  readonly micrograms: string;
  /** Exact share of the element's mass as a reduced fraction `"n/d"`; zero shares are left out. */
  readonly share: string;
  /** For display only: 100 × share, rounded half up to 4 decimals. */
  readonly percent: number;
}

/** An element's mass by origin and by the facts of its origins; every dimension's shares sum to 1. */
export interface ElementProvenance {
  readonly element: ElementSymbol;
  readonly micrograms: string;
  /** By origin key (`"industrial <facility>"`, …). */
  readonly byOrigin: readonly Share[];
  /** By country of the origin facility: `'undeclared'` for undeclared origins, `'unknown'` without facts. */
  readonly byCountry: readonly Share[];
  /** `'member'`, `'non-member'` of the alliance, or `'undeclared'` (no origin or no known country). */
  readonly byAlliance: readonly Share[];
  /** `'industrial'`, `'artisanal'` or `'undeclared'`. */
  readonly byExtraction: readonly Share[];
  /** `'certified'`, `'uncertified'` or `'unknown'`. */
  readonly byCertification: readonly Share[];
}

type Dimension = Exclude<keyof ElementProvenance, 'element' | 'micrograms'>;
const DIMENSIONS: readonly Dimension[] = [
  'byOrigin',
  'byCountry',
  'byAlliance',
  'byExtraction',
  'byCertification',
];

/**
 * The provenance of a composition (a batch's, as recorded at its creation): per element with mass, the
 * shares of that mass by origin, country, alliance membership, extraction method and certification.
 * Shares are exact fractions; each list is sorted by mass, largest first, then by key.
 * @param facts what is known of a facility (called once per origin facility)
 * @param certified certification status of an origin facility; everything is `'unknown'` without it
 */
export function provenanceOf(
  composition: Composition,
  facts: (facility: string) => OriginFacts | undefined,
  certified?: CertifiedFn,
): ElementProvenance[] {
  const keysOf = memoize((origin: string) => dimensionKeys(parseOriginKey(origin), facts, certified));
  const result: ElementProvenance[] = [];
  for (const [element, parts] of Object.entries(composition) as [ElementSymbol, [string, string][]][]) {
    const sums = Object.fromEntries(DIMENSIONS.map((d) => [d, new Map<string, bigint>()])) as Record<
      Dimension,
      Map<string, bigint>
    >;
    let total = 0n;
    for (const [origin, micrograms] of parts) {
      const mass = BigInt(micrograms);
      total += mass;
      const keys = keysOf(origin);
      for (const d of DIMENSIONS) sums[d].set(keys[d], (sums[d].get(keys[d]) ?? 0n) + mass);
    }
    if (total === 0n) continue;
    const dims = Object.fromEntries(DIMENSIONS.map((d) => [d, sharesOf(sums[d], total)])) as Record<
      Dimension,
      Share[]
    >;
    result.push({ element, micrograms: total.toString(), ...dims });
  }
  return result;
}

function dimensionKeys(
  origin: OriginKey,
  facts: (facility: string) => OriginFacts | undefined,
  certified: CertifiedFn | undefined,
): Record<Dimension, string> {
  const declared = origin.method !== 'undeclared';
  const country = declared ? facts(origin.facility)?.country : undefined;
  const status = declared ? certified?.(origin.facility) : undefined;
  return {
    byOrigin: `${origin.method} ${origin.facility}`,
    byCountry: declared ? (country ?? 'unknown') : 'undeclared',
    byAlliance:
      country === undefined ? 'undeclared' : ALLIANCE_MEMBERS.includes(country) ? 'member' : 'non-member',
    byExtraction: origin.method,
    byCertification: status === undefined ? 'unknown' : status ? 'certified' : 'uncertified',
  };
}

function sharesOf(sums: ReadonlyMap<string, bigint>, total: bigint): Share[] {
  const shares: Share[] = [];
  for (const [key, mass] of sums) {
    if (mass === 0n) continue;
    const divisor = gcd(mass, total);
    shares.push({
      key,
      micrograms: mass.toString(),
      share: `${mass / divisor}/${total / divisor}`,
      percent: percentOf(mass, total),
    });
  }
  return shares.sort(
    (a, b) => compareMass(BigInt(b.micrograms), BigInt(a.micrograms)) || compareKeys(a.key, b.key),
  );
}

/** 100 × n / d rounded half up to 4 decimals, computed exactly before the one conversion to a number. */
export function percentOf(n: bigint, d: bigint): number {
  const tenThousandths = (n * 2_000_000n + d) / (2n * d);
  return Number(tenThousandths) / 10_000;
}

function compareMass(a: bigint, b: bigint): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

function gcd(a: bigint, b: bigint): bigint {
  let [x, y] = [a, b];
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function memoize<R>(fn: (key: string) => R): (key: string) => R {
  const cache = new Map<string, R>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = fn(key);
      cache.set(key, value);
    }
    return value;
  };
}
