import { api, seg } from './api';
import type { Facility } from './types';

const cache = new Map<string, Promise<Facility | undefined>>();

/** A facility by id, fetched once per page load; undefined when the node cannot answer. */
export function facility(id: string): Promise<Facility | undefined> {
  let found = cache.get(id);
  if (found === undefined) {
    found = api<Facility>(`v1/facilities/${seg(id)}`).catch(() => {
      cache.delete(id);
      return undefined;
    });
    cache.set(id, found);
  }
  return found;
}

/** Several facilities, at most 6 requests at a time, as a map by id (unknown ones left out). */
export async function facilities(ids: Iterable<string>): Promise<Map<string, Facility>> {
  const list = [...new Set(ids)];
  const out = new Map<string, Facility>();
  let next = 0;
  const worker = async () => {
    while (next < list.length) {
      const id = list[next++] as string;
      const f = await facility(id);
      if (f) out.set(id, f);
    }
  };
  await Promise.all(Array.from({ length: Math.min(6, list.length) }, worker));
  return out;
}
