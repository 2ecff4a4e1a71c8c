/**
 * The supply-chain CLI end to end, against a real node process: keys register (an organisation, as the
 * operator) → a facility credential signed and submitted → `import epcis` of an EPCIS document (with its
 * skip report) → `trace` as a tree and as JSON → `rebuild --check` on the stopped node, then after a
 * tampered row, `rebuild`. Needs `npm run build`.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportEpcis, facilityCredential } from '../../src/interop/index.js';
import type { CustodyEvent } from '../../src/model/index.js';
import { DATABASE_FILE } from '../../src/store/index.js';
import { tempDir } from '../helpers/node.js';
import {
  killAllNodes,
  runCli,
  type SpawnedNode,
  spawnNode,
  TEST_OPERATOR_TOKEN,
} from '../helpers/spawn-node.js';

describe('lodestone import epcis, trace, rebuild', () => {
  const { dir: work, cleanup } = tempDir('lodestone-supply-cli-');
  const data = join(work, 'data');
  const keyFile = join(work, 'miner.key.json');
  const mine = 'https://miner.example/facilities/pit';
  let node: SpawnedNode;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    node = await spawnNode({ dataDir: data });
    env = { LODESTONE_URL: node.url, LODESTONE_OPERATOR_TOKEN: TEST_OPERATOR_TOKEN };
  }, 60_000);
  afterAll(async () => {
    await killAllNodes();
    cleanup();
  });

  it('registers an organisation and its facility', async () => {
    const gen = await runCli(['keys', 'generate', '--kid', 'did:web:miner.example#key-1', '--out', keyFile], {
      env,
    });
    expect(gen.code, gen.stderr).toBe(0);
    const reg = await runCli(
      [
        'keys',
        'register',
        keyFile,
        '--name',
        'Miner Ltd',
        '--country',
        'CAN',
        '--valid-from',
        '2024-01-01T00:00:00Z',
        '--json',
      ],
      { env },
    );
    expect(reg.code, reg.stderr).toBe(0);
    expect(JSON.parse(reg.stdout)).toMatchObject({ index: 0 });

    const credential = facilityCredential(
      {
        kind: 'facility',
        id: mine,
        name: 'Pit',
        operator: 'did:web:miner.example',
        facilityKind: 'mine',
        country: 'CAN',
        location: { type: 'Point', coordinates: [-61.5, 56.3] },
        boundary: {
          type: 'Polygon',
          coordinates: [
            [
              [-61.5, 56.3],
              [-61.4, 56.3],
              [-61.4, 56.4],
              [-61.5, 56.3],
            ],
          ],
        },
        processCategories: ['https://unstats.un.org/isic/0729'],
        validFrom: '2024-01-01T00:00:00.000Z',
      },
      { id: 'did:web:miner.example', name: 'Miner Ltd' },
    );
    writeFileSync(join(work, 'facility.json'), JSON.stringify(credential));
    const signed = await runCli(
      ['sign', join(work, 'facility.json'), '--key', keyFile, '--out', join(work, 'facility.jws')],
      { env },
    );
    expect(signed.code, signed.stderr).toBe(0);
    const sub = await runCli(['submit', join(work, 'facility.jws')], { env });
    expect(sub.code, sub.stderr).toBe(0);
  }, 60_000);

  it('imports an EPCIS document, reporting what it skipped and why', async () => {
    const events: CustodyEvent[] = [
      {
        type: 'extract',
        id: 'urn:uuid:5d0a6a4e-0000-4000-8000-000000000001',
        time: '2025-03-01T08:00:00.000Z',
        facility: mine,
        method: 'industrial',
        batch: { id: 'urn:lot:cli:1', material: 'co.hydroxide', grams: 2_000_000, content: { Co: 320_000 } },
        custodyModel: 'segregated',
      },
      {
        type: 'extract',
        id: 'urn:uuid:5d0a6a4e-0000-4000-8000-000000000002',
        time: '2025-03-02T08:00:00.000Z',
        facility: mine,
        method: 'industrial',
        // Implausible: the node refuses it, the others still register.
        batch: { id: 'urn:lot:cli:2', material: 'co.hydroxide', grams: 1_000_000, content: { Co: 900_000 } },
        custodyModel: 'segregated',
      },
    ];
    const doc = exportEpcis(
      events.map((event) => ({
        event,
        actor: 'did:web:miner.example',
        statement: '0'.repeat(64),
        recordTime: event.time,
      })),
      { creationDate: '2025-03-03T00:00:00.000Z' },
    ) as unknown as { epcisBody: { eventList: unknown[] } };
    // An AggregationEvent Lodestone does not model: skipped with a reason.
    doc.epcisBody.eventList.push({
      type: 'AggregationEvent',
      eventTime: '2025-03-02T09:00:00.000Z',
      eventTimeZoneOffset: '+00:00',
      action: 'ADD',
      parentID: 'urn:epc:id:sscc:4012345.0000000001',
      childEPCs: ['urn:epc:id:sgtin:4012345.011111.1'],
    });
    writeFileSync(join(work, 'events.jsonld'), JSON.stringify(doc));
    const res = await runCli(
      ['import', 'epcis', join(work, 'events.jsonld'), '--key', keyFile, '--mine', mine, '--json'],
      { env },
    );
    expect(res.code, res.stderr).toBe(1);
    const report = JSON.parse(res.stdout);
    expect(report.registered).toHaveLength(1);
    expect(report.refused).toEqual([expect.objectContaining({ code: 'CUSTODY_IMPLAUSIBLE_CONTENT' })]);
    expect(report.skipped).toEqual([
      expect.objectContaining({ type: 'AggregationEvent', code: 'unsupported-event-type' }),
    ]);

    const notEpcis = await runCli(['import', 'epcis', keyFile, '--key', keyFile], { env });
    expect(notEpcis.code).toBe(2);
    expect(notEpcis.stderr).toMatch(/EPCIS/);
  }, 60_000);

  it('traces a batch as a tree and as JSON', async () => {
    const json = await runCli(['trace', 'urn:lot:cli:1', '--key', keyFile, '--json'], { env });
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout).elements[0]).toMatchObject({
      element: 'Co',
      micrograms: String(640_000n * 1_000_000n),
      byCountry: [expect.objectContaining({ key: 'CAN', share: '1/1', percent: 100 })],
    });
    const human = await runCli(['trace', 'urn:lot:cli:1', '--key', keyFile], { env });
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toContain('urn:lot:cli:1  co.hydroxide');
    expect(human.stdout).toMatch(/country\s+100\.00 %\s+CAN/);
    const anonymous = await runCli(['trace', 'urn:lot:cli:1'], { env });
    expect(anonymous.code).toBe(3);
    expect(anonymous.stderr).toContain('ACCESS_REQUIRED');
  }, 60_000);

  it('rebuild --check finds the stored state identical; a tampered row is found and rebuilt', async () => {
    await node.kill();
    const ok = await runCli(['rebuild', '--data', data, '--check', '--verify', '--json']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ identical: true, problems: [] });

    const db = new Database(join(data, DATABASE_FILE));
    db.prepare(
      "UPDATE batches SET custodian = 'did:web:thief.example', row = json_set(row, '$.custodian', 'did:web:thief.example')",
    ).run();
    db.close();
    const found = await runCli(['rebuild', '--data', data, '--check']);
    expect(found.code).toBe(1);
    expect(found.stdout).toContain('batches[urn:lot:cli:1]');
    const verify = await runCli(['verify', '--data', data]);
    expect(verify.code).toBe(1);
    const fixed = await runCli(['rebuild', '--data', data]);
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(fixed.stdout).toContain('rebuilt');
    expect((await runCli(['verify', '--data', data])).code).toBe(0);
    void readFileSync;
  }, 60_000);
});
