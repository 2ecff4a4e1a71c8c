import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditDataDirectory, type CertificateVerification } from '../../src/service/index.js';
import { testSigner } from '../helpers/node.js';
import type { Org } from '../helpers/supply.js';
import { COBALT_SCOPE, TrustWorld } from '../helpers/trust.js';

/** The check of `name` in a verdict. */
function check(result: CertificateVerification, name: string) {
  const found = result.checks.find((c) => c.check === name);
  if (found === undefined) throw new Error(`no ${name} check in ${JSON.stringify(result.checks)}`);
  return found;
}

/** The names of the failed checks. */
function failed(result: CertificateVerification): string[] {
  return result.checks.filter((c) => c.status === 'fail').map((c) => c.check);
}

describe('certificates that verify themselves (issue 4 scenario)', () => {
  let t: TrustWorld;
  let dakks: Org;
  let rogueBody: Org;
  let certifier: Org;
  let unaccredited: Org;
  let otherCertifier: Org;
  let miner: Org;
  let mine: string;
  let refinery: string;
  let trusted: { jws: string; id: string };

  beforeAll(async () => {
    t = await TrustWorld.open('2026-01-01T00:00:00.000Z');
    const w = t.world;
    dakks = await w.org('dakks', 'DEU', ['accreditor']);
    rogueBody = await w.org('rogue-body', 'DEU', ['accreditor']);
    certifier = await w.org('certifier', 'DEU', ['certifier']);
    unaccredited = await w.org('uncertified', 'FRA', ['certifier']);
    otherCertifier = await w.org('other-certifier', 'GBR', ['certifier']);
    miner = await w.org('kolwezi-mining', 'COD');
    mine = await w.facility(miner, 'kolwezi', { kind: 'mine', country: 'COD' });
    refinery = await w.facility(miner, 'likasi', { kind: 'refinery', country: 'COD' });
    await t.trustList([{ did: dakks.did, name: 'DAkkS', country: 'DEU' }]);
    await t.accredit(dakks, certifier);
    await t.accredit(rogueBody, otherCertifier);
    t.clock.set('2026-02-01T00:00:00.000Z');
    trusted = await t.issue(
      certifier,
      t.certificate(certifier, miner, [{ subjects: [{ kind: 'facility', id: mine }] }]),
    );
  });

  afterAll(() => t.close());

  it('passes a trusted certificate on every check, with evidence', () => {
    const result = t.node.certificates.verify(trusted.jws, '2026-03-01T00:00:00.000Z');
    expect(failed(result)).toEqual([]);
    expect(result.verified).toBe(true);
    expect(result.checks.map((c) => [c.check, c.status])).toEqual([
      ['format', 'pass'],
      ['signature', 'pass'],
      ['issuer', 'pass'],
      ['accreditation', 'pass'],
      ['scope', 'pass'],
      ['validity', 'pass'],
      ['status', 'pass'],
      ['subject', 'pass'],
    ]);
    expect(check(result, 'accreditation').reason).toContain('DAkkS (DEU)');
    expect(check(result, 'subject').evidence).toMatchObject({
      subjects: [{ id: mine, facilityKind: 'mine' }],
    });
  });

  it('accepts the same certificate as an EnvelopedVerifiableCredential', () => {
    const enveloped = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: 'EnvelopedVerifiableCredential',
      id: `data:application/vc+jwt,${trusted.jws}`,
    };
    expect(t.node.certificates.verify(enveloped, '2026-03-01T00:00:00.000Z').verified).toBe(true);
  });

  it('fails an issuer that holds no accreditation on the accreditation check, and skips the scope', () => {
    const { jws } = t.sign(
      unaccredited,
      t.certificate(unaccredited, miner, [{ subjects: [{ kind: 'facility', id: mine }] }]),
    );
    const result = t.node.certificates.verify(jws, '2026-03-01T00:00:00.000Z');
    expect(failed(result)).toEqual(['accreditation', 'status']);
    expect(check(result, 'accreditation').reason).toMatch(/holds no accreditation/);
    expect(check(result, 'scope').status).toBe('skip');
  });

  it('fails a certifier accredited by a body that is not on the alliance trust list', () => {
    const { jws } = t.sign(
      otherCertifier,
      t.certificate(otherCertifier, miner, [{ subjects: [{ kind: 'facility', id: mine }] }]),
    );
    const result = t.node.certificates.verify(jws, '2026-03-01T00:00:00.000Z');
    expect(check(result, 'accreditation').status).toBe('fail');
    expect(check(result, 'accreditation').reason).toMatch(/not on the alliance trust list at issuance/);
  });

  it('fails a certificate outside the accreditation scope (topic, facility kind) on the scope check', () => {
    const cert = t.certificate(certifier, miner, [
      { topic: 'environment.emissions', subjects: [{ kind: 'facility', id: mine }] },
    ]);
    const result = t.node.certificates.verify(t.sign(certifier, cert).jws, '2026-03-01T00:00:00.000Z');
    expect(check(result, 'accreditation').status).toBe('pass');
    expect(check(result, 'scope')).toMatchObject({ status: 'fail' });
    expect(check(result, 'scope').reason).toMatch(/topic environment\.emissions/);
  });

  it('fails an expired certificate on the validity check only after it expires', () => {
    const cert = t.certificate(certifier, miner, [{ subjects: [{ kind: 'facility', id: mine }] }], {
      validUntil: '2026-06-01T00:00:00.000Z',
      index: 900,
    });
    const { jws } = t.sign(certifier, cert);
    expect(check(t.node.certificates.verify(jws, '2026-05-31T00:00:00.000Z'), 'validity').status).toBe(
      'pass',
    );
    const after = t.node.certificates.verify(jws, '2026-06-01T00:00:00.000Z');
    expect(failed(after)).toEqual(['validity']);
    expect(check(after, 'validity').reason).toBe('expired on 2026-06-01T00:00:00.000Z');
  });

  it('fails a tampered payload and a wrong key on the signature check', () => {
    const [h, p, s] = trusted.jws.split('.') as [string, string, string];
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
    payload.credentialSubject.assessment[0].conformance = true;
    payload.credentialSubject.name = 'Forged audit';
    const tampered = `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
    const forged = t.node.certificates.verify(tampered, '2026-03-01T00:00:00.000Z');
    expect(failed(forged)).toEqual(['signature']);
    expect(check(forged, 'signature').reason).toMatch(/does not verify/);

    const impostor = testSigner(certifier.signer.kid);
    const cert = t.certificate(certifier, miner, [{ subjects: [{ kind: 'facility', id: mine }] }]);
    const wrongKey = t.sign({ ...certifier, signer: impostor }, cert).jws;
    expect(failed(t.node.certificates.verify(wrongKey, '2026-03-01T00:00:00.000Z'))).toEqual(['signature']);
  });

  it('fails a subject that is not registered or not operated by the party certified', () => {
    const cert = t.certificate(certifier, certifier, [{ subjects: [{ kind: 'facility', id: refinery }] }]);
    const result = t.node.certificates.verify(t.sign(certifier, cert).jws, '2026-03-01T00:00:00.000Z');
    expect(failed(result)).toEqual(['subject']);
    expect(check(result, 'subject').reason).toMatch(/operated by did:web:kolwezi-mining\.example/);
    const ghost = t.certificate(certifier, miner, [
      { subjects: [{ kind: 'facility', id: 'https://nowhere.example/f' }] },
    ]);
    expect(
      check(t.node.certificates.verify(t.sign(certifier, ghost).jws, '2026-03-01T00:00:00.000Z'), 'subject')
        .reason,
    ).toMatch(/not registered/);
  });

  it('reports unreadable input as a failed format check, never an exception', () => {
    for (const input of ['not a jws', '', { type: 'EnvelopedVerifiableCredential' }, 42, null]) {
      const result = t.node.certificates.verify(input, '2026-03-01T00:00:00.000Z');
      expect(result.verified).toBe(false);
      expect(result.checks.map((c) => c.check)).toEqual(['format']);
    }
  });

  describe('revocation and suspension (status list versions are statements)', () => {
    let revoked: { jws: string; id: string };
    let suspended: { jws: string; id: string };

    beforeAll(async () => {
      t.clock.set('2026-04-01T00:00:00.000Z');
      revoked = await t.issue(
        certifier,
        t.certificate(certifier, miner, [{ subjects: [{ kind: 'facility', id: mine }] }], { index: 41 }),
      );
      suspended = await t.issue(
        certifier,
        t.certificate(certifier, miner, [{ subjects: [{ kind: 'facility', id: mine }] }], { index: 42 }),
      );
      t.clock.set('2026-05-01T00:00:00.000Z');
      await t.setStatus(certifier, 'revocation', [41]);
      await t.setStatus(certifier, 'suspension', [42]);
      t.clock.set('2026-06-01T00:00:00.000Z');
      await t.setStatus(certifier, 'suspension', [], [42]);
    });

    it('a revoked certificate passes before the revocation and fails from it on', () => {
      expect(t.node.certificates.verify(revoked.jws, '2026-04-30T23:59:59.000Z').verified).toBe(true);
      const after = t.node.certificates.verify(revoked.jws, '2026-05-01T00:00:00.000Z');
      expect(failed(after)).toEqual(['status']);
      expect(check(after, 'status').reason).toBe(`${revoked.id} is revoked since 2026-05-01T00:00:00.000Z`);
      expect(check(after, 'status').evidence).toMatchObject({ purpose: 'revocation', index: 41 });
    });

    it('a suspended certificate fails only while suspended', () => {
      expect(t.node.certificates.verify(suspended.jws, '2026-04-15T00:00:00.000Z').verified).toBe(true);
      expect(failed(t.node.certificates.verify(suspended.jws, '2026-05-15T00:00:00.000Z'))).toEqual([
        'status',
      ]);
      expect(t.node.certificates.verify(suspended.jws, '2026-06-15T00:00:00.000Z').verified).toBe(true);
    });

    it('refuses a revocation list version that clears a revoked entry', async () => {
      t.clock.set('2026-06-02T00:00:00.000Z');
      await expect(t.setStatus(certifier, 'revocation', [], [41])).rejects.toMatchObject({
        code: 'STATUS_REVOCATION_IRREVERSIBLE',
      });
    });

    it('serves the list version in force at a time, as published', () => {
      const latest = t.node.certificates.statusList('https://certifier.example/status/suspension');
      expect(latest?.validFrom).toBe('2026-06-01T00:00:00.000Z');
      const then = t.node.certificates.statusList(
        'https://certifier.example/status/suspension',
        '2026-05-15T00:00:00.000Z',
      );
      expect(then?.validFrom).toBe('2026-05-01T00:00:00.000Z');
      expect(then?.jws.split('.')).toHaveLength(3);
    });
  });

  describe('accreditation suspension and withdrawal', () => {
    let body: Org;
    let lab: Org;
    let accreditation: string;
    let before: { jws: string; id: string };

    beforeAll(async () => {
      t.clock.set('2026-07-01T00:00:00.000Z');
      body = await t.world.org('ukas', 'GBR', ['accreditor']);
      lab = await t.world.org('lab', 'GBR', ['certifier']);
      await t.trustList([
        { did: dakks.did, name: 'DAkkS', country: 'DEU' },
        { did: body.did, name: 'UKAS', country: 'GBR' },
      ]);
      accreditation = await t.accredit(body, lab, COBALT_SCOPE);
      t.clock.set('2026-07-02T00:00:00.000Z');
      before = await t.issue(
        lab,
        t.certificate(lab, miner, [{ subjects: [{ kind: 'facility', id: mine }] }], { index: 1 }),
      );
    });

    it('a certificate issued while the accreditation was suspended fails; one issued before does not', async () => {
      t.clock.set('2026-08-01T00:00:00.000Z');
      await t.accreditationStatus(body, accreditation, 'suspended', 'overdue surveillance audit');
      t.clock.set('2026-08-02T00:00:00.000Z');
      const during = t.sign(
        lab,
        t.certificate(lab, miner, [{ subjects: [{ kind: 'facility', id: mine }] }], { index: 2 }),
      );
      const result = t.node.certificates.verify(during.jws, '2026-08-03T00:00:00.000Z');
      expect(check(result, 'accreditation').reason).toMatch(
        /was suspended at issuance .*overdue surveillance audit/,
      );
      expect(t.node.certificates.verify(before.jws, '2026-08-03T00:00:00.000Z').verified).toBe(true);
    });

    it('a withdrawn accreditation fails the accreditation check from the withdrawal on, never before', async () => {
      t.clock.set('2026-09-01T00:00:00.000Z');
      await t.accreditationStatus(body, accreditation, 'withdrawn', 'fraudulent audits');
      expect(t.node.certificates.verify(before.jws, '2026-08-31T00:00:00.000Z').verified).toBe(true);
      const after = t.node.certificates.verify(before.jws, '2026-09-01T00:00:00.000Z');
      expect(failed(after)).toEqual(['accreditation']);
      expect(check(after, 'accreditation').reason).toMatch(
        /withdrawn on 2026-09-01T00:00:00.000Z \(fraudulent audits\)/,
      );
    });

    it('refuses any change after a withdrawal, and a backdated one', async () => {
      t.clock.set('2026-09-02T00:00:00.000Z');
      await expect(t.accreditationStatus(body, accreditation, 'active')).rejects.toMatchObject({
        code: 'TRUST_ACCREDITATION_CONFLICT',
      });
    });
  });

  it('refuses trust statements from issuers without the role, and a trust list naming a non-member', async () => {
    await expect(t.accredit(certifier, unaccredited)).rejects.toMatchObject({ code: 'TRUST_NOT_AUTHORIZED' });
    await expect(t.trustList([{ did: dakks.did, name: 'X', country: 'COD' }])).rejects.toMatchObject({
      code: 'TRUST_LIST_INVALID',
    });
  });

  it('keeps the trust state across a restart (the registry is a function of the log)', async () => {
    const before = t.node.certificates.verify(trusted.jws, '2026-03-01T00:00:00.000Z');
    const listed = t.node.certificates.list({}, '2026-10-01T00:00:00.000Z');
    const reopened = await t.reopen();
    expect(reopened.certificates.verify(trusted.jws, '2026-03-01T00:00:00.000Z')).toEqual(before);
    expect(reopened.certificates.list({}, '2026-10-01T00:00:00.000Z')).toEqual(listed);
    expect(listed.length).toBeGreaterThanOrEqual(4);
    // The audit replays every trust statement through the same rules, signatures checked.
    const report = auditDataDirectory(t.world.dir);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
  });
});
