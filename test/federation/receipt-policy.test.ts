/**
 * Issue 8 part 3: receipts verified against a C2SP tlog-policy. A node's checkpoint cosigned by its
 * witness meets a policy naming that witness; a quorum of two is not met by one cosignature; and the CLI
 * takes the policy file (`lodestone verify --policy`), whose log line stands in for --vkey.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateEd25519 } from '../../src/crypto/index.js';
import { formatVerifierKey, SIG_TYPE_COSIGNATURE_V1 } from '../../src/log/index.js';
import { type LodestoneNode, parsePolicy, type Receipt, verifyReceipt } from '../../src/service/index.js';
import { openTestNode, samplePayload, tempDir } from '../helpers/node.js';
import { runCli } from '../helpers/spawn-node.js';

describe('receipts against a witness quorum policy', () => {
  let node: LodestoneNode;
  let close: () => Promise<void>;
  let jws: string;
  let receipt: Receipt;
  let cosigned: Receipt;
  const otherWitness = formatVerifierKey(
    'other.example/witness',
    SIG_TYPE_COSIGNATURE_V1,
    generateEd25519().publicRaw,
  );

  beforeAll(async () => {
    const t = await openTestNode();
    node = t.node;
    close = t.close;
    jws = t.signer.sign(samplePayload(1));
    receipt = (await node.register(jws)).receipt;
    // The node's own witness cosigns the receipt's checkpoint (old 0: no proof needed).
    const reply = node.witness.addCheckpoint(`old 0\n\n${receipt.checkpoint}`);
    expect(reply.status).toBe(200);
    cosigned = { ...receipt, checkpoint: receipt.checkpoint + reply.body };
  });
  afterAll(() => close());

  const policy = (quorum: string) =>
    parsePolicy(
      [
        `log ${node.info.vkey}`,
        `witness home ${node.witness.info.vkey}`,
        `witness other ${otherWitness}`,
        'group both all home other',
        `quorum ${quorum}`,
        '',
      ].join('\n'),
    );

  it('passes when the quorum cosigned the checkpoint, and says who did', () => {
    const result = verifyReceipt(jws, cosigned, node.info.vkey, policy('home'));
    expect(result.ok).toBe(true);
    expect(result.checks.find((c) => c.name === 'witness-quorum')).toMatchObject({
      ok: true,
      detail: expect.stringContaining('home'),
    });
  });

  it('fails, with the reason, when the quorum is not met', () => {
    const uncosigned = verifyReceipt(jws, receipt, node.info.vkey, policy('home'));
    expect(uncosigned.ok).toBe(false);
    expect(uncosigned.checks.at(-1)).toMatchObject({ name: 'witness-quorum', ok: false });
    expect(verifyReceipt(jws, cosigned, node.info.vkey, policy('both')).ok).toBe(false);
    expect(verifyReceipt(jws, receipt, node.info.vkey, policy('none')).ok).toBe(true);
  });

  it('lodestone verify --policy: exit 0 when met, 1 when not, 2 for a malformed policy', async () => {
    const { dir, cleanup } = tempDir();
    try {
      writeFileSync(join(dir, 's.jws'), jws);
      writeFileSync(join(dir, 'cosigned.json'), JSON.stringify(cosigned));
      writeFileSync(join(dir, 'plain.json'), JSON.stringify(receipt));
      const text = (quorum: string) =>
        `log ${node.info.vkey}\nwitness home ${node.witness.info.vkey}\nquorum ${quorum}\n`;
      writeFileSync(join(dir, 'home.policy'), text('home'));
      writeFileSync(join(dir, 'bad.policy'), 'quorum nobody\n');
      const args = (r: string, p: string) => [
        'verify',
        '--statement',
        join(dir, 's.jws'),
        '--receipt',
        join(dir, r),
        '--policy',
        join(dir, p),
      ];
      const met = await runCli(args('cosigned.json', 'home.policy'));
      expect(met.code, met.stderr).toBe(0);
      expect(met.stdout).toMatch(/pass\s+witness-quorum/);
      const unmet = await runCli(args('plain.json', 'home.policy'));
      expect(unmet.code).toBe(1);
      expect(unmet.stdout).toMatch(/FAIL\s+witness-quorum/);
      const bad = await runCli(args('cosigned.json', 'bad.policy'));
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('line 1');
    } finally {
      cleanup();
    }
  }, 60_000);
});
