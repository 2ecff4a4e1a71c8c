/**
 * Peering over real HTTP on loopback: three nodes push their checkpoints to each other's witnesses,
 * serve the cosignatures they collect, survive a peer going down, and raise a split-view alarm when
 * a log shows two histories.
 */
import { cpSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { parsePolicy, verifyCheckpointWithPolicy } from '../../src/federation/index.js';
import {
  cleanupAll,
  cleanups,
  cluster,
  hashOf,
  listen,
  type Member,
  openMember,
  peersOf,
  registerSome,
  stop,
  stopAll,
  TIMING,
  until,
} from '../helpers/federation.js';
import { samplePayload, tempDir } from '../helpers/node.js';

function policyFor(m: Member, others: readonly Member[]): string {
  return [
    `log ${m.vkey}`,
    ...others.map((o, i) => `witness w${i + 1} ${o.witnessVkey}`),
    `group g 2 ${others.map((_, i) => `w${i + 1}`).join(' ')}`,
    'quorum g',
  ].join('\n');
}

/** The served checkpoint, once it is the node's latest and meets the 2-of-others policy. */
async function quorumCheckpoint(m: Member, members: readonly Member[]): Promise<string> {
  const policy = parsePolicy(
    `${policyFor(
      m,
      members.filter((o) => o !== m),
    )}\n`,
  );
  return until(async () => {
    const res = await fetch(`${m.url}/log/checkpoint`);
    const note = await res.text();
    if (!note.startsWith(m.node.checkpoint().split('\n\n')[0]!)) return undefined;
    const result = verifyCheckpointWithPolicy(note, policy);
    return result.ok ? note : undefined;
  });
}

afterEach(stopAll);

afterAll(cleanupAll);

describe('peering between three nodes', () => {
  it('serves checkpoints cosigned by both peers, and cosigns its peers', async () => {
    const members = await cluster(['ca', 'de', 'jp']);
    for (const m of members) await m.node.startPeering(peersOf(m, members), TIMING);
    for (const [i, m] of members.entries()) await registerSome(m, i * 10, 3);
    for (const m of members) {
      const note = await quorumCheckpoint(m, members);
      // The log's own signature stays first.
      expect(note.split('\n\n')[1]!.startsWith(`— ${m.origin} `)).toBe(true);
    }
    const status = (await (await fetch(`${members[0]!.url}/v1/federation/status`)).json()) as {
      peers: { origin: string; witnessVkey: string; theirSize: number; trusted: boolean }[];
      alarms: number;
    };
    expect(status.alarms).toBe(0);
    expect(status.peers.map((p) => p.origin)).toEqual([members[1]!.origin, members[2]!.origin]);
    expect(status.peers.every((p) => p.trusted && p.theirSize >= 4)).toBe(true);
    expect(status.peers[0]!.witnessVkey).toBe(members[1]!.witnessVkey);
    // Each node's witness cosigned its peers' logs (pull).
    await until(async () => (members[0]!.node.witness.origins.length === 3 ? true : undefined));
    // Per-peer metrics: both peers up, no alarms.
    const metrics = await (await fetch(`${members[0]!.url}/metrics`)).text();
    for (const peer of [members[1]!, members[2]!]) {
      expect(metrics).toContain(`lodestone_peer_up{origin="${peer.origin}"} 1`);
      expect(metrics).toMatch(
        new RegExp(`lodestone_peer_cosignature_lag\\{origin="${peer.origin.replaceAll('.', '\\.')}"\\} \\d+`),
      );
    }
    expect(metrics).toContain('lodestone_federation_alarms 0');
  }, 15_000);

  it('a peer that goes down and comes back loses nothing: cosigning resumes', async () => {
    const members = await cluster(['fr', 'it', 'es']);
    for (const m of members) await m.node.startPeering(peersOf(m, members), TIMING);
    await quorumCheckpoint(members[0]!, members);
    const down = members[2]!;
    await stop(down);
    await registerSome(members[0]!, 100, 2);
    const failing = await until(async () => {
      const s = members[0]!.node.federationStatus().peers[1]!;
      return s.lastError !== null ? s : undefined;
    });
    expect(failing.lastError).toMatch(/127\.0\.0\.1/);
    // Back on the same data directory and port.
    const node = openMember(down, members);
    const back = await listen({ ...down, node }, down.port);
    members[2] = back;
    await back.node.startPeering(peersOf(back, members), TIMING);
    await quorumCheckpoint(members[0]!, members);
    await quorumCheckpoint(back, members);
    expect(members[0]!.node.federationStatus().peers[1]!.lastError).toBeNull();
  }, 15_000);
});

describe('split-view detection', () => {
  it('raises an alarm with both signed checkpoints when a log equivocates', async () => {
    const [a, b] = await cluster(['nl', 'be']);
    if (!a || !b) throw new Error('cluster');
    await b.node.startPeering(peersOf(b, [a, b]), TIMING);
    // B's witness has cosigned A's current checkpoint.
    await until(async () => (b.node.witness.latest(await hashOf(a.origin)) ? true : undefined));
    // Fork A: a copy of its data directory with the same log key, then two different next entries.
    await stop(a);
    const { dir: forkDir, cleanup } = tempDir();
    cleanups.push(cleanup);
    cpSync(a.dir, forkDir, { recursive: true });
    const honest = await listen({ ...a, node: openMember(a, [a, b]) }, a.port);
    const fork = await listen({ ...a, dir: forkDir, node: openMember({ ...a, dir: forkDir }, [a, b]) });
    await registerSome(honest, 200, 1);
    await registerSome(fork, 300, 1);
    expect(fork.node.size).toBe(honest.node.size);
    expect(fork.node.checkpoint()).not.toBe(honest.node.checkpoint());
    // B peers with the honest node and, under the same origin and key, with the fork.
    await b.node.startPeering(
      [...peersOf(b, [honest, b]), { origin: a.origin, vkey: a.vkey, url: fork.url }],
      TIMING,
    );
    const alarms = await until(async () => {
      const body = (await (await fetch(`${b.url}/v1/federation/alarms`)).json()) as {
        alarms: { origin: string; kind: string; evidence: { first: string; second: string } }[];
      };
      return body.alarms.length > 0 ? body.alarms : undefined;
    });
    expect(alarms).toHaveLength(1);
    expect(alarms[0]!.origin).toBe(a.origin);
    const notes = [alarms[0]!.evidence.first, alarms[0]!.evidence.second].map((n) => n.split('\n\n')[0]);
    expect(notes.sort()).toEqual(
      [honest.node.checkpoint(), fork.node.checkpoint()].map((n) => n.split('\n\n')[0]).sort(),
    );
    expect(await (await fetch(`${b.url}/metrics`)).text()).toContain('lodestone_federation_alarms 1');
    const status = b.node.federationStatus();
    expect(status.alarms).toBe(1);
    expect(status.untrusted).toEqual([a.origin]);
    expect(status.peers.every((p) => !p.trusted)).toBe(true);

    // Only the operator decides; a distrust keeps the origin refused, a trust lifts the alarm, and
    // every decision is kept.
    const decide = (body: object, token = 'x'.repeat(32)) =>
      fetch(`${b.url}/v1/federation/alarms/${(alarms[0] as { id?: number }).id}/decision`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
    expect((await decide({ decision: 'trust', justification: 'no' }, 'y'.repeat(32))).status).toBe(403);
    expect((await decide({ decision: 'maybe', justification: 'no' })).status).toBe(400);
    expect((await decide({ decision: 'trust' })).status).toBe(400);
    const missing = await fetch(`${b.url}/v1/federation/alarms/999/decision`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${'x'.repeat(32)}` },
      body: JSON.stringify({ decision: 'trust', justification: 'x' }),
    });
    expect(((await missing.json()) as { code: string }).code).toBe('ALARM_NOT_FOUND');
    const distrusted = await decide({ decision: 'distrust', justification: 'the fork is live' });
    expect(distrusted.status).toBe(200);
    expect(b.node.federationStatus().untrusted).toEqual([a.origin]);
    const trusted = (await (await decide({ decision: 'trust', justification: 'fork retired' })).json()) as {
      decision: { decision: string; justification: string };
    };
    expect(trusted.decision).toMatchObject({ decision: 'trust', justification: 'fork retired' });
    expect(b.node.federationStatus().untrusted).toEqual([]);
  }, 20_000);
});

describe('receipts across member nations', () => {
  type Verdict = { ok: boolean; checks: { name: string; ok: boolean; detail: string }[] };
  const verify = async (at: Member, statement: string, receipt: unknown): Promise<Verdict> =>
    (await (
      await fetch(`${at.url}/v1/federation/receipts/verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ statement, receipt }),
      })
    ).json()) as Verdict;
  const failed = (v: Verdict) => v.checks.find((c) => !c.ok)?.name;
  const receiptOf = async (m: Member, id: string, cosigned: boolean) =>
    (await (
      await fetch(`${m.url}/v1/statements/${id}/receipt${cosigned ? '?cosigned=true' : ''}`)
    ).json()) as {
      checkpoint: string;
      proof: string[];
    };

  it('accepts a statement of another nation only under a checkpoint its witness quorum cosigned; refuses forgeries', async () => {
    const members = await cluster(['ca', 'de', 'jp']);
    const [ca, de, jp] = members;
    if (!ca || !de || !jp) throw new Error('cluster');
    for (const m of members) await m.node.startPeering(peersOf(m, members), TIMING);
    const jws = ca.signer.sign(samplePayload(900));
    const { receipt: fresh } = await ca.node.register(jws);
    const id = fresh.statement;
    // The latest checkpoint right after registration is cosigned by no one yet: not enough.
    const early = await verify(de, jws, fresh);
    expect(early.ok).toBe(false);
    expect(failed(early)).toBe('witness-quorum');
    // Once both other witnesses cosigned a checkpoint holding it, the cosigned receipt passes on DE.
    const receipt = await until(async () => {
      const r = await receiptOf(ca, id, true);
      return (await verify(de, jws, r)).ok ? r : undefined;
    });
    const good = await verify(de, jws, receipt);
    expect(good.checks.map((c) => c.name)).toEqual([
      'origin-known',
      'origin-trusted',
      'receipt-format',
      'statement-digest',
      'entry',
      'checkpoint-signature',
      'inclusion',
      'split-view',
      'witness-quorum',
    ]);
    expect((await verify(jp, jws, receipt)).ok).toBe(true);
    // Forgeries: another statement under the receipt, a changed proof, a checkpoint the log did not
    // sign, a log that is no peer.
    const other = ca.signer.sign(samplePayload(901));
    expect(failed(await verify(de, other, receipt))).toBe('statement-digest');
    const proof = [...receipt.proof];
    proof[0] = Buffer.alloc(32, 7).toString('base64');
    expect(failed(await verify(de, jws, { ...receipt, proof }))).toBe('inclusion');
    const [text, sigs] = receipt.checkpoint.split('\n\n') as [string, string];
    const resigned = `${text}\n\n${sigs.replace(/^(— \S+ )(\S+)$/m, (_, head: string, sig: string) => `${head}${Buffer.from(sig, 'base64').fill(1, 8).toString('base64')}`)}`;
    expect(failed(await verify(de, jws, { ...receipt, checkpoint: resigned }))).toBe('checkpoint-signature');
    const stranger = `elsewhere.example/log\n${text.split('\n').slice(1).join('\n')}\n\n${sigs}`;
    expect(failed(await verify(de, jws, { ...receipt, checkpoint: stranger }))).toBe('origin-known');
    expect(de.node.federationStatus().alarms).toBe(0);
  }, 20_000);

  it('a receipt under a checkpoint that contradicts the witnessed one raises an alarm and is refused', async () => {
    const members = await cluster(['fr', 'it']);
    const [fr, it_] = members;
    if (!fr || !it_) throw new Error('cluster');
    await it_.node.startPeering(peersOf(it_, members), TIMING);
    const witnessedSize = async () => {
      const note = it_.node.witness.latest(await hashOf(fr.origin));
      return note === undefined ? 0 : Number(note.split('\n')[1]);
    };
    await until(async () => ((await witnessedSize()) === fr.node.size ? true : undefined));
    // A fork of FR's log (same key), then one different statement on each: equal sizes, other roots.
    await stop(fr);
    const { dir: forkDir, cleanup } = tempDir();
    cleanups.push(cleanup);
    cpSync(fr.dir, forkDir, { recursive: true });
    const honest = await listen({ ...fr, node: openMember(fr, members) }, fr.port);
    const fork = openMember({ ...fr, dir: forkDir }, members);
    const genuine = honest.signer.sign(samplePayload(950));
    const { receipt: genuineReceipt } = await honest.node.register(genuine);
    const forged = honest.signer.sign(samplePayload(951));
    const { receipt } = await fork.register(forged);
    // IT's witness cosigns the honest history at the new size.
    await until(async () => ((await witnessedSize()) === honest.node.size ? true : undefined));
    expect(fork.size).toBe(honest.node.size);
    const verdict = await verify(it_, forged, receipt);
    expect(failed(verdict)).toBe('split-view');
    const alarms = it_.node.alarms();
    expect(alarms).toHaveLength(1);
    expect(alarms[0]).toMatchObject({ origin: fr.origin, kind: 'receipt-split-view' });
    expect(alarms[0]!.evidence.second).toBe(receipt.checkpoint);
    // From now on nothing of FR is accepted until the operator decides.
    expect(failed(await verify(it_, genuine, genuineReceipt))).toBe('origin-trusted');
    await fork.close();
  }, 20_000);
});
