import { describe, expect, it } from 'vitest';
import { LruCache } from './log.js';

describe('LruCache', () => {
  it('keeps at most its capacity, evicting the least recently used', () => {
    const cache = new LruCache<number, string>(2);
    cache.set(1, 'a');
    cache.set(2, 'b');
    expect(cache.get(1)).toBe('a');
    cache.set(3, 'c');
    expect(cache.size).toBe(2);
    expect(cache.get(2)).toBeUndefined();
    expect([cache.get(1), cache.get(3)]).toEqual(['a', 'c']);
  });

  it('replaces the value of a key it holds without growing', () => {
    const cache = new LruCache<number, string>(2);
    cache.set(1, 'a');
    cache.set(1, 'b');
    expect([cache.size, cache.get(1)]).toEqual([1, 'b']);
  });
});
