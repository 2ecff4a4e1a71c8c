import { type Policy, parsePolicy, verifyCheckpointWithPolicy } from '../federation/index.js';
import { parseCheckpoint } from '../log/index.js';
import type { AlarmInput } from '../store/index.js';
import { type Check, type ReceiptVerification, verifyReceipt } from './verify-receipt.js';

/** What a node knows of the other member nations' logs. */
export interface ForeignLogs {
  /** The peers' logs: origin, log vkey, and their witness vkey once learned. */
  peers(): readonly { readonly origin: string; readonly vkey: string; readonly witnessVkey?: string }[];
  /** This node's own witness vkey. */
  readonly ownWitness: string;
  /** Origins with a split-view alarm the operator has not lifted. */
  untrusted(): ReadonlySet<string>;
  /** The latest checkpoint of `origin` this node's witness cosigned (signed note), if any. */
  witnessed(origin: string): string | undefined;
  /** Record split-view evidence. */
  raiseAlarm(alarm: AlarmInput): void;
  /** The operator's tlog-policy per origin, when configured; otherwise the default quorum. */
  policyFor?(origin: string): Policy | undefined;
}

export type ForeignCheck =
  | Check
  | {
      readonly name: 'origin-known' | 'origin-trusted' | 'split-view';
      readonly ok: boolean;
      readonly detail: string;
    };

export interface ForeignReceiptVerification extends Omit<ReceiptVerification, 'checks'> {
  readonly checks: readonly ForeignCheck[];
}

/**
 * A receipt from another member nation's log, checked before anything relies on it (DESIGN.md §8,
 * issue 8 parts 4–5): its origin is a peer this node knows and trusts, the statement is in that log
 * under a checkpoint the log signed, that checkpoint does not contradict the one this node's own
 * witness cosigned (same size, another root is split-view evidence: an alarm is raised, quorum or not),
 * and it carries the witness quorum. Stops at the first failed check.
 */
export function verifyForeignReceipt(
  logs: ForeignLogs,
  statement: string | Uint8Array,
  receipt: unknown,
): ForeignReceiptVerification {
  const checks: ForeignCheck[] = [];
  const note = (receipt as { checkpoint?: unknown } | null)?.checkpoint;
  const origin = typeof note === 'string' ? originOf(note) : undefined;
  const peer = logs.peers().find((p) => p.origin === origin);
  if (peer === undefined) {
    checks.push({
      name: 'origin-known',
      ok: false,
      detail: `${origin ?? 'the receipt'} is not a peer of this node`,
    });
    return { ok: false, checks };
  }
  checks.push({ name: 'origin-known', ok: true, detail: `peer ${peer.origin}` });
  if (logs.untrusted().has(peer.origin)) {
    checks.push({
      name: 'origin-trusted',
      ok: false,
      detail: `${peer.origin} has a split-view alarm the operator has not lifted (GET /v1/federation/alarms)`,
    });
    return { ok: false, checks };
  }
  checks.push({ name: 'origin-trusted', ok: true, detail: 'no open split-view alarm' });
  const base = verifyReceipt(statement, receipt, peer.vkey);
  checks.push(...base.checks);
  // A checkpoint the log really signed is evidence on its own, included entry or not, quorum or not.
  const signed = base.checks.some((c) => c.name === 'checkpoint-signature' && c.ok);
  if (!signed) return { ...base, checks };
  const split = splitView(logs, peer.origin, note as string);
  checks.push(split);
  if (!base.ok || !split.ok) return { ...base, ok: false, checks };
  const quorum = witnessQuorum(note as string, logs.policyFor?.(peer.origin) ?? defaultPolicy(logs, peer));
  checks.push(quorum);
  return { ...base, ok: quorum.ok, checks };
}

function witnessQuorum(note: string, policy: Policy): ForeignCheck {
  const result = verifyCheckpointWithPolicy(note, policy);
  const names = result.satisfied.map((w) => w.witness);
  return {
    name: 'witness-quorum',
    ok: result.ok,
    detail: `${result.message}${names.length > 0 ? ` (cosigned by ${names.join(', ')})` : ''}`,
  };
}

/**
 * The default quorum: a majority of the federation's witnesses other than the origin's own (this node's
 * witness among them), so no log can show a checkpoint to itself alone.
 */
export function defaultPolicy(
  logs: ForeignLogs,
  peer: { readonly origin: string; readonly vkey: string; readonly witnessVkey?: string },
): Policy {
  const witnesses = [
    logs.ownWitness,
    ...logs
      .peers()
      .flatMap((p) => (p.origin !== peer.origin && p.witnessVkey !== undefined ? [p.witnessVkey] : [])),
  ].filter((v) => v !== peer.witnessVkey);
  const names = witnesses.map((_, i) => `w${i}`);
  const k = Math.floor(witnesses.length / 2) + 1;
  return parsePolicy(
    [
      `log ${peer.vkey}`,
      ...witnesses.map((v, i) => `witness ${names[i]} ${v}`),
      `group federation ${k} ${names.join(' ')}`,
      'quorum federation',
      '',
    ].join('\n'),
  );
}

function splitView(logs: ForeignLogs, origin: string, note: string): ForeignCheck {
  const held = logs.witnessed(origin);
  if (held === undefined)
    return { name: 'split-view', ok: true, detail: 'this node has not witnessed the log yet' };
  const ours = parseCheckpoint(textOf(held));
  const theirs = parseCheckpoint(textOf(note));
  if (ours.size !== theirs.size) {
    return {
      name: 'split-view',
      ok: true,
      detail: `witnessed at size ${ours.size}; the receipt's size ${theirs.size} is vouched for by the quorum`,
    };
  }
  if (ours.rootHash.equals(theirs.rootHash)) {
    return { name: 'split-view', ok: true, detail: `the same tree this node witnessed at size ${ours.size}` };
  }
  logs.raiseAlarm({ origin, kind: 'receipt-split-view', evidence: { first: held, second: note } });
  return {
    name: 'split-view',
    ok: false,
    detail: `at size ${ours.size} this node witnessed root ${ours.rootHash.toString('base64')}, the receipt shows ${theirs.rootHash.toString('base64')}: alarm raised`,
  };
}

/** The checkpoint text of a signed note (before the blank line). */
function textOf(note: string): string {
  const end = note.indexOf('\n\n');
  return end < 0 ? note : note.slice(0, end + 1);
}

function originOf(note: string): string | undefined {
  const line = note.slice(0, note.indexOf('\n'));
  return line.length > 0 && line.length < 1000 ? line : undefined;
}
