import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromBase64Url, jwkFromPublicKey, keyPairFromSeed } from '../../src/crypto/index.js';
import { ALLIANCE_MEMBERS } from '../../src/model/index.js';
import {
  auditDataDirectory,
  type DemoManifest,
  LodestoneNode,
  seedDemoWorld,
} from '../../src/service/index.js';
import { tempDir } from '../helpers/node.js';

/** Exact sum of reduced fractions "n/d". */
function sum(shares: readonly string[]): [bigint, bigint] {
  return shares.reduce<[bigint, bigint]>(
    ([n, d], share) => {
      const [sn, sd] = share.split('/').map(BigInt) as [bigint, bigint];
      return [n * sd + sn * d, d * sd];
    },
    [0n, 1n],
  );
}

describe('the demo world (seed 1, scale 0.2)', () => {
  const { dir, cleanup } = tempDir('lodestone-demo-world-');
  const ticks: [number, number][] = [];
  let manifest: DemoManifest;
  let node: LodestoneNode;
  let end: string;

  beforeAll(async () => {
    manifest = await seedDemoWorld(dir, {
      seed: 1,
      scale: 0.2,
      progress: (done, total) => ticks.push([done, total]),
    });
    end = manifest.period.to;
    node = LodestoneNode.open({ dataDir: dir, verifyThreads: 0, now: () => Date.parse(end) });
  });
  afterAll(async () => {
    await node?.close();
    cleanup();
  });

  it('registers every statement it planned, reporting progress up to the total', () => {
    expect(node.size).toBe(manifest.counts.statements);
    expect(ticks[0]).toEqual([0, manifest.counts.statements]);
    expect(ticks.at(-1)).toEqual([manifest.counts.statements, manifest.counts.statements]);
    expect(ticks.every(([done], i) => i === 0 || done > ticks[i - 1]![0])).toBe(true);
  });

  it('holds a realistic economy: counts within the expected ranges', () => {
    const { counts } = manifest;
    expect(counts.organizations).toBe(70);
    expect(counts.facilities).toBe(63);
    expect(counts.batches).toBeGreaterThan(500);
    expect(counts.batches).toBeLessThan(1_500);
    for (const type of ['extract', 'ship', 'receive', 'transform', 'trade', 'assay', 'commission'] as const) {
      expect(counts.events[type], type).toBeGreaterThan(0);
    }
    expect(
      counts.batchesBy.extracted +
        counts.batchesBy.made +
        counts.batchesBy.split +
        counts.batchesBy.commissioned,
    ).toBe(counts.batches);
  });

  it('registers every organisation and facility it lists, mines with a boundary, inside and outside the alliance', () => {
    for (const org of manifest.organizations) {
      expect(node.supply.organization(org.did)?.country, org.slug).toBe(org.country);
    }
    const countries = new Set<string>();
    for (const f of manifest.facilities) {
      const row = node.supply.facility(f.id);
      expect(row?.facilityKind, f.slug).toBe(f.kind);
      if (f.kind === 'mine') {
        expect(row?.boundary?.type, f.slug).toBe('Polygon');
        countries.add(f.country);
      }
    }
    expect([...countries].filter((c) => ALLIANCE_MEMBERS.includes(c)).length).toBeGreaterThanOrEqual(2);
    expect([...countries].filter((c) => !ALLIANCE_MEMBERS.includes(c)).length).toBeGreaterThanOrEqual(6);
  });

  it('lists cells and magnets that trace back to mines in two countries or more, shares summing to exactly 1', () => {
    const kinds = new Set(manifest.products.map((p) => p.kind));
    expect(kinds).toEqual(new Set(['cell', 'magnet', 'pack']));
    for (const product of manifest.products) {
      const provenance = node.supply.provenance(product.batch, { at: end });
      expect(provenance?.material, product.batch).toBe(product.material);
      const countries = new Set(provenance!.elements.flatMap((e) => e.byCountry.map((s) => s.key)));
      countries.delete('undeclared');
      expect(countries.size, product.batch).toBeGreaterThanOrEqual(2);
      expect([...countries].sort()).toEqual(product.originCountries);
      for (const element of provenance!.elements) {
        for (const dimension of [
          'byOrigin',
          'byCountry',
          'byAlliance',
          'byExtraction',
          'byCertification',
        ] as const) {
          const [n, d] = sum(element[dimension].map((s) => s.share));
          expect(n, `${product.batch} ${element.element} ${dimension}`).toBe(d);
        }
      }
    }
  });

  it('verifies trusted certificates, and fails each other one on the check the manifest names', () => {
    const verdicts = new Set(manifest.certificates.map((c) => c.verdict));
    expect(verdicts).toEqual(
      new Set(['trusted', 'expired', 'revoked', 'issued-while-suspended', 'out-of-scope']),
    );
    for (const cert of manifest.certificates) {
      const { result } = node.certificates.get(cert.id, end)!;
      const failed = result.checks.filter((c) => c.status === 'fail').map((c) => c.check);
      if (cert.verdict === 'trusted') expect(failed, cert.facility).toEqual([]);
      else expect(failed, cert.facility).toEqual([cert.failingCheck]);
      expect(result.verified, cert.facility).toBe(cert.verdict === 'trusted');
    }
  });

  it('counts origins certified before a revocation and uncertified after it', () => {
    const revoked = manifest.certificates.find((c) => c.verdict === 'revoked')!;
    const before = node.certificates.certification(revoked.subject, '2026-04-01T00:00:00.000Z');
    const after = node.certificates.certification(revoked.subject, end);
    expect(before.certified).toBe(true);
    expect(after.certified).toBe(false);
  });

  it('plants red flags of every kind, about registered facilities', () => {
    expect(manifest.redFlags.map((f) => f.kind).sort()).toEqual([
      'certificate-issued-while-accreditation-suspended',
      'certificate-outside-accredited-scope',
      'conflict-affected-origin',
      'high-risk-origin-without-certificate',
      'near-threshold-quantities',
      'revoked-certificate-upstream',
      'supply-after-certificate-expiry',
      'undeclared-origin-share',
    ]);
    const slugs = new Set(manifest.facilities.map((f) => f.slug));
    for (const flag of manifest.redFlags) expect(slugs.has(flag.facility), flag.id).toBe(true);
    const threshold = manifest.redFlags.find((f) => f.kind === 'near-threshold-quantities')!;
    expect(threshold.evidence.length).toBeGreaterThan(0);
    for (const batch of threshold.evidence) {
      const grams = node.supply.batch(batch)!.createdGrams;
      expect(grams).toBeGreaterThanOrEqual(9_900_000);
      expect(grams).toBeLessThan(10_000_000);
    }
  });

  it('writes each organisation a key file in `lodestone keys generate` form, holding its registered key', () => {
    for (const org of manifest.organizations) {
      const file = JSON.parse(readFileSync(join(dir, org.keyFile), 'utf8')) as {
        kid: string;
        jwk: { x: string; d: string };
      };
      expect(file.kid).toBe(`${org.did}#key-1`);
      expect(jwkFromPublicKey(keyPairFromSeed(fromBase64Url(file.jwk.d)).publicKey).x).toBe(file.jwk.x);
      expect(node.supply.organization(org.did)?.keys.map((k) => k.jwk.x)).toEqual([file.jwk.x]);
    }
    expect(JSON.parse(readFileSync(join(dir, 'demo.json'), 'utf8'))).toEqual(
      JSON.parse(JSON.stringify(manifest)),
    );
  });

  it('raises compliance findings for every planted red flag, by the rule that catches it', async () => {
    await node.compliance.idle();
    const findings = node.compliance.query({ limit: 1_000_000 });
    const about = (site: string) => (f: (typeof findings)[number]) =>
      f.subject.id.endsWith(`/facilities/${site}`) || f.subject.id.includes(`://${site}`);
    const rulesOf = (site: string) => new Set(findings.filter(about(site)).map((f) => f.rule));
    // Which rules must catch each kind of flag (docs/tour.md lists them).
    const expected: Record<string, string[]> = {
      'high-risk-origin-without-certificate': ['LS-CAHRA-ORIGIN', 'LS-CERT-MISSING'],
      'conflict-affected-origin': ['LS-CAHRA-ORIGIN'],
      'certificate-issued-while-accreditation-suspended': ['LS-CERT-MISSING'],
      'certificate-outside-accredited-scope': ['LS-CERT-MISSING'],
      'supply-after-certificate-expiry': ['LS-CERT-MISSING'],
    };
    for (const flag of manifest.redFlags) {
      for (const rule of expected[flag.kind] ?? []) {
        expect(rulesOf(flag.facility).has(rule), `${flag.id} ${flag.kind}: ${rule}`).toBe(true);
      }
    }
    const flag = (kind: string) => manifest.redFlags.find((f) => f.kind === kind)!;
    // Structuring is about the shipper: the organisation behind the Likasi plant.
    const structuring = findings.filter((f) => f.rule === 'LS-STRUCTURING');
    expect(structuring.length).toBeGreaterThan(0);
    expect(structuring.every((f) => f.subject.id.includes(flag('near-threshold-quantities').facility))).toBe(
      true,
    );
    // Undeclared origins and the recall surface on the batches that carry them.
    const unknown = findings.filter((f) => f.rule === 'LS-UNKNOWN-ORIGIN').map((f) => f.subject.id);
    expect(unknown.some((id) => id.includes(`/lots/${flag('undeclared-origin-share').facility}-`))).toBe(
      true,
    );
    const recalled = findings.filter((f) => f.rule === 'LS-REVOKED-UPSTREAM');
    const revoked = flag('revoked-certificate-upstream');
    const sold = revoked.evidence.slice(1);
    for (const lot of sold)
      expect(
        recalled.map((f) => f.subject.id),
        lot,
      ).toContain(lot);
    // The expired mine is flagged only for extractions after the expiry.
    const expiredAt = Date.parse('2026-03-31T00:00:00.000Z');
    const bahodopi = findings.filter((f) => f.rule === 'LS-CERT-MISSING' && about('bahodopi')(f));
    expect(bahodopi.every((f) => Date.parse(f.at) >= expiredAt)).toBe(true);
  });

  it('passes the audit of its data directory', () => {
    const report = auditDataDirectory(dir);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('refuses to seed a directory that already holds a log', async () => {
    await expect(seedDemoWorld(dir, { scale: 0.1 })).rejects.toMatchObject({ code: 'NODE_CONFIG_INVALID' });
  });
});
