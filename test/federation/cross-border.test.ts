/**
 * Cross-border custody over real HTTP (issue 8 part 5): cobalt hydroxide mined and shipped in Canada
 * is received in Germany against a proof, not a promise. Three member-nation nodes peer on loopback;
 * the Canadian node exports the shipment with its operator's provenance summary; the German refiner
 * registers a CrossBorderReceipt on its own node, which verifies both receipts against Canada's
 * witnessed checkpoints before the batch exists there, with its Canadian origins.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { signCompactJws } from '../../src/crypto/index.js';
import { crossBorderReceiptCredential } from '../../src/interop/index.js';
import type { CustodyEvent } from '../../src/model/index.js';
import { ACCESS_TOKEN_TYPE, type ExportBundle } from '../../src/service/index.js';
import { assertBuilt, runCli } from '../helpers/cli.js';
import {
  cleanupAll,
  cluster,
  type Member,
  openMember,
  peersOf,
  stopAll,
  TIMING,
  until,
} from '../helpers/federation.js';
import { didOf, registerSigner, tempDir, testSigner } from '../helpers/node.js';
import { batch, nextTime, type Org, SupplyWorld } from '../helpers/supply.js';

afterEach(stopAll);
afterAll(cleanupAll);

function orgOf(slug: string): Org {
  const signer = testSigner(`did:web:${slug}.example#key-1`);
  const did = didOf(signer);
  return { did, name: `${slug} GmbH`, signer, issuer: { id: did, name: `${slug} GmbH` } };
}

function tokenOf(org: Org, m: Member): string {
  const iat = Math.floor(Date.now() / 1000);
  return signCompactJws(
    JSON.stringify({ iss: org.did, aud: m.origin, iat, exp: iat + 300 }),
    { kid: org.signer.kid, typ: ACCESS_TOKEN_TYPE },
    org.signer.keys.privateKey,
  );
}

async function post(
  m: Member,
  path: string,
  body: unknown,
  auth?: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${m.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(auth && { authorization: auth }) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

interface Site {
  readonly country: string;
  readonly at: readonly [number, number];
}

/**
 * Three peering member nations. In the first, a miner with its mine; the recipient is registered on
 * the first two with one key, and its facility on both with the same signed bytes (the ship rules at
 * home need it known there).
 */
async function border(names: [string, string, string], home: Site, abroad: Site) {
  const members = await cluster(names);
  const [from, to] = members;
  if (!from || !to) throw new Error('cluster');
  for (const m of members) await m.node.startPeering(peersOf(m, members), TIMING);
  const worlds = { home: SupplyWorld.on(from.node, from.dir), abroad: SupplyWorld.on(to.node, to.dir) };
  const miner = await worlds.home.org(`${names[0]}-miner`, home.country);
  const recipient = orgOf(`${names[1]}-refiner`);
  for (const node of [from.node, to.node]) {
    await registerSigner(node, recipient.signer, ['producer'], abroad.country);
  }
  const mine = await worlds.home.facility(miner, 'mine', { kind: 'mine', ...home });
  const site = { kind: 'refinery', ...abroad } as const;
  const facility = await worlds.home.facility(recipient, 'refinery', site);
  expect(await worlds.abroad.facility(recipient, 'refinery', site)).toBe(facility);
  return { members, from, to, ...worlds, miner, recipient, mine, facility };
}

describe('a shipment from Canada received in Germany', () => {
  it('enters custody in Germany only against receipts of a witnessed Canadian checkpoint, with its Canadian origins', async () => {
    const {
      members,
      from: ca,
      to: de,
      home: canada,
      abroad: germany,
      miner,
      recipient: refiner,
      mine,
      facility: refinery,
    } = await border(
      ['ca', 'de', 'jp'],
      { country: 'CAN', at: [-79.4, 48.1] },
      { country: 'DEU', at: [8.7, 50.1] },
    );

    // Mined and shipped in Canada: 10 t of hydroxide at 30 % Co, split 4 t to Germany.
    await canada.submit(miner, [
      canada.extract(mine, batch('https://ca-miner.example/lots/1', 'co.hydroxide', 10_000, { Co: 300_000 })),
    ]);
    const ship: CustodyEvent = {
      type: 'ship',
      id: canada.eventId(),
      time: nextTime(),
      batch: 'https://ca-miner.example/lots/1',
      grams: 4_000_000,
      splitInto: 'https://ca-miner.example/lots/1-de',
      to: refiner.did,
      toFacility: refinery,
      transportMode: 'sea',
    };
    const { receipt: shipped } = await canada.submit(miner, [ship]);

    // The shipper asks for the export bundle until both its receipts meet Germany's witness quorum.
    const bundle = await until(async () => {
      const { status, body } = await post(
        ca,
        '/v1/federation/exports',
        { shipment: shipped.statement, event: ship.id },
        `Bearer ${tokenOf(miner, ca)}`,
      );
      expect(status).toBe(200);
      const b = body as unknown as ExportBundle;
      const both = await Promise.all(
        [b.shipment, b.summary].map((p) =>
          post(de, '/v1/federation/receipts/verify', { statement: p.statement, receipt: p.receipt }),
        ),
      );
      return both.every((v) => v.body.ok) ? b : undefined;
    }, 10_000);
    expect(bundle.origin).toBe(ca.origin);
    expect(bundle.batch).toBe('https://ca-miner.example/lots/1-de');

    const receive = (by: Org, b: ExportBundle, id = 'urn:event:de-arrival-1') =>
      by.signer.sign(
        crossBorderReceiptCredential(
          {
            kind: 'cross-border-receipt',
            id,
            time: nextTime(),
            facility: refinery,
            batch: b.batch,
            origin: b.origin,
            shipment: b.shipment,
            summary: b.summary,
          },
          by.issuer,
        ),
      );
    const refused = (jws: string) =>
      de.node.register(jws).then(
        () => 'accepted',
        (e: { code: string }) => e.code,
      );

    // A forged receipt (a proof hash changed) is refused by the receiving node, and leaves nothing.
    const proof = [...bundle.shipment.receipt.proof];
    proof[0] = Buffer.alloc(32, 9).toString('base64');
    const forged = {
      ...bundle,
      shipment: { ...bundle.shipment, receipt: { ...bundle.shipment.receipt, proof } },
    };
    expect(await refused(receive(refiner, forged))).toBe('FEDERATION_RECEIPT_REFUSED');
    // Someone else presenting the refiner's bundle is refused too.
    const other = await germany.org('de-trader', 'DEU');
    expect(await refused(receive(other, bundle, 'urn:event:de-arrival-x'))).toBe(
      'FEDERATION_SHIPMENT_MISMATCH',
    );
    expect(de.node.supply.batch(bundle.batch)).toBeUndefined();

    // The refiner's receipt is accepted: the batch exists in Germany, held by the refiner, 4 t, with
    // Canadian origins it can trace (the country comes from the summary; certification stays unknown).
    const { created } = await de.node.register(receive(refiner, bundle));
    expect(created).toBe(true);
    const row = de.node.supply.batch(bundle.batch);
    expect(row).toMatchObject({
      custodian: refiner.did,
      facility: refinery,
      createdGrams: 4_000_000,
      status: 'active',
    });
    expect(row?.composition).toEqual(ca.node.supply.batch(bundle.batch)?.composition);
    const [cobalt] = de.node.supply.shares(row!);
    expect(cobalt?.byCountry.map((c) => [c.key, c.micrograms, c.share])).toEqual([
      ['CAN', '1200000000000', '1/1'],
    ]);
    expect(cobalt?.byCertification.map((s) => s.key)).toEqual(['unknown']);

    // A summary signed by anyone but the Canadian operator is refused by the Canadian node.
    const fake = miner.signer.sign({
      ...JSON.parse(Buffer.from(bundle.summary.statement.split('.')[1]!, 'base64url').toString()),
      issuer: miner.issuer,
    });
    const code = await ca.node.register(fake).then(
      () => 'accepted',
      (e: { code: string }) => e.code,
    );
    expect(code).toBe('FEDERATION_SUMMARY_FORBIDDEN');

    // After a restart Germany rebuilds the same batch and origins from its own log.
    await de.node.close();
    const reopened = openMember(de, members);
    try {
      const again = reopened.supply.batch(bundle.batch);
      expect(again?.composition).toEqual(row?.composition);
      expect(reopened.supply.shares(again!)[0]?.byCountry.map((s) => s.key)).toEqual(['CAN']);
    } finally {
      await reopened.close();
    }
  }, 30_000);
});

describe('the command line across the border', () => {
  it('exports with `federation export --check` on the origin and receives with `federation receive` on the destination', async () => {
    assertBuilt();
    const {
      from: us,
      to: gb,
      home: usa,
      miner,
      recipient: maker,
      mine,
      facility: plant,
    } = await border(
      ['us', 'gb', 'it'],
      { country: 'USA', at: [-115.5, 35.5] },
      { country: 'GBR', at: [-1.4, 54.9] },
    );
    await usa.submit(miner, [
      usa.extract(
        mine,
        batch('https://us-miner.example/lots/7', 'ni.mhp', 2_000, { Ni: 390_000, Co: 15_000 }),
      ),
    ]);
    const ship: CustodyEvent = {
      type: 'ship',
      id: usa.eventId(),
      time: nextTime(),
      batch: 'https://us-miner.example/lots/7',
      grams: 2_000_000,
      to: maker.did,
      toFacility: plant,
    };
    const { receipt } = await usa.submit(miner, [ship]);
    const { dir, cleanup } = tempDir();
    try {
      const keyFile = (org: Org) => {
        const file = join(dir, `${org.did.slice(8)}.key.json`);
        writeFileSync(
          file,
          JSON.stringify({ kid: org.signer.kid, jwk: org.signer.keys.privateKey.export({ format: 'jwk' }) }),
        );
        return file;
      };
      const bundleFile = join(dir, 'bundle.json');
      const exported = await runCli(
        [
          'federation',
          'export',
          '--shipment',
          receipt.statement,
          '--event',
          ship.id,
          '--key',
          keyFile(miner),
          '--url',
          us.url,
          '--check',
          gb.url,
          '-o',
          bundleFile,
        ],
        { timeoutMs: 60_000 },
      );
      expect(exported.stderr).not.toContain('Error');
      expect(exported.code).toBe(0);
      const received = await runCli([
        'federation',
        'receive',
        bundleFile,
        '--facility',
        plant,
        '--key',
        keyFile(maker),
        '--url',
        gb.url,
        '--json',
      ]);
      expect(received.code).toBe(0);
      expect(gb.node.supply.batch('https://us-miner.example/lots/7')).toMatchObject({
        custodian: maker.did,
        facility: plant,
      });
      // The same bundle again is the same arrival only if it is the same statement: a second receipt
      // of one batch is refused.
      const again = await runCli([
        'federation',
        'receive',
        bundleFile,
        '--facility',
        plant,
        '--key',
        keyFile(maker),
        '--url',
        gb.url,
      ]);
      expect(again.code).toBe(3);
      expect(again.stderr).toContain('CUSTODY_BATCH_EXISTS');
    } finally {
      cleanup();
    }
  }, 60_000);
});
