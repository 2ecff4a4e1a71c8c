/**
 * The body of a tlog-witness add-checkpoint request (c2sp.org/tlog-witness@v1.0.0 §add-checkpoint):
 * `old <N>\n`, 0..63 base64 consistency-proof hashes one per line, a blank line, then the signed
 * checkpoint note. Parsing is structural only; nothing here is trusted yet.
 * @module
 */
import { fromBase64 } from '../crypto/index.js';
import { type Checkpoint, HASH_SIZE, type NoteSignature, parseCheckpoint, parseNote } from '../log/index.js';
import { FederationError } from './errors.js';

/** tlog-witness: "up to 63 consistency proof lines" (a proof of a 2^63-leaf tree is never longer). */
export const MAX_PROOF_LINES = 63;

// Decimal without leading zeroes, as tree sizes are written (tlog-checkpoint §"Note text").
const OLD_LINE = /^old (0|[1-9][0-9]*)$/;
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** A parsed add-checkpoint request whose checkpoint note is well formed but not yet verified. */
export interface AddCheckpointRequest {
  /** The size the client believes the witness last cosigned. */
  readonly old: number;
  /** The consistency proof from `old` to the checkpoint's size, 32-byte hashes. */
  readonly proof: readonly Buffer[];
  /** The signed checkpoint note, exactly as sent. */
  readonly note: string;
  /** The note's text (the checkpoint body) and signature lines. */
  readonly text: string;
  readonly signatures: readonly NoteSignature[];
  /** The parsed checkpoint body, so the origin is known before any key is chosen. */
  readonly checkpoint: Checkpoint;
}

/**
 * Parses an add-checkpoint body.
 * @throws FederationError WITNESS_REQUEST_MALFORMED for any structural fault, the note's included
 */
export function parseAddCheckpointRequest(body: Uint8Array | string): AddCheckpointRequest {
  const text = typeof body === 'string' ? body : decodeUtf8(body);
  const lines = new LineReader(text);
  const old = parseOld(lines.next());
  const proof: Buffer[] = [];
  for (let line = lines.next(); line !== ''; line = lines.next()) {
    if (proof.length === MAX_PROOF_LINES) throw malformed(`more than ${MAX_PROOF_LINES} proof lines`);
    proof.push(parseHash(line));
  }
  const note = lines.rest();
  return { old, proof, note, ...parseCheckpointNote(note) };
}

function parseCheckpointNote(note: string) {
  try {
    const { text, signatures } = parseNote(note);
    return { text, signatures, checkpoint: parseCheckpoint(text) };
  } catch (cause) {
    throw malformed('the checkpoint is not a well-formed signed note', cause);
  }
}

function parseOld(line: string): number {
  const match = OLD_LINE.exec(line);
  const old = match ? Number(match[1]) : Number.NaN;
  if (!Number.isSafeInteger(old)) throw malformed('the first line must be "old <size>"');
  return old;
}

function parseHash(line: string): Buffer {
  let hash: Buffer;
  try {
    hash = fromBase64(line);
  } catch (cause) {
    throw malformed('a proof line is not canonical base64', cause);
  }
  if (hash.length !== HASH_SIZE) throw malformed(`a proof hash must be ${HASH_SIZE} bytes`);
  return hash;
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return UTF8.decode(bytes);
  } catch (cause) {
    throw malformed('the body is not UTF-8', cause);
  }
}

/** Reads "\n"-terminated lines; a missing terminator is malformed (the blank line must be there). */
class LineReader {
  #at = 0;
  constructor(readonly text: string) {}

  next(): string {
    const end = this.text.indexOf('\n', this.#at);
    if (end < 0) throw malformed('the body ends before the blank line that precedes the checkpoint');
    const line = this.text.slice(this.#at, end);
    this.#at = end + 1;
    return line;
  }

  rest(): string {
    return this.text.slice(this.#at);
  }
}

function malformed(message: string, cause?: unknown): FederationError {
  return new FederationError('WITNESS_REQUEST_MALFORMED', message, cause === undefined ? {} : { cause });
}
