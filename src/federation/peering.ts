/**
 * Peering between nodes (DESIGN.md §8): the pure parts. A node pushes its checkpoints to its peers'
 * tlog-witnesses, collects their cosignatures into the checkpoint it serves, and pulls its peers'
 * checkpoints into its own witness. Fetching and timers belong to `service`.
 * @module
 */
import {
  decodeVerifierKey,
  type NoteVerifier,
  newCosignatureVerifier,
  newEd25519Verifier,
  openNote,
  parseNote,
  SIG_TYPE_COSIGNATURE_V1,
  SIG_TYPE_ED25519,
} from '../log/index.js';
import { PeeringError } from './peering-errors.js';

/** A peer node: its log (origin and checkpoint vkey) and its base URL. */
export interface PeerConfig {
  /** The peer log's origin (the first line of its checkpoints). */
  readonly origin: string;
  /** The peer log's checkpoint verifier key (signed-note vkey, type 0x01). */
  readonly vkey: string;
  /** The peer node's base URL, e.g. `https://de.lodestone.example`. */
  readonly url: string;
  /** The peer's witness vkey (type 0x04); read from its `/.well-known/lodestone` when absent. */
  readonly witnessVkey?: string;
}

/**
 * Parse `<origin>=<vkey>@<url>` (the `--peer` option). The vkey is base64 and has no `@`, so the URL
 * starts after the first `@` that follows the `=`.
 * @throws PeeringError PEER_CONFIG_INVALID
 */
export function parsePeerSpec(spec: string): PeerConfig {
  const eq = spec.indexOf('=');
  const at = spec.indexOf('@', eq + 1);
  if (eq <= 0 || at < 0) throw invalid(`peer "${spec}" is not <origin>=<vkey>@<url>`);
  return checkPeer({ origin: spec.slice(0, eq), vkey: spec.slice(eq + 1, at), url: spec.slice(at + 1) });
}

/**
 * Check a peer entry: an Ed25519 log vkey named by the origin, an http(s) URL (kept without a
 * trailing slash), and a cosignature witness vkey if one is given.
 * @throws PeeringError PEER_CONFIG_INVALID
 */
export function checkPeer(peer: PeerConfig): PeerConfig {
  logVerifier(peer);
  if (peer.witnessVkey !== undefined) witnessVerifier(peer.witnessVkey);
  let url: URL;
  try {
    url = new URL(peer.url);
  } catch {
    throw invalid(`peer ${peer.origin}: "${peer.url}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalid(`peer ${peer.origin}: the URL must be http or https`);
  }
  return { ...peer, url: peer.url.replace(/\/+$/, '') };
}

/**
 * The verifier of a peer log's checkpoints.
 * @throws PeeringError PEER_CONFIG_INVALID unless `vkey` is an Ed25519 key whose name is the origin
 */
export function logVerifier(peer: Pick<PeerConfig, 'origin' | 'vkey'>): NoteVerifier {
  const key = decode(peer.vkey, `peer ${peer.origin}`);
  if (key.sigType !== SIG_TYPE_ED25519 || key.name !== peer.origin) {
    throw invalid(`peer ${peer.origin}: the log vkey must be an Ed25519 key named by the origin`);
  }
  return newEd25519Verifier(key.name, key.publicKey);
}

/**
 * The verifier of a peer witness's cosignatures.
 * @throws PeeringError PEER_CONFIG_INVALID unless `vkey` is a cosignature/v1 (0x04) key
 */
export function witnessVerifier(vkey: string): NoteVerifier {
  const key = decode(vkey, 'witness');
  if (key.sigType !== SIG_TYPE_COSIGNATURE_V1) throw invalid(`witness vkey ${key.name} is not type 0x04`);
  return newCosignatureVerifier(key.name, key.publicKey);
}

/** The body of a tlog-witness add-checkpoint request. */
export function addCheckpointBody(old: number, proof: readonly string[], note: string): string {
  return `old ${old}\n${proof.map((h) => `${h}\n`).join('')}\n${note}`;
}

/**
 * The cosignature lines of a witness's 200 answer to `note` that verify under `witness`: each is
 * checked against the checkpoint, so a line the witness did not make is never served.
 * @throws PeeringError PEER_PROTOCOL when the answer holds no valid cosignature by that witness
 */
export function verifiedCosignatures(note: string, answer: string, witness: NoteVerifier): string[] {
  const lines = answer.split('\n').filter((l) => l !== '');
  const { text } = parseNote(note);
  const good: string[] = [];
  for (const line of lines) {
    try {
      const opened = openNote(`${text}\n${line}\n`, [witness]);
      if (opened.verified.length === 1) good.push(line);
    } catch {
      // Not this witness's valid cosignature: dropped, and reported below if none is left.
    }
  }
  if (good.length === 0) throw new PeeringError('PEER_PROTOCOL', `no valid cosignature by ${witness.name}`);
  return good;
}

/**
 * `note` with extra signature lines appended after its own: the log's signature stays first, and
 * verifiers that do not know a cosigner's key ignore its line (signed-note §Signatures).
 */
export function appendSignatures(note: string, lines: readonly string[]): string {
  const fresh = [...new Set(lines)].filter((l) => !note.includes(`\n${l}\n`));
  return fresh.length === 0 ? note : `${note}${fresh.map((l) => `${l}\n`).join('')}`;
}

/** Exponential backoff after `failures` failed rounds: base·2^(failures−1), at most `max`. */
export function backoffMs(failures: number, base: number, max: number): number {
  if (failures <= 0) return base;
  return Math.min(max, base * 2 ** Math.min(failures - 1, 30));
}

function decode(vkey: string, what: string): ReturnType<typeof decodeVerifierKey> {
  try {
    return decodeVerifierKey(vkey);
  } catch (cause) {
    throw new PeeringError('PEER_CONFIG_INVALID', `${what}: unusable vkey`, { cause });
  }
}

function invalid(message: string): PeeringError {
  return new PeeringError('PEER_CONFIG_INVALID', message);
}
