// Quorum evaluation on real signed notes: checkpoints signed with the log module and cosigned with
// newCosigner, plus the derived cosigned checkpoints of ../shared/vectors/note/cosignature.json.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type Checkpoint,
  formatVerifierKey,
  newCosigner,
  newEd25519Signer,
  SIG_TYPE_COSIGNATURE_V1,
  SIG_TYPE_ED25519,
  signCheckpoint,
} from '../log/index.js';
import { parsePolicy } from './policy.js';
import { verifyCheckpointWithPolicy } from './policy-verify.js';

const ORIGIN = 'example.org/log';
const seed = (i: number) => new Uint8Array(32).fill(i);
const logSigner = newEd25519Signer(ORIGIN, seed(1));
const LOG = formatVerifierKey(ORIGIN, SIG_TYPE_ED25519, logSigner.publicKey);
const T0 = 1_700_000_000;

const witnesses = [1, 2, 3].map((i) => {
  const name = `w${i}.example`;
  const pub = newEd25519Signer(name, seed(10 + i)).publicKey;
  return {
    vkey: formatVerifierKey(name, SIG_TYPE_COSIGNATURE_V1, pub),
    cosigner: newCosigner(name, seed(10 + i), () => T0 + i),
  };
});
const [W1, W2, W3] = witnesses.map((w) => w.vkey) as [string, string, string];
const WITNESS_LINES = `log ${LOG}\nwitness w1 ${W1}\nwitness w2 ${W2}\nwitness w3 ${W3}\n`;

const cp = (size: number): Checkpoint => ({
  origin: ORIGIN,
  size,
  rootHash: Buffer.alloc(32, size),
  extensions: [],
});
/** Checkpoint of size 5 signed by the log and cosigned by the witnesses numbered in `by`. */
const cosigned = (by: number[], size = 5) =>
  signCheckpoint(
    cp(size),
    logSigner,
    by.map((i) => witnesses[i - 1]!.cosigner),
  );
const verify = (note: string, policyTail: string) =>
  verifyCheckpointWithPolicy(note, parsePolicy(WITNESS_LINES + policyTail));

/** The signature line of key `name` in `note`. */
const lineOf = (note: string, name: string) => note.split('\n').find((l) => l.startsWith(`\u2014 ${name} `))!;

function forge(note: string, name: string): string {
  const line = lineOf(note, name);
  const blob = Buffer.from(line.split(' ')[2]!, 'base64');
  blob[blob.length - 1]! ^= 0x01;
  return note.replace(line, `\u2014 ${name} ${blob.toString('base64')}`);
}

describe('verifyCheckpointWithPolicy', () => {
  const all3 = cosigned([1, 2, 3]);

  it('any / all / 2-of-3 with all three cosignatures', () => {
    for (const rule of ['any', 'all', '2']) {
      const r = verify(all3, `group g ${rule} w1 w2 w3\nquorum g\n`);
      expect(r.ok).toBe(true);
      expect(r.log).toBe(ORIGIN);
      expect(r.satisfied).toEqual([
        { witness: 'w1', timestamp: T0 + 1 },
        { witness: 'w2', timestamp: T0 + 2 },
        { witness: 'w3', timestamp: T0 + 3 },
      ]);
      expect(r.missing).toBeUndefined();
    }
  });

  it('explains a 2-of-3 shortfall with one cosignature', () => {
    const r = verify(cosigned([2]), 'group g 2 w1 w2 w3\nquorum g\n');
    expect(r).toMatchObject({ ok: false, failure: 'QUORUM_NOT_MET', log: ORIGIN });
    expect(r.satisfied).toEqual([{ witness: 'w2', timestamp: T0 + 2 }]);
    expect(r.missing).toMatchObject({ name: 'g', kind: 'group', threshold: 2, have: 1 });
    expect(r.missing?.unsatisfied.map((s) => s.name)).toEqual(['w1', 'w3']);
    expect(verify(cosigned([2]), 'group g any w1 w2 w3\nquorum g\n').ok).toBe(true);
    expect(verify(cosigned([1, 2]), 'group g all w1 w2 w3\nquorum g\n').missing).toMatchObject({
      have: 2,
      threshold: 3,
    });
  });

  it('nested groups: 2 of {CAN any(w1,w2), DEU any(w3)}', () => {
    const tail = 'group CAN any w1 w2\ngroup DEU any w3\ngroup fed 2 CAN DEU\nquorum fed\n';
    expect(verify(cosigned([2, 3]), tail).ok).toBe(true);
    const r = verify(cosigned([1, 2]), tail);
    expect(r.ok).toBe(false);
    expect(r.missing).toEqual({
      name: 'fed',
      kind: 'group',
      threshold: 2,
      have: 1,
      unsatisfied: [
        {
          name: 'DEU',
          kind: 'group',
          threshold: 1,
          have: 0,
          unsatisfied: [{ name: 'w3', kind: 'witness', threshold: 1, have: 0, unsatisfied: [] }],
        },
      ],
    });
  });

  it('a single witness as the quorum', () => {
    expect(verify(cosigned([3]), 'quorum w3\n').ok).toBe(true);
    expect(verify(cosigned([1]), 'quorum w3\n').missing).toMatchObject({ name: 'w3', kind: 'witness' });
  });

  it('quorum none needs no cosignatures but still needs the log', () => {
    const r = verify(cosigned([]), 'quorum none\n');
    expect(r).toMatchObject({ ok: true, log: ORIGIN, satisfied: [] });
  });

  it('a forged cosignature makes only that witness unsatisfied', () => {
    const r = verify(forge(all3, 'w2.example'), 'group g all w1 w2 w3\nquorum g\n');
    expect(r.ok).toBe(false);
    expect(r.rejected).toEqual([{ witness: 'w2', reason: 'INVALID_SIGNATURE' }]);
    expect(r.satisfied.map((s) => s.witness)).toEqual(['w1', 'w3']);
    expect(verify(forge(all3, 'w2.example'), 'group g 2 w1 w2 w3\nquorum g\n').ok).toBe(true);
  });

  it('a cosignature on a different checkpoint does not count', () => {
    const other = cosigned([3], 6);
    const note = `${cosigned([1])}${lineOf(other, 'w3.example')}\n`;
    const r = verify(note, 'group g all w1 w3\nquorum g\n');
    expect(r.ok).toBe(false);
    expect(r.rejected).toEqual([{ witness: 'w3', reason: 'INVALID_SIGNATURE' }]);
  });

  it('ignores signature lines of unknown keys', () => {
    const stranger = newCosigner('stranger.example', seed(99), () => T0);
    const note = signCheckpoint(cp(5), logSigner, [stranger, witnesses[0]!.cosigner]);
    expect(verify(note, 'quorum w1\n')).toMatchObject({ ok: true, rejected: [] });
  });

  it('refuses a checkpoint from an unknown log, or not signed by the policy log', () => {
    const rogue = newEd25519Signer('rogue.example', seed(7));
    const rogueNote = signCheckpoint({ ...cp(5), origin: 'rogue.example' }, rogue, [witnesses[0]!.cosigner]);
    expect(verify(rogueNote, 'quorum none\n')).toMatchObject({
      ok: false,
      failure: 'UNKNOWN_LOG',
      satisfied: [],
    });
    const impostor = newEd25519Signer(ORIGIN, seed(8)); // right origin, wrong key
    const impNote = signCheckpoint(cp(5), impostor, [witnesses[0]!.cosigner]);
    expect(verify(impNote, 'quorum none\n')).toMatchObject({ ok: false, failure: 'LOG_UNVERIFIED' });
    expect(verify(forge(all3, ORIGIN), 'quorum none\n')).toMatchObject({
      ok: false,
      failure: 'LOG_UNVERIFIED',
    });
  });

  it('reports malformed notes without throwing', () => {
    expect(verify('not a note', 'quorum none\n')).toMatchObject({ ok: false, failure: 'NOTE_MALFORMED' });
    const badBody = all3.replace(`\n5\n`, '\n05\n');
    expect(verify(badBody, 'quorum none\n')).toMatchObject({ ok: false, failure: 'NOTE_MALFORMED' });
  });

  it('with maxAge, stale and future cosignatures do not count', () => {
    const policy = parsePolicy(`${WITNESS_LINES}group g any w1 w2 w3\nquorum g\n`);
    const r = verifyCheckpointWithPolicy(all3, policy, { now: T0 + 2, maxAge: 0 });
    expect(r.satisfied).toEqual([{ witness: 'w2', timestamp: T0 + 2 }]);
    expect(r.rejected).toEqual([
      { witness: 'w1', reason: 'STALE', timestamp: T0 + 1 },
      { witness: 'w3', reason: 'FUTURE', timestamp: T0 + 3 },
    ]);
    expect(verifyCheckpointWithPolicy(all3, policy, { now: T0 + 100, maxAge: 10 }).ok).toBe(false);
  });
});

describe('cosignature.json derived vectors under a policy', () => {
  interface Derived {
    note?: string;
    log_vkey?: string;
    witnesses?: { name: string; cosig_vkey: string; timestamp?: number }[];
    timestamp?: number;
  }
  const file = JSON.parse(
    readFileSync(new URL('../../../shared/vectors/note/cosignature.json', import.meta.url), 'utf8'),
  ) as {
    derived: Derived[];
  };
  const cosignedVectors = file.derived.filter((d) => d.note !== undefined && d.witnesses !== undefined);

  it('has the two reference-tree vectors', () => {
    expect(cosignedVectors).toHaveLength(2);
  });

  it.each(cosignedVectors.map((d, i) => [i, d] as const))(
    'vector %i meets "all" of its witnesses',
    (_i, d) => {
      const lines = d.witnesses!.map((w, j) => `witness v${j} ${w.cosig_vkey}`);
      const policy = parsePolicy(
        `log ${d.log_vkey}\n${lines.join('\n')}\ngroup g all ${lines.map((_, j) => `v${j}`).join(' ')}\nquorum g\n`,
      );
      const r = verifyCheckpointWithPolicy(d.note!, policy);
      expect(r).toMatchObject({ ok: true, log: 'Log' });
      expect(r.satisfied.map((s) => s.timestamp)).toEqual(d.witnesses!.map(() => d.timestamp));
    },
  );

  it('a vector with its timestamp bumped fails that witness', () => {
    const d = cosignedVectors[0]!;
    const line = lineOf(d.note!, 'Known');
    const blob = Buffer.from(line.split(' ')[2]!, 'base64');
    blob.writeBigUInt64BE(blob.readBigUInt64BE(4) + 1n, 4);
    const note = d.note!.replace(line, `\u2014 Known ${blob.toString('base64')}`);
    const policy = parsePolicy(`log ${d.log_vkey}\nwitness k ${d.witnesses![0]!.cosig_vkey}\nquorum k\n`);
    expect(verifyCheckpointWithPolicy(note, policy).rejected).toEqual([
      { witness: 'k', reason: 'INVALID_SIGNATURE' },
    ]);
  });
});
