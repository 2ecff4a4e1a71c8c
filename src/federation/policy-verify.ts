/**
 * Checks a signed checkpoint against a c2sp.org/tlog-policy {@link Policy}: one of the policy's logs
 * signed it, and the valid witness cosignatures (tlog-cosignature v1.0.1, type 0x04) meet the quorum.
 * The answer is a {@link PolicyResult} that says who cosigned, when, and which group fell short by how
 * much, because an operator debugging a rejected checkpoint needs more than `false`.
 * @module
 */
import {
  type Checkpoint,
  cosignatureTimestamp,
  LogError,
  type NoteSignature,
  openCheckpoint,
  parseCheckpoint,
  parseNote,
} from '../log/index.js';
import { type Policy, type PolicyLog, type PolicyWitness, QUORUM_NONE } from './policy.js';

/** Why a checkpoint failed a policy. */
export type PolicyFailure =
  /** The note or its checkpoint body is malformed (signed-note, tlog-checkpoint). */
  | 'NOTE_MALFORMED'
  /** No policy log has the checkpoint's origin as its key name. */
  | 'UNKNOWN_LOG'
  /** No policy log for that origin has a valid signature on the note (missing or failing). */
  | 'LOG_UNVERIFIED'
  /** The log signature is good but the valid cosignatures do not meet the quorum. */
  | 'QUORUM_NOT_MET';

/** A witness whose cosignature verified. */
export interface WitnessCosignature {
  /** The witness's policy name. */
  readonly witness: string;
  /** POSIX seconds from the cosignature: "as of this time, this is the largest tree I saw". */
  readonly timestamp: number;
}

/** A cosignature under a policy witness's key name and key ID that does not count. */
export interface RejectedCosignature {
  readonly witness: string;
  /** `INVALID_SIGNATURE`: does not verify on this checkpoint (forged, or for another checkpoint). */
  readonly reason: 'INVALID_SIGNATURE' | 'STALE' | 'FUTURE';
  /** Present when the signature verified and only its age disqualified it. */
  readonly timestamp?: number;
}

/** Why a witness or group did not witness the checkpoint. Shared subgroups share one object. */
export interface Shortfall {
  readonly name: string;
  readonly kind: 'witness' | 'group';
  /** Members (or, for a witness, cosignatures) needed. */
  readonly threshold: number;
  /** Members that did witness (for a witness, 0). */
  readonly have: number;
  /** The members that did not, each explained. */
  readonly unsatisfied: readonly Shortfall[];
}

/** The outcome of {@link verifyCheckpointWithPolicy}. */
export interface PolicyResult {
  readonly ok: boolean;
  /** Set iff `ok` is false. */
  readonly failure?: PolicyFailure;
  /** A one-line account for logs and error responses. */
  readonly message: string;
  /** The origin of the policy log that signed the checkpoint, once that is established. */
  readonly log?: string;
  readonly checkpoint?: Checkpoint;
  /** Witnesses with a valid (and, if asked, fresh) cosignature, in policy order. */
  readonly satisfied: readonly WitnessCosignature[];
  /** Cosignature lines of policy witnesses that did not count. */
  readonly rejected: readonly RejectedCosignature[];
  /** Set when the quorum is not met: the quorum's own shortfall, with nested explanations. */
  readonly missing?: Shortfall;
}

/** Options of {@link verifyCheckpointWithPolicy}. */
export interface PolicyVerifyOptions {
  /** POSIX seconds; defaults to the system clock. Used only with `maxAge`. */
  readonly now?: number;
  /**
   * If set, a cosignature counts only if `now - maxAge ≤ timestamp ≤ now + maxAge`. Unset, age is not
   * checked: tlog-cosignature leaves freshness to the relying party.
   */
  readonly maxAge?: number;
}

/**
 * Verifies a checkpoint note against `policy`. Signature lines of unknown keys are ignored (signed-note);
 * a failing line under a witness's key makes only that witness unsatisfied. Never throws for bad input.
 */
export function verifyCheckpointWithPolicy(
  note: string,
  policy: Policy,
  options: PolicyVerifyOptions = {},
): PolicyResult {
  const opened = openWithPolicyLog(note, policy.logs);
  if ('failure' in opened) return { ok: false, ...opened, satisfied: [], rejected: [] };
  const { checkpoint, signatures, text } = opened;
  const { satisfied, rejected } = checkWitnesses(policy.witnesses, signatures, text, options);
  const missing = explainQuorum(policy, new Set(satisfied.map((s) => s.witness)));
  const base = { log: checkpoint.origin, checkpoint, satisfied, rejected };
  if (missing === undefined) return { ok: true, message: `quorum ${policy.quorum} met`, ...base };
  const message = `quorum ${policy.quorum} not met: ${missing.have} of ${missing.threshold} needed`;
  return { ok: false, failure: 'QUORUM_NOT_MET', message, missing, ...base };
}

interface Opened {
  readonly checkpoint: Checkpoint;
  readonly signatures: readonly NoteSignature[];
  readonly text: Buffer;
}

interface Failed {
  readonly failure: PolicyFailure;
  readonly message: string;
}

/** tlog-policy §"Defining a log": the log's key name MUST correspond to the origin line. */
function openWithPolicyLog(note: string, logs: readonly PolicyLog[]): Opened | Failed {
  let parsed: { text: string; signatures: readonly NoteSignature[]; origin: string };
  try {
    const { text, signatures } = parseNote(note);
    parsed = { text, signatures, origin: parseCheckpoint(text).origin };
  } catch (err) {
    if (!(err instanceof LogError)) throw err;
    return { failure: 'NOTE_MALFORMED', message: err.message };
  }
  const candidates = logs.filter((l) => l.origin === parsed.origin);
  if (candidates.length === 0) {
    return { failure: 'UNKNOWN_LOG', message: `origin ${JSON.stringify(parsed.origin)} is not a policy log` };
  }
  // Several logs may share an origin (key rotation); any one valid signature is enough.
  for (const log of candidates) {
    const checkpoint = tryOpen(note, log);
    if (checkpoint !== undefined) {
      return { checkpoint, signatures: parsed.signatures, text: Buffer.from(parsed.text, 'utf8') };
    }
  }
  return { failure: 'LOG_UNVERIFIED', message: `no valid signature by a policy log for ${parsed.origin}` };
}

/** Only the log's verifier is passed, so a bad witness line cannot make openNote reject the note. */
function tryOpen(note: string, log: PolicyLog): Checkpoint | undefined {
  try {
    return openCheckpoint(note, log.verifier).checkpoint;
  } catch (err) {
    if (err instanceof LogError) return undefined;
    throw err;
  }
}

function checkWitnesses(
  witnesses: readonly PolicyWitness[],
  signatures: readonly NoteSignature[],
  text: Buffer,
  options: PolicyVerifyOptions,
): { satisfied: WitnessCosignature[]; rejected: RejectedCosignature[] } {
  const satisfied: WitnessCosignature[] = [];
  const rejected: RejectedCosignature[] = [];
  for (const witness of witnesses) {
    const lines = signatures.filter((s) => s.name === witness.keyName && s.keyId.equals(witness.keyId));
    if (lines.length === 0) continue;
    const outcome = checkWitness(witness, lines, text, options);
    if ('reason' in outcome) rejected.push(outcome);
    else satisfied.push(outcome);
  }
  return { satisfied, rejected };
}

/**
 * Every line under the witness's key must verify: one forged line makes the witness unsatisfied, the
 * same strictness signed-note applies to a known key. The newest timestamp stands for the witness.
 */
function checkWitness(
  witness: PolicyWitness,
  lines: readonly NoteSignature[],
  text: Buffer,
  options: PolicyVerifyOptions,
): WitnessCosignature | RejectedCosignature {
  if (!lines.every((l) => witness.verifier.verify(text, l.signature))) {
    return { witness: witness.name, reason: 'INVALID_SIGNATURE' };
  }
  const timestamp = newestTimestamp(lines);
  // A verified timestamp above 2^53 − 1 is legal (≤ 2^63 − 1) but centuries away: treat it as future.
  if (timestamp === undefined) return { witness: witness.name, reason: 'FUTURE' };
  const age = ageVerdict(timestamp, options);
  return age === undefined
    ? { witness: witness.name, timestamp }
    : { witness: witness.name, reason: age, timestamp };
}

function newestTimestamp(lines: readonly NoteSignature[]): number | undefined {
  try {
    return Math.max(...lines.map((l) => cosignatureTimestamp(Buffer.concat([l.keyId, l.signature]))));
  } catch (err) {
    if (err instanceof LogError) return undefined;
    throw err;
  }
}

function ageVerdict(timestamp: number, options: PolicyVerifyOptions): 'STALE' | 'FUTURE' | undefined {
  if (options.maxAge === undefined) return undefined;
  const now = options.now ?? Math.floor(Date.now() / 1000);
  if (timestamp < now - options.maxAge) return 'STALE';
  if (timestamp > now + options.maxAge) return 'FUTURE';
  return undefined;
}

/**
 * Groups only name earlier lines, so evaluating them in file order sees every member decided: no
 * recursion, linear time. Returns the quorum's shortfall, or undefined when it is met.
 */
function explainQuorum(policy: Policy, cosigned: ReadonlySet<string>): Shortfall | undefined {
  if (policy.quorum === QUORUM_NONE) return undefined;
  const witnessed = new Set(cosigned);
  const shortfalls = new Map<string, Shortfall>();
  for (const w of policy.witnesses) {
    if (!witnessed.has(w.name))
      shortfalls.set(w.name, { name: w.name, kind: 'witness', threshold: 1, have: 0, unsatisfied: [] });
  }
  for (const g of policy.groups) {
    const have = g.members.filter((m) => witnessed.has(m)).length;
    if (have >= g.threshold) {
      witnessed.add(g.name);
      continue;
    }
    const unsatisfied = g.members.flatMap((m) => shortfalls.get(m) ?? []);
    shortfalls.set(g.name, { name: g.name, kind: 'group', threshold: g.threshold, have, unsatisfied });
  }
  return shortfalls.get(policy.quorum);
}
