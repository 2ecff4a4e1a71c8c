import { useEffect, useState } from 'preact/hooks';

/** A hash route: `#/batches/<encoded id>?material=…` → `{ section: 'batches', id, params }`. */
export interface Route {
  readonly section: string;
  readonly id?: string;
  readonly params: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const text = hash.replace(/^#\/?/, '');
  const q = text.indexOf('?');
  const path = q === -1 ? text : text.slice(0, q);
  const params = new URLSearchParams(q === -1 ? '' : text.slice(q + 1));
  const [section = '', ...rest] = path.split('/');
  const raw = rest.join('/');
  if (raw === '') return { section, params };
  let id: string;
  try {
    id = decodeURIComponent(raw);
  } catch {
    id = raw;
  }
  return { section, id, params };
}

/** The link to a page: `href('batches', id)` → `#/batches/<encoded id>`. */
export function href(section: string, id?: string, params?: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params ?? {})) if (v !== undefined && v !== '') q.set(k, v);
  const query = q.toString();
  return `#/${section}${id === undefined ? '' : `/${encodeURIComponent(id)}`}${query ? `?${query}` : ''}`;
}

export function navigate(to: string): void {
  window.location.hash = to;
}

/** The current route, following `hashchange`. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
