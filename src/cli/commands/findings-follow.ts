import type { FindingView } from '../../service/index.js';
import { CliError } from '../output.js';

/** Longest wait between reconnections. */
const MAX_BACKOFF_MS = 30_000;

/**
 * Follow `/v1/findings/stream` until the process is stopped: parse Server-Sent Events, hand each
 * finding on, and on a drop reconnect with `Last-Event-ID` after a growing pause, so nothing is missed
 * or repeated. Refusals (401, 403) end it: retrying cannot help.
 */
export async function readStream(
  url: string,
  bearer: string | undefined,
  after: number,
  onFinding: (f: FindingView) => void,
): Promise<never> {
  let last = after;
  let backoff = 500;
  for (;;) {
    try {
      const res = await fetch(url, {
        headers: {
          accept: 'text/event-stream',
          'last-event-id': String(last),
          ...(bearer && { authorization: `Bearer ${bearer}` }),
        },
      });
      if (res.status === 401 || res.status === 403) {
        const p = (await res.json().catch(() => ({}))) as { code?: string; detail?: string };
        throw new CliError(
          'CLI_NODE',
          `node refused the stream (${p.code ?? res.status}: ${p.detail ?? ''})`,
        );
      }
      if (!res.ok || res.body === null) throw new Error(`HTTP ${res.status}`);
      backoff = 500;
      for await (const event of events(res.body)) {
        if (event.event !== 'finding' || event.id === undefined) continue;
        const f = JSON.parse(event.data) as FindingView;
        last = Number(event.id);
        onFinding(f);
      }
    } catch (err) {
      if (err instanceof CliError) throw err;
    }
    process.stderr.write(`stream dropped; reconnecting after seq ${last} in ${backoff} ms\n`);
    await new Promise((resolve) => setTimeout(resolve, backoff));
    backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
  }
}

interface SseEvent {
  event: string;
  data: string;
  id?: string;
}

/** Server-Sent Events from a byte stream (WHATWG HTML §9.2.6, the parts a Lodestone node sends). */
export async function* events(body: AsyncIterable<Uint8Array>): AsyncGenerator<SseEvent> {
  const decoder = new TextDecoder();
  let buffer = '';
  let event: SseEvent = { event: 'message', data: '' };
  let hasData = false;
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true });
    let newline = buffer.search(/\r\n|\r|\n/);
    while (newline >= 0) {
      const lineText = buffer.slice(0, newline);
      buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
      if (lineText === '') {
        if (hasData) yield event;
        event = { event: 'message', data: '' };
        hasData = false;
      } else if (!lineText.startsWith(':')) {
        const colon = lineText.indexOf(':');
        const field = colon < 0 ? lineText : lineText.slice(0, colon);
        const value = colon < 0 ? '' : lineText.slice(colon + 1).replace(/^ /, '');
        if (field === 'data') {
          event.data = hasData ? `${event.data}\n${value}` : value;
          hasData = true;
        } else if (field === 'event') event.event = value;
        else if (field === 'id') event.id = value;
      }
      newline = buffer.search(/\r\n|\r|\n/);
    }
  }
}
