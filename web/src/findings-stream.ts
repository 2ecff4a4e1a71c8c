import { useEffect, useRef, useState } from 'preact/hooks';
import type { CaseState, FindingView } from './types';

/**
 * The node's live findings (`GET /v1/findings/stream`, Server-Sent Events). EventSource cannot send the
 * bearer token, so this reads the stream with `fetch` and parses the events itself
 * (https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation).
 */

/** `connecting` before the first answer, `live` while the stream is open, `retrying` after a drop. */
export type StreamState = 'connecting' | 'live' | 'retrying' | 'refused';

export interface StreamHandlers {
  onFinding(finding: FindingView): void;
  onCase(state: CaseState): void;
  onState(state: StreamState): void;
}

/** One parsed event: its fields, with `data` lines joined by newlines. */
export interface SseEvent {
  readonly id?: string;
  readonly event: string;
  readonly data: string;
}

const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;

/**
 * Split a buffer of stream text into complete events (a blank line ends one) and the unfinished rest.
 * Comment lines (`: ping`) are dropped.
 */
export function parseSse(buffer: string): { events: SseEvent[]; rest: string } {
  const blocks = buffer.replace(/\r\n?/g, '\n').split('\n\n');
  const rest = blocks.pop() ?? '';
  const events: SseEvent[] = [];
  for (const block of blocks) {
    let id: string | undefined;
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line === '' || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id') id = value;
      else if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length > 0) events.push({ ...(id !== undefined && { id }), event, data: data.join('\n') });
  }
  return { events, rest };
}

/**
 * Follow the stream from `afterSeq` (sent as `Last-Event-ID`), reconnecting with backoff when it drops and
 * resuming after the last finding seen. A refused token stops it (`refused`). Returns the stop function.
 */
export function followFindings(token: string, afterSeq: number, handlers: StreamHandlers): () => void {
  const controller = new AbortController();
  let last = afterSeq;
  let delay = FIRST_RETRY_MS;
  const dispatch = (e: SseEvent): void => {
    // The node's JSON is trusted no more than the network: a malformed event is skipped, not thrown.
    let data: unknown;
    try {
      data = JSON.parse(e.data);
    } catch {
      return;
    }
    if (e.event === 'finding') {
      const finding = data as FindingView;
      last = Math.max(last, Number(e.id ?? finding.seq) || last);
      handlers.onFinding(finding);
    } else if (e.event === 'case') handlers.onCase(data as CaseState);
  };
  const connect = async (): Promise<void> => {
    while (!controller.signal.aborted) {
      const status = await readOnce(token, last, controller.signal, dispatch, () => {
        delay = FIRST_RETRY_MS;
        handlers.onState('live');
      });
      if (controller.signal.aborted) return;
      if (status === 401 || status === 403) {
        handlers.onState('refused');
        return;
      }
      handlers.onState('retrying');
      await sleep(delay, controller.signal);
      delay = Math.min(delay * 2, MAX_RETRY_MS);
    }
  };
  handlers.onState('connecting');
  void connect();
  return () => controller.abort();
}

/** One connection, read until it ends; resolves with the HTTP status (0 when the node did not answer). */
async function readOnce(
  token: string,
  after: number,
  signal: AbortSignal,
  dispatch: (e: SseEvent) => void,
  opened: () => void,
): Promise<number> {
  let res: Response;
  try {
    res = await fetch('v1/findings/stream', {
      headers: {
        accept: 'text/event-stream',
        authorization: `Bearer ${token}`,
        'last-event-id': String(after),
      },
      cache: 'no-store',
      signal,
    });
  } catch {
    return 0;
  }
  if (!res.ok || res.body === null) {
    await res.body?.cancel().catch(() => undefined);
    return res.status;
  }
  opened();
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const parsed = parseSse(buffer + value);
      buffer = parsed.rest;
      for (const e of parsed.events) dispatch(e);
    }
  } catch {
    // Dropped or aborted: the caller reconnects (or has stopped).
  }
  return res.status;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

/**
 * Follow the stream while mounted and while `afterSeq` is known (undefined: not yet loaded). Handlers may
 * change between renders; the connection is kept until the token or the starting point changes.
 */
export function useFindingStream(
  token: string,
  afterSeq: number | undefined,
  handlers: Omit<StreamHandlers, 'onState'>,
): StreamState {
  const [state, setState] = useState<StreamState>('connecting');
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    if (token === '' || afterSeq === undefined) return undefined;
    return followFindings(token, afterSeq, {
      onFinding: (f) => latest.current.onFinding(f),
      onCase: (c) => latest.current.onCase(c),
      onState: setState,
    });
  }, [token, afterSeq]);
  return state;
}
