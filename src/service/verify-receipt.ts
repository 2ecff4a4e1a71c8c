import { fromBase64, sha256Hex } from '../crypto/index.js';
import { type Policy, verifyCheckpointWithPolicy } from '../federation/index.js';
import { hashLeaf, openCheckpoint, parseVerifierKey, verifyInclusion } from '../log/index.js';
import { decodeEntry, encodeEntry } from '../model/index.js';

/** One check of an offline verification, pass or fail with the reason. Never a bare boolean. */
export interface Check {
  readonly name:
    | 'receipt-format'
    | 'statement-digest'
    | 'entry'
    | 'checkpoint-signature'
    | 'witness-quorum'
    | 'inclusion';
  readonly ok: boolean;
  readonly detail: string;
}

export interface ReceiptVerification {
  readonly ok: boolean;
  readonly checks: readonly Check[];
  readonly origin?: string;
  readonly size?: number;
  readonly index?: number;
}

/**
 * Verify a receipt offline, with only the log's vkey: the statement bytes hash to the id the entry names,
 * the checkpoint carries a valid log signature, and the entry is included in that checkpoint's tree.
 * With a C2SP tlog-policy, the checkpoint must also carry the cosignatures its witness quorum asks for
 * (DESIGN.md §8): a log that showed this checkpoint to no one else is not trusted.
 * Stops at the first failed check (later checks would only repeat it).
 */
export function verifyReceipt(
  statement: Uint8Array | string,
  receipt: unknown,
  vkey: string,
  policy?: Policy,
): ReceiptVerification {
  const checks: Check[] = [];
  const step = (name: Check['name'], run: () => string): boolean => {
    try {
      checks.push({ name, ok: true, detail: run() });
      return true;
    } catch (err) {
      checks.push({ name, ok: false, detail: (err as Error).message });
      return false;
    }
  };
  const r = receipt as {
    statement?: unknown;
    entry?: unknown;
    index?: unknown;
    proof?: unknown;
    checkpoint?: unknown;
  };
  let size: number | undefined;
  let origin: string | undefined;
  let leaf: Buffer = Buffer.alloc(0);
  let root: Buffer = Buffer.alloc(0);
  const ok =
    step('receipt-format', () => checkShape(r)) &&
    step('statement-digest', () => {
      const id = sha256Hex(statement);
      if (id !== r.statement)
        throw new Error(`statement digest ${id} is not the receipt's ${String(r.statement)}`);
      return `SHA-256 ${id}`;
    }) &&
    step('entry', () => {
      // decodeEntry checks the bytes are a valid, canonical v1 entry.
      leaf = encodeEntry(r.entry as never);
      decodeEntry(leaf);
      if ((r.entry as { statement: string }).statement !== r.statement)
        throw new Error('entry names another statement');
      return `registered ${(r.entry as { registered: string }).registered}`;
    }) &&
    step('checkpoint-signature', () => {
      const { checkpoint } = openCheckpoint(r.checkpoint as string, parseVerifierKey(vkey));
      ({ size, origin } = checkpoint);
      root = checkpoint.rootHash;
      return `signed by ${checkpoint.origin} at size ${checkpoint.size}`;
    }) &&
    (policy === undefined || step('witness-quorum', () => quorum(r.checkpoint as string, policy))) &&
    step('inclusion', () => {
      const proof = (r.proof as string[]).map((p) => fromBase64(p));
      verifyInclusion(r.index as number, size!, hashLeaf(leaf), proof, root);
      return `entry ${String(r.index)} is in the tree of size ${size}`;
    });
  return {
    ok,
    checks,
    ...(origin !== undefined && { origin }),
    ...(size !== undefined && { size }),
    ...(ok && { index: r.index as number }),
  };
}

function quorum(note: string, policy: Policy): string {
  const result = verifyCheckpointWithPolicy(note, policy);
  if (!result.ok) throw new Error(result.message);
  const names = result.satisfied.map((w) => w.witness);
  return `${result.message}${names.length > 0 ? ` (cosigned by ${names.join(', ')})` : ''}`;
}

function checkShape(r: Record<string, unknown>): string {
  if (typeof r !== 'object' || r === null) throw new Error('receipt must be a JSON object');
  if (typeof r.statement !== 'string') throw new Error('receipt.statement must be a string');
  if (typeof r.entry !== 'object' || r.entry === null) throw new Error('receipt.entry must be an object');
  if (!Number.isSafeInteger(r.index) || (r.index as number) < 0)
    throw new Error('receipt.index must be a non-negative integer');
  if (!Array.isArray(r.proof) || !r.proof.every((p) => typeof p === 'string'))
    throw new Error('receipt.proof must be base64 strings');
  if (typeof r.checkpoint !== 'string') throw new Error('receipt.checkpoint must be a signed note');
  return 'well formed';
}
