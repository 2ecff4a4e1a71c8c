/** The pure parts of peering, a node without peers, and `lodestone federation status`. */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.js';
import {
  addCheckpointBody,
  appendSignatures,
  backoffMs,
  newWitnessCosigner,
  parsePeerSpec,
  verifiedCosignatures,
  witnessVerifier,
} from '../../src/federation/index.js';
import {
  formatSignerKey,
  formatVerifierKey,
  parseNote,
  parseSignerKey,
  SIG_TYPE_COSIGNATURE_V1,
  SIG_TYPE_ED25519,
  signNote,
} from '../../src/log/index.js';
import { assertBuilt, runCli } from '../helpers/cli.js';
import { openTestNode } from '../helpers/node.js';

function witnessKey(name: string, fill: number): { vkey: string; seed: Buffer } {
  const seed = Buffer.alloc(32, fill);
  const { publicKey } = parseSignerKey(formatSignerKey(name, seed));
  return { seed, vkey: formatVerifierKey(name, SIG_TYPE_COSIGNATURE_V1, publicKey) };
}

describe('peer specs', () => {
  let vkey: string;
  beforeAll(async () => {
    const t = await openTestNode({ verifyThreads: 0 });
    vkey = t.node.info.vkey;
    await t.close();
  });

  it('parses <origin>=<vkey>@<url>, dropping a trailing slash', () => {
    const peer = parsePeerSpec(`test.lodestone.example/log=${vkey}@http://127.0.0.1:8701/`);
    expect(peer).toEqual({ origin: 'test.lodestone.example/log', vkey, url: 'http://127.0.0.1:8701' });
  });

  it.each([
    ['no vkey', 'test.lodestone.example/log@http://x'],
    ['no url', `test.lodestone.example/log=${'v'}`],
    ['another origin than the key name', `other.example/log=VKEY@http://x`],
    ['a non-HTTP URL', `test.lodestone.example/log=VKEY@file:///etc/passwd`],
    ['a bad vkey', 'test.lodestone.example/log=nope@http://x'],
  ])('refuses %s (PEER_CONFIG_INVALID)', (_what, spec) => {
    expect(() => parsePeerSpec(spec.replace('VKEY', vkey))).toThrow(
      expect.objectContaining({ code: 'PEER_CONFIG_INVALID' }),
    );
  });

  it('refuses a log key given as a witness key', () => {
    expect(() => witnessVerifier(vkey)).toThrow(expect.objectContaining({ code: 'PEER_CONFIG_INVALID' }));
  });
});

describe('cosignatures', () => {
  it('keeps only lines the witness really signed, and appends them after the log signature', async () => {
    const t = await openTestNode({ verifyThreads: 0 });
    try {
      const note = t.node.checkpoint();
      const good = witnessKey('w.example/witness', 7);
      const forger = witnessKey('w.example/witness', 8);
      const cosign = (seed: Buffer): string => {
        const signer = newWitnessCosigner('w.example/witness', seed, () => 1_700_000_000);
        const signed = signNote(parseNote(note).text, [signer]);
        return signed.trimEnd().split('\n').pop()!;
      };
      const goodLine = cosign(good.seed);
      const forgedLine = cosign(forger.seed);
      const verifier = witnessVerifier(good.vkey);
      expect(verifiedCosignatures(note, `${forgedLine}\n${goodLine}\n`, verifier)).toEqual([goodLine]);
      expect(() => verifiedCosignatures(note, `${forgedLine}\n`, verifier)).toThrow(
        expect.objectContaining({ code: 'PEER_PROTOCOL' }),
      );
      const served = appendSignatures(note, [goodLine, goodLine]);
      expect(served).toBe(`${note}${goodLine}\n`);
      expect(appendSignatures(served, [goodLine])).toBe(served);
    } finally {
      await t.close();
    }
  });

  it('formats add-checkpoint bodies and backs off exponentially to a ceiling', () => {
    expect(addCheckpointBody(3, ['AA==', 'BB=='], 'cp\n')).toBe('old 3\nAA==\nBB==\n\ncp\n');
    expect(addCheckpointBody(0, [], 'cp\n')).toBe('old 0\n\ncp\n');
    expect([0, 1, 2, 3, 10].map((f) => backoffMs(f, 100, 500))).toEqual([100, 100, 200, 400, 500]);
  });
});

describe('a node without peers', () => {
  let t: Awaited<ReturnType<typeof openTestNode>>;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let url: string;
  beforeAll(async () => {
    t = await openTestNode({ verifyThreads: 0 });
    app = await buildApp({ node: t.node, operatorToken: 'x'.repeat(32), logLevel: false });
    await app.listen({ host: '127.0.0.1', port: 0 });
    url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  it('serves its checkpoint unchanged, no peers and no alarms', async () => {
    expect(await (await fetch(`${url}/log/checkpoint`)).text()).toBe(t.node.checkpoint());
    expect(await (await fetch(`${url}/v1/federation/status`)).json()).toEqual({
      peers: [],
      alarms: 0,
      untrusted: [],
    });
    expect(await (await fetch(`${url}/v1/federation/alarms`)).json()).toEqual({ alarms: [] });
  });

  it('`lodestone federation status` prints it, as text or JSON', async () => {
    assertBuilt();
    const text = await runCli(['federation', 'status', '--url', url]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('no peers configured');
    expect(text.stdout).toContain('alarms: none');
    const json = await runCli(['federation', 'status', '--url', url, '--json']);
    expect(JSON.parse(json.stdout)).toEqual({ peers: [], alarms: 0, untrusted: [] });
  });

  it('refuses a peer whose log it does not witness', () => {
    const { publicKey } = parseSignerKey(formatSignerKey('x.example/log', Buffer.alloc(32, 1)));
    const vkey = formatVerifierKey('x.example/log', SIG_TYPE_ED25519, publicKey);
    expect(() => t.node.startPeering([{ origin: 'x.example/log', vkey, url: 'http://127.0.0.1:1' }])).toThrow(
      /not a witnessed log/,
    );
    expect(t.node.federationStatus().peers).toEqual([]);
  });
});
