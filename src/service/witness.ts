import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromBase64, sha256Hex } from '../crypto/index.js';
import {
  type AddCheckpointRequest,
  decideVerified,
  newWitnessCosigner,
  refusal,
  type TrustedLogs,
  trustLogs,
  verifyAddCheckpoint,
  type WitnessDecision,
  type WitnessedLog,
} from '../federation/index.js';
import {
  formatSignerKey,
  formatVerifierKey,
  type NoteSigner,
  parseSignerKey,
  SIG_TYPE_COSIGNATURE_V1,
} from '../log/index.js';
import type { WitnessStore } from '../store/index.js';
import { writeFileDurably } from './durable-file.js';
import { ServiceError } from './errors.js';

/** File in the data directory holding the witness's own key (skey format), never the log's key. */
export const WITNESS_KEY_FILE = 'witness.key';

/** The media type of a 409 body (tlog-witness §add-checkpoint). */
export const TLOG_SIZE_MEDIA_TYPE = 'text/x.tlog.size';

/** An HTTP answer exactly as tlog-witness specifies it: plain text, never a problem document. */
export interface WitnessResponse {
  readonly status: 200 | 400 | 403 | 404 | 409 | 422;
  readonly contentType: string;
  readonly body: string;
}

/** What other nodes need to use and verify this witness. */
export interface WitnessInfo {
  /** The cosigner key name. */
  readonly name: string;
  /** The cosignature verifier key (signed-note vkey, type 0x04). */
  readonly vkey: string;
}

/** The witness key: its name and 32-byte Ed25519 seed. */
export interface WitnessKey {
  readonly name: string;
  readonly seed: Buffer;
}

export interface WitnessServiceOptions {
  /** POSIX seconds for cosignature timestamps (tests). */
  readonly clock?: () => number;
}

/**
 * The node's tlog-witness (DESIGN.md §8): cosigns checkpoints of the logs it is configured for, after
 * checking each is consistent with the last one it cosigned for that origin.
 */
export class WitnessService {
  readonly info: WitnessInfo;
  readonly #store: WitnessStore;
  readonly #logs: TrustedLogs;
  readonly #byHash: ReadonlyMap<string, string>;
  readonly #cosigner: NoteSigner;

  /** @throws FederationError WITNESS_CONFIG_INVALID for a bad or duplicated witnessed log */
  constructor(
    store: WitnessStore,
    key: WitnessKey,
    logs: readonly WitnessedLog[],
    options: WitnessServiceOptions = {},
  ) {
    this.#store = store;
    this.#logs = trustLogs(logs);
    this.#byHash = new Map(logs.map((l) => [sha256Hex(l.origin), l.origin]));
    this.#cosigner = newWitnessCosigner(key.name, key.seed, options.clock);
    const { publicKey } = parseSignerKey(formatSignerKey(key.name, key.seed));
    this.info = { name: key.name, vkey: formatVerifierKey(key.name, SIG_TYPE_COSIGNATURE_V1, publicKey) };
  }

  /** The origins this witness cosigns for. */
  get origins(): string[] {
    return [...this.#logs.keys()];
  }

  /**
   * POST add-checkpoint. The state-free checks (body, origin, log signature) run first; the compare
   * of `old` with the stored size, the cosignature and the store of the new state then run in one
   * durable transaction, so the state is on disk before a 200 leaves and two racing requests with the
   * same `old` cannot both succeed.
   */
  addCheckpoint(body: Uint8Array | string): WitnessResponse {
    let request: AddCheckpointRequest;
    try {
      request = verifyAddCheckpoint(body, this.#logs);
    } catch (err) {
      return toResponse(refusal(err));
    }
    const origin = request.checkpoint.origin;
    const decision = this.#store.update<WitnessDecision>(origin, (current) => {
      const result: WitnessDecision = decideVerified(request, current, this.#cosigner);
      if (result.status !== 200) return { result };
      const next = { origin, ...result.state, checkpoint: result.note };
      return { next, result };
    });
    return toResponse(decision);
  }

  /**
   * The latest checkpoint this witness cosigned for the log whose origin hashes (SHA-256, lowercase
   * hex) to `originHash`, with the log's signature and the cosignature; undefined if never cosigned.
   */
  latest(originHash: string): string | undefined {
    const origin = this.#byHash.get(originHash);
    return origin === undefined ? undefined : this.#store.get(origin)?.checkpoint;
  }
}

function toResponse(decision: WitnessDecision): WitnessResponse {
  if (decision.status === 200) return text(200, decision.cosignatures);
  if (decision.status === 409) {
    return { status: 409, contentType: TLOG_SIZE_MEDIA_TYPE, body: `${decision.size}\n` };
  }
  return text(decision.status, `${decision.reason}\n`);
}

function text(status: WitnessResponse['status'], body: string): WitnessResponse {
  return { status, contentType: 'text/plain; charset=utf-8', body };
}

/**
 * Load the witness key from the data directory, or create it on first start as `name` (default: the
 * log origin + "/witness"). A cosignature does not commit to its signer's name, and a log key that
 * also cosigned would vouch for its own checkpoints, so the witness key must differ from the log's.
 * @throws ServiceError NODE_IDENTITY_MISMATCH when the witness key file holds the log's key
 */
export function loadOrCreateWitnessKey(dataDir: string, name: string, logPublicKey: Uint8Array): WitnessKey {
  const path = join(dataDir, WITNESS_KEY_FILE);
  if (!existsSync(path)) writeFileDurably(path, `${formatSignerKey(name, randomBytes(32))}\n`, 0o600);
  const skey = readFileSync(path, 'utf8').trim();
  const signer = parseSignerKey(skey);
  if (signer.publicKey.equals(logPublicKey)) {
    throw new ServiceError('NODE_IDENTITY_MISMATCH', `${path} holds the log's key: a witness needs its own`);
  }
  // parseSignerKey checked the form; the seed is the key material after the type byte.
  const seed = fromBase64(skey.split('+').slice(4).join('+')).subarray(1);
  return { name: signer.name, seed };
}
