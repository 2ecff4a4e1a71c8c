/** The Winkler prefix scale: how much a common prefix (up to 4 characters) lifts the Jaro similarity. */
export const WINKLER_PREFIX_SCALE = 0.1;
const WINKLER_MAX_PREFIX = 4;

/** Jaro similarity (Jaro 1989) over Unicode code points: matches within the window, half-transpositions. */
function jaro(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 && b.length === 0) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const aMatched = new Array<boolean>(a.length).fill(false);
  const bMatched = new Array<boolean>(b.length).fill(false);
  let matches = 0;
  for (let i = 0; i < a.length; i += 1) {
    const end = Math.min(i + window + 1, b.length);
    for (let j = Math.max(0, i - window); j < end; j += 1) {
      if (bMatched[j] || a[i] !== b[j]) continue;
      aMatched[i] = true;
      bMatched[j] = true;
      matches += 1;
      break;
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < a.length; i += 1) {
    if (!aMatched[i]) continue;
    while (!bMatched[k]) k += 1;
    if (a[i] !== b[k]) transpositions += 1;
    k += 1;
  }
  return (matches / a.length + matches / b.length + (matches - transpositions / 2) / matches) / 3;
}

/**
 * Jaro-Winkler similarity of two strings, in [0, 1], 1 exactly when they are equal (Winkler 1990,
 * prefix scale 0.1, prefix of at most 4). The greedy match scan of Jaro can depend on argument order,
 * so the arguments are put in code-unit order first: the result is symmetric by construction.
 */
export function jaroWinkler(x: string, y: string): number {
  if (x === y) return 1;
  const [first, second] = x < y ? [x, y] : [y, x];
  const a = [...first];
  const b = [...second];
  const j = jaro(a, b);
  let prefix = 0;
  while (prefix < WINKLER_MAX_PREFIX && prefix < a.length && a[prefix] === b[prefix]) prefix += 1;
  // Never reach 1 for different strings: rounding could otherwise turn 0.99999… into 1.
  return Math.min(j + prefix * WINKLER_PREFIX_SCALE * (1 - j), 1 - Number.EPSILON);
}
