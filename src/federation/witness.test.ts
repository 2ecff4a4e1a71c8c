import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256, toBase64 } from '../crypto/index.js';
import {
  buildConsistencyProof,
  cosignatureTimestamp,
  formatVerifierKey,
  hashLeaf,
  newCosignatureVerifier,
  newEd25519Signer,
  openCheckpoint,
  parseNote,
  parseVerifierKey,
  rootOfLeafHashes,
  SIG_TYPE_ED25519,
  signCheckpoint,
} from '../log/index.js';
import { MemoryHashReader } from '../log/testing/memory-hash-reader.js';
import {
  decideAddCheckpoint,
  newWitnessCosigner,
  trustLogs,
  type WitnessDecision,
  type WitnessState,
} from './witness.js';

const ORIGIN = 'example.com/log';
const logSigner = newEd25519Signer(ORIGIN, sha256(Buffer.from('log seed')));
const logVkey = formatVerifierKey(ORIGIN, SIG_TYPE_ED25519, logSigner.publicKey);
const witnessSeed = sha256(Buffer.from('witness seed'));

/** A log of `n` leaves whose checkpoints and proofs come from the log module. */
function fakeLog(n: number) {
  const leaves = Array.from({ length: n }, (_, i) => hashLeaf(Buffer.from(`leaf ${i}`)));
  const reader = new MemoryHashReader(leaves);
  const root = (size: number) => rootOfLeafHashes(leaves.slice(0, size));
  return {
    checkpoint: (size: number, signer = logSigner, origin = ORIGIN) =>
      signCheckpoint({ origin, size, rootHash: root(size), extensions: [] }, signer),
    proof: (from: number, to: number) => buildConsistencyProof(from, to, reader).map(toBase64),
  };
}

function body(old: number, proof: readonly string[], note: string): string {
  return `old ${old}\n${proof.map((p) => `${p}\n`).join('')}\n${note}`;
}

/** A witness over one in-memory state, as the service does it (minus SQLite). */
function witness(clock = () => 1_700_000_000) {
  const states = new Map<string, WitnessState>();
  const logs = trustLogs([{ origin: ORIGIN, vkey: logVkey }]);
  const cosigner = newWitnessCosigner(`${ORIGIN}/witness`, witnessSeed, clock);
  const submit = (request: string): WitnessDecision => {
    const d = decideAddCheckpoint(request, logs, (o) => states.get(o), cosigner);
    if (d.status === 200) states.set(d.origin, d.state);
    return d;
  };
  return { submit, cosigner };
}

describe('tlog-witness add-checkpoint decisions', () => {
  const log = fakeLog(20);

  it('follows the spec scenario: 200, 409, 200, idempotent 200, 422, 400, 404, 403, 422', () => {
    const w = witness();
    const first = w.submit(body(0, [], log.checkpoint(5)));
    expect(first.status).toBe(200);
    expect(w.submit(body(0, [], log.checkpoint(5)))).toMatchObject({ status: 409, size: 5 });
    expect(w.submit(body(5, log.proof(5, 9), log.checkpoint(9))).status).toBe(200);
    expect(w.submit(body(9, [], log.checkpoint(9))).status).toBe(200);
    expect(w.submit(body(9, log.proof(5, 12), log.checkpoint(12)))).toMatchObject({ status: 422 });
    expect(w.submit(body(13, [], log.checkpoint(12)))).toMatchObject({ status: 400 });
    const other = newEd25519Signer('other.example/log', sha256(Buffer.from('other')));
    expect(w.submit(body(9, [], log.checkpoint(9, other, 'other.example/log'))).status).toBe(404);
    const stranger = newEd25519Signer(ORIGIN, sha256(Buffer.from('stranger')));
    expect(w.submit(body(9, log.proof(9, 12), log.checkpoint(12, stranger)))).toMatchObject({ status: 403 });
    expect(w.submit(body(0, log.proof(9, 12), log.checkpoint(12)))).toMatchObject({ status: 409 });
  });

  it('answers a cosignature that verifies with the witness vkey, with a non-zero timestamp', () => {
    const w = witness(() => 0);
    const note = log.checkpoint(3);
    const d = w.submit(body(0, [], note));
    if (d.status !== 200) throw new Error(`expected 200, got ${d.status}`);
    expect(d.cosignatures).toMatch(/^\u2014 example\.com\/log\/witness [A-Za-z0-9+/]+=*\n$/);
    const verifier = newCosignatureVerifier(w.cosigner.name, newWitnessPublicKey());
    const opened = openCheckpoint(note + d.cosignatures, parseVerifierKey(logVkey), [verifier]);
    expect(opened.note.verified.map((s) => s.name)).toContain(`${ORIGIN}/witness`);
    const ours = parseNote(d.note).signatures.find((s) => s.name === w.cosigner.name)!;
    expect(cosignatureTimestamp(Buffer.concat([ours.keyId, ours.signature]))).toBe(1);
  });

  it('refuses old 0 with a proof, a wrong empty root, and equal sizes with another root (422)', () => {
    const w = witness();
    expect(w.submit(body(0, log.proof(3, 5), log.checkpoint(5))).status).toBe(422);
    const badEmpty = signCheckpoint(
      { origin: ORIGIN, size: 0, rootHash: sha256(Buffer.from('x')), extensions: [] },
      logSigner,
    );
    expect(w.submit(body(0, [], badEmpty)).status).toBe(422);
    expect(w.submit(body(0, [], log.checkpoint(0))).status).toBe(200);
    expect(w.submit(body(0, [], log.checkpoint(4))).status).toBe(200);
    const fork = signCheckpoint(
      { origin: ORIGIN, size: 4, rootHash: sha256(Buffer.from('fork')), extensions: [] },
      logSigner,
    );
    expect(w.submit(body(4, [], fork))).toMatchObject({ status: 422, code: 'WITNESS_INCONSISTENT' });
  });

  it('refuses a corrupted signature under the trusted name and key ID (403)', () => {
    const w = witness();
    const note = log.checkpoint(5);
    const sigAt = note.lastIndexOf(' ') + 1;
    const flipped =
      note.slice(0, sigAt + 10) + (note[sigAt + 10] === 'A' ? 'B' : 'A') + note.slice(sigAt + 11);
    expect(w.submit(body(0, [], flipped))).toMatchObject({ status: 403, code: 'WITNESS_BAD_SIGNATURE' });
  });

  it('refuses a rollback: a smaller checkpoint after a larger one', () => {
    const w = witness();
    expect(w.submit(body(0, [], log.checkpoint(10))).status).toBe(200);
    expect(w.submit(body(10, [], log.checkpoint(5)))).toMatchObject({ status: 400 });
    expect(w.submit(body(5, [], log.checkpoint(5)))).toMatchObject({ status: 409, size: 10 });
  });

  it('answers 400, 403, 404, 409 or 422 to any malformed or mangled body, never throws', () => {
    const w = witness();
    w.submit(body(0, [], log.checkpoint(4)));
    const good = body(4, log.proof(4, 9), log.checkpoint(9));
    const mangled = fc.oneof(
      fc.string(),
      fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('latin1')),
      fc
        .tuple(fc.nat(good.length), fc.nat(good.length), fc.string({ maxLength: 8 }))
        .map(([a, b, s]) => good.slice(0, Math.min(a, b)) + s + good.slice(Math.max(a, b))),
      fc.tuple(fc.nat(good.length)).map(([a]) => good.slice(0, a)),
    );
    fc.assert(
      fc.property(mangled, (request) => {
        fc.pre(request !== good); // the one untouched body is rightly cosigned
        expect([400, 403, 404, 409, 422]).toContain(w.submit(request).status);
      }),
      { numRuns: 500 },
    );
  });
});

function newWitnessPublicKey(): Buffer {
  return newEd25519Signer('any', witnessSeed).publicKey;
}
