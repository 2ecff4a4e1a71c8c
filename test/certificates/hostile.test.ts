/**
 * Hostile trust statements, registered through the node: whatever a signed status list, accreditation or
 * certificate says, the answer is a coded refusal or a registration — never an uncoded error — and a
 * refusal leaves the trust registry exactly as it was.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCodedError } from '../../src/errors.js';
import {
  accreditationCredential,
  conformityCredential,
  statusListCredential,
} from '../../src/interop/index.js';
import type { Org } from '../helpers/supply.js';
import { COBALT_SCOPE, TrustWorld } from '../helpers/trust.js';

describe('hostile trust statements', () => {
  let t: TrustWorld;
  let body: Org;
  let certifier: Org;
  let miner: Org;

  beforeAll(async () => {
    t = await TrustWorld.open('2026-01-01T00:00:00.000Z');
    body = await t.world.org('body', 'DEU', ['accreditor']);
    certifier = await t.world.org('certifier', 'DEU', ['certifier']);
    miner = await t.world.org('miner', 'COD');
    await t.trustList([{ did: body.did, name: 'Body', country: 'DEU' }]);
  });
  afterAll(() => t.close());

  /** Register and expect a coded outcome; on refusal the registry must be unchanged. */
  async function attempt(jws: string): Promise<void> {
    const before =
      JSON.stringify(t.node.certificates.registry()) + t.node.certificates.list({}, t.clock.iso).length;
    try {
      await t.node.register(jws);
    } catch (err) {
      expect(isCodedError(err), String(err)).toBe(true);
      const after =
        JSON.stringify(t.node.certificates.registry()) + t.node.certificates.list({}, t.clock.iso).length;
      expect(after).toBe(before);
    }
  }

  it('status lists with arbitrary encoded lists and dates', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.base64String().map((b) => `u${b.replace(/=/g, '')}`),
          fc.constant('uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA'),
        ),
        fc.constantFrom('revocation', 'suspension') as fc.Arbitrary<'revocation' | 'suspension'>,
        fc.integer({ min: -400 * 86_400_000, max: 4 * 60_000 }),
        async (encodedList, purpose, offset) => {
          const validFrom = new Date(t.clock.ms + offset).toISOString();
          let vc: object;
          try {
            vc = statusListCredential(
              { kind: 'status-list', purpose, encodedList, validFrom },
              certifier.issuer,
              {
                id: `https://certifier.example/status/${purpose}/${n++ % 3}`,
              },
            );
          } catch {
            // The builder refuses what the parser would: sign the raw shape anyway, as an attacker would.
            vc = {
              '@context': ['https://www.w3.org/ns/credentials/v2'],
              type: ['VerifiableCredential', 'BitstringStatusListCredential'],
              id: `https://certifier.example/status/${purpose}/x`,
              issuer: certifier.issuer,
              validFrom,
              credentialSubject: { type: 'BitstringStatusList', statusPurpose: purpose, encodedList },
            };
          }
          await attempt(certifier.signer.sign(vc));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('accreditations and certificates with arbitrary windows, holders and subjects', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: -1000 * 86_400_000, max: 1000 * 86_400_000 }),
        fc.integer({ min: -1000 * 86_400_000, max: 1000 * 86_400_000 }),
        fc.constantFrom(certifier, miner, body),
        fc.webUrl(),
        async (from, length, holder, subject) => {
          const validFrom = new Date(t.clock.ms + Math.min(from, 0)).toISOString();
          const validUntil = new Date(t.clock.ms + from + length).toISOString();
          await attempt(
            body.signer.sign(
              accreditationCredential(
                { kind: 'accreditation', holder: holder.did, scope: COBALT_SCOPE, validFrom, validUntil },
                body.issuer,
                {
                  id: `urn:hostile:acc:${n++}`,
                },
              ),
            ),
          );
          const cert = {
            ...t.certificate(certifier, miner, [{ subjects: [{ kind: 'facility' as const, id: subject }] }]),
            validFrom,
            validUntil,
          };
          await attempt(
            certifier.signer.sign(
              conformityCredential(cert, certifier.issuer, { id: `urn:hostile:cert:${n++}` }),
            ),
          );
        },
      ),
      { numRuns: 40 },
    );
  });
});
