/**
 * The decisions of a tlog-witness (c2sp.org/tlog-witness@v1.0.0 §add-checkpoint), kept pure: given the
 * request bytes, the logs the witness trusts and the state it last cosigned, say which status to answer
 * and, on success, which cosignature to return and which state to store. Storage, atomicity and HTTP
 * are the caller's (service and api); this file does no I/O.
 * @module
 */
import type { Ed25519KeyPair } from '../crypto/index.js';
import { toBase64 } from '../crypto/index.js';
import {
  EMPTY_ROOT,
  LogError,
  type NoteSignature,
  type NoteSigner,
  type NoteVerifier,
  newCosigner,
  openCheckpoint,
  parseVerifierKey,
  verifyConsistency,
} from '../log/index.js';
import { FederationError, type FederationErrorCode } from './errors.js';
import { type AddCheckpointRequest, parseAddCheckpointRequest } from './witness-request.js';

/** A log the witness cosigns for: its origin and the vkey of its checkpoint signer. */
export interface WitnessedLog {
  readonly origin: string;
  readonly vkey: string;
}

/** The trusted logs, origin → checkpoint verifier. */
export type TrustedLogs = ReadonlyMap<string, NoteVerifier>;

/** What the witness last cosigned for an origin. A log never cosigned is at size 0. */
export interface WitnessState {
  readonly size: number;
  readonly root: Buffer;
}

/** Reads the stored state of an origin (undefined: never cosigned). */
export type StateLookup = (origin: string) => WitnessState | undefined;

/** 200: the cosignature line(s) to answer, and the state and note to persist BEFORE answering. */
export interface Cosigned {
  readonly status: 200;
  readonly origin: string;
  /** `— <witness name> <base64>\n` lines: the response body. */
  readonly cosignatures: string;
  readonly state: WitnessState;
  /** The checkpoint with the log's signature(s) and this cosignature, for the monitoring endpoint. */
  readonly note: string;
}

/** 409: the caller's `old` is stale; `size` is what the witness holds (body `<size>\n`). */
export interface Conflict {
  readonly status: 409;
  readonly code: 'WITNESS_CONFLICT';
  readonly size: number;
  readonly reason: string;
}

/** Any other refusal, with the code that explains it. */
export interface Refused {
  readonly status: 400 | 403 | 404 | 422;
  readonly code: Exclude<FederationErrorCode, 'WITNESS_CONFLICT' | 'WITNESS_CONFIG_INVALID'>;
  readonly reason: string;
}

export type WitnessDecision = Cosigned | Conflict | Refused;

const STATUS: Record<Refused['code'], Refused['status']> = {
  WITNESS_REQUEST_MALFORMED: 400,
  WITNESS_OLD_TOO_LARGE: 400,
  WITNESS_BAD_SIGNATURE: 403,
  WITNESS_UNKNOWN_LOG: 404,
  WITNESS_INCONSISTENT: 422,
};

/**
 * The verifiers of the witnessed logs, by origin. The log's key name need not equal its origin (the
 * spec's SHOULD), so the origin is configured beside the vkey.
 * @throws FederationError WITNESS_CONFIG_INVALID for a bad vkey or an origin listed twice
 */
export function trustLogs(logs: readonly WitnessedLog[]): TrustedLogs {
  const trusted = new Map<string, NoteVerifier>();
  for (const { origin, vkey } of logs) {
    if (trusted.has(origin)) throw configInvalid(`log ${JSON.stringify(origin)} is listed twice`);
    try {
      trusted.set(origin, parseVerifierKey(vkey));
    } catch (cause) {
      throw configInvalid(`the vkey of ${JSON.stringify(origin)} is unusable`, cause);
    }
  }
  return trusted;
}

/**
 * The witness's cosigner (tlog-cosignature `cosignature/v1`). tlog-witness requires a non-zero
 * timestamp, so a clock at the epoch (a broken RTC) signs second 1 rather than an invalid 0.
 * @throws LogError LOG_BAD_KEY for an invalid name or seed
 */
export function newWitnessCosigner(
  name: string,
  seedOrKeyPair: Uint8Array | Ed25519KeyPair,
  clock: () => number = () => Math.floor(Date.now() / 1000),
): NoteSigner {
  return newCosigner(name, seedOrKeyPair, () => Math.max(1, clock()));
}

/**
 * The checks that need no state, in spec order: a well-formed body (400), a known origin (404), a valid
 * signature by that log and no failing line under its name and key ID (403). Done outside the state's
 * transaction, since signature checks are the expensive part.
 * @throws FederationError WITNESS_REQUEST_MALFORMED, WITNESS_UNKNOWN_LOG, WITNESS_BAD_SIGNATURE
 */
export function verifyAddCheckpoint(body: Uint8Array | string, logs: TrustedLogs): AddCheckpointRequest {
  const request = parseAddCheckpointRequest(body);
  const { origin } = request.checkpoint;
  const verifier = logs.get(origin);
  if (verifier === undefined) throw new FederationError('WITNESS_UNKNOWN_LOG', 'unknown log origin');
  try {
    openCheckpoint(request.note, verifier, [], { origin });
  } catch (cause) {
    throw new FederationError('WITNESS_BAD_SIGNATURE', 'no valid signature by the log', { cause });
  }
  return request;
}

/**
 * The checks against the stored state, in spec order: old ≤ size (400), old = the stored size (409),
 * then consistency (422): an empty tree's root is SHA-256(""), `old 0` carries no proof, and otherwise
 * the proof leads from the stored root to the new one (equal sizes: empty proof, same root).
 * @throws FederationError WITNESS_OLD_TOO_LARGE, WITNESS_CONFLICT, WITNESS_INCONSISTENT
 */
export function checkAgainstState(request: AddCheckpointRequest, state: WitnessState | undefined): void {
  const { old, proof } = request;
  const { size, rootHash } = request.checkpoint;
  const stored = state?.size ?? 0;
  if (old > size) throw new FederationError('WITNESS_OLD_TOO_LARGE', `old ${old} exceeds size ${size}`);
  if (old !== stored) throw new FederationError('WITNESS_CONFLICT', `the witness is at size ${stored}`);
  if (size === 0 && !rootHash.equals(EMPTY_ROOT)) throw inconsistent('an empty tree has root SHA-256("")');
  if (old === 0) {
    if (proof.length > 0) throw inconsistent('old 0 takes no consistency proof');
    return;
  }
  try {
    verifyConsistency(old, size, state!.root, rootHash, proof);
  } catch (cause) {
    if (!(cause instanceof LogError)) throw cause;
    throw inconsistent(`not consistent with the cosigned size ${old}: ${cause.message}`, cause);
  }
}

/**
 * Cosigns a request that passed every check. The stored note keeps the log's and others' signatures,
 * drops an older cosignature by this witness, and appends the new one.
 */
export function cosign(request: AddCheckpointRequest, cosigner: NoteSigner): Cosigned {
  const ours: NoteSignature = {
    name: cosigner.name,
    keyId: cosigner.keyId,
    signature: cosigner.sign(Buffer.from(request.text, 'utf8')),
  };
  const others = request.signatures.filter((s) => s.name !== ours.name || !s.keyId.equals(ours.keyId));
  const cosignatures = signatureLine(ours);
  const { origin, size, rootHash } = request.checkpoint;
  return {
    status: 200,
    origin,
    cosignatures,
    state: { size, root: rootHash },
    note: `${request.text}\n${others.map(signatureLine).join('')}${cosignatures}`,
  };
}

/** The state-dependent half of a decision: 400/409/422 or a cosignature. Never throws a coded error. */
export function decideVerified(
  request: AddCheckpointRequest,
  state: WitnessState | undefined,
  cosigner: NoteSigner,
): WitnessDecision {
  try {
    checkAgainstState(request, state);
  } catch (err) {
    return refusal(err, state?.size ?? 0);
  }
  return cosign(request, cosigner);
}

/**
 * The whole add-checkpoint decision. Pure: `state` only looks up the stored state of the origin.
 * A caller with concurrent requests must run the state-dependent half ({@link decideVerified}) and
 * its write in one transaction; this form is for single-threaded callers and tests.
 */
export function decideAddCheckpoint(
  body: Uint8Array | string,
  logs: TrustedLogs,
  state: StateLookup,
  cosigner: NoteSigner,
): WitnessDecision {
  let request: AddCheckpointRequest;
  try {
    request = verifyAddCheckpoint(body, logs);
  } catch (err) {
    return refusal(err);
  }
  return decideVerified(request, state(request.checkpoint.origin), cosigner);
}

/**
 * The decision for a thrown witness error; a conflict reports `storedSize`. Anything else is a bug and
 * is rethrown, so it surfaces as a 500 rather than as a plausible-looking refusal.
 */
export function refusal(err: unknown, storedSize = 0): Conflict | Refused {
  if (!(err instanceof FederationError) || err.code === 'WITNESS_CONFIG_INVALID') throw err;
  if (err.code === 'WITNESS_CONFLICT') {
    return { status: 409, code: err.code, size: storedSize, reason: err.message };
  }
  return { status: STATUS[err.code], code: err.code, reason: err.message };
}

/** `— <name> base64(keyID ‖ signature)\n` (signed-note §Format). */
function signatureLine(s: NoteSignature): string {
  return `\u2014 ${s.name} ${toBase64(Buffer.concat([s.keyId, s.signature]))}\n`;
}

function inconsistent(message: string, cause?: unknown): FederationError {
  return new FederationError('WITNESS_INCONSISTENT', message, cause === undefined ? {} : { cause });
}

function configInvalid(message: string, cause?: unknown): FederationError {
  return new FederationError('WITNESS_CONFIG_INVALID', message, cause === undefined ? {} : { cause });
}
