import { PeeringError } from '../federation/index.js';

/** An HTTP answer from a peer, its body read as text. */
export interface PeerAnswer {
  readonly status: number;
  readonly body: string;
}

/** Largest peer answer read: a checkpoint, a proof or a few cosignature lines are a few KiB. */
export const MAX_PEER_ANSWER_BYTES = 256 * 1024;

/**
 * One request to a peer, bounded in time (`timeoutMs`) and cancelled when `stop` aborts (the node is
 * closing), so a hung peer never holds the node open.
 * @throws PeeringError PEER_UNREACHABLE on a network error or timeout; PEER_PROTOCOL for an oversized body
 */
export async function peerRequest(
  url: string,
  init: { method?: string; body?: string; stop: AbortSignal; timeoutMs: number },
): Promise<PeerAnswer> {
  const signal = AbortSignal.any([init.stop, AbortSignal.timeout(init.timeoutMs)]);
  let res: Response;
  try {
    res = await fetch(url, {
      method: init.method ?? 'GET',
      ...(init.body !== undefined && { body: init.body, headers: { 'content-type': 'text/plain' } }),
      signal,
      redirect: 'error',
    });
    const bytes = Buffer.from(await res.arrayBuffer());
    if (bytes.length > MAX_PEER_ANSWER_BYTES) {
      throw new PeeringError('PEER_PROTOCOL', `${url}: answer larger than ${MAX_PEER_ANSWER_BYTES} bytes`);
    }
    return { status: res.status, body: bytes.toString('utf8') };
  } catch (cause) {
    if (cause instanceof PeeringError) throw cause;
    throw new PeeringError('PEER_UNREACHABLE', `${url}: ${(cause as Error).message}`, { cause });
  }
}

/**
 * GET a JSON document from a peer.
 * @throws PeeringError PEER_PROTOCOL unless the answer is 200 with JSON; PEER_UNREACHABLE
 */
export async function peerJson(url: string, stop: AbortSignal, timeoutMs: number): Promise<unknown> {
  const answer = await peerRequest(url, { stop, timeoutMs });
  if (answer.status !== 200) throw new PeeringError('PEER_PROTOCOL', `${url} answered ${answer.status}`);
  try {
    return JSON.parse(answer.body);
  } catch (cause) {
    throw new PeeringError('PEER_PROTOCOL', `${url} did not answer JSON`, { cause });
  }
}
