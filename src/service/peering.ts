import { sha256Hex } from '../crypto/index.js';
import {
  addCheckpointBody,
  appendSignatures,
  backoffMs,
  checkPeer,
  logVerifier,
  type PeerConfig,
  PeeringError,
  verifiedCosignatures,
  witnessVerifier,
} from '../federation/index.js';
import { type NoteVerifier, openCheckpoint, parseCheckpoint, parseNote } from '../log/index.js';
import type { AlarmStore } from '../store/index.js';
import { peerJson, peerRequest } from './peer-http.js';
import type { WitnessService } from './witness.js';

export interface PeeringOptions {
  /** Milliseconds between exchange rounds with a peer. Default 5000. */
  readonly intervalMs?: number;
  /** Longest wait after failures (exponential backoff). Default 30000. */
  readonly maxBackoffMs?: number;
  /** Time limit of one request to a peer. Default 5000. */
  readonly timeoutMs?: number;
}

/** What peering needs from the node. */
export interface PeeringHost {
  /** The node's own latest signed checkpoint. */
  checkpoint(): string;
  consistencyProof(first: number, second: number): { proof: string[] };
  readonly witness: WitnessService;
  readonly alarms: AlarmStore;
}

/** One peer as `GET /v1/federation/status` shows it. */
export interface PeerStatus {
  readonly origin: string;
  readonly url: string;
  /** The peer's witness vkey, once known. */
  readonly witnessVkey: string | null;
  /** The size of the latest checkpoint of the peer's log this node fetched. */
  readonly theirSize: number | null;
  /** The size of this node's log the peer's witness last cosigned (as far as this node knows). */
  readonly cosignedSize: number;
  /** This node's size minus `cosignedSize`. */
  readonly lag: number;
  readonly lastError: string | null;
  /** When the next round with this peer runs, ISO 8601. */
  readonly nextRetry: string | null;
  /** False when the peer's origin has a split-view alarm. */
  readonly trusted: boolean;
}

interface Peer {
  readonly config: PeerConfig;
  readonly log: NoteVerifier;
  witnessVkey: string | undefined;
  witness: NoteVerifier | undefined;
  /** The own checkpoint the peer last cosigned, and the cosignature lines it returned. */
  cosigned: { size: number; note: string | undefined; lines: string[] };
  theirSize: number | undefined;
  lastError: string | undefined;
  failures: number;
  nextAt: number | undefined;
  timer: NodeJS.Timeout | undefined;
  running: Promise<void> | undefined;
}

/**
 * Peering (DESIGN.md §8): every round, with each peer, this node (1) pushes its latest checkpoint to
 * the peer's tlog-witness and keeps the cosignature it gets back, (2) pulls the peer's checkpoint and
 * submits it to its own witness with a consistency proof fetched from the peer. A witness refusing a
 * checkpoint as inconsistent (422) is a split view: both signed checkpoints are stored as an alarm.
 * Rounds run on unref'd timers, so peering never keeps the process alive; a failing peer is retried
 * with exponential backoff.
 */
export class Peering {
  readonly #host: PeeringHost;
  readonly #peers: Peer[];
  readonly #interval: number;
  readonly #maxBackoff: number;
  readonly #timeout: number;
  readonly #stop = new AbortController();

  /** @throws PeeringError PEER_CONFIG_INVALID for an unusable peer or one the witness does not witness */
  constructor(host: PeeringHost, peers: readonly PeerConfig[], options: PeeringOptions = {}) {
    this.#host = host;
    this.#interval = options.intervalMs ?? 5000;
    this.#maxBackoff = options.maxBackoffMs ?? 30_000;
    this.#timeout = options.timeoutMs ?? 5000;
    const witnessed = new Set(host.witness.origins);
    this.#peers = peers.map((p) => {
      const config = checkPeer(p);
      if (!witnessed.has(config.origin)) {
        throw new PeeringError('PEER_CONFIG_INVALID', `peer ${config.origin} is not a witnessed log`);
      }
      return newPeer(config);
    });
  }

  /** Start the rounds: the first one at once. */
  start(): void {
    for (const peer of this.#peers) this.#schedule(peer, 0);
  }

  /** Stop: no round starts any more, requests in flight are aborted, and running rounds are awaited. */
  async close(): Promise<void> {
    this.#stop.abort();
    for (const peer of this.#peers) clearTimeout(peer.timer);
    await Promise.all(this.#peers.map((p) => p.running));
  }

  /**
   * The cosignature lines collected for exactly `note` (this node's checkpoint), in peer order. A
   * cosignature of an older checkpoint is never attached to a newer one: it does not sign it.
   */
  cosignaturesFor(note: string): string[] {
    return this.#peers.flatMap((p) => (p.cosigned.note === note ? p.cosigned.lines : []));
  }

  /**
   * The checkpoint of this log with the most cosignatures collected (ties: the larger), with them
   * appended: what a receipt for another member nation is proved against.
   */
  bestCosigned(): { readonly size: number; readonly note: string } | undefined {
    const byNote = new Map<string, { size: number; lines: string[] }>();
    for (const p of this.#peers) {
      const { note, size, lines } = p.cosigned;
      if (note === undefined || lines.length === 0) continue;
      const entry = byNote.get(note) ?? { size, lines: [] };
      entry.lines.push(...lines);
      byNote.set(note, entry);
    }
    let best: { size: number; note: string; count: number } | undefined;
    for (const [note, { size, lines }] of byNote) {
      if (
        best === undefined ||
        lines.length > best.count ||
        (lines.length === best.count && size > best.size)
      ) {
        best = { size, note: appendSignatures(note, lines), count: lines.length };
      }
    }
    return best && { size: best.size, note: best.note };
  }

  /** Each peer's log, with its witness key once learned. */
  logs(): { origin: string; vkey: string; witnessVkey?: string }[] {
    return this.#peers.map((p) => ({
      origin: p.config.origin,
      vkey: p.config.vkey,
      ...(p.witnessVkey !== undefined && { witnessVkey: p.witnessVkey }),
    }));
  }

  status(ownSize: number): PeerStatus[] {
    const untrusted = this.#host.alarms.origins();
    return this.#peers.map((p) => ({
      origin: p.config.origin,
      url: p.config.url,
      witnessVkey: p.witnessVkey ?? null,
      theirSize: p.theirSize ?? null,
      cosignedSize: p.cosigned.size,
      lag: Math.max(0, ownSize - p.cosigned.size),
      lastError: p.lastError ?? null,
      nextRetry: p.nextAt === undefined ? null : new Date(p.nextAt).toISOString(),
      trusted: !untrusted.has(p.config.origin),
    }));
  }

  #schedule(peer: Peer, delay: number): void {
    if (this.#stop.signal.aborted) return;
    peer.nextAt = Date.now() + delay;
    peer.timer = setTimeout(() => {
      peer.running = this.#round(peer).finally(() => {
        peer.running = undefined;
        const wait =
          peer.failures === 0 ? this.#interval : backoffMs(peer.failures, this.#interval, this.#maxBackoff);
        this.#schedule(peer, wait);
      });
    }, delay);
    // A node with peers must still exit when its server closes.
    peer.timer.unref();
  }

  /** Push, then pull; each runs even if the other failed, and either failing counts as a failure. */
  async #round(peer: Peer): Promise<void> {
    const errors: string[] = [];
    for (const step of [() => this.#push(peer), () => this.#pull(peer)]) {
      try {
        await step();
      } catch (err) {
        if (this.#stop.signal.aborted) return;
        errors.push(err instanceof Error ? err.message : String(err));
      }
    }
    peer.failures = errors.length === 0 ? 0 : peer.failures + 1;
    peer.lastError = errors.length === 0 ? undefined : errors.join('; ');
  }

  /** The peer's witness vkey: configured, else read once from its `/.well-known/lodestone`. */
  async #witnessOf(peer: Peer): Promise<NoteVerifier> {
    if (peer.witness) return peer.witness;
    const doc = (await peerJson(
      `${peer.config.url}/.well-known/lodestone`,
      this.#stop.signal,
      this.#timeout,
    )) as {
      origin?: unknown;
      vkey?: unknown;
      witness?: { vkey?: unknown };
    };
    // A node at that URL with another log is a misconfiguration, never a peer to trust.
    if (doc.origin !== peer.config.origin || doc.vkey !== peer.config.vkey) {
      throw new PeeringError(
        'PEER_PROTOCOL',
        `${peer.config.url} serves another log than ${peer.config.origin}`,
      );
    }
    if (typeof doc.witness?.vkey !== 'string') {
      throw new PeeringError('PEER_PROTOCOL', `${peer.config.url} publishes no witness vkey`);
    }
    peer.witness = witnessVerifier(doc.witness.vkey);
    peer.witnessVkey = doc.witness.vkey;
    return peer.witness;
  }

  /** Submit this node's latest checkpoint to the peer's witness, from the size it last cosigned. */
  async #push(peer: Peer): Promise<void> {
    const note = this.#host.checkpoint();
    if (peer.cosigned.note === note) return;
    const witness = await this.#witnessOf(peer);
    const { size } = parseCheckpoint(parseNote(note).text);
    let old = peer.cosigned.size;
    // One retry: a 409 tells the size the witness holds (after a restart of either node, say).
    for (let attempt = 0; attempt < 2; attempt++) {
      if (old > size) {
        throw new PeeringError(
          'PEER_PROTOCOL',
          `witness ${witness.name} cosigned size ${old} > this log's ${size}`,
        );
      }
      const proof = old === 0 || old === size ? [] : this.#host.consistencyProof(old, size).proof;
      const answer = await peerRequest(`${peer.config.url}/witness/add-checkpoint`, {
        method: 'POST',
        body: addCheckpointBody(old, proof, note),
        stop: this.#stop.signal,
        timeoutMs: this.#timeout,
      });
      if (answer.status === 200) {
        peer.cosigned = { size, note, lines: verifiedCosignatures(note, answer.body, witness) };
        return;
      }
      if (answer.status !== 409 || attempt === 1 || !/^\d+\n$/.test(answer.body)) {
        throw refused(peer, answer.status, answer.body);
      }
      old = Number(answer.body.trim());
      peer.cosigned = { ...peer.cosigned, size: old };
    }
  }

  /** Fetch the peer's checkpoint and submit it to this node's witness, raising an alarm on a split view. */
  async #pull(peer: Peer): Promise<void> {
    const { url, origin } = peer.config;
    const got = await peerRequest(`${url}/log/checkpoint`, {
      stop: this.#stop.signal,
      timeoutMs: this.#timeout,
    });
    if (got.status !== 200) throw refused(peer, got.status, got.body);
    const note = got.body;
    let checkpoint: ReturnType<typeof openCheckpoint>['checkpoint'];
    try {
      ({ checkpoint } = openCheckpoint(note, peer.log));
    } catch (cause) {
      throw new PeeringError('PEER_PROTOCOL', `${url}: checkpoint not signed by ${origin}`, { cause });
    }
    peer.theirSize = checkpoint.size;
    for (let attempt = 0; attempt < 2; attempt++) {
      const held = this.#witnessed(origin);
      // An older checkpoint than the one cosigned (a cache, say): nothing to cosign. The same one
      // again: cosigning it anew would cost a durable write every round for nothing.
      if (held !== undefined && held.size > checkpoint.size) return;
      if (held !== undefined && parseNote(held.note).text === parseNote(note).text) return;
      const old = held?.size ?? 0;
      const proof =
        old === 0 || old === checkpoint.size ? [] : await this.#proofFrom(peer, old, checkpoint.size);
      const answer = this.#host.witness.addCheckpoint(addCheckpointBody(old, proof, note));
      if (answer.status === 200) return;
      if (answer.status === 422 && held !== undefined) {
        const kind = old === checkpoint.size ? 'same-size-different-root' : 'inconsistent-proof';
        this.#host.alarms.raise({ origin, kind, evidence: { first: held.note, second: note, proof } });
        throw new PeeringError('PEER_PROTOCOL', `split view of ${origin}: ${kind} (alarm raised)`);
      }
      if (answer.status !== 409)
        throw new PeeringError('PEER_PROTOCOL', `own witness: ${answer.body.trim()}`);
    }
  }

  /** What this node's witness last cosigned for `origin`: its size and the note as stored. */
  #witnessed(origin: string): { size: number; note: string } | undefined {
    const note = this.#host.witness.latest(sha256Hex(origin));
    return note === undefined ? undefined : { size: parseCheckpoint(parseNote(note).text).size, note };
  }

  async #proofFrom(peer: Peer, first: number, second: number): Promise<string[]> {
    const doc = (await peerJson(
      `${peer.config.url}/v1/log/proof/consistency?first=${first}&second=${second}`,
      this.#stop.signal,
      this.#timeout,
    )) as { proof?: unknown };
    const proof = doc.proof;
    if (!Array.isArray(proof) || proof.length > 63 || !proof.every((h) => typeof h === 'string')) {
      throw new PeeringError('PEER_PROTOCOL', `${peer.config.url}: malformed consistency proof`);
    }
    return proof as string[];
  }
}

function newPeer(config: PeerConfig): Peer {
  const witness = config.witnessVkey === undefined ? undefined : witnessVerifier(config.witnessVkey);
  return {
    config,
    log: logVerifier(config),
    witnessVkey: config.witnessVkey,
    witness,
    cosigned: { size: 0, note: undefined, lines: [] },
    theirSize: undefined,
    lastError: undefined,
    failures: 0,
    nextAt: undefined,
    timer: undefined,
    running: undefined,
  };
}

function refused(peer: Peer, status: number, body: string): PeeringError {
  return new PeeringError(
    'PEER_PROTOCOL',
    `${peer.config.url} answered ${status}: ${body.slice(0, 200).trim()}`,
  );
}
