import { useEffect, useState } from 'preact/hooks';

export type Loaded<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'error'; readonly error: Error }
  | { readonly state: 'done'; readonly data: T };

/**
 * Run `load` whenever `deps` change, keeping only the latest answer (a late answer of an earlier
 * request never replaces a newer one). `load` gets a signal that aborts when it is superseded.
 */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [result, setResult] = useState<Loaded<T>>({ state: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    setResult({ state: 'loading' });
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setResult({ state: 'done', data });
      },
      (error: Error) => {
        if (!controller.signal.aborted) setResult({ state: 'error', error });
      },
    );
    return () => controller.abort();
  }, deps);
  return result;
}

/** True on narrow screens (the layout's one-column breakpoint), following changes. */
export function useNarrow(): boolean {
  const [narrow, setNarrow] = useState(() => NARROW.matches);
  useEffect(() => {
    const onChange = () => setNarrow(NARROW.matches);
    NARROW.addEventListener('change', onChange);
    return () => NARROW.removeEventListener('change', onChange);
  }, []);
  return narrow;
}

const NARROW = window.matchMedia('(max-width: 40rem)');
