/**
 * Split an integer `total` into parts proportional to `weights`, exactly: the largest-remainder
 * (Hamilton) method. Each part first gets `floor(total × wᵢ / Σw)`; the units left over (fewer than the
 * number of parts) go one each to the parts with the largest remainders, ties to the earlier part. The
 * parts sum to exactly `total`, each lies within 1 of its ideal share, and a zero weight gets zero.
 *
 * This is the ledger's one rounding rule: every split of element mass (part-shipments, losses, transform
 * pools, edges) goes through it, so shares stay exact rationals that sum to exactly 1.
 *
 * With a map, parts are returned in ascending (code-unit) order of its keys, which is also the tie order:
 * the result does not depend on the map's insertion order.
 * @throws RangeError when a weight or the total is negative, or every weight is zero but the total is not
 * @example apportion([1n, 1n, 1n], 10n) // [4n, 3n, 3n]
 */
export function apportion(weights: readonly bigint[] | ReadonlyMap<string, bigint>, total: bigint): bigint[] {
  const list = Array.isArray(weights) ? weights : sortedValues(weights as ReadonlyMap<string, bigint>);
  if (total < 0n) throw new RangeError(`apportion: total must be non-negative, got ${total}`);
  let sum = 0n;
  for (const w of list) {
    if (w < 0n) throw new RangeError(`apportion: weights must be non-negative, got ${w}`);
    sum += w;
  }
  if (sum === 0n) {
    if (total !== 0n) throw new RangeError(`apportion: cannot split ${total} over zero weights`);
    return list.map(() => 0n);
  }
  return largestRemainder(list, sum, total);
}

function largestRemainder(weights: readonly bigint[], sum: bigint, total: bigint): bigint[] {
  const parts: bigint[] = new Array(weights.length);
  const remainders: bigint[] = new Array(weights.length);
  let left = total;
  for (let i = 0; i < weights.length; i++) {
    const scaled = total * weights[i]!;
    parts[i] = scaled / sum;
    remainders[i] = scaled % sum;
    left -= parts[i]!;
  }
  if (left === 0n) return parts;
  for (const i of largestFirst(remainders, Number(left))) parts[i] = parts[i]! + 1n;
  return parts;
}

/** Indices of the `count` largest remainders, ties to the lower index. */
function largestFirst(remainders: readonly bigint[], count: number): number[] {
  if (count === 1) {
    // One leftover unit is the common case (two parts, or exact shares but one): a scan, not a sort.
    let best = 0;
    for (let i = 1; i < remainders.length; i++) if (remainders[i]! > remainders[best]!) best = i;
    return [best];
  }
  const order = [...remainders.keys()].sort((a, b) => compareDesc(remainders[a]!, remainders[b]!) || a - b);
  return order.slice(0, count);
}

function compareDesc(a: bigint, b: bigint): number {
  return a === b ? 0 : a > b ? -1 : 1;
}

function sortedValues(weights: ReadonlyMap<string, bigint>): bigint[] {
  return [...weights.keys()].sort(compareKeys).map((key) => weights.get(key)!);
}

/** Code-unit order, the same on every machine (unlike `localeCompare`). */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
