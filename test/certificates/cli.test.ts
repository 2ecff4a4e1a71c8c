/**
 * Certificates end to end through the CLI, against a real node process: the operator publishes the trust
 * list, an accreditation body accredits a certifier (sign + submit), the certifier issues a certificate
 * with `credential issue --submit`, anyone verifies it online and offline with an exported trust bundle,
 * then the certifier revokes it and both verdicts change. Needs `npm run build`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accreditationCredential,
  conformityCredential,
  facilityCredential,
} from '../../src/interop/index.js';
import { tempDir } from '../helpers/node.js';
import {
  killAllNodes,
  runCli,
  type SpawnedNode,
  spawnNode,
  TEST_OPERATOR_TOKEN,
} from '../helpers/spawn-node.js';

const ACCREDITOR = 'did:web:dakks.example';
const CERTIFIER = 'did:web:certifier.example';
const MINER = 'did:web:miner.example';
const MINE = 'https://miner.example/facilities/pit';
const LIST = 'https://certifier.example/status/revocation';
const SCHEME = { id: 'https://schemes.example/rmap-cobalt', name: 'Cobalt Refiner Assurance' };

describe('lodestone credential issue|revoke, trust publish|export, verify credential', () => {
  const { dir: work, cleanup } = tempDir('lodestone-cert-cli-');
  const file = (name: string) => join(work, name);
  let node: SpawnedNode;
  let env: NodeJS.ProcessEnv;
  const iso = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

  const cli = async (args: string[], expected = 0) => {
    const r = await runCli(args, { env });
    expect(r.code, `${args.join(' ')}\n${r.stdout}\n${r.stderr}`).toBe(expected);
    return r;
  };
  const signAndSubmit = async (name: string, vc: object, key: string) => {
    writeFileSync(file(`${name}.json`), JSON.stringify(vc));
    await cli(['sign', file(`${name}.json`), '--key', key, '--out', file(`${name}.jws`)]);
    await cli(['submit', file(`${name}.jws`)]);
  };

  beforeAll(async () => {
    node = await spawnNode({ dataDir: file('data') });
    env = { LODESTONE_URL: node.url, LODESTONE_OPERATOR_TOKEN: TEST_OPERATOR_TOKEN };
    for (const [slug, did, role] of [
      ['dakks', ACCREDITOR, 'accreditor'],
      ['certifier', CERTIFIER, 'certifier'],
      ['miner', MINER, 'producer'],
    ] as const) {
      await cli(['keys', 'generate', '--kid', `${did}#key-1`, '--out', file(`${slug}.key.json`)]);
      await cli([
        'keys',
        'register',
        file(`${slug}.key.json`),
        '--name',
        slug,
        '--country',
        'DEU',
        '--role',
        role,
        '--valid-from',
        '2024-01-01T00:00:00Z',
      ]);
    }
    await signAndSubmit(
      'facility',
      facilityCredential(
        {
          kind: 'facility',
          id: MINE,
          name: 'Pit',
          operator: MINER,
          facilityKind: 'mine',
          country: 'COD',
          location: { type: 'Point', coordinates: [25.4, -10.7] },
          boundary: {
            type: 'Polygon',
            coordinates: [
              [
                [25.4, -10.7],
                [25.5, -10.7],
                [25.5, -10.6],
                [25.4, -10.7],
              ],
            ],
          },
          processCategories: [],
          validFrom: '2024-01-01T00:00:00.000Z',
        },
        { id: MINER, name: 'Miner' },
      ),
      file('miner.key.json'),
    );
  }, 60_000);
  afterAll(async () => {
    await killAllNodes();
    cleanup();
  });

  it('publishes the trust list and an accreditation', async () => {
    const published = await cli(['trust', 'publish', '--body', `${ACCREDITOR},DEU,DAkkS`]);
    expect(published.stdout).toMatch(/published: 1 accreditation bodies/);
    await signAndSubmit(
      'accreditation',
      accreditationCredential(
        {
          kind: 'accreditation',
          holder: CERTIFIER,
          scope: {
            schemes: [SCHEME.id],
            topics: ['social.labour'],
            minerals: ['Co'],
            facilityKinds: ['mine'],
          },
          validFrom: iso(0),
          validUntil: iso(365 * 86_400_000),
        },
        { id: ACCREDITOR, name: 'DAkkS' },
        { id: 'urn:lodestone:test:accreditation:1' },
      ),
      file('dakks.key.json'),
    );
    await cli(['trust', 'publish', '--body', `${ACCREDITOR},COD,DAkkS`], 3);
  });

  it('issues a certificate, verifies it online and offline, revokes it, and both verdicts follow', async () => {
    const cert = conformityCredential(
      {
        kind: 'certificate',
        attestation: 'https://certifier.example/attestations/1',
        name: 'Responsible sourcing audit',
        attestationType: 'certification',
        scheme: SCHEME,
        issuedTo: MINER,
        assessments: [
          {
            id: 'https://certifier.example/assessments/1',
            topic: 'social.labour',
            conformance: true,
            criteria: [],
            subjects: [{ kind: 'facility', id: MINE }],
            minerals: ['Co'],
            metrics: [],
          },
        ],
        validFrom: iso(0),
        status: [{ purpose: 'revocation', list: LIST, index: 5 }],
      },
      { id: CERTIFIER, name: 'Certifier' },
      { id: 'https://certifier.example/certificates/1' },
    );
    writeFileSync(file('cert.json'), JSON.stringify(cert));
    const issued = await cli([
      'credential',
      'issue',
      file('cert.json'),
      '--key',
      file('certifier.key.json'),
      '--out',
      file('cert.jws'),
      '--submit',
    ]);
    expect(issued.stdout).toMatch(/^registered: [0-9a-f]{64}/);
    // The certifier's list does not exist yet: revoking another entry creates it, empty but for that one.
    await cli(['credential', 'revoke', '--list', LIST, '--index', '9', '--key', file('certifier.key.json')]);
    const at = iso(0);

    const online = await cli(['verify', 'credential', file('cert.jws'), '--at', at, '--json']);
    expect(JSON.parse(online.stdout)).toMatchObject({ verified: true });
    await cli(['trust', 'export', '--out', file('trust.json')]);
    const operator = JSON.parse(readFileSync(file('trust.json'), 'utf8')).operator as string;
    const offline = await cli([
      'verify',
      'credential',
      file('cert.jws'),
      '--bundle',
      file('trust.json'),
      '--operator',
      operator,
      '--at',
      at,
    ]);
    expect(offline.stdout).toMatch(/^verified/);
    expect(offline.stdout).toMatch(/pass {2}accreditation: accredited by DAkkS \(DEU\)/);

    await cli(['credential', 'revoke', '--list', LIST, '--index', '5', '--key', file('certifier.key.json')]);
    const later = iso(0);
    const revoked = await cli(['verify', 'credential', file('cert.jws'), '--at', later], 1);
    expect(revoked.stdout).toMatch(
      /FAIL {2}status: https:\/\/certifier\.example\/certificates\/1 is revoked since/,
    );
    await cli(['trust', 'export', '--out', file('trust2.json')]);
    await cli(
      [
        'verify',
        'credential',
        file('cert.jws'),
        '--bundle',
        file('trust2.json'),
        '--operator',
        operator,
        '--at',
        later,
      ],
      1,
    );
    // Before the revocation, the verdict is what it was.
    await cli([
      'verify',
      'credential',
      file('cert.jws'),
      '--bundle',
      file('trust2.json'),
      '--operator',
      operator,
      '--at',
      at,
    ]);
  }, 180_000);

  it('refuses a certificate that does not conform, and a bundle from an operator not pinned', async () => {
    writeFileSync(
      file('bad.json'),
      JSON.stringify({
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        type: ['VerifiableCredential'],
      }),
    );
    const bad = await cli(['credential', 'issue', file('bad.json'), '--key', file('certifier.key.json')], 2);
    expect(bad.stderr).toMatch(/bad\.json/);
    const other = await cli(
      [
        'verify',
        'credential',
        file('cert.jws'),
        '--bundle',
        file('trust.json'),
        '--operator',
        'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
      ],
      2,
    );
    expect(other.stderr).toMatch(/not did:key:z6MkhaXg/);
  });
});
