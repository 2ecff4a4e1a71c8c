import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ed25519Sign, generateEd25519 } from './ed25519.js';
import { createSignatureVerifier } from './verify-pool.js';

const keys = [generateEd25519(), generateEd25519()];

function jobs(n: number) {
  return Array.from({ length: n }, (_, i) => {
    const signer = keys[i % 2]!;
    const message = Buffer.from(`message ${i}`);
    const signature = ed25519Sign(signer.privateKey, message);
    // Every third job is wrong in one way: another key, another message, or a short signature.
    const kind = i % 3 === 2 ? i % 9 : -1;
    return {
      job: {
        publicKey: kind === 2 ? keys[(i + 1) % 2]!.publicRaw : signer.publicRaw,
        message: kind === 5 ? Buffer.from(`other ${i}`) : message,
        signature: kind === 8 ? signature.subarray(0, 63) : signature,
      },
      valid: kind === -1,
    };
  });
}

describe.each([0, 1, 2])('createSignatureVerifier(%i)', (threads) => {
  it('answers each job of a large burst correctly', async () => {
    const verifier = createSignatureVerifier(threads);
    try {
      const all = jobs(300);
      const results = await Promise.all(all.map((j) => verifier.verify(j.job)));
      expect(results).toEqual(all.map((j) => j.valid));
    } finally {
      await verifier.close();
    }
  });

  it('never accepts a signature over changed bytes', async () => {
    const verifier = createSignatureVerifier(threads);
    const { job } = jobs(1)[0]!;
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.nat(job.message.length - 1),
          fc.integer({ min: 1, max: 255 }),
          async (at, mask) => {
            const message = Buffer.from(job.message);
            message[at]! ^= mask;
            expect(await verifier.verify({ ...job, message })).toBe(false);
          },
        ),
        { numRuns: 40 },
      );
    } finally {
      await verifier.close();
    }
  });
});
