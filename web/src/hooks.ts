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

/** A polled load: the latest answer stays shown while the next one is on its way. */
export interface Polled<T> {
  /** The latest answer, once there is one. */
  readonly data?: T;
  /** The latest failure, cleared by the next answer. */
  readonly error?: Error;
  /** When the latest answer arrived (ms since the epoch). */
  readonly at?: number;
  /** Poll now (after an action changed what the node holds). */
  readonly refresh: () => void;
}

/**
 * Run `load` at once and then `ms` after each answer, until the component goes away. Unlike
 * {@link useLoad}, it never goes back to a loading state: a page refreshed every few seconds must not flicker.
 */
export function usePoll<T>(load: (signal: AbortSignal) => Promise<T>, ms: number): Polled<T> {
  const [tick, setTick] = useState(0);
  const [state, setState] = useState<Omit<Polled<T>, 'refresh'>>({});
  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const next = () => {
      if (!controller.signal.aborted) timer = setTimeout(() => setTick((t) => t + 1), ms);
    };
    load(controller.signal).then(
      (data) => {
        if (controller.signal.aborted) return;
        setState({ data, at: Date.now() });
        next();
      },
      (error: Error) => {
        if (controller.signal.aborted) return;
        setState((s) => ({ ...s, error }));
        next();
      },
    );
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [tick]);
  return { ...state, refresh: () => setTick((t) => t + 1) };
}
