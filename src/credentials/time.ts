/** Milliseconds of an RFC 3339 time the edge parser already checked. */
export function ms(time: string): number {
  const value = Date.parse(time);
  if (Number.isNaN(value)) throw new RangeError(`not a time: ${time}`);
  return value;
}

/**
 * How far before its registration a trust change may take effect: the clock skew between a signer and
 * the node. A status change dated earlier would rewrite what the node already reported.
 */
export const MAX_BACKDATE_MS = 5 * 60 * 1000;

/** The latest item of `sorted` (by `fromMs`) in force at `atMs`. */
export function inForce<T extends { readonly fromMs: number }>(
  sorted: readonly T[],
  atMs: number,
): T | undefined {
  for (let i = sorted.length - 1; i >= 0; i--) {
    const item = sorted[i]!;
    if (item.fromMs <= atMs) return item;
  }
  return undefined;
}
