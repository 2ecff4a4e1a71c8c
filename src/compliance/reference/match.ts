import { toAlpha3 } from '../../model/index.js';
import { ReferenceDataError } from './errors.js';
import { type NormalizedName, normalizeName } from './normalize.js';
import type { SanctionsEntry } from './sanctions.js';
import { jaroWinkler } from './similarity.js';

/** Matching thresholds; every field is optional and defaults to {@link DEFAULT_MATCH_OPTIONS}. */
export interface MatchOptions {
  /** Lowest overall score reported as a match by {@link matchSanctions}. */
  readonly threshold?: number;
  /** Lowest Jaro-Winkler similarity at which two different tokens count as the same word. */
  readonly tokenThreshold?: number;
  /** Factor applied to the name score when both sides name countries and none is shared. */
  readonly countryMismatchFactor?: number;
}

/**
 * Defaults: a match needs 0.88 overall; tokens pair from Jaro-Winkler 0.85 (one typo or transliteration
 * variant in a word of six letters or more: `metall`/`metal` 0.97, `aleksandr`/`alexandr` 0.92, while
 * `mining`/`shipping` is 0.72 and `katanga`/`kivu` 0.52); a country mismatch scales the score by 0.9 (it lowers, never excludes).
 */
export const DEFAULT_MATCH_OPTIONS: Readonly<Required<MatchOptions>> = {
  threshold: 0.88,
  tokenThreshold: 0.85,
  countryMismatchFactor: 0.9,
};

/** Two tokens counted as the same word, with their Jaro-Winkler similarity (1 when equal). */
export interface TokenPair {
  readonly a: string;
  readonly b: string;
  readonly similarity: number;
}

/** Why two names score what they score. */
export interface MatchExplanation {
  readonly a: NormalizedName;
  readonly b: NormalizedName;
  readonly method: 'token-set Jaro-Winkler';
  /** Token pairs in the one-to-one alignment: equal tokens first, then greedily by similarity. */
  readonly pairs: readonly TokenPair[];
  readonly unmatchedA: readonly string[];
  readonly unmatchedB: readonly string[];
  /** 2 × Σ pair similarity ÷ (distinct tokens of a + distinct tokens of b), in [0, 1]. */
  readonly score: number;
  /** The steps in words, one line each. */
  readonly steps: readonly string[];
}

function resolve(options: MatchOptions): Required<MatchOptions> {
  const merged = { ...DEFAULT_MATCH_OPTIONS, ...options };
  for (const [key, value] of Object.entries(merged)) {
    if (!(Number.isFinite(value) && value >= 0 && value <= 1)) {
      throw new ReferenceDataError('COMPLIANCE_REF_BAD_OPTION', `${key} must be in [0, 1], got ${value}`);
    }
  }
  return merged;
}

/** Align distinct tokens one-to-one: identical tokens first, then the most similar remaining pairs. */
function align(aTokens: readonly string[], bTokens: readonly string[], tokenThreshold: number) {
  const a = new Set(aTokens);
  const b = new Set(bTokens);
  const pairs: TokenPair[] = [...a].filter((t) => b.has(t)).map((t) => ({ a: t, b: t, similarity: 1 }));
  const restA = [...a].filter((t) => !b.has(t));
  const restB = [...b].filter((t) => !a.has(t));
  const candidates = restA
    .flatMap((x) => restB.map((y) => ({ a: x, b: y, similarity: jaroWinkler(x, y) })))
    .filter((p) => p.similarity >= tokenThreshold)
    // Ties break on the unordered pair, so swapping the names picks the same pairs (score symmetry).
    .sort((p, q) => q.similarity - p.similarity || orderKey(p).localeCompare(orderKey(q)));
  const usedA = new Set<string>();
  const usedB = new Set<string>();
  for (const p of candidates) {
    if (usedA.has(p.a) || usedB.has(p.b)) continue;
    usedA.add(p.a);
    usedB.add(p.b);
    pairs.push(p);
  }
  const sum = pairs.reduce((s, p) => s + p.similarity, 0);
  const score = a.size + b.size === 0 ? 0 : Math.min(1, (2 * sum) / (a.size + b.size));
  return {
    pairs,
    unmatchedA: restA.filter((t) => !usedA.has(t)),
    unmatchedB: restB.filter((t) => !usedB.has(t)),
    score,
  };
}

function orderKey(p: TokenPair): string {
  return p.a < p.b ? `${p.a}\u0000${p.b}` : `${p.b}\u0000${p.a}`;
}

function describe(n: NormalizedName): string {
  const removed =
    n.legalFormsRemoved.length > 0 ? `, legal forms removed: ${n.legalFormsRemoved.join(', ')}` : '';
  const translit = n.transliterated ? ', transliterated' : '';
  return `${JSON.stringify(n.input)} → ${JSON.stringify(n.normalized)}${translit}${removed} → tokens [${n.tokens.join(' ')}]`;
}

function explainNormalized(a: NormalizedName, b: NormalizedName, tokenThreshold: number): MatchExplanation {
  const { pairs, unmatchedA, unmatchedB, score } = align(a.tokens, b.tokens, tokenThreshold);
  const steps = [
    `a: ${describe(a)}`,
    `b: ${describe(b)}`,
    ...pairs.map((p) =>
      p.similarity === 1
        ? `"${p.a}" = "${p.b}"`
        : `"${p.a}" ≈ "${p.b}" (Jaro-Winkler ${p.similarity.toFixed(3)})`,
    ),
    ...(unmatchedA.length + unmatchedB.length > 0
      ? [`unmatched (below ${tokenThreshold}): [${unmatchedA.join(' ')}] / [${unmatchedB.join(' ')}]`]
      : []),
    `score = 2 × ${pairs.reduce((s, p) => s + p.similarity, 0).toFixed(3)} ÷ (${new Set(a.tokens).size} + ${new Set(b.tokens).size}) = ${score.toFixed(3)}`,
  ];
  return { a, b, method: 'token-set Jaro-Winkler', pairs, unmatchedA, unmatchedB, score, steps };
}

/**
 * Score how likely two names denote the same party, in [0, 1], with every step explained. Both names
 * are normalised ({@link normalizeName}); their distinct tokens are aligned one-to-one (equal tokens,
 * then pairs with Jaro-Winkler ≥ `tokenThreshold`, most similar first); the score is the Dice
 * coefficient weighted by pair similarity. Symmetric, invariant under word order and legal forms, 1 for
 * names that normalise to the same token set, 0 when either has no tokens.
 * @throws ReferenceDataError COMPLIANCE_REF_BAD_OPTION
 */
export function explainMatch(a: string, b: string, options: MatchOptions = {}): MatchExplanation {
  return explainNormalized(normalizeName(a), normalizeName(b), resolve(options).tokenThreshold);
}

/** A sanctions entry whose name matched. */
export interface SanctionsMatch {
  /** The name score, times the country-mismatch factor when it applies. */
  readonly score: number;
  readonly entry: SanctionsEntry;
  /** Which of the entry's names matched best. */
  readonly matchedName: string;
  readonly explanation: MatchExplanation;
  /** Set when a country was given: the entry's countries and whether one is the same. */
  readonly country?: { readonly query: string; readonly entry: readonly string[]; readonly matched: boolean };
}

// Normalising a 40 000-name list once per query would dominate screening; entries are immutable data.
const NORMALIZED = new WeakMap<SanctionsEntry, readonly NormalizedName[]>();

function normalizedNames(entry: SanctionsEntry): readonly NormalizedName[] {
  let names = NORMALIZED.get(entry);
  if (!names) {
    names = entry.names.map(normalizeName);
    NORMALIZED.set(entry, names);
  }
  return names;
}

function countryCheck(entry: SanctionsEntry, country: string | undefined) {
  if (country === undefined) return undefined;
  const query = toAlpha3(country) ?? country.toUpperCase();
  return { query, entry: entry.countries, matched: entry.countries.includes(query) };
}

/**
 * The best-scoring sanctions entry for `name` at or above the threshold, or `undefined`. Every name of
 * every entry (primary and aliases) is scored with {@link explainMatch}; when `country` (alpha-2 or
 * alpha-3) is given and the entry lists countries none of which is it, the score is multiplied by
 * `countryMismatchFactor`. Ties keep the earlier entry.
 * @throws ReferenceDataError COMPLIANCE_REF_BAD_OPTION
 */
export function matchSanctions(
  list: readonly SanctionsEntry[],
  name: string,
  country?: string,
  options: MatchOptions = {},
): SanctionsMatch | undefined {
  const opts = resolve(options);
  const query = normalizeName(name);
  let best: SanctionsMatch | undefined;
  for (const entry of list) {
    const check = countryCheck(entry, country);
    const factor = check && check.entry.length > 0 && !check.matched ? opts.countryMismatchFactor : 1;
    normalizedNames(entry).forEach((candidate, i) => {
      const explanation = explainNormalized(query, candidate, opts.tokenThreshold);
      const score = explanation.score * factor;
      if (score < opts.threshold || (best && score <= best.score)) return;
      const steps =
        factor === 1
          ? explanation.steps
          : [
              ...explanation.steps,
              `country ${check?.query} not in [${check?.entry.join(' ')}]: × ${factor} = ${score.toFixed(3)}`,
            ];
      best = {
        score,
        entry,
        matchedName: entry.names[i] ?? candidate.input,
        explanation: { ...explanation, steps },
        ...(check ? { country: check } : {}),
      };
    });
  }
  return best;
}
